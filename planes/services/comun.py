"""Helpers shared by the services of plans."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.models import Usuario
from cooperacion.core.services import ErrorDeDominio, notificar


def validar(obj, excluir=None) -> None:
    try:
        obj.full_clean(exclude=excluir)
    except ValidationError as error:
        raise ErrorDeDominio(" ".join(dict.fromkeys(error.messages))) from error


def guardar(obj, usuario, campos=None, motivo: str = "") -> None:
    obj._history_user = usuario
    if motivo:
        obj._change_reason = motivo[:100]
    obj.save(update_fields=campos)


def texto(valor) -> str:
    return (valor or "").strip()


def requerido(valor, mensaje: str) -> str:
    valor = texto(valor)
    if not valor:
        raise ErrorDeDominio(mensaje)
    return valor


def usuarios_con_rol(*nombres, dependencia_ids=None) -> list[Usuario]:
    consulta = Usuario.objects.filter(groups__name__in=nombres, is_active=True)
    if dependencia_ids is not None:
        consulta = consulta.filter(dependencia_id__in=list(dependencia_ids))
    return list(consulta.distinct().order_by("pk"))


def planeacion() -> list[Usuario]:
    return usuarios_con_rol(roles.PLANEACION)


def control_interno() -> list[Usuario]:
    return usuarios_con_rol(roles.CONTROL_INTERNO)


def personal_de(dependencia_id) -> list[Usuario]:
    return usuarios_con_rol(roles.PROFESIONAL, roles.JEFE, dependencia_ids=[dependencia_id])


def avisar(usuarios, *, excepto=None, titulo: str, mensaje: str = "", url: str = "") -> int:
    """In-app notice (and its e-mail through the outbox) to each user once, except the one who acted."""
    vistos = set()
    for usuario in usuarios:
        if usuario is None or usuario.pk in vistos or usuario.pk == getattr(excepto, "pk", None):
            continue
        vistos.add(usuario.pk)
        if usuario.is_active:
            notificar(usuario=usuario, titulo=titulo, mensaje=mensaje, url=url)
    return len(vistos)


def fecha(valor) -> str:
    return valor.strftime("%d/%m/%Y") if valor else _("sin fecha")

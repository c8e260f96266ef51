"""Writes on dialogue spaces and on the citizens' questions: receive them from the public form, moderate, answer."""

import hashlib
import re
from datetime import date, datetime, timedelta
from typing import Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import salidas
from cooperacion.core.calendario import sumar_dias_habiles
from cooperacion.core.correo import enlace_absoluto, enviar_correo
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Dependencia, Usuario
from cooperacion.core.services import aplicar_transicion
from cooperacion.core.tipos import historia

from .. import permissions
from ..models import (
    AccionRendicion,
    Configuracion,
    EspacioDialogo,
    Estrategia,
    ItemEncuesta,
    PreguntaCiudadana,
    TextoConsentimiento,
)
from .comun import avisar, fecha_en_ventana, guardar, personal_de, texto, texto_requerido, validar

CAMPOS_EDITABLES = frozenset({"tipo", "nombre", "descripcion", "fecha", "lugar", "enlace", "aviso", "accion"})
RESPUESTA_AL_CIUDADANO = "rendicion.respuesta_al_ciudadano"
LARGO_MAXIMO_RESPUESTA = 10000


def aviso_desde(fecha: datetime, configuracion: Configuracion | None = None, hoy: date | None = None) -> date:
    """The day the notice of a space goes public: the configured days before it, never before it was convened."""
    configuracion = configuracion or Configuracion.vigente()
    hoy = hoy or timezone.localdate()
    return max(timezone.localtime(fecha).date() - timedelta(days=configuracion.dias_aviso_espacio), hoy)


def _validar_espacio(espacio: EspacioDialogo) -> None:
    fecha_en_ventana(espacio.fecha, _("Fecha del espacio"))
    if espacio.accion is not None and espacio.accion.estrategia_id != espacio.estrategia_id:
        raise ErrorDeDominio(_("La acción elegida no es de la estrategia del espacio."))
    validar(espacio)


@transaction.atomic
def espacio_crear(
    *,
    usuario: Usuario,
    estrategia: Estrategia,
    tipo: str,
    nombre: str,
    fecha: datetime,
    dependencia: Dependencia | None = None,
    accion: AccionRendicion | None = None,
    descripcion: str = "",
    lugar: str = "",
    enlace: str = "",
    aviso: str = "",
) -> EspacioDialogo:
    """Prepare a dialogue space. A Profesional or Jefe organizes it for their dependencia; Planeación and the
    Administrador choose the organizing dependencia."""
    if not permissions.can_crear_espacio(usuario):
        raise ErrorDeDominio(_("Su rol no organiza espacios de diálogo."))
    if not permissions.gestiona_la_estrategia(usuario) or dependencia is None:
        dependencia = usuario.dependencia
    if dependencia is None:
        raise ErrorDeDominio(_("Indique la dependencia que organiza el espacio."))
    espacio = EspacioDialogo(
        estrategia=estrategia,
        accion=accion,
        tipo=tipo,
        nombre=texto_requerido(nombre, _("Escriba el nombre del espacio.")),
        fecha=fecha,
        dependencia=dependencia,
        descripcion=texto(descripcion),
        lugar=texto(lugar),
        enlace=texto(enlace),
        aviso=texto(aviso),
    )
    _validar_espacio(espacio)
    guardar(espacio, usuario)
    return espacio


@transaction.atomic
def espacio_editar(*, espacio: EspacioDialogo, usuario: Usuario, **cambios: Any) -> EspacioDialogo:
    """Change a space before it takes place; moving the date of a convened space moves its public notice."""
    desconocidos = set(cambios) - CAMPOS_EDITABLES
    if desconocidos:
        raise TypeError(f"Campos no editables: {', '.join(sorted(desconocidos))}")
    if not permissions.can_editar_espacio(usuario, espacio):
        raise ErrorDeDominio(_("Este espacio ya no se puede modificar, o su dependencia no lo organiza."))
    campos = []
    for campo, valor in cambios.items():
        valor = texto(valor)
        if getattr(espacio, campo) != valor:
            setattr(espacio, campo, valor)
            campos.append(campo)
    texto_requerido(espacio.nombre, _("Escriba el nombre del espacio."))
    if espacio.estado == EspacioDialogo.Estado.CONVOCADO:
        _exigir_convocatoria(espacio)
        if "fecha" in campos:
            espacio.aviso_desde = min(espacio.aviso_desde or timezone.localdate(), aviso_desde(espacio.fecha))
            campos.append("aviso_desde")
    if campos:
        _validar_espacio(espacio)
        guardar(espacio, usuario, campos)
    return espacio


def _exigir_convocatoria(espacio: EspacioDialogo) -> None:
    texto_requerido(espacio.aviso, _("Escriba el aviso público del espacio antes de convocarlo."))
    if not (espacio.lugar or espacio.enlace):
        raise ErrorDeDominio(_("Indique el lugar o el enlace del espacio."))
    if espacio.fecha <= timezone.now():
        raise ErrorDeDominio(_("La fecha del espacio debe ser posterior a este momento."))


@transaction.atomic
def espacio_convocar(*, espacio: EspacioDialogo, usuario: Usuario, motivo: str = "") -> EspacioDialogo:
    """Approve the notice: it goes on the public pages the configured days before the space (or today, if later),
    and the question form opens then."""
    if not permissions.organiza(usuario, espacio):
        raise ErrorDeDominio(
            _("Solo la dependencia que organiza el espacio, Planeación o el Administrador lo convocan.")
        )
    _exigir_convocatoria(espacio)
    espacio.aviso_desde = aviso_desde(espacio.fecha)
    espacio.convocado_en = timezone.now()
    return aplicar_transicion(
        espacio,
        "convocar",
        usuario=usuario,
        motivo=texto(motivo) or _("Aviso publicado desde el %(f)s") % {"f": espacio.aviso_desde.strftime("%d/%m/%Y")},
        campos=("estado", "aviso_desde", "convocado_en"),
    )


@transaction.atomic
def espacio_realizar(*, espacio: EspacioDialogo, usuario: Usuario, motivo: str = "") -> EspacioDialogo:
    """The space took place (its date has arrived): attendance, minutes and the survey are recorded next."""
    if not permissions.organiza(usuario, espacio):
        raise ErrorDeDominio(
            _("Solo la dependencia que organiza el espacio, Planeación o el Administrador lo registran.")
        )
    if timezone.localtime(espacio.fecha).date() > timezone.localdate():
        raise ErrorDeDominio(_("El espacio aún no ha llegado a su fecha."))
    espacio.realizado_en = timezone.now()
    return aplicar_transicion(
        espacio, "realizar", usuario=usuario, motivo=texto(motivo), campos=("estado", "realizado_en")
    )


@transaction.atomic
def espacio_cancelar(*, espacio: EspacioDialogo, usuario: Usuario, motivo: str) -> EspacioDialogo:
    if not permissions.organiza(usuario, espacio):
        raise ErrorDeDominio(
            _("Solo la dependencia que organiza el espacio, Planeación o el Administrador lo cancelan.")
        )
    motivo = texto_requerido(motivo, _("Indique por qué se cancela el espacio."))
    return aplicar_transicion(espacio, "cancelar", usuario=usuario, motivo=motivo)


@transaction.atomic
def espacio_registrar_resultados(
    *,
    espacio: EspacioDialogo,
    usuario: Usuario,
    asistentes: int | None,
    conclusiones: str = "",
    encuesta_respuestas: int | None = None,
    acta: File[bytes] | None = None,
) -> EspacioDialogo:
    """Attendance, minutes, conclusions and how many answered the evaluation survey of a space that took place."""
    if not permissions.can_registrar_resultados(usuario, espacio):
        raise ErrorDeDominio(_("Los resultados se registran cuando el espacio ya se realizó."))
    nuevos: dict[str, object] = {
        "asistentes": asistentes,
        "conclusiones": texto(conclusiones),
        "encuesta_respuestas": encuesta_respuestas,
    }
    if acta:
        nuevos["acta"] = acta
    campos = [c for c, v in nuevos.items() if c == "acta" or getattr(espacio, c) != v]
    for campo in campos:
        setattr(espacio, campo, nuevos[campo])
    if campos:
        validar(espacio)
        guardar(espacio, usuario, campos)
    return espacio


@transaction.atomic
def encuesta_agregar(
    *, espacio: EspacioDialogo, usuario: Usuario, pregunta: str, excelente: int, bueno: int, regular: int, malo: int
) -> ItemEncuesta:
    """One question of the evaluation survey with how many chose each option."""
    if not permissions.can_registrar_resultados(usuario, espacio):
        raise ErrorDeDominio(_("La encuesta se registra cuando el espacio ya se realizó."))
    item = ItemEncuesta(
        espacio=espacio,
        pregunta=texto_requerido(pregunta, _("Escriba la pregunta de la encuesta.")),
        excelente=excelente or 0,
        bueno=bueno or 0,
        regular=regular or 0,
        malo=malo or 0,
        orden=espacio.encuesta.count() + 1,
    )
    validar(item)
    guardar(item, usuario)
    return item


@transaction.atomic
def encuesta_quitar(*, item: ItemEncuesta, usuario: Usuario) -> None:
    if not permissions.can_registrar_resultados(usuario, item.espacio):
        raise ErrorDeDominio(_("La encuesta se modifica cuando el espacio ya se realizó."))
    historia(item)._history_user = usuario
    item.delete()


# Citizens' questions ------------------------------------------------------------------------------


def huella(correo: str, texto_pregunta: str) -> str:
    """The same person asking the same thing (ignoring case and spacing) gives the same fingerprint."""
    normal = re.sub(r"\s+", " ", texto_pregunta).strip().casefold()
    return hashlib.sha256(f"{correo.strip().casefold()}\n{normal}".encode()).hexdigest()


def pregunta_recibir(
    *,
    espacio: EspacioDialogo,
    nombre: str,
    correo: str,
    texto_pregunta: str,
    consentimiento: TextoConsentimiento | None,
    acepta: bool,
    ahora: datetime | None = None,
) -> tuple[PreguntaCiudadana, bool]:
    """A question from the public form. Without consent nothing is stored. A repeat of the same question by the
    same person is not stored twice: (the question, whether it is new)."""
    if not acepta or consentimiento is None:
        raise ErrorDeDominio(_("Para enviar la pregunta debe autorizar el tratamiento de sus datos personales."))
    ahora = ahora or timezone.now()
    if not espacio.recibe_preguntas(ahora):
        raise ErrorDeDominio(_("Este espacio de diálogo ya no recibe preguntas."))
    nombre = texto_requerido(nombre, _("Escriba su nombre."))
    correo = texto_requerido(correo, _("Escriba su correo electrónico.")).lower()
    texto_pregunta = texto_requerido(texto_pregunta, _("Escriba su pregunta."))
    if len(texto_pregunta) > PreguntaCiudadana.LARGO_MAXIMO:
        raise ErrorDeDominio(_("La pregunta admite hasta %(n)s caracteres.") % {"n": PreguntaCiudadana.LARGO_MAXIMO})
    firma = huella(correo, texto_pregunta)
    configuracion = Configuracion.vigente()
    pregunta = PreguntaCiudadana(
        espacio=espacio,
        nombre=nombre,
        correo=correo,
        texto=texto_pregunta,
        huella=firma,
        consentimiento=consentimiento,
        consentimiento_en=ahora,
        recibida_en=ahora,
        fecha_limite_respuesta=sumar_dias_habiles(timezone.localtime(ahora).date(), configuracion.dias_respuesta),
    )
    validar(pregunta, excluir=["huella"])
    try:
        with transaction.atomic():
            guardar(pregunta, None)
            avisar(
                personal_de([espacio.dependencia_id]),
                titulo=_("Nueva pregunta ciudadana por moderar: %(e)s") % {"e": espacio.nombre},
                mensaje=_("Respóndala a más tardar el %(f)s.")
                % {"f": pregunta.fecha_limite_respuesta.strftime("%d/%m/%Y")},
                url=pregunta.get_absolute_url(),
            )
    except IntegrityError:
        previa = PreguntaCiudadana.objects.filter(espacio=espacio, huella=firma).first()
        if previa is None:
            raise
        return previa, False
    return pregunta, True


def _exigir_moderacion(usuario: Usuario, pregunta: PreguntaCiudadana) -> None:
    if not permissions.modera(usuario, pregunta):
        raise ErrorDeDominio(
            _("Solo la dependencia que organiza el espacio, Planeación o el Administrador moderan sus preguntas.")
        )


def _moderada(pregunta: PreguntaCiudadana, usuario: Usuario) -> list[str]:
    pregunta.moderada_por = usuario
    pregunta.moderada_en = timezone.now()
    return ["moderada_por", "moderada_en"]


@transaction.atomic
def pregunta_aceptar(*, pregunta: PreguntaCiudadana, usuario: Usuario, motivo: str = "") -> PreguntaCiudadana:
    """Publish the question on the space's public page; the answer is still due."""
    _exigir_moderacion(usuario, pregunta)
    campos = _moderada(pregunta, usuario)
    return aplicar_transicion(pregunta, "aceptar", usuario=usuario, motivo=texto(motivo), campos=("estado", *campos))


@transaction.atomic
def pregunta_rechazar(
    *, pregunta: PreguntaCiudadana, usuario: Usuario, codigo: str, motivo: str = ""
) -> PreguntaCiudadana:
    """Do not publish the question: spam, offensive, or out of the space's scope (the reason code is kept)."""
    _exigir_moderacion(usuario, pregunta)
    if codigo not in PreguntaCiudadana.Motivo.values:
        raise ErrorDeDominio(_("Elija el motivo del rechazo: spam, lenguaje ofensivo o fuera de alcance."))
    pregunta.motivo_rechazo = codigo
    pregunta.nota_moderacion = texto(motivo)
    campos = _moderada(pregunta, usuario)
    etiqueta = str(PreguntaCiudadana.Motivo(codigo).label)
    return aplicar_transicion(
        pregunta,
        "rechazar",
        usuario=usuario,
        motivo=f"{etiqueta}. {texto(motivo)}".strip(". ") if motivo else etiqueta,
        campos=("estado", "motivo_rechazo", "nota_moderacion", *campos),
    )


def pregunta_rechazar_spam(*, pregunta: PreguntaCiudadana, usuario: Usuario, motivo: str = "") -> PreguntaCiudadana:
    return pregunta_rechazar(pregunta=pregunta, usuario=usuario, codigo=PreguntaCiudadana.Motivo.SPAM, motivo=motivo)


def pregunta_rechazar_ofensiva(*, pregunta: PreguntaCiudadana, usuario: Usuario, motivo: str = "") -> PreguntaCiudadana:
    return pregunta_rechazar(
        pregunta=pregunta, usuario=usuario, codigo=PreguntaCiudadana.Motivo.OFENSIVA, motivo=motivo
    )


def pregunta_rechazar_fuera_de_alcance(
    *, pregunta: PreguntaCiudadana, usuario: Usuario, motivo: str = ""
) -> PreguntaCiudadana:
    return pregunta_rechazar(
        pregunta=pregunta, usuario=usuario, codigo=PreguntaCiudadana.Motivo.FUERA_DE_ALCANCE, motivo=motivo
    )


@transaction.atomic
def pregunta_responder(*, pregunta: PreguntaCiudadana, usuario: Usuario, respuesta: str) -> PreguntaCiudadana:
    """Answer the question: the answer is published with it and e-mailed to the citizen (through the outbox)."""
    _exigir_moderacion(usuario, pregunta)
    respuesta = texto_requerido(respuesta, _("Escriba la respuesta."))
    if len(respuesta) > LARGO_MAXIMO_RESPUESTA:
        raise ErrorDeDominio(_("La respuesta admite hasta %(n)s caracteres.") % {"n": LARGO_MAXIMO_RESPUESTA})
    pregunta.respuesta = respuesta
    pregunta.respondida_por = usuario
    pregunta.respondida_en = timezone.now()
    campos = ["respuesta", "respondida_por", "respondida_en"]
    if pregunta.moderada_en is None:
        campos += _moderada(pregunta, usuario)
    aplicar_transicion(
        pregunta, "responder", usuario=usuario, motivo=_("Respuesta publicada"), campos=("estado", *campos)
    )
    salidas.encolar(RESPUESTA_AL_CIUDADANO, pregunta.pk)
    return pregunta


@salidas.efecto(RESPUESTA_AL_CIUDADANO)
def respuesta_al_ciudadano_enviar(pregunta_id: int) -> bool:
    """E-mail the published answer to the citizen once (the row lock and `respuesta_enviada_en` make a repeat
    harmless)."""
    with transaction.atomic():
        pregunta = (
            PreguntaCiudadana.objects.select_for_update(of=("self",))
            .select_related("espacio")
            .filter(pk=pregunta_id, estado=PreguntaCiudadana.Estado.RESPONDIDA)
            .first()
        )
        if pregunta is None or pregunta.respuesta_enviada_en or not pregunta.correo:
            return False
        enviar_correo(
            destinatarios=[pregunta.correo],
            asunto=_("Respuesta a su pregunta %(r)s") % {"r": pregunta.referencia},
            plantilla="rendicion/correo/respuesta",
            contexto={"pregunta": pregunta, "enlace": enlace_absoluto(pregunta.get_public_url())},
        )
        pregunta.respuesta_enviada_en = timezone.now()
        pregunta.save(update_fields=["respuesta_enviada_en"])
    return True

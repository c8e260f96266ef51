"""Writes of tasks 3 and 4: the oficio informativo, its addressees and their answers, the information meeting,
and the commitments (critical control point «Aplicación de la convocatoria»)."""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cooperacion.core import reportes, roles, salidas
from cooperacion.core.correo import enviar_correo
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Dependencia, Notificacion, Usuario
from cooperacion.core.services import aplicar_transicion, contexto_de_reporte, tarea_cumplida
from cooperacion.core.textos import resumir
from cooperacion.core.tipos import historia

from .. import permissions, procedimiento
from ..models import Aviso, Compromiso, Convocatoria, Destinatario
from .comun import avisar, bloquear, guardar, jefes_de, personal_de, tarea, texto_requerido, validar

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ESTADOS_DEL_AVISO = (Convocatoria.Estado.VALIDADA, Convocatoria.Estado.INFORMADA)


def _fecha_larga(valor: date | datetime) -> str:
    meses = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
    if isinstance(valor, datetime):
        valor = timezone.localtime(valor).date()
    return f"{valor.day} de {meses[valor.month - 1]} de {valor.year}"


def oficio_por_defecto(convocatoria: Convocatoria) -> tuple[str, str]:
    """The subject and text the office starts from; both are editable before sending."""
    asunto = _("Convocatoria «%(nombre)s» de %(cooperante)s") % {
        "nombre": convocatoria.nombre,
        "cooperante": convocatoria.cooperante.sigla or convocatoria.cooperante.nombre,
    }
    texto = _(
        "Respetados señores:\n\n"
        "La %(oficina)s se permite informarles que %(cooperante)s tiene abierta la convocatoria «%(nombre)s», "
        "en la modalidad de cooperación %(modalidad)s, cuyas características se resumen en la ficha de este oficio. "
        "Teniendo en cuenta el perfil de la convocatoria, consideramos que su dependencia u organización puede estar "
        "interesada en participar.\n\n"
        "La convocatoria cierra el %(cierre)s. Les solicitamos comunicar por este medio, a la mayor brevedad, si "
        "desean participar en la aplicación. En caso de no participar, les agradecemos responder mediante oficio "
        "explicando las causales de la no participación.\n\n"
        "Si requieren mayor información sobre las características de la convocatoria, con gusto programaremos un "
        "encuentro informativo."
    ) % {
        "oficina": convocatoria.dependencia.nombre,
        "cooperante": convocatoria.cooperante.nombre,
        "nombre": convocatoria.nombre,
        "modalidad": str(convocatoria.modalidad).lower(),
        "cierre": _fecha_larga(convocatoria.fecha_cierre),
    }
    return asunto, texto


def _oficina_y_estado(
    usuario: Usuario, convocatoria: Convocatoria, estados: Collection[str], mensaje_estado: StrOrPromise
) -> None:
    if not permissions.es_de_la_oficina(usuario, convocatoria):
        raise ErrorDeDominio(
            _("Solo un profesional o el jefe de la dependencia, o el Administrador, gestiona este paso.")
        )
    if convocatoria.estado not in estados:
        raise ErrorDeDominio(mensaje_estado)


@transaction.atomic
def aviso_guardar(
    *, convocatoria: Convocatoria, usuario: Usuario, asunto: str, texto: str, numero_oficio: str = ""
) -> Aviso:
    """Write or edit the oficio informativo before it is sent."""
    bloquear(convocatoria)
    _oficina_y_estado(
        usuario, convocatoria, ESTADOS_DEL_AVISO, _("El oficio se prepara cuando la convocatoria está validada.")
    )
    aviso = Aviso.objects.filter(convocatoria=convocatoria).first() or Aviso(convocatoria=convocatoria)
    if aviso.estado == Aviso.Estado.FIRMADO or aviso.enviado_en:
        raise ErrorDeDominio(_("El oficio ya fue firmado y enviado: su texto no se modifica."))
    if aviso.estado == Aviso.Estado.POR_FIRMAR:
        raise ErrorDeDominio(
            _("El oficio está en la firma del jefe: pídale que lo devuelva para cambiar su texto."), campo="texto"
        )
    aviso.asunto = texto_requerido(asunto, _("Indique el asunto del oficio."))
    aviso.texto = texto_requerido(texto, _("Escriba el texto del oficio."))
    aviso.numero_oficio = (numero_oficio or "").strip()
    validar(aviso, excluir=["convocatoria"])
    guardar(aviso, usuario)
    return aviso


@transaction.atomic
def destinatario_agregar(
    *,
    convocatoria: Convocatoria,
    usuario: Usuario,
    dependencia: Dependencia | None = None,
    organizacion: str = "",
    correo: str = "",
) -> Destinatario:
    """Add a dependencia or an outside organization to the addressees of the oficio."""
    bloquear(convocatoria)
    _oficina_y_estado(
        usuario,
        convocatoria,
        ESTADOS_DEL_AVISO,
        _("Los destinatarios se agregan cuando la convocatoria está validada."),
    )
    organizacion = (organizacion or "").strip()
    correo = (correo or "").strip()
    if dependencia is None and not organizacion:
        raise ErrorDeDominio(_("Elija una dependencia o escriba el nombre de la organización."))
    if dependencia is not None and organizacion:
        raise ErrorDeDominio(_("Indique una dependencia o una organización, no ambas."))
    if dependencia is not None and dependencia.pk == convocatoria.dependencia_id:
        raise ErrorDeDominio(_("La dependencia que gestiona la convocatoria no se informa a sí misma."))
    if organizacion and not correo:
        raise ErrorDeDominio(_("Indique el correo de la organización para enviarle el oficio."))
    if dependencia is not None and not correo and not any(j.email for j in jefes_de(dependencia.pk)):
        raise ErrorDeDominio(_("La dependencia no tiene un jefe con correo registrado: indique un correo."))
    destinatario = Destinatario(
        convocatoria=convocatoria, dependencia=dependencia, organizacion=organizacion, correo=correo
    )
    validar(destinatario)
    guardar(destinatario, usuario)
    return destinatario


@transaction.atomic
def destinatario_quitar(*, destinatario: Destinatario, usuario: Usuario) -> None:
    """Remove an addressee who has not been sent the oficio yet."""
    convocatoria = destinatario.convocatoria
    bloquear(convocatoria)
    _oficina_y_estado(usuario, convocatoria, ESTADOS_DEL_AVISO, _("Ya no se pueden cambiar los destinatarios."))
    if destinatario.notificado_en:
        raise ErrorDeDominio(_("Ese destinatario ya recibió el oficio: no se puede quitar."))
    historia(destinatario)._history_user = usuario
    destinatario.delete()


def correos_de(destinatario: Destinatario, jefes: dict[int, list[Usuario]]) -> list[str]:
    if destinatario.correo:
        return [destinatario.correo]
    if destinatario.dependencia_id is None:
        return []
    return sorted({j.email for j in jefes.get(destinatario.dependencia_id, []) if j.email})


def _firma_del_jefe(usuario: Usuario, convocatoria: Convocatoria) -> None:
    """The oficio goes out in the name and under the charge of a Jefe of the office: only that Jefe signs it."""
    if not (usuario.tiene_rol(roles.JEFE) and usuario.dependencia_id == convocatoria.dependencia_id):
        raise ErrorDeDominio(_("Solo un jefe de la dependencia firma el oficio: se envía con su nombre y su cargo."))


@transaction.atomic
def aviso_solicitar_firma(*, aviso: Aviso, usuario: Usuario, motivo: str = "") -> Aviso:
    """The office asks the Jefe to sign: the text is final until the Jefe signs it or returns it."""
    convocatoria = aviso.convocatoria
    bloquear(convocatoria)
    _oficina_y_estado(
        usuario, convocatoria, ESTADOS_DEL_AVISO, _("El oficio se prepara cuando la convocatoria está validada.")
    )
    if not convocatoria.destinatarios.exists():
        raise ErrorDeDominio(_("Agregue al menos un destinatario antes de pedir la firma."))
    aplicar_transicion(aviso, "solicitar_firma", usuario=usuario, motivo=motivo.strip())
    avisar(
        jefes_de(convocatoria.dependencia_id),
        excepto=usuario,
        titulo=_("Oficio por firmar: %(c)s") % {"c": convocatoria.titulo},
        mensaje=_("%(q)s le pide revisar y firmar el oficio informativo, que se envía con su nombre.") % {"q": usuario},
        url=aviso.get_absolute_url(),
        tarea=tarea(aviso, "firmar"),
    )
    return aviso


@transaction.atomic
def aviso_devolver(*, aviso: Aviso, usuario: Usuario, motivo: str) -> Aviso:
    """The Jefe returns the oficio with observations: the office edits it again."""
    convocatoria = aviso.convocatoria
    bloquear(convocatoria)
    _firma_del_jefe(usuario, convocatoria)
    motivo = texto_requerido(motivo, _("Escriba las observaciones para devolver el oficio."))
    aplicar_transicion(aviso, "devolver", usuario=usuario, motivo=motivo)
    tarea_cumplida(tarea=tarea(aviso, "firmar"))
    avisar(
        [convocatoria.responsable],
        excepto=usuario,
        titulo=_("Oficio devuelto: %(c)s") % {"c": convocatoria.titulo},
        mensaje=motivo,
        url=aviso.get_absolute_url(),
    )
    return aviso


def aviso_firmar(*, aviso: Aviso, usuario: Usuario, motivo: str = "") -> list[Destinatario]:
    """«Firmar y enviar» from the oficio's page (the Flujo's action)."""
    return convocatoria_informar(convocatoria=aviso.convocatoria, usuario=usuario, motivo=motivo)


@transaction.atomic
def convocatoria_informar(*, convocatoria: Convocatoria, usuario: Usuario, motivo: str = "") -> list[Destinatario]:
    """Task 3. The first time: the Jefe signs the oficio, its PDF is kept as signed and it is e-mailed to every
    addressee (through the outbox, after commit). Later, the office sends that same signed oficio to the
    addressees added since."""
    bloquear(convocatoria)
    aviso = Aviso.objects.select_for_update().filter(convocatoria=convocatoria).first()
    if aviso is None:
        raise ErrorDeDominio(_("Escriba y guarde el oficio antes de enviarlo."))
    firmado = aviso.estado == Aviso.Estado.FIRMADO
    if firmado:
        _oficina_y_estado(
            usuario, convocatoria, ESTADOS_DEL_AVISO, _("El oficio se envía cuando la convocatoria está validada.")
        )
    else:
        if convocatoria.estado not in ESTADOS_DEL_AVISO:
            raise ErrorDeDominio(_("El oficio se envía cuando la convocatoria está validada."))
        _firma_del_jefe(usuario, convocatoria)
    pendientes = list(convocatoria.destinatarios.filter(notificado_en__isnull=True).select_related("dependencia"))
    if not pendientes:
        if convocatoria.destinatarios.exists():
            raise ErrorDeDominio(_("Todos los destinatarios ya recibieron el oficio."))
        raise ErrorDeDominio(_("Agregue al menos un destinatario del oficio."))
    ahora = timezone.now()
    for destinatario in pendientes:
        destinatario.notificado_en = ahora
        guardar(destinatario, usuario, ["notificado_en"])
    if not firmado:
        aviso.firmado_por, aviso.firmado_en = usuario, ahora
        aviso.enviado_en, aviso.enviado_por = ahora, usuario
        aplicar_transicion(
            aviso,
            "firmar",
            usuario=usuario,
            motivo=motivo.strip(),
            campos=("estado", "firmado_por", "firmado_en", "enviado_en", "enviado_por"),
        )
        aviso.pdf_firmado.save(
            f"oficio-{slugify(convocatoria.nombre)[:50]}.pdf",
            ContentFile(oficio_pdf(convocatoria, usuario)),
            save=False,
        )
        guardar(aviso, usuario, ["pdf_firmado"], motivo=_("Oficio firmado"))
        tarea_cumplida(tarea=tarea(aviso, "firmar"))
    nombres = ", ".join(d.nombre for d in pendientes)
    if convocatoria.estado == Convocatoria.Estado.VALIDADA:
        aplicar_transicion(
            convocatoria,
            "informar",
            usuario=usuario,
            motivo=motivo.strip() or _("Oficio informativo enviado a: %(n)s") % {"n": nombres},
        )
    _avisar_a_las_dependencias(convocatoria, pendientes, usuario)
    salidas.encolar(ENVIAR_OFICIO, convocatoria.pk, [d.pk for d in pendientes])
    return pendientes


def _avisar_a_las_dependencias(
    convocatoria: Convocatoria, destinatarios: Iterable[Destinatario], usuario: Usuario
) -> None:
    """In-app notice to the staff of each addressee dependencia. Whoever gets the oficio by e-mail is not
    e-mailed a second time for the same notice."""
    dependencia_ids = {d.dependencia_id for d in destinatarios if d.dependencia_id}
    if not dependencia_ids:
        return
    tareas: dict[int | None, str] = {d.dependencia_id: tarea(d, "responder") for d in destinatarios if d.dependencia_id}
    correos = {
        c
        for d in destinatarios
        for c in correos_de(d, {d.dependencia_id: jefes_de(d.dependencia_id)} if d.dependencia_id else {})
    }
    titulo = _("Oficio informativo: %(c)s") % {"c": convocatoria.titulo}
    mensaje = _("Su dependencia fue informada de esta convocatoria. Indique si participa o no, con las causas.")
    for persona in personal_de(dependencia_ids):
        if persona.pk == usuario.pk:
            continue
        if persona.email and persona.email in correos:
            Notificacion.objects.create(
                usuario=persona,
                titulo=resumir(titulo, 200),
                mensaje=mensaje,
                url=convocatoria.get_absolute_url(),
                correo_enviado_en=timezone.now(),
                tarea=tareas[persona.dependencia_id],
            )
        else:
            avisar(
                [persona],
                excepto=usuario,
                titulo=titulo,
                mensaje=mensaje,
                url=convocatoria.get_absolute_url(),
                tarea=tareas[persona.dependencia_id],
            )


def oficio_pdf(convocatoria: Convocatoria, usuario: Usuario | None) -> bytes:
    """The oficio as PDF bytes, from the same template and context as the report engine's document."""
    reporte = reportes.obtener("oficio_convocatoria")
    if reporte is None:  # registered by convocatorias.reports when the app is ready
        raise LookupError("oficio_convocatoria")
    parametros = reporte.parametros({"id": convocatoria.pk}, usuario)
    contexto = contexto_de_reporte(reporte, parametros, usuario, para_pdf=True)
    destino = io.BytesIO()
    reportes.escribir_pdf(reporte.plantilla, contexto, destino)
    return destino.getvalue()


ENVIAR_OFICIO = "convocatorias.enviar_oficio"


@salidas.efecto(ENVIAR_OFICIO)
def oficio_enviar_correos_salida(convocatoria_id: int, destinatario_ids: list[int]) -> int:
    return oficio_enviar_correos(convocatoria_id=convocatoria_id, destinatario_ids=destinatario_ids)


def oficio_enviar_correos(*, convocatoria_id: int, destinatario_ids: list[int]) -> int:
    """E-mail the oficio (PDF attached) to each addressee not e-mailed yet; returns how many messages left."""
    convocatoria = (
        Convocatoria.objects.select_related("aviso", "aviso__enviado_por", "cooperante", "dependencia")
        .filter(pk=convocatoria_id)
        .first()
    )
    if convocatoria is None or not hasattr(convocatoria, "aviso"):
        return 0
    aviso = convocatoria.aviso
    destinatarios = list(
        convocatoria.destinatarios.filter(pk__in=destinatario_ids, correo_enviado_en__isnull=True).select_related(
            "dependencia"
        )
    )
    if not destinatarios:
        return 0
    jefes = {d.dependencia_id: jefes_de(d.dependencia_id) for d in destinatarios if d.dependencia_id}
    if aviso.pdf_firmado:
        with aviso.pdf_firmado.open("rb") as archivo:
            adjunto = archivo.read()  # the oficio as the Jefe signed it, not a new rendering
    else:
        adjunto = oficio_pdf(convocatoria, aviso.firmado_por or aviso.enviado_por)
    nombre_adjunto = f"oficio-{slugify(convocatoria.nombre)[:50]}.pdf"
    responde = [convocatoria.responsable.email] if convocatoria.responsable.email else []
    enviados = 0
    for destinatario in destinatarios:
        correos = correos_de(destinatario, jefes)
        if not correos:
            continue
        contexto = {
            "convocatoria": convocatoria,
            "aviso": aviso,
            "destinatario": destinatario,
            "entidad": settings.ENTIDAD_NOMBRE,
            "enlace": settings.SITE_URL.rstrip("/") + convocatoria.get_absolute_url(),
            "procedimiento": procedimiento.encabezado(),
        }
        enviar_correo(
            destinatarios=correos,
            asunto=aviso.asunto,
            plantilla="convocatorias/correo/oficio",
            contexto={**contexto, "responde": responde},
            responder_a=responde,
            adjuntos=[(nombre_adjunto, adjunto, "application/pdf")],
        )
        destinatario.correo_enviado_en = timezone.now()
        guardar(destinatario, None, ["correo_enviado_en"])
        enviados += 1
    return enviados


@transaction.atomic
def destinatario_responder(
    *,
    destinatario: Destinatario,
    usuario: Usuario,
    acepta: bool,
    causas: str = "",
    observaciones: str = "",
    oficio_respuesta: File[bytes] | None = None,
) -> Destinatario:
    """Record an addressee's answer: it accepts, or declines with the causes (a decline without causes is refused)."""
    bloquear(destinatario)
    convocatoria = destinatario.convocatoria
    if not permissions.puede_responder_por(usuario, destinatario):
        raise ErrorDeDominio(_("Solo la dependencia destinataria o la oficina que gestiona la convocatoria responde."))
    if convocatoria.estado != Convocatoria.Estado.INFORMADA or not destinatario.notificado_en:
        raise ErrorDeDominio(_("Solo se responde un oficio enviado de una convocatoria en la etapa de información."))
    causas = (causas or "").strip()
    if not acepta and not causas:
        raise ErrorDeDominio(_("Explique las causas de la no participación."))
    tarea_cumplida(tarea=tarea(destinatario, "responder"))
    destinatario.respuesta = Destinatario.Respuesta.ACEPTA if acepta else Destinatario.Respuesta.DECLINA
    destinatario.causas = "" if acepta else causas
    destinatario.observaciones = (observaciones or "").strip()
    destinatario.respondido_en = timezone.now()
    destinatario.respondido_por = usuario
    campos = ["respuesta", "causas", "observaciones", "respondido_en", "respondido_por"]
    if oficio_respuesta:
        destinatario.oficio_respuesta = oficio_respuesta
        campos.append("oficio_respuesta")
    validar(destinatario)
    guardar(destinatario, usuario, campos, motivo=destinatario.get_respuesta_display())
    if not permissions.es_de_la_oficina(usuario, convocatoria):
        avisar(
            [convocatoria.responsable, *jefes_de(convocatoria.dependencia_id)],
            excepto=usuario,
            titulo=_("%(d)s respondió: %(r)s") % {"d": destinatario.nombre, "r": destinatario.get_respuesta_display()},
            mensaje=causas or destinatario.observaciones,
            url=convocatoria.get_absolute_url(),
        )
    return destinatario


@transaction.atomic
def reunion_registrar(
    *,
    convocatoria: Convocatoria,
    usuario: Usuario,
    fecha: datetime,
    lugar: str = "",
    acta: File[bytes] | None = None,
    asistencia: File[bytes] | None = None,
) -> Aviso:
    """The optional information meeting, with its minutes and attendance list."""
    bloquear(convocatoria)
    _oficina_y_estado(
        usuario,
        convocatoria,
        (Convocatoria.Estado.INFORMADA,),
        _("La reunión informativa se registra después de enviar el oficio."),
    )
    aviso = convocatoria.aviso
    if fecha is None:
        raise ErrorDeDominio(_("Indique la fecha de la reunión."))
    if fecha > timezone.now():
        raise ErrorDeDominio(_("Registre la reunión después de realizarla: la fecha no puede ser futura."))
    if not (acta or aviso.acta_reunion):
        raise ErrorDeDominio(_("Adjunte el acta de la reunión."))
    if not (asistencia or aviso.asistencia_reunion):
        raise ErrorDeDominio(_("Adjunte el registro de asistencia."))
    aviso.reunion_fecha = fecha
    aviso.reunion_lugar = (lugar or "").strip()
    campos = ["reunion_fecha", "reunion_lugar"]
    if acta:
        aviso.acta_reunion = acta
        campos.append("acta_reunion")
    if asistencia:
        aviso.asistencia_reunion = asistencia
        campos.append("asistencia_reunion")
    validar(aviso, excluir=["convocatoria"])
    guardar(aviso, usuario, campos, motivo=_("Reunión informativa"))
    return aviso


def _exigir_aceptacion(convocatoria: Convocatoria) -> None:
    if not convocatoria.destinatarios.aceptaron().exists():
        raise ErrorDeDominio(
            _(
                "Punto crítico de control «%(punto)s»: ninguna dependencia u organización ha aceptado participar; "
                "la convocatoria no puede continuar."
            )
            % {"punto": procedimiento.PUNTO_APLICACION}
        )


@transaction.atomic
def compromiso_agregar(
    *,
    convocatoria: Convocatoria,
    usuario: Usuario,
    parte: str,
    obligaciones: str,
    responsable: str,
    fecha_limite: date | None = None,
) -> Compromiso:
    """Task 4: an obligation agreed with a party that accepted to take part."""
    bloquear(convocatoria)
    _oficina_y_estado(
        usuario,
        convocatoria,
        (Convocatoria.Estado.INFORMADA,),
        _("Los compromisos se pactan cuando la convocatoria está en la etapa de información."),
    )
    _exigir_aceptacion(convocatoria)
    compromiso = Compromiso(
        convocatoria=convocatoria,
        parte=texto_requerido(parte, _("Indique la parte que asume el compromiso.")),
        obligaciones=texto_requerido(obligaciones, _("Describa las obligaciones y responsabilidades.")),
        responsable=texto_requerido(responsable, _("Indique quién responde por el compromiso.")),
        fecha_limite=fecha_limite,
        registrado_por=usuario,
    )
    validar(compromiso)
    guardar(compromiso, usuario)
    return compromiso


@transaction.atomic
def compromiso_quitar(*, compromiso: Compromiso, usuario: Usuario) -> None:
    convocatoria = compromiso.convocatoria
    bloquear(convocatoria)
    _oficina_y_estado(
        usuario, convocatoria, (Convocatoria.Estado.INFORMADA,), _("Los compromisos formalizados no se modifican.")
    )
    historia(compromiso)._history_user = usuario
    compromiso.delete()


@transaction.atomic
def acta_compromisos_subir(
    *, convocatoria: Convocatoria, usuario: Usuario, archivo: File[bytes] | None
) -> Convocatoria:
    """The signed minutes of the commitments meeting."""
    bloquear(convocatoria)
    _oficina_y_estado(
        usuario, convocatoria, (Convocatoria.Estado.INFORMADA,), _("Los compromisos formalizados no se modifican.")
    )
    if not archivo:
        raise ErrorDeDominio(_("Adjunte el acta de reunión y compromisos."))
    _exigir_aceptacion(convocatoria)
    convocatoria.acta_compromisos = archivo
    validar(convocatoria)
    guardar(convocatoria, usuario, ["acta_compromisos"], motivo=_("Acta de compromisos"))
    return convocatoria


@transaction.atomic
def convocatoria_formalizar_compromisos(
    *, convocatoria: Convocatoria, usuario: Usuario, motivo: str = ""
) -> Convocatoria:
    """Task 4 done. Critical control point «Aplicación de la convocatoria»: at least one acceptance."""
    bloquear(convocatoria)
    _oficina_y_estado(
        usuario,
        convocatoria,
        (Convocatoria.Estado.INFORMADA,),
        _("Esta acción no es posible en el estado actual del registro."),
    )
    _exigir_aceptacion(convocatoria)
    if not convocatoria.compromisos.exists():
        raise ErrorDeDominio(_("Registre al menos un compromiso (obligaciones y responsabilidades por parte)."))
    if not convocatoria.acta_compromisos:
        raise ErrorDeDominio(_("Adjunte el acta de reunión y compromisos."))
    convocatoria.compromisos_formalizados_en = timezone.now()
    aceptaron = ", ".join(d.nombre for d in convocatoria.destinatarios.aceptaron().select_related("dependencia"))
    aplicar_transicion(
        convocatoria,
        "formalizar_compromisos",
        usuario=usuario,
        motivo=motivo.strip() or _("Compromisos formalizados con: %(p)s") % {"p": aceptaron},
        campos=("estado", "compromisos_formalizados_en"),
    )
    return convocatoria

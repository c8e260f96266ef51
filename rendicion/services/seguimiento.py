"""Writes of the follow-up: the cut-off calendar, the evaluations, closing and publishing the report, improvement
actions, and the terms everyone configures."""

from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core.archivos import nombre_visible
from cooperacion.core.calendario import sumar_dias_habiles
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Dependencia, ReporteGenerado, Usuario
from cooperacion.core.services import aplicar_transicion

from .. import permissions
from ..models import (
    AccionMejora,
    Configuracion,
    Corte,
    EspacioDialogo,
    Estrategia,
    EvaluacionAccion,
    TextoConsentimiento,
)
from .comun import fecha_en_ventana, guardar, texto, texto_requerido, validar

INFORME_SEGUIMIENTO = "seguimiento_rendicion"


def fecha_limite_publicacion(fecha_corte: date, configuracion: Configuracion | None = None) -> date:
    """The last day to publish the follow-up report: the configured business days after the cut-off."""
    configuracion = configuracion or Configuracion.vigente()
    return sumar_dias_habiles(fecha_corte, configuracion.dias_publicacion_informe)


@transaction.atomic
def corte_crear(
    *, usuario: Usuario, estrategia: Estrategia, nombre: str, fecha_corte: date, exigir_rol: bool = True
) -> Corte:
    """A cut-off of the follow-up calendar; every action of the strategy waits for its evaluation."""
    if exigir_rol and not permissions.can_crear_corte(usuario):
        raise ErrorDeDominio(_("Solo Planeación, Control Interno o el Administrador fijan los cortes de seguimiento."))
    if fecha_corte is None:
        raise ErrorDeDominio(_("Indique la fecha de corte."))
    fecha_en_ventana(fecha_corte, _("Fecha de corte"))
    if estrategia.cortes.filter(fecha_corte=fecha_corte).exists():
        raise ErrorDeDominio(_("Ya hay un corte en esa fecha para esta estrategia."))
    corte = Corte(
        estrategia=estrategia,
        nombre=texto_requerido(nombre, _("Escriba el nombre del corte.")),
        fecha_corte=fecha_corte,
        fecha_limite_publicacion=fecha_limite_publicacion(fecha_corte),
    )
    validar(corte)
    guardar(corte, usuario)
    for accion in estrategia.acciones.order_by("elemento", "numero"):
        guardar(EvaluacionAccion(corte=corte, accion=accion), usuario)
    return corte


@transaction.atomic
def corte_editar(*, corte: Corte, usuario: Usuario, nombre: str, fecha_corte: date) -> Corte:
    if not permissions.can_editar_corte(usuario, corte):
        raise ErrorDeDominio(_("Solo se modifican los cortes en evaluación."))
    fecha_en_ventana(fecha_corte, _("Fecha de corte"))
    if corte.estrategia.cortes.filter(fecha_corte=fecha_corte).exclude(pk=corte.pk).exists():
        raise ErrorDeDominio(_("Ya hay un corte en esa fecha para esta estrategia."))
    nuevos = {
        "nombre": texto_requerido(nombre, _("Escriba el nombre del corte.")),
        "fecha_corte": fecha_corte,
        "fecha_limite_publicacion": fecha_limite_publicacion(fecha_corte),
    }
    campos = [c for c, v in nuevos.items() if getattr(corte, c) != v]
    for campo in campos:
        setattr(corte, campo, nuevos[campo])
    if campos:
        validar(corte)
        guardar(corte, usuario, campos)
    return corte


@transaction.atomic
def evaluacion_registrar(
    *,
    evaluacion: EvaluacionAccion,
    usuario: Usuario,
    resultado: str,
    observaciones: str = "",
    evidencia_revisada: str = "",
) -> EvaluacionAccion:
    """Control Interno's evaluation of one action at the cut-off: result, observations and evidence reviewed."""
    corte = Corte.objects.select_for_update().get(pk=evaluacion.corte_id)
    if not permissions.can_evaluar(usuario, corte):
        raise ErrorDeDominio(_("Solo Control Interno evalúa, y solo mientras el corte está en evaluación."))
    if resultado not in EvaluacionAccion.Resultado.values:
        raise ErrorDeDominio(_("Elija el resultado: cumplida, cumplida parcialmente o no cumplida."))
    if resultado != EvaluacionAccion.Resultado.CUMPLIDA and not texto(observaciones):
        raise ErrorDeDominio(_("Explique en las observaciones por qué la acción no se cumplió del todo."))
    nuevos = {
        "resultado": resultado,
        "observaciones": texto(observaciones),
        "evidencia_revisada": texto(evidencia_revisada),
    }
    campos = [c for c, v in nuevos.items() if getattr(evaluacion, c) != v]
    for campo in campos:
        setattr(evaluacion, campo, nuevos[campo])
    if campos:
        evaluacion.evaluada_por = usuario
        evaluacion.evaluada_en = timezone.now()
        evaluacion.avance_al_evaluar = evaluacion.accion.porcentaje_avance
        guardar(evaluacion, usuario, [*campos, "evaluada_por", "evaluada_en", "avance_al_evaluar"])
    return evaluacion


@transaction.atomic
def corte_cerrar(*, corte: Corte, usuario: Usuario, motivo: str = "") -> Corte:
    """Every action is evaluated: close the evaluation so that the report can be generated and published."""
    if not permissions.evalua(usuario):
        raise ErrorDeDominio(_("Solo Control Interno cierra la evaluación de un corte."))
    pendientes = corte.evaluaciones.filter(resultado="").count()
    if not corte.evaluaciones.exists():
        raise ErrorDeDominio(_("La estrategia no tiene acciones que evaluar en este corte."))
    if pendientes:
        raise ErrorDeDominio(
            _("Faltan %(n)s acciones por evaluar: evalúelas todas antes de cerrar el corte.") % {"n": pendientes}
        )
    corte.cerrado_en = timezone.now()
    return aplicar_transicion(corte, "cerrar", usuario=usuario, motivo=texto(motivo), campos=("estado", "cerrado_en"))


@transaction.atomic
def corte_reabrir(*, corte: Corte, usuario: Usuario, motivo: str) -> Corte:
    if not permissions.evalua(usuario):
        raise ErrorDeDominio(_("Solo Control Interno reabre la evaluación de un corte."))
    motivo = texto_requerido(motivo, _("Indique qué evaluación se debe corregir."))
    corte.cerrado_en = None
    return aplicar_transicion(corte, "reabrir", usuario=usuario, motivo=motivo, campos=("estado", "cerrado_en"))


def informe_listo(corte: Corte, formato: str) -> ReporteGenerado | None:
    """The latest report of this cut-off generated in that format after its evaluation was closed."""
    if corte.cerrado_en is None:
        return None
    return (
        ReporteGenerado.objects.filter(
            codigo=INFORME_SEGUIMIENTO,
            formato=formato,
            estado=ReporteGenerado.Estado.LISTO,
            parametros__id=corte.pk,
            creado_en__gte=corte.cerrado_en,
        )
        .order_by("-creado_en", "-pk")
        .first()
    )


@transaction.atomic
def corte_publicar(*, corte: Corte, usuario: Usuario, motivo: str = "") -> Corte:
    """Publish the follow-up report generated after closing the evaluation (PDF, and the Excel if it was made);
    the public pages show it with this publication date."""
    if not permissions.evalua(usuario):
        raise ErrorDeDominio(_("Solo Control Interno publica el informe de seguimiento."))
    pdf = informe_listo(corte, ReporteGenerado.Formato.PDF)
    if pdf is None:
        raise ErrorDeDominio(
            _("Genere primero el informe de seguimiento en PDF (después de cerrar la evaluación) para publicarlo.")
        )
    campos = ["estado", "publicado_en", "informe_pdf"]
    with pdf.archivo.open("rb") as contenido:
        corte.informe_pdf.save(
            f"informe-seguimiento-{corte.fecha_corte:%Y%m%d}.pdf", ContentFile(contenido.read()), save=False
        )
    excel = informe_listo(corte, ReporteGenerado.Formato.XLSX)
    if excel is not None:
        with excel.archivo.open("rb") as contenido:
            corte.informe_xlsx.save(
                f"informe-seguimiento-{corte.fecha_corte:%Y%m%d}.xlsx", ContentFile(contenido.read()), save=False
            )
        campos.append("informe_xlsx")
    corte.publicado_en = timezone.now()
    aplicar_transicion(
        corte,
        "publicar",
        usuario=usuario,
        motivo=texto(motivo) or nombre_visible(pdf.archivo.name or ""),
        campos=tuple(campos),
    )
    return corte


# Improvement actions ------------------------------------------------------------------------------


@transaction.atomic
def mejora_crear(
    *,
    usuario: Usuario,
    estrategia: Estrategia,
    origen: str,
    descripcion: str,
    dependencia: Dependencia,
    fecha_limite: date,
    responsable: Usuario | None = None,
    evaluacion: EvaluacionAccion | None = None,
    espacio: EspacioDialogo | None = None,
) -> AccionMejora:
    """An improvement action from an evaluation or from a dialogue space, with its responsible and due date."""
    if not permissions.can_crear_mejora(usuario):
        raise ErrorDeDominio(_("Solo Control Interno, Planeación o el Administrador registran acciones de mejora."))
    if origen == AccionMejora.Origen.EVALUACION and evaluacion is None:
        raise ErrorDeDominio(_("Indique la evaluación que origina la acción de mejora."))
    if origen == AccionMejora.Origen.DIALOGO and espacio is None:
        raise ErrorDeDominio(_("Indique el espacio de diálogo que origina la acción de mejora."))
    if evaluacion is not None and evaluacion.corte.estrategia_id != estrategia.pk:
        raise ErrorDeDominio(_("La evaluación no es de esta estrategia."))
    if espacio is not None and espacio.estrategia_id != estrategia.pk:
        raise ErrorDeDominio(_("El espacio de diálogo no es de esta estrategia."))
    if fecha_limite is None:
        raise ErrorDeDominio(_("Indique la fecha límite."))
    fecha_en_ventana(fecha_limite, _("Fecha límite"))
    if responsable is not None and responsable.dependencia_id != dependencia.pk:
        raise ErrorDeDominio(_("La persona responsable debe ser de la dependencia responsable."))
    mejora = AccionMejora(
        estrategia=estrategia,
        origen=origen,
        evaluacion=evaluacion if origen == AccionMejora.Origen.EVALUACION else None,
        espacio=espacio if origen == AccionMejora.Origen.DIALOGO else None,
        descripcion=texto_requerido(descripcion, _("Describa la acción de mejora.")),
        dependencia=dependencia,
        responsable=responsable,
        fecha_limite=fecha_limite,
        creada_por=usuario,
    )
    validar(mejora)
    guardar(mejora, usuario)
    return mejora


@transaction.atomic
def mejora_cumplir(*, mejora: AccionMejora, usuario: Usuario, motivo: str) -> AccionMejora:
    """The responsible dependencia reports the improvement done (the reason is its result)."""
    if not permissions.atiende_la_mejora(usuario, mejora):
        raise ErrorDeDominio(_("Solo la dependencia responsable, Planeación o el Administrador la dan por cumplida."))
    mejora.resultado = texto_requerido(motivo, _("Describa el resultado de la acción de mejora."))
    mejora.cumplida_en = timezone.now()
    return aplicar_transicion(
        mejora, "cumplir", usuario=usuario, motivo=mejora.resultado, campos=("estado", "resultado", "cumplida_en")
    )


@transaction.atomic
def mejora_reabrir(*, mejora: AccionMejora, usuario: Usuario, motivo: str) -> AccionMejora:
    if not permissions.evalua(usuario):
        raise ErrorDeDominio(_("Solo Control Interno reabre una acción de mejora."))
    motivo = texto_requerido(motivo, _("Indique por qué la acción de mejora no está cumplida."))
    mejora.cumplida_en = None
    return aplicar_transicion(mejora, "reabrir", usuario=usuario, motivo=motivo, campos=("estado", "cumplida_en"))


# Configuration -------------------------------------------------------------------------------------


@transaction.atomic
def configuracion_editar(*, configuracion: Configuracion, usuario: Usuario, **cambios: Any) -> Configuracion:
    """Change the terms. A new publication term moves the deadline of every report not yet published; a new notice
    term moves the notice of every convened space. Questions keep the due date they got when received."""
    if not permissions.configura(usuario):
        raise ErrorDeDominio(_("Solo Planeación, Control Interno o el Administrador cambian estos valores."))
    campos_validos = {"dias_respuesta", "dias_aviso_espacio", "dias_publicacion_informe", "preguntas_por_hora"}
    if set(cambios) - campos_validos:
        raise TypeError(f"Campos no editables: {', '.join(sorted(set(cambios) - campos_validos))}")
    campos = [c for c, v in cambios.items() if getattr(configuracion, c) != v]
    for campo in campos:
        setattr(configuracion, campo, cambios[campo])
    if not campos:
        return configuracion
    validar(configuracion)
    guardar(configuracion, usuario, campos)
    if "dias_publicacion_informe" in campos:
        for corte in Corte.objects.exclude(estado=Corte.Estado.PUBLICADO).select_for_update():
            nueva = fecha_limite_publicacion(corte.fecha_corte, configuracion)
            if nueva != corte.fecha_limite_publicacion:
                corte.fecha_limite_publicacion = nueva
                guardar(corte, usuario, ["fecha_limite_publicacion"], motivo=_("Nuevo plazo de publicación"))
    if "dias_aviso_espacio" in campos:
        from .dialogo import aviso_desde

        hoy = timezone.localdate()
        for espacio in EspacioDialogo.objects.filter(estado=EspacioDialogo.Estado.CONVOCADO).select_for_update():
            if espacio.aviso_desde and espacio.aviso_desde <= hoy:
                continue  # already public: a notice is not taken back
            nueva = aviso_desde(espacio.fecha, configuracion, hoy)
            if nueva != espacio.aviso_desde:
                espacio.aviso_desde = nueva
                guardar(espacio, usuario, ["aviso_desde"], motivo=_("Nueva anticipación del aviso"))
    return configuracion


@transaction.atomic
def consentimiento_crear(*, usuario: Usuario, titulo: str, texto_consentimiento: str) -> TextoConsentimiento:
    """A new version of the consent text: the public form shows it from now on; earlier questions keep theirs."""
    if not permissions.gestiona_la_estrategia(usuario):
        raise ErrorDeDominio(_("Solo Planeación o el Administrador publican una nueva versión del consentimiento."))
    anterior = TextoConsentimiento.objects.select_for_update().order_by("-version").first()
    nuevo = TextoConsentimiento(
        version=(anterior.version + 1) if anterior else 1,
        titulo=texto_requerido(titulo, _("Escriba el título del texto.")),
        texto=texto_requerido(texto_consentimiento, _("Escriba el texto de la autorización.")),
        creado_por=usuario,
    )
    if anterior and (anterior.titulo, anterior.texto) == (nuevo.titulo, nuevo.texto):
        raise ErrorDeDominio(_("El texto es igual a la versión vigente."))
    validar(nuevo)
    guardar(nuevo, usuario)
    return nuevo

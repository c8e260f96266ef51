"""What the accountability strategy publishes through the core's public-pages registry: the documents of the
transparency index and two open data sets (actions and answers). Only published records reach these functions."""

from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import cast

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core.publico import Campo, ConjuntoDeDatos, Documento, Seccion

from .models import AccionRendicion, Corte, EspacioDialogo, Estrategia, PreguntaCiudadana, ResponsableAccion
from .models.estrategia import orden_de_elemento


def documentos_publicados(limite: int) -> Iterator[Documento]:
    """Strategies, notices of dialogue spaces and follow-up reports, newest first, each with its publication date."""
    documentos = []
    for estrategia in Estrategia.objects.filter(estado=Estrategia.Estado.PUBLICADA).order_by("-publicada_en")[:limite]:
        documentos.append(
            Documento(
                titulo=estrategia.titulo,
                url=estrategia.get_public_url(),
                publicado_en=timezone.localtime(estrategia.publicada_en).date(),
                tipo=_("Estrategia de rendición de cuentas"),
            )
        )
    for espacio in EspacioDialogo.objects.publicos().order_by("-aviso_desde")[:limite]:
        documentos.append(
            Documento(
                titulo=espacio.nombre,
                url=espacio.get_public_url(),
                publicado_en=cast(date, espacio.aviso_desde),  # publicos(): the notice date has come
                tipo=_("Aviso de espacio de diálogo"),
                descripcion=_("%(t)s el %(f)s")
                % {"t": espacio.get_tipo_display(), "f": timezone.localtime(espacio.fecha).strftime("%d/%m/%Y %H:%M")},
            )
        )
    for corte in Corte.objects.publicados().select_related("estrategia").order_by("-publicado_en")[:limite]:
        documentos.append(
            Documento(
                titulo=_("Informe de seguimiento %(a)s: %(c)s") % {"a": corte.estrategia.anio, "c": corte.nombre},
                url=corte.get_public_url(),
                publicado_en=timezone.localtime(corte.publicado_en).date(),
                tipo=_("Informe de seguimiento de Control Interno"),
            )
        )
    documentos.sort(key=lambda d: d.publicado_en, reverse=True)
    return islice(documentos, limite)


SECCION = Seccion(
    codigo="rendicion",
    titulo="Rendición de cuentas",
    url_name="rendicion_publico:inicio",
    documentos=documentos_publicados,
    descripcion="Estrategia anual de rendición de cuentas, espacios de diálogo con formulario de preguntas, "
    "respuestas publicadas e informes de seguimiento de Control Interno.",
    orden=30,
)


def filas_de_acciones() -> Iterator[dict]:
    consulta = (
        AccionRendicion.objects.filter(estrategia__estado=Estrategia.Estado.PUBLICADA)
        .select_related("estrategia")
        .prefetch_related(
            Prefetch("responsables", queryset=ResponsableAccion.objects.select_related("dependencia")), "ods"
        )
        .order_by("-estrategia__anio", orden_de_elemento(), "numero", "pk")
    )
    for accion in consulta.iterator(chunk_size=500):
        lider = accion.lider
        yield {
            "anio": accion.estrategia.anio,
            "elemento": accion.get_elemento_display(),
            "numero": accion.numero,
            "accion": accion.texto,
            "entregable": accion.entregable,
            "responsable": accion.responsable_texto,
            "dependencia_lider": lider.dependencia.nombre if lider else "",
            "fecha_inicio": accion.fecha_inicio,
            "fecha_fin": accion.fecha_fin,
            "estado": accion.get_estado_display(),
            "porcentaje_avance": accion.porcentaje_avance,
            "ods": "; ".join(str(o.numero) for o in accion.ods.all()),
            "publicada_en": accion.estrategia.publicada_en.date() if accion.estrategia.publicada_en else None,
        }


def actualizado_acciones() -> date | None:
    ultimo = Estrategia.objects.filter(estado=Estrategia.Estado.PUBLICADA).aggregate(m=Max("publicada_en"))["m"]
    return timezone.localtime(ultimo).date() if ultimo else None


ACCIONES = ConjuntoDeDatos(
    codigo="rendicion-acciones",
    titulo="Acciones de la estrategia de rendición de cuentas",
    descripcion="Cada acción de las estrategias publicadas, por elemento (información, diálogo, responsabilidad), "
    "con su entregable, responsable, fechas, estado y porcentaje de avance.",
    campos=(
        Campo("anio", "entero", "Año de la estrategia"),
        Campo("elemento", "texto", "Elemento de la rendición de cuentas: Información, Diálogo o Responsabilidad"),
        Campo("numero", "entero", "Número de la acción dentro de su elemento"),
        Campo("accion", "texto", "La acción, como la escribe la estrategia"),
        Campo("entregable", "texto", "Entregable de la acción"),
        Campo("responsable", "texto", "Responsable, como lo escribe la estrategia"),
        Campo("dependencia_lider", "texto", "Dependencia que lidera la acción"),
        Campo("fecha_inicio", "fecha", "Fecha de inicio programada"),
        Campo("fecha_fin", "fecha", "Fecha de terminación programada"),
        Campo("estado", "texto", "Programada, En ejecución o Cumplida"),
        Campo("porcentaje_avance", "entero", "Avance reportado por las dependencias responsables (0 a 100)"),
        Campo("ods", "texto", "Números de los Objetivos de Desarrollo Sostenible relacionados, separados por ;"),
        Campo("publicada_en", "fecha", "Fecha de publicación de la estrategia"),
    ),
    filas=filas_de_acciones,
    publicador="Oficina Asesora de Planeación",
    orden=30,
    actualizado=actualizado_acciones,
)


def filas_de_respuestas() -> Iterator[dict]:
    consulta = (
        PreguntaCiudadana.objects.publicadas()
        .filter(estado=PreguntaCiudadana.Estado.RESPONDIDA)
        .select_related("espacio", "espacio__estrategia")
        .order_by("-respondida_en", "-pk")
    )
    for pregunta in consulta.iterator(chunk_size=500):
        yield {
            "numero": pregunta.referencia,
            "anio": pregunta.espacio.estrategia.anio,
            "espacio": pregunta.espacio.nombre,
            "tipo_de_espacio": pregunta.espacio.get_tipo_display(),
            "fecha_del_espacio": timezone.localtime(pregunta.espacio.fecha).date(),
            "pregunta": pregunta.texto,
            "respuesta": pregunta.respuesta,
            "recibida_en": timezone.localtime(pregunta.recibida_en).date(),
            "respondida_en": timezone.localtime(pregunta.respondida_en).date() if pregunta.respondida_en else None,
        }


def actualizado_respuestas() -> date | None:
    ultimo = (
        PreguntaCiudadana.objects.publicadas()
        .filter(estado=PreguntaCiudadana.Estado.RESPONDIDA)
        .aggregate(m=Max("respondida_en"))["m"]
    )
    return timezone.localtime(ultimo).date() if ultimo else None


RESPUESTAS = ConjuntoDeDatos(
    codigo="rendicion-respuestas",
    titulo="Preguntas ciudadanas respondidas en la rendición de cuentas",
    descripcion="Las preguntas que la ciudadanía envió a los espacios de diálogo y sus respuestas publicadas. No "
    "incluye el nombre ni el correo de quien preguntó (Ley 1581 de 2012).",
    campos=(
        Campo("numero", "texto", "Número de la pregunta (PC-año-consecutivo)"),
        Campo("anio", "entero", "Año de la estrategia"),
        Campo("espacio", "texto", "Espacio de diálogo"),
        Campo("tipo_de_espacio", "texto", "Audiencia pública, evento de gestión, mesa técnica o transmisión"),
        Campo("fecha_del_espacio", "fecha", "Fecha del espacio de diálogo"),
        Campo("pregunta", "texto", "La pregunta, como la escribió la ciudadanía"),
        Campo("respuesta", "texto", "La respuesta publicada"),
        Campo("recibida_en", "fecha", "Fecha en que se recibió la pregunta"),
        Campo("respondida_en", "fecha", "Fecha en que se publicó la respuesta"),
    ),
    filas=filas_de_respuestas,
    publicador="Oficina Asesora de Planeación",
    orden=31,
    actualizado=actualizado_respuestas,
)

"""The cooperation projects the office published, as an open data set of /transparencia/datos/ (Ley 1712 de 2014)."""

from django.db.models import Max, Prefetch
from django.utils.translation import gettext_lazy as _

from cooperacion.core import publico

from . import ciclope, iati
from .models import Convocatoria, ParticipanteProyecto, Proyecto

ESTADOS = {Convocatoria.Estado.EN_EJECUCION: "En ejecución", Convocatoria.Estado.FINALIZADA: "Finalizado"}

CAMPOS = (
    publico.Campo("codigo", "texto", "Código del proyecto en la entidad"),
    publico.Campo("nombre", "texto", "Nombre del proyecto"),
    publico.Campo("estado", "texto", "En ejecución o Finalizado"),
    publico.Campo("cooperantes", "texto", "Financiadores del proyecto, separados por punto y coma"),
    publico.Campo("modalidad", "texto", "Modalidad de cooperación (financiera no reembolsable, técnica, sur-sur…)"),
    publico.Campo(
        "sectores_cad",
        "texto",
        "Sectores CAD de 5 dígitos (OCDE) con su porcentaje, como código:porcentaje separados por punto y coma",
    ),
    publico.Campo("monto_comprometido", "decimal", "Monto comprometido por el cooperante, en su moneda"),
    publico.Campo("moneda", "texto", "Moneda del monto (ISO 4217)"),
    publico.Campo("monto_comprometido_cop", "decimal", "Monto comprometido en pesos colombianos, a la tasa registrada"),
    publico.Campo("monto_comprometido_usd", "decimal", "Monto comprometido en dólares, a la tasa registrada"),
    publico.Campo("contrapartida_cop", "decimal", "Contrapartida de la entidad en pesos colombianos"),
    publico.Campo("fecha_inicio", "fecha", "Inicio del proyecto"),
    publico.Campo("fecha_fin", "fecha", "Finalización prevista"),
    publico.Campo("fecha_finalizacion", "fecha", "Finalización (acta), si ya terminó"),
    publico.Campo("dependencia", "texto", "Dependencia responsable de la ejecución"),
    publico.Campo("departamentos", "texto", "Departamentos donde se ejecuta, separados por punto y coma"),
    publico.Campo("municipios_divipola", "texto", "Códigos DIVIPOLA de los municipios, separados por punto y coma"),
    publico.Campo("ods", "texto", "Objetivos de Desarrollo Sostenible (números), separados por punto y coma"),
    publico.Campo("fecha_publicacion", "fecha", "Fecha en que la entidad publicó estos datos"),
)


def proyectos_publicados():
    return Proyecto.objects.filter(
        publicado_en__isnull=False,
        convocatoria__estado__in=list(ESTADOS),
    )


def filas_publicadas():
    """Rows streamed from a chunked cursor, each chunk with its relations prefetched."""
    proyectos = (
        proyectos_publicados()
        .select_related("convocatoria", "moneda", "modalidad", "dependencia")
        .prefetch_related(
            Prefetch(
                "participantes",
                queryset=ParticipanteProyecto.objects.filter(rol=ParticipanteProyecto.Rol.FINANCIADOR).select_related(
                    "actor"
                ),
            ),
            "municipios__departamento",
            "ods",
            "sectores",
        )
        .order_by("-publicado_en", "codigo")
    )
    for p in proyectos.iterator(chunk_size=500):
        municipios = list(p.municipios.all())
        yield {
            "codigo": p.codigo,
            "nombre": p.nombre,
            "estado": ESTADOS[p.convocatoria.estado],
            "cooperantes": "; ".join(x.actor.nombre for x in p.participantes.all()),
            "modalidad": p.modalidad.nombre,
            "sectores_cad": "; ".join(f"{s.codigo}:{iati.decimal_xml(s.porcentaje)}" for s in p.sectores.all()),
            "monto_comprometido": p.monto_comprometido,
            "moneda": p.moneda.codigo,
            "monto_comprometido_cop": p.monto_comprometido_cop,
            "monto_comprometido_usd": ciclope.valor_usd(p),
            "contrapartida_cop": p.contrapartida_cop,
            "fecha_inicio": p.fecha_inicio,
            "fecha_fin": p.fecha_fin,
            "fecha_finalizacion": p.fecha_finalizacion,
            "dependencia": p.dependencia.nombre,
            "departamentos": "; ".join(dict.fromkeys(m.departamento.nombre.title() for m in municipios)),
            "municipios_divipola": "; ".join(m.codigo for m in municipios),
            "ods": "; ".join(str(o.numero) for o in p.ods.all()),
            "fecha_publicacion": p.publicado_en,
        }


def ultima_publicacion():
    return proyectos_publicados().aggregate(ultima=Max("publicado_en"))["ultima"]


def registrar() -> None:
    publico.registrar_datos(
        publico.ConjuntoDeDatos(
            codigo="proyectos-de-cooperacion",
            titulo=str(_("Proyectos de cooperación internacional")),
            descripcion=str(
                _(
                    "Cada fila es un proyecto de cooperación internacional en ejecución o finalizado que la entidad "
                    "publicó: cooperantes, modalidad, sector, montos, fechas, territorio (DIVIPOLA) y ODS."
                )
            ),
            campos=CAMPOS,
            filas=filas_publicadas,
            publicador=str(_("Oficina de Cooperación y Relaciones Internacionales")),
            orden=10,
            actualizado=ultima_publicacion,
        )
    )

"""Everything the app registers with the core in AppConfig.ready(): deadlines, reports, menu, pending items, demo."""


def registrar_en_el_nucleo() -> None:
    from django.utils.translation import gettext_lazy as _

    from cooperacion.core import demo, menu, pendientes, plazos, reportes, selectors, vinculos

    from . import demo as demo_convocatorias
    from . import pendientes as pendientes_convocatorias
    from . import permissions
    from . import plazos as plazos_convocatorias
    from . import vinculos as vinculos_convocatorias
    from .models import Convocatoria, InformeEjecucion, Proyecto
    from .reports import (
        ActaCompromisosReporte,
        ActaFinalizacionReporte,
        ConvocatoriasTrimestralReporte,
        MatrizReporte,
        OficioReporte,
    )

    selectors.registrar_reserva(Convocatoria, permissions.campos_reservados_de_convocatoria)
    plazos.registrar(plazos_convocatorias.TIPO_CIERRE, plazos_convocatorias.plazos_de_cierre, modelo=Convocatoria)
    plazos.registrar(
        plazos_convocatorias.TIPO_INFORME,
        plazos_convocatorias.plazos_de_informes,
        modelo=InformeEjecucion,
        depende_de={Proyecto: "proyecto", Convocatoria: "proyecto__convocatoria"},
    )
    plazos.registrar(
        plazos_convocatorias.TIPO_FIN,
        plazos_convocatorias.plazos_de_fin,
        modelo=Proyecto,
        depende_de={Convocatoria: "convocatoria"},
    )
    for reporte in (
        OficioReporte,
        ActaCompromisosReporte,
        ActaFinalizacionReporte,
        ConvocatoriasTrimestralReporte,
        MatrizReporte,
    ):
        reportes.registrar(reporte())
    pendientes.registrar(pendientes_convocatorias.pendientes_de)
    vinculos.registrar(vinculos_convocatorias.convocatorias_del_actor, orden=10)
    vinculos.registrar(vinculos_convocatorias.proyectos_del_actor, orden=20)
    demo.registrar("convocatorias", demo_convocatorias.cargar_demo, orden=50)
    ver = permissions.can_ver_convocatorias
    menu.registrar(
        menu.Entrada(
            etiqueta=_("Convocatorias"),
            url_name="convocatorias:matriz",
            visible=ver,
            hijos=(
                menu.Entrada(_("Matriz de convocatorias"), "convocatorias:matriz", ver),
                menu.Entrada(_("Proyectos de cooperación"), "convocatorias:proyecto-lista", ver),
            ),
            orden=20,
        )
    )

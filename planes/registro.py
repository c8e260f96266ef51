"""Everything the app registers with the core and with indicadores in AppConfig.ready(): deadlines, the quarterly
report, «Mis pendientes», the menu, the public pages and open data, the indicators' links and locks, demo data."""


def registrar_en_el_nucleo() -> None:
    from django.utils.translation import gettext_lazy as _

    from cooperacion.core import demo, menu, pendientes, plazos, reportes

    from . import demo as demo_planes
    from . import pendientes as pendientes_planes
    from . import permissions, publico, vinculos
    from . import plazos as plazos_planes
    from .models import CalendarioSeguimiento, Plan, SeguimientoTrimestral, Vigencia
    from .reports import SeguimientoPlanesReporte

    por_vigencia = {Vigencia: "vigencia"}
    plazos.registrar(
        plazos_planes.TIPO_FORMULACION, plazos_planes.plazos_de_formulacion, modelo=Plan, depende_de=por_vigencia
    )
    plazos.registrar(plazos_planes.TIPO_CARGUE, plazos_planes.plazos_de_cargue, modelo=Plan, depende_de=por_vigencia)
    plazos.registrar(
        plazos_planes.TIPO_APROBACION, plazos_planes.plazos_de_aprobacion, modelo=Plan, depende_de=por_vigencia
    )
    plazos.registrar(plazos_planes.TIPO_PUBLICACION, plazos_planes.plazos_de_publicacion, modelo=Vigencia)
    por_calendario = {CalendarioSeguimiento: "calendario"}
    plazos.registrar(
        plazos_planes.TIPO_REPORTE,
        plazos_planes.plazos_de_reporte,
        modelo=SeguimientoTrimestral,
        depende_de=por_calendario,
    )
    plazos.registrar(
        plazos_planes.TIPO_REVISION,
        plazos_planes.plazos_de_revision,
        modelo=SeguimientoTrimestral,
        depende_de=por_calendario,
    )
    reportes.registrar(SeguimientoPlanesReporte())
    pendientes.registrar(pendientes_planes.pendientes_de)
    publico.registrar()
    vinculos.registrar()
    demo.registrar("planes", demo_planes.cargar_demo, orden=60)
    ver = permissions.can_ver_planes
    menu.registrar(
        menu.Entrada(
            etiqueta=_("Planes"),
            url_name="planes:lista",
            visible=ver,
            hijos=(
                menu.Entrada(_("Planes de gestión"), "planes:lista", ver),
                menu.Entrada(_("Seguimiento trimestral"), "planes:seguimiento-lista", ver),
                menu.Entrada(_("Cuadro diagnóstico"), "planes:diagnostico", ver),
                menu.Entrada(_("Calendario de cortes"), "planes:calendario-inicio", ver),
                menu.Entrada(_("Informes remitidos"), "planes:informes", permissions.can_ver_informes_remitidos),
                menu.Entrada(_("Procedimiento DE-PD-01"), "planes:procedimiento", ver),
            ),
            orden=30,
        )
    )

from django.apps import AppConfig


class ProcesosConfig(AppConfig):
    name = "procesos"
    label = "procesos"
    verbose_name = "Procesos: caracterizaciones"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from cooperacion.core import demo, menu, pendientes, reportes
        from cooperacion.core.permissions import es_personal

        from . import demo as demo_procesos
        from . import permissions
        from .reports import CaracterizacionReporte, ProcesosReporte
        from .selectors import pendientes_de_procesos

        reportes.registrar(CaracterizacionReporte())
        reportes.registrar(ProcesosReporte())
        pendientes.registrar(pendientes_de_procesos)
        demo.registrar(
            "caracterizaciones PR-CRI y 4212000-CR-040",
            lambda *, usuarios, dependencias, hoy: demo_procesos.cargar_demo(
                usuarios=usuarios, dependencias=dependencias
            ),
            orden=30,
        )
        menu.registrar(
            menu.Entrada(
                etiqueta=_("Procesos"),
                url_name="procesos:lista",
                visible=es_personal,
                hijos=(
                    menu.Entrada(_("Caracterizaciones"), "procesos:lista", es_personal),
                    menu.Entrada(_("Catálogo de procesos"), "procesos:catalogo", es_personal),
                    menu.Entrada(_("Importar desde Excel"), "procesos:importar", permissions.can_importar),
                ),
                orden=20,
            )
        )

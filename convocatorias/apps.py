from django.apps import AppConfig


class ConvocatoriasConfig(AppConfig):
    name = "convocatorias"
    label = "convocatorias"
    verbose_name = "Convocatorias y proyectos de cooperación"

    def ready(self):
        from . import api, publico, registro

        registro.registrar_en_el_nucleo()
        api.registrar()
        publico.registrar()

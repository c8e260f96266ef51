from typing import Any

import django_stubs_ext
from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

# Django's generic classes subscripted in annotations and bases (forms.ModelForm[Usuario], DetailView[Actor]) need
# `__class_getitem__` at run time; the app configs are imported before any model, form or view module.
django_stubs_ext.monkeypatch()


class CoreConfig(AppConfig):
    name = "cooperacion.core"
    label = "core"
    verbose_name = "Núcleo y catálogos"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        # checks and tasks register themselves on import (system checks; the Celery tasks the outbox publishes).
        from . import api, checks, consultas, menu, orden, pendientes, permissions, reportes, tasks  # noqa: F401
        from .middleware import registrar_inicio_de_sesion
        from .reportes_nucleo import ActoresReporte, PlazosReporte

        api.registrar_catalogos()
        reportes.registrar(ActoresReporte())
        reportes.registrar(PlazosReporte())

        catalogos = [
            ("core:actor-lista", _("Actores y cooperantes")),
            ("core:entidad", _("Entidad")),
            ("core:dependencia-lista", _("Dependencias")),
            ("core:municipio-lista", _("DIVIPOLA")),
            ("core:ods-lista", _("ODS")),
            ("core:moneda-lista", _("Monedas")),
            ("core:politica-lista", _("Políticas MIPG")),
        ]
        menu.registrar(
            menu.Entrada(
                etiqueta=_("Catálogos"),
                url_name="core:actor-lista",
                visible=permissions.can_ver_catalogos,
                hijos=tuple(menu.Entrada(et, url, permissions.can_ver_catalogos) for url, et in catalogos),
                orden=90,
            )
        )
        menu.registrar(menu.Entrada(_("Reportes"), "core:reporte-lista", permissions.es_personal, orden=80))
        # The bar must fit 1280 px: the apps' entries are grouped by what the office does (names, not imports).
        menu.agrupar(
            menu.Grupo(
                _("Cooperación internacional"),
                ("convocatorias:matriz", "internacional:necesidad-lista"),
            )
        )
        menu.agrupar(
            menu.Grupo(
                _("Planeación y gestión"),
                ("procesos:lista", "planes:lista", "indicadores:lista", "rendicion:inicio"),
            )
        )
        post_migrate.connect(_crear_tipos_de_plazo, sender=self)
        connection_created.connect(orden.registrar_en_sqlite, dispatch_uid="core.colacion_es")
        user_logged_in.connect(registrar_inicio_de_sesion, dispatch_uid="core.inicio_de_sesion")


def _crear_tipos_de_plazo(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Every registered kind of deadline gets its editable row (thresholds) as soon as the database exists, and the
    open deadlines are computed once when their table is still empty (an upgraded installation)."""
    from . import plazos
    from .models import PlazoAbierto

    if using == "default":
        plazos.tipos_configurados()
        if not PlazoAbierto.objects.exists():
            plazos.reconstruir()

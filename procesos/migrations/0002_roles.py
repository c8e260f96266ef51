"""Permissions of the roles on process characterizations: the Administrador maintains the catalog of processes
(Django admin); everybody else reads."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELOS = [
    "proceso",
    "caracterizacion",
    "filaphva",
    "parteinteresada",
    "documento",
    "requisitolegal",
    "riesgo",
    "politicaasociada",
    "firma",
    "controlcambio",
]
LECTORES = ["Jefe de oficina", "Profesional", "Planeación", "Control Interno"]


def dar_permisos(apps, schema_editor):
    app_config = apps.get_app_config("procesos")
    anterior = getattr(app_config, "models_module", None)
    app_config.models_module = anterior or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = anterior

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permisos = Permission.objects.filter(content_type__app_label="procesos")
    admin, _ = Group.objects.get_or_create(name="Administrador")
    admin.permissions.add(
        *permisos.filter(codename__in=[f"{a}_{m}" for m in MODELOS for a in ("add", "change", "delete", "view")])
    )
    for nombre in LECTORES:
        grupo, _ = Group.objects.get_or_create(name=nombre)
        grupo.permissions.add(*permisos.filter(codename__in=[f"view_{m}" for m in MODELOS]))


def quitar_permisos(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for grupo in apps.get_model("auth", "Group").objects.all():
        grupo.permissions.remove(*Permission.objects.filter(content_type__app_label="procesos"))


class Migration(migrations.Migration):
    dependencies = [
        ("procesos", "0001_inicial"),
        ("core", "0005_permisos_plazos_y_reportes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(dar_permisos, quitar_permisos)]

"""The roles' Django permissions on plans (used by the admin, which only reads them: plans change through their
pages, where the procedure's rules apply)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELOS = [
    "vigencia",
    "plan",
    "objetivo",
    "estrategia",
    "actividad",
    "rondarevision",
    "calendarioseguimiento",
    "seguimientotrimestral",
    "avanceactividad",
    "observacioncontrol",
    "solicitudajuste",
    "cambioajuste",
    "remisioninforme",
]
ROLES = ["Administrador", "Jefe de oficina", "Profesional", "Planeación", "Control Interno"]


def dar_permisos(apps, schema_editor):
    app_config = apps.get_app_config("planes")
    anterior = getattr(app_config, "models_module", None)
    app_config.models_module = anterior or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = anterior

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permisos = Permission.objects.filter(content_type__app_label="planes", codename__in=[f"view_{m}" for m in MODELOS])
    for nombre in ROLES:
        grupo, _ = Group.objects.get_or_create(name=nombre)
        grupo.permissions.add(*permisos)


def quitar_permisos(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for grupo in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        grupo.permissions.remove(*Permission.objects.filter(content_type__app_label="planes"))


class Migration(migrations.Migration):
    dependencies = [
        ("planes", "0001_inicial"),
        ("core", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(dar_permisos, quitar_permisos)]

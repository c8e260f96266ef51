"""The roles' Django permissions on indicators (used by the admin): the Administrador manages the sheets, the other
roles read. Targets and measurements are written on the indicator's page, where the locks of the plans apply."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Administrador": {
        "indicador": ["add", "change", "delete", "view"],
        "metatrimestral": ["view"],
        "medicion": ["view"],
    },
    "Jefe de oficina": {"indicador": ["view"], "metatrimestral": ["view"], "medicion": ["view"]},
    "Profesional": {"indicador": ["view"], "metatrimestral": ["view"], "medicion": ["view"]},
    "Planeación": {"indicador": ["view"], "metatrimestral": ["view"], "medicion": ["view"]},
    "Control Interno": {"indicador": ["view"], "metatrimestral": ["view"], "medicion": ["view"]},
}


def dar_permisos(apps, schema_editor):
    app_config = apps.get_app_config("indicadores")
    anterior = getattr(app_config, "models_module", None)
    app_config.models_module = anterior or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = anterior

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nombre, modelos in ROLES.items():
        grupo, _ = Group.objects.get_or_create(name=nombre)
        codenames = [f"{accion}_{modelo}" for modelo, acciones in modelos.items() for accion in acciones]
        grupo.permissions.add(*Permission.objects.filter(content_type__app_label="indicadores", codename__in=codenames))


def quitar_permisos(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for grupo in Group.objects.filter(name__in=ROLES):
        grupo.permissions.remove(*Permission.objects.filter(content_type__app_label="indicadores"))


class Migration(migrations.Migration):
    dependencies = [
        ("indicadores", "0001_inicial"),
        ("core", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(dar_permisos, quitar_permisos)]

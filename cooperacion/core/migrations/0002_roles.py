"""Roles as Django groups with their permissions on the core's models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATALOGOS = ["dependencia", "actor", "ods", "departamento", "municipio", "moneda", "politicamipg"]

ROLES = {
    "Administrador": {
        **{modelo: ["add", "change", "delete", "view"] for modelo in CATALOGOS},
        "usuario": ["add", "change", "view"],
    },
    "Jefe de oficina": {modelo: ["view"] for modelo in CATALOGOS},
    "Profesional": {modelo: ["view"] for modelo in CATALOGOS},
    "Planeación": {modelo: ["view"] for modelo in CATALOGOS},
    "Control Interno": {**{modelo: ["view"] for modelo in CATALOGOS}, "usuario": ["view"]},
}


def crear_roles(apps, schema_editor):
    app_config = apps.get_app_config("core")
    anterior = getattr(app_config, "models_module", None)
    app_config.models_module = anterior or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = anterior

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nombre, modelos in ROLES.items():
        grupo, _ = Group.objects.get_or_create(name=nombre)
        codenames = [f"{accion}_{modelo}" for modelo, acciones in modelos.items() for accion in acciones]
        grupo.permissions.add(*Permission.objects.filter(content_type__app_label="core", codename__in=codenames))
    # The auth "group" model is read-only for the Administrador: roles change only through migrations.
    admin = Group.objects.get(name="Administrador")
    admin.permissions.add(*Permission.objects.filter(content_type__app_label="auth", codename="view_group"))


def quitar_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_inicial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(crear_roles, quitar_roles)]

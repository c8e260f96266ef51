"""The roles' Django permissions on agreements, their commitments and reviews (used by the admin): the Administrador
edits them, the others read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELOS = ["convenio", "compromisoconvenio", "revisionconvenio"]
ROLES = {
    "Administrador": ["add", "change", "delete", "view"],
    "Jefe de oficina": ["view"],
    "Profesional": ["view"],
    "Planeación": ["view"],
    "Control Interno": ["view"],
}


def dar_permisos(apps, schema_editor):
    app_config = apps.get_app_config("internacional")
    anterior = getattr(app_config, "models_module", None)
    app_config.models_module = anterior or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = anterior

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nombre, acciones in ROLES.items():
        grupo, _ = Group.objects.get_or_create(name=nombre)
        codenames = [f"{accion}_{modelo}" for modelo in MODELOS for accion in acciones]
        grupo.permissions.add(
            *Permission.objects.filter(content_type__app_label="internacional", codename__in=codenames)
        )


def quitar_permisos(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    codenames = [f"{accion}_{modelo}" for modelo in MODELOS for accion in ("add", "change", "delete", "view")]
    for grupo in Group.objects.filter(name__in=ROLES):
        grupo.permissions.remove(
            *Permission.objects.filter(content_type__app_label="internacional", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("internacional", "0005_prioridades_y_convenios"),
        ("core", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(dar_permisos, quitar_permisos)]

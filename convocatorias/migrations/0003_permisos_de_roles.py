"""The roles' Django permissions on the call pipeline (used by the admin): the Administrador manages every model,
the other roles read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELOS = [
    "modalidad",
    "pesospriorizacion",
    "convocatoria",
    "aviso",
    "destinatario",
    "compromiso",
    "versiondocumento",
    "proyecto",
    "participanteproyecto",
    "informeejecucion",
    "movimientofinanciero",
]
ROLES = {
    "Administrador": ["add", "change", "delete", "view"],
    "Jefe de oficina": ["view"],
    "Profesional": ["view"],
    "Planeación": ["view"],
    "Control Interno": ["view"],
}


def dar_permisos(apps, schema_editor):
    app_config = apps.get_app_config("convocatorias")
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
            *Permission.objects.filter(content_type__app_label="convocatorias", codename__in=codenames)
        )


def quitar_permisos(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for grupo in Group.objects.filter(name__in=ROLES):
        grupo.permissions.remove(*Permission.objects.filter(content_type__app_label="convocatorias"))


class Migration(migrations.Migration):
    dependencies = [
        ("convocatorias", "0002_modalidades"),
        ("core", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(dar_permisos, quitar_permisos)]

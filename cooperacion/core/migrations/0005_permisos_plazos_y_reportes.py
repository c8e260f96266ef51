"""The Administrador edits deadline thresholds and quarterly cut-offs, and reads reminders and generated reports."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISOS_ADMINISTRADOR = [
    "view_tipoplazo",
    "change_tipoplazo",
    "view_cortetrimestral",
    "add_cortetrimestral",
    "change_cortetrimestral",
    "delete_cortetrimestral",
    "view_recordatorioenviado",
    "view_reportegenerado",
]


def dar_permisos(apps, schema_editor):
    app_config = apps.get_app_config("core")
    anterior = getattr(app_config, "models_module", None)
    app_config.models_module = anterior or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = anterior
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrador, _ = Group.objects.get_or_create(name="Administrador")
    administrador.permissions.add(
        *Permission.objects.filter(content_type__app_label="core", codename__in=PERMISOS_ADMINISTRADOR)
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0004_motor_de_plazos_y_reportes")]

    operations = [migrations.RunPython(dar_permisos, migrations.RunPython.noop)]

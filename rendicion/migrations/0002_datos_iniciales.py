"""The first version of the consent text of the public question form, the configuration row with its defaults, and
the roles' Django permissions on the app's models (used by the admin): the Administrador manages, the others read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TITULO = "Autorización para el tratamiento de datos personales"
TEXTO = (
    "Al enviar su pregunta autoriza a la entidad a tratar su nombre y su correo electrónico con la única "
    "finalidad de responder su pregunta en el marco de la rendición de cuentas y de comunicarle la respuesta, "
    "conforme a la Ley 1581 de 2012 y al Decreto 1074 de 2015. Su correo no se publica: en las páginas "
    "públicas aparecen solo la pregunta y la respuesta. Usted puede conocer, actualizar, rectificar y "
    "suprimir sus datos, y revocar esta autorización, escribiendo a los canales de atención al ciudadano "
    "de la entidad."
)
MODELOS = [
    "configuracion",
    "textoconsentimiento",
    "estrategia",
    "objetivoestrategico",
    "elementoestrategia",
    "etapamurc",
    "accionrendicion",
    "responsableaccion",
    "avanceaccion",
    "metricadefinida",
    "registrometrica",
    "espaciodialogo",
    "itemencuesta",
    "preguntaciudadana",
    "corte",
    "evaluacionaccion",
    "accionmejora",
]
ROLES = {
    "Administrador": ["view"],
    "Jefe de oficina": ["view"],
    "Profesional": ["view"],
    "Planeación": ["view"],
    "Control Interno": ["view"],
}


def cargar(apps, schema_editor):
    TextoConsentimiento = apps.get_model("rendicion", "TextoConsentimiento")
    Configuracion = apps.get_model("rendicion", "Configuracion")
    if not TextoConsentimiento.objects.exists():
        TextoConsentimiento.objects.create(version=1, titulo=TITULO, texto=TEXTO)
    if not Configuracion.objects.exists():
        Configuracion.objects.create(pk=1)


def dar_permisos(apps, schema_editor):
    app_config = apps.get_app_config("rendicion")
    anterior = getattr(app_config, "models_module", None)
    app_config.models_module = anterior or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = anterior

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nombre, acciones in ROLES.items():
        grupo, _ = Group.objects.get_or_create(name=nombre)
        codenames = [f"{accion}_{modelo}" for modelo in MODELOS for accion in acciones]
        grupo.permissions.add(*Permission.objects.filter(content_type__app_label="rendicion", codename__in=codenames))


def cargar_todo(apps, schema_editor):
    cargar(apps, schema_editor)
    dar_permisos(apps, schema_editor)


def quitar(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for grupo in Group.objects.filter(name__in=ROLES):
        grupo.permissions.remove(*Permission.objects.filter(content_type__app_label="rendicion"))


class Migration(migrations.Migration):
    dependencies = [
        ("rendicion", "0001_inicial"),
        ("core", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(cargar_todo, quitar)]

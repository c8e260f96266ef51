"""The cooperation modalities codelist (editable afterwards by the Administrador)."""

from django.db import migrations

MODALIDADES = [
    # codigo, nombre, descripcion
    (
        "financiera_no_reembolsable",
        "Financiera no reembolsable",
        "Recursos en dinero que no se devuelven, para financiar proyectos o programas.",
    ),
    ("tecnica", "Técnica", "Asesoría, capacitación, intercambio de expertos y transferencia de conocimiento."),
    ("en_especie", "En especie", "Donación de bienes, equipos o servicios."),
    ("sur_sur", "Sur-Sur", "Intercambio entre países en desarrollo con capacidades complementarias."),
    ("triangular", "Triangular", "Un cooperante tradicional apoya un intercambio Sur-Sur."),
    ("descentralizada", "Descentralizada", "Entre gobiernos locales o regionales de distintos países."),
]


def cargar(apps, schema_editor):
    Modalidad = apps.get_model("convocatorias", "Modalidad")
    for orden, (codigo, nombre, descripcion) in enumerate(MODALIDADES, start=1):
        Modalidad.objects.get_or_create(
            codigo=codigo, defaults={"nombre": nombre, "descripcion": descripcion, "orden": orden}
        )


def quitar(apps, schema_editor):
    apps.get_model("convocatorias", "Modalidad").objects.filter(codigo__in=[m[0] for m in MODALIDADES]).delete()


class Migration(migrations.Migration):
    dependencies = [("convocatorias", "0001_inicial")]

    operations = [migrations.RunPython(cargar, quitar)]

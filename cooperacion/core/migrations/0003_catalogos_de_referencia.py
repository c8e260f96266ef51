"""Reference catalogs: the 17 SDGs, currencies, MIPG policies and DIVIPOLA, from the project's own data files."""

import csv
from pathlib import Path

from django.db import migrations

DATOS = Path(__file__).resolve().parent.parent / "datos"

ODS = [
    (1, "Fin de la pobreza", "#E5243B"),
    (2, "Hambre cero", "#DDA63A"),
    (3, "Salud y bienestar", "#4C9F38"),
    (4, "Educación de calidad", "#C5192D"),
    (5, "Igualdad de género", "#FF3A21"),
    (6, "Agua limpia y saneamiento", "#26BDE2"),
    (7, "Energía asequible y no contaminante", "#FCC30B"),
    (8, "Trabajo decente y crecimiento económico", "#A21942"),
    (9, "Industria, innovación e infraestructura", "#FD6925"),
    (10, "Reducción de las desigualdades", "#DD1367"),
    (11, "Ciudades y comunidades sostenibles", "#FD9D24"),
    (12, "Producción y consumo responsables", "#BF8B2E"),
    (13, "Acción por el clima", "#3F7E44"),
    (14, "Vida submarina", "#0A97D9"),
    (15, "Vida de ecosistemas terrestres", "#56C02B"),
    (16, "Paz, justicia e instituciones sólidas", "#00689D"),
    (17, "Alianzas para lograr los objetivos", "#19486A"),
]

MONEDAS = [
    ("COP", "Peso colombiano", "$", 0),
    ("USD", "Dólar estadounidense", "US$", 2),
    ("EUR", "Euro", "€", 2),
    ("GBP", "Libra esterlina", "£", 2),
    ("JPY", "Yen japonés", "¥", 0),
    ("CAD", "Dólar canadiense", "C$", 2),
    ("CHF", "Franco suizo", "CHF", 2),
    ("KRW", "Won surcoreano", "₩", 0),
    ("SEK", "Corona sueca", "kr", 2),
    ("NOK", "Corona noruega", "kr", 2),
]


def cargar(apps, schema_editor):
    for numero, nombre, color in ODS:
        apps.get_model("core", "ODS").objects.update_or_create(
            numero=numero, defaults={"nombre": nombre, "color": color}
        )
    for codigo, nombre, simbolo, decimales in MONEDAS:
        apps.get_model("core", "Moneda").objects.update_or_create(
            codigo=codigo, defaults={"nombre": nombre, "simbolo": simbolo, "decimales": decimales}
        )
    with open(DATOS / "mipg_politicas.csv", encoding="utf-8") as archivo:
        for fila in csv.DictReader(archivo):
            apps.get_model("core", "PoliticaMIPG").objects.update_or_create(
                numero=int(fila["numero"]), defaults={"nombre": fila["nombre"], "dimension": fila["dimension"]}
            )

    Departamento = apps.get_model("core", "Departamento")
    Municipio = apps.get_model("core", "Municipio")
    with open(DATOS / "divipola.csv", encoding="utf-8", newline="") as archivo:
        filas = list(csv.DictReader(archivo))
    departamentos = {}
    for fila in filas:
        codigo = fila["codigo_departamento"]
        if codigo not in departamentos:
            departamentos[codigo] = Departamento(codigo=codigo, nombre=fila["nombre_departamento"])
    Departamento.objects.bulk_create(departamentos.values(), ignore_conflicts=True)
    por_codigo = {d.codigo: d for d in Departamento.objects.all()}
    Municipio.objects.bulk_create(
        (
            Municipio(
                codigo=fila["codigo_municipio"],
                nombre=fila["nombre_municipio"],
                departamento=por_codigo[fila["codigo_departamento"]],
            )
            for fila in filas
        ),
        ignore_conflicts=True,
    )


def descargar(apps, schema_editor):
    for modelo in ["Municipio", "Departamento", "PoliticaMIPG", "Moneda", "ODS"]:
        apps.get_model("core", modelo).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_roles")]

    operations = [migrations.RunPython(cargar, descargar)]

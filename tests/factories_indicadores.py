"""Factories for indicators: sheets, targets and measurements (the year and quarter given, or the last closed one)."""

from datetime import date
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory

from indicadores.models import Indicador, Medicion, MetaTrimestral
from tests.factories import DependenciaFactory

PDF_MINIMO = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(nombre: str = "evidencia.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, PDF_MINIMO, content_type="application/pdf")


class IndicadorFactory(DjangoModelFactory):
    class Meta:
        model = Indicador

    codigo = factory.Sequence(lambda n: f"IND-{n:03d}")
    nombre = factory.Sequence(lambda n: f"Talleres de cooperación realizados {n}")
    objetivo = "Medir la gestión de la cooperación internacional."
    formula = "Número de talleres realizados"
    variable_numerador = "Talleres realizados"
    unidad = "talleres"
    acumulacion = Indicador.Acumulacion.ACUMULADO
    fuente = "Registros de la oficina"
    dependencia = factory.SubFactory(DependenciaFactory)


class RazonFactory(IndicadorFactory):
    nombre = factory.Sequence(lambda n: f"Solicitudes de cooperación tramitadas {n}")
    formula = "(Solicitudes tramitadas / Solicitudes recibidas) × 100"
    variable_numerador = "Solicitudes tramitadas"
    variable_denominador = "Solicitudes recibidas"
    unidad = "%"
    medida = Indicador.Medida.PORCENTAJE


class MetaFactory(DjangoModelFactory):
    class Meta:
        model = MetaTrimestral

    indicador = factory.SubFactory(IndicadorFactory)
    anio = 2026
    trimestre = 1
    valor = Decimal(10)


class MedicionFactory(DjangoModelFactory):
    class Meta:
        model = Medicion

    indicador = factory.SubFactory(IndicadorFactory)
    anio = 2026
    trimestre = 1
    numerador = Decimal(8)
    analisis = "Se realizaron los talleres programados con las direcciones territoriales."
    valor = factory.LazyAttribute(lambda m: m.numerador)


def con_metas(indicador: Indicador, anio: int, *valores, dependencia=None) -> Indicador:
    for trimestre, valor in enumerate(valores, start=1):
        if valor is not None:
            MetaTrimestral.objects.create(
                indicador=indicador, anio=anio, trimestre=trimestre, valor=Decimal(valor), dependencia=dependencia
            )
    return indicador


HOY = date(2026, 11, 30)

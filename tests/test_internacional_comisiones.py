"""Commissions where the office holds the technical secretariat: sessions with minutes (upload guard), commitments
that feed the deadline engine, scope by dependencia and constant queries on the list."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cooperacion.core.models import PlazoAbierto
from cooperacion.internacional.models import Comision, CompromisoSesion, SesionComision
from cooperacion.internacional.services import comisiones as servicios
from tests.factories_convocatorias import pdf


@pytest.fixture
def comision(usuarios, dependencias):
    return servicios.comision_registrar(
        usuario=usuarios["profesional"],
        nombre="Subcomisión de Asuntos Internacionales",
        dependencia=dependencias["ocri"],
    )


def test_sesion_con_acta_y_compromiso_que_entra_al_motor(cliente_de, usuarios, comision):
    hoy = timezone.localdate()
    url = reverse("internacional:sesion-registrar", args=[comision.pk])
    mala = cliente_de("profesional").post(
        url, {"fecha": hoy.isoformat(), "acta": SimpleUploadedFile("acta.svg", b"<svg/>")}
    )
    assert "no es de un tipo permitido" in mala.content.decode()
    futura = cliente_de("profesional").post(url, {"fecha": (hoy + timedelta(days=2)).isoformat()})
    assert "no puede ser posterior a hoy" in futura.content.decode()
    assert not SesionComision.objects.exists()
    cliente_de("profesional").post(url, {"fecha": hoy.isoformat(), "lugar": "Bogotá", "acta": pdf("acta.pdf")})
    sesion = SesionComision.objects.get()
    acta = cliente_de("control").get(reverse("internacional:sesion-acta", args=[sesion.pk]))
    assert b"".join(acta.streaming_content).startswith(b"%PDF")
    assert cliente_de("profesional2").get(reverse("internacional:sesion-acta", args=[sesion.pk])).status_code == 404
    cliente_de("profesional").post(
        reverse("internacional:sesion-compromiso", args=[sesion.pk]),
        {
            "descripcion": "Informe de avance a las centrales sindicales",
            "responsable": usuarios["jefe"].pk,
            "fecha_limite": (hoy + timedelta(days=10)).isoformat(),
        },
    )
    compromiso = CompromisoSesion.objects.get()
    fila = PlazoAbierto.objects.get(tipo="compromiso_comision")
    assert (fila.fecha, list(fila.responsables.all())) == (hoy + timedelta(days=10), [usuarios["jefe"]])
    cliente_de("jefe").post(
        reverse("internacional:compromiso-sesion-cumplir", args=[compromiso.pk]), {"cumplido_en": hoy.isoformat()}
    )
    assert not PlazoAbierto.objects.filter(tipo="compromiso_comision").exists()


def test_la_lista_de_comisiones_no_crece_en_consultas(
    cliente_de, usuarios, dependencias, comision, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40) as pocas:
        cliente_de("jefe").get(reverse("internacional:comision-lista"))
    for i in range(15):
        Comision.objects.create(nombre=f"Comisión {i}", dependencia=dependencias["ddft"])
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        respuesta = cliente_de("jefe").get(reverse("internacional:comision-lista"))
    assert respuesta.context["page_obj"].paginator.count == 16
    assert (
        cliente_de("profesional2").get(reverse("internacional:comision-lista")).context["page_obj"].paginator.count
        == 15
    )

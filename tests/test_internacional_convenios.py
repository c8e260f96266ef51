"""Agreements: parties by scope, dates and amounts refused with clear messages and nothing saved, the signed
document through the upload guard, commitments and reviews, ending with a reason, the expiry 60 days ahead and the
commitments in the deadline engine, and the actor's page with everything linked to it in constant queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cooperacion.core import plazos
from cooperacion.core.models import Moneda, PlazoAbierto
from cooperacion.internacional.models import CompromisoConvenio, Convenio, RevisionConvenio
from tests.factories import ActorFactory
from tests.factories_convocatorias import ConvocatoriaFactory, asegurar_datos_de_convocatorias, pdf
from tests.factories_internacional import CompromisoFactory, ConvenioFactory


@pytest.fixture
def oit(usuarios):
    return ActorFactory(nombre="Organización Internacional del Trabajo", sigla="OIT")


@pytest.fixture
def convenio(usuarios, dependencias, oit):
    return ConvenioFactory(dependencia=dependencias["ocri"], responsable=usuarios["profesional"], actores=[oit])


def _datos(usuarios, dependencias, actores, **cambios):
    hoy = timezone.localdate()
    datos = {
        "numero": "MDE-2026-01",
        "tipo": "memorando",
        "alcance": "bilateral",
        "objeto": "Asistencia técnica en inspección del trabajo.",
        "actores": [a.pk for a in actores],
        "dependencia": dependencias["ocri"].pk,
        "responsable": usuarios["profesional"].pk,
        "fecha_firma": (hoy - timedelta(days=5)).isoformat(),
        "fecha_inicio": (hoy - timedelta(days=5)).isoformat(),
        "fecha_fin": (hoy + timedelta(days=365)).isoformat(),
        "token_creacion": "t-conv",
    }
    datos.update(cambios)
    return datos


def test_la_oficina_registra_un_memorando_con_documento_firmado(cliente_de, usuarios, dependencias, oit):
    usd = Moneda.objects.get(codigo="USD")
    datos = _datos(usuarios, dependencias, [oit], monto="250.000", moneda=usd.pk, documento=pdf("memorando.pdf"))
    respuesta = cliente_de("profesional").post(reverse("internacional:convenio-crear"), datos)
    assert respuesta.status_code == 302
    convenio = Convenio.objects.get(numero="MDE-2026-01")
    assert (convenio.monto, convenio.moneda, list(convenio.actores.all())) == (Decimal("250000"), usd, [oit])
    descarga = cliente_de("jefe").get(reverse("internacional:convenio-documento", args=[convenio.pk]))
    assert descarga.status_code == 200
    assert b"".join(descarga.streaming_content).startswith(b"%PDF")
    assert (
        cliente_de("profesional2").get(reverse("internacional:convenio-documento", args=[convenio.pk])).status_code
        == 404
    )
    # The outsider registers nothing: only the office does.
    assert cliente_de("profesional2").get(reverse("internacional:convenio-crear")).status_code == 403


def test_fechas_partes_y_monto_invalidos_muestran_cada_problema_y_no_guardan(cliente_de, usuarios, dependencias, oit):
    hoy = timezone.localdate()
    otro = ActorFactory()
    datos = _datos(
        usuarios,
        dependencias,
        [oit, otro],
        fecha_firma=(hoy + timedelta(days=3)).isoformat(),
        fecha_fin=(hoy - timedelta(days=30)).isoformat(),
        monto="1.000",
    )
    contenido = cliente_de("profesional").post(reverse("internacional:convenio-crear"), datos).content.decode()
    assert "Un convenio bilateral se suscribe con un solo actor." in contenido
    assert "no puede ser posterior a hoy" in contenido
    assert "no puede ser anterior" in contenido
    assert not Convenio.objects.exists()
    lejos = cliente_de("profesional").post(
        reverse("internacional:convenio-crear"), _datos(usuarios, dependencias, [oit], fecha_fin="2099-01-01")
    )
    assert "demasiado lejos" in lejos.content.decode()
    assert not Convenio.objects.exists()


def test_un_documento_de_tipo_no_permitido_se_rechaza(cliente_de, usuarios, dependencias, oit):
    ejecutable = SimpleUploadedFile("memorando.exe", b"MZ\x90\x00 programa", content_type="application/octet-stream")
    datos = _datos(usuarios, dependencias, [oit], documento=ejecutable)
    respuesta = cliente_de("profesional").post(reverse("internacional:convenio-crear"), datos)
    assert respuesta.status_code == 200
    assert "no es de un tipo permitido" in respuesta.content.decode()
    disfrazado = SimpleUploadedFile("memorando.pdf", b"MZ\x90\x00 no es un pdf", content_type="application/pdf")
    respuesta = cliente_de("profesional").post(
        reverse("internacional:convenio-crear"), _datos(usuarios, dependencias, [oit], documento=disfrazado)
    )
    assert "no corresponde a un archivo PDF" in respuesta.content.decode()
    assert not Convenio.objects.exists()


def test_compromiso_revision_y_terminacion(cliente_de, usuarios, convenio):
    hoy = timezone.localdate()
    respuesta = cliente_de("profesional").post(
        reverse("internacional:compromiso-agregar", args=[convenio.pk]),
        {
            "descripcion": "Informe anual a la OIT",
            "responsable": usuarios["jefe"].pk,
            "fecha_limite": (hoy + timedelta(days=15)).isoformat(),
        },
    )
    assert respuesta.status_code == 302
    compromiso = CompromisoConvenio.objects.get(convenio=convenio)
    assert usuarios["jefe"].notificaciones.filter(titulo__startswith="Nuevo compromiso").exists()
    revision = cliente_de("control").get(reverse("internacional:convenio-revision", args=[convenio.pk]))
    assert revision.status_code == 403
    sin_comentario = cliente_de("profesional").post(
        reverse("internacional:convenio-revision", args=[convenio.pk]),
        {"fecha": hoy.isoformat(), "calificacion": 4, "comentario": ""},
    )
    assert sin_comentario.status_code == 200
    assert not RevisionConvenio.objects.exists()
    cliente_de("profesional").post(
        reverse("internacional:convenio-revision", args=[convenio.pk]),
        {"fecha": hoy.isoformat(), "calificacion": 4, "comentario": "Funciona: la asistencia llegó a tiempo."},
    )
    assert RevisionConvenio.objects.get().calificacion == 4
    cliente_de("jefe").post(
        reverse("internacional:compromiso-cumplir", args=[compromiso.pk]), {"cumplido_en": hoy.isoformat()}
    )
    compromiso.refresh_from_db()
    assert compromiso.cumplido_en == hoy
    terminar = reverse("internacional:convenio-transicion", args=[convenio.pk, "terminar"])
    assert cliente_de("profesional").post(terminar, {"motivo": "Fin"}).status_code == 403
    cliente_de("jefe").post(terminar, {"motivo": ""})
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.VIGENTE
    cliente_de("jefe").post(terminar, {"motivo": "Se cumplió el objeto."})
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.TERMINADO


def test_el_vencimiento_y_los_compromisos_van_al_motor_de_plazos(usuarios, dependencias, oit):
    hoy = timezone.localdate()
    convenio = ConvenioFactory(
        dependencia=dependencias["ocri"],
        responsable=usuarios["profesional"],
        actores=[oit],
        fecha_fin=hoy + timedelta(days=50),
    )
    CompromisoFactory(convenio=convenio, fecha_limite=hoy + timedelta(days=7))
    plazos.reconstruir(["vencimiento_convenio", "compromiso_convenio"])
    filas = {f.tipo: f for f in PlazoAbierto.objects.filter(tipo__in=["vencimiento_convenio", "compromiso_convenio"])}
    assert filas["vencimiento_convenio"].fecha == hoy + timedelta(days=50)
    assert filas["compromiso_convenio"].fecha == hoy + timedelta(days=7)
    configuracion = plazos.tipos_configurados()["vencimiento_convenio"]
    # 60 days ahead the engine already warns (the first threshold is 60 calendar days).
    assert plazos.umbral_vigente(configuracion, hoy + timedelta(days=60), hoy) is not None
    convenio.estado = Convenio.Estado.TERMINADO
    convenio.save()
    assert not PlazoAbierto.objects.filter(tipo__in=["vencimiento_convenio", "compromiso_convenio"]).exists()


def _actor_con_todo(usuarios, dependencias, oit, n):
    asegurar_datos_de_convocatorias()
    for i in range(n):
        ConvocatoriaFactory(cooperante=oit, dependencia=dependencias["ocri"], nombre=f"Convocatoria OIT {n}-{i}")
        ConvenioFactory(
            dependencia=dependencias["ocri"],
            responsable=usuarios["profesional"],
            actores=[oit],
            monto=Decimal("1000"),
            moneda=Moneda.objects.get(codigo="EUR"),
        )


def test_la_pagina_del_actor_lista_lo_vinculado_con_totales_por_moneda_en_consultas_constantes(
    cliente_de, usuarios, dependencias, oit, django_assert_max_num_queries
):
    _actor_con_todo(usuarios, dependencias, oit, 2)
    cliente = cliente_de("jefe")
    with django_assert_max_num_queries(40) as pocas:
        respuesta = cliente.get(oit.get_absolute_url())
    contenido = respuesta.content.decode()
    assert "Convocatoria OIT 2-0" in contenido
    assert "Total en EUR" in contenido
    assert "2.000,00 EUR" in contenido
    assert "Total en USD" in contenido  # the calls' offered resources (factory: USD)
    _actor_con_todo(usuarios, dependencias, oit, 12)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        respuesta = cliente.get(oit.get_absolute_url())
    assert "14.000,00 EUR" in respuesta.content.decode()
    # The outsider sees the actor, not the office's calls and agreements.
    ajeno = cliente_de("profesional2").get(oit.get_absolute_url()).content.decode()
    assert "Convocatoria OIT" not in ajeno
    assert "EUR" not in ajeno


def test_la_lista_de_convenios_no_crece_en_consultas(
    cliente_de, usuarios, dependencias, oit, django_assert_max_num_queries
):
    ConvenioFactory(dependencia=dependencias["ocri"], responsable=usuarios["profesional"], actores=[oit])
    cliente = cliente_de("jefe")
    with django_assert_max_num_queries(40) as pocas:
        cliente.get(reverse("internacional:convenio-lista"))
    for _i in range(15):
        ConvenioFactory(dependencia=dependencias["ddft"], responsable=usuarios["profesional2"], actores=[oit])
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        respuesta = cliente.get(reverse("internacional:convenio-lista"))
    assert respuesta.context["page_obj"].paginator.count == 16
    # The outsider sees only those of their dependencia (or where it is a party).
    assert (
        cliente_de("profesional2").get(reverse("internacional:convenio-lista")).context["page_obj"].paginator.count
        == 15
    )

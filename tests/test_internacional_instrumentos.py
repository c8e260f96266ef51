"""International instruments: the state as a workflow with dates (the Jefe of the office), studies with their
document through the upload guard, and memorias with due dates counted in Colombian business days in the engine."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog

from cooperacion.core import plazos
from cooperacion.core.models import PlazoAbierto
from cooperacion.internacional.models import EstudioInstrumento, InstrumentoInternacional, MemoriaInstrumento
from cooperacion.internacional.services import instrumentos as servicios
from tests.factories import ActorFactory
from tests.factories_convocatorias import pdf


@pytest.fixture
def instrumento(usuarios, dependencias):
    return servicios.instrumento_registrar(
        usuario=usuarios["profesional"],
        codigo="c081",
        nombre="Convenio sobre la inspección del trabajo, 1947",
        organizacion=ActorFactory(sigla="OIT"),
        dependencia=dependencias["ocri"],
    )


def _estado(cliente, instrumento, accion, **datos):
    return cliente.post(reverse("internacional:instrumento-estado", args=[instrumento.pk, accion]), datos)


def test_el_jefe_registra_adopcion_y_ratificacion_con_sus_fechas_historicas(cliente_de, usuarios, instrumento):
    assert instrumento.codigo == "C081"
    assert _estado(cliente_de("profesional"), instrumento, "adoptar", fecha="1947-07-11").status_code == 403
    assert _estado(cliente_de("jefe"), instrumento, "adoptar", fecha="1947-07-11").status_code == 302
    respuesta = _estado(cliente_de("jefe"), instrumento, "ratificar", fecha="1940-01-01")
    assert "no puede ser anterior a la adopción" in respuesta.content.decode()
    respuesta = _estado(cliente_de("jefe"), instrumento, "ratificar", fecha="1900-01-01")
    assert "demasiado antigua" in respuesta.content.decode()
    _estado(cliente_de("jefe"), instrumento, "ratificar", fecha="1967-11-13")
    instrumento.refresh_from_db()
    assert (instrumento.estado, instrumento.fecha_ratificacion) == ("ratificado", date(1967, 11, 13))
    respuesta = _estado(cliente_de("jefe"), instrumento, "denunciar", fecha=timezone.localdate().isoformat())
    assert "motivo de la denuncia" in respuesta.content.decode()
    estados = [log.state for log in StateLog.objects.for_(instrumento).order_by("timestamp", "pk")]
    assert estados == ["adoptado", "ratificado"]


def test_un_estudio_con_un_archivo_no_permitido_se_rechaza(cliente_de, instrumento):
    url = reverse("internacional:estudio-agregar", args=[instrumento.pk])
    hoy = timezone.localdate().isoformat()
    datos = {"titulo": "Estudio de ratificación", "proposito": "ratificacion", "fecha": hoy}
    respuesta = cliente_de("profesional").post(
        url, {**datos, "documento": SimpleUploadedFile("estudio.html", b"<script>alert(1)</script>")}
    )
    assert "no es de un tipo permitido" in respuesta.content.decode()
    assert not EstudioInstrumento.objects.exists()
    assert cliente_de("profesional").post(url, {**datos, "documento": pdf("estudio.pdf")}).status_code == 302
    estudio = EstudioInstrumento.objects.get()
    descarga = cliente_de("control").get(reverse("internacional:estudio-documento", args=[estudio.pk]))
    assert b"".join(descarga.streaming_content).startswith(b"%PDF")
    assert (
        cliente_de("profesional2").get(reverse("internacional:estudio-documento", args=[estudio.pk])).status_code == 404
    )


def test_la_fecha_limite_de_la_memoria_se_cuenta_en_dias_habiles_de_colombia():
    # Friday 4 December 2026 + 5 business days: Monday 7, (Tuesday 8 is a holiday), 9, 10, 11, Monday 14.
    assert servicios.fecha_limite_habil(date(2026, 12, 4), 5) == date(2026, 12, 14)
    # Over Holy Week 2026 (Thursday 2 and Friday 3 April are holidays).
    assert servicios.fecha_limite_habil(date(2026, 3, 31), 3) == date(2026, 4, 7)


def test_la_memoria_entra_al_motor_y_sale_al_registrar_su_envio(cliente_de, usuarios, dependencias, instrumento):
    servicios.instrumento_fechar(
        instrumento=instrumento, usuario=usuarios["jefe"], transicion="adoptar", fecha=date(1947, 7, 11)
    )
    servicios.instrumento_fechar(
        instrumento=instrumento, usuario=usuarios["jefe"], transicion="ratificar", fecha=date(1967, 11, 13)
    )
    solicitud = timezone.localdate() - timedelta(days=3)
    respuesta = cliente_de("profesional").post(
        reverse("internacional:memoria-programar", args=[instrumento.pk]),
        {
            "periodo": "2026",
            "fecha_solicitud": solicitud.isoformat(),
            "dias_habiles": 20,
            "dependencia": dependencias["ddft"].pk,
        },
    )
    assert respuesta.status_code == 302
    memoria = MemoriaInstrumento.objects.get()
    assert memoria.fecha_limite == servicios.fecha_limite_habil(solicitud, 20)
    fila = PlazoAbierto.objects.get(tipo="memoria_instrumento")
    assert fila.fecha == memoria.fecha_limite
    assert usuarios["profesional2"] in fila.responsables.all()
    # The responsible dependencia (the outsider's) sees the instrument and registers the submission.
    assert cliente_de("profesional2").get(instrumento.get_absolute_url()).status_code == 200
    envio = reverse("internacional:memoria-envio", args=[memoria.pk])
    sin_radicado = cliente_de("profesional2").post(
        envio, {"fecha_envio": timezone.localdate().isoformat(), "radicado": ""}
    )
    assert sin_radicado.status_code == 200
    cliente_de("profesional2").post(
        envio, {"fecha_envio": timezone.localdate().isoformat(), "radicado": "08SE2026", "soporte": pdf("envio.pdf")}
    )
    memoria.refresh_from_db()
    assert (memoria.radicado, memoria.enviada) == ("08SE2026", True)
    plazos.sincronizar("memoria_instrumento", [memoria.pk])
    assert not PlazoAbierto.objects.filter(tipo="memoria_instrumento").exists()


def test_la_lista_de_instrumentos_no_crece_en_consultas(
    cliente_de, usuarios, dependencias, django_assert_max_num_queries
):
    oit = ActorFactory()
    InstrumentoInternacional.objects.create(
        codigo="C001", nombre="Uno", organizacion=oit, dependencia=dependencias["ocri"]
    )
    with django_assert_max_num_queries(40) as pocas:
        cliente_de("jefe").get(reverse("internacional:instrumento-lista"))
    for i in range(15):
        InstrumentoInternacional.objects.create(
            codigo=f"C{i + 100}", nombre=f"Convenio {i}", organizacion=ActorFactory(), dependencia=dependencias["ddft"]
        )
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        respuesta = cliente_de("jefe").get(reverse("internacional:instrumento-lista"))
    assert respuesta.context["page_obj"].paginator.count == 16

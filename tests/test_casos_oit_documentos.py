"""An ILO case keeps its documents: the communication received, the drafts of the answer as numbered versions, and
the answer as sent, filed by the Jefe with the answer; all served only to those who see the case."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cooperacion.internacional.models import CasoOIT, DocumentoCaso
from tests.factories_convocatorias import pdf
from tests.factories_oit import CasoOITFactory


@pytest.fixture
def caso(usuarios, dependencias):
    return CasoOITFactory(dependencia=dependencias["ocri"], responsable=usuarios["profesional"])


def _subir(cliente, caso, tipo, archivo):
    return cliente.post(reverse("internacional:caso-documento", args=[caso.pk]), {"tipo": tipo, "archivo": archivo})


def test_comunicacion_borradores_en_versiones_y_respuesta_enviada_por_el_jefe(cliente_de, usuarios, caso):
    assert _subir(cliente_de("profesional"), caso, "comunicacion", pdf("queja.pdf")).status_code == 302
    _subir(cliente_de("profesional"), caso, "borrador", pdf("borrador.pdf"))
    _subir(cliente_de("profesional"), caso, "borrador", pdf("borrador-revisado.pdf"))
    assert list(caso.documentos.filter(tipo="borrador").values_list("version", flat=True)) == [1, 2]
    # The answer as sent is not a draft: only the Jefe files it, with the answer.
    assert _subir(cliente_de("profesional"), caso, "respuesta", pdf()).status_code == 200
    respuesta = cliente_de("jefe").post(
        reverse("internacional:caso-respuesta", args=[caso.pk]),
        {"fecha_respuesta": timezone.localdate().isoformat(), "radicado": "08SE2026", "documento": pdf("enviada.pdf")},
    )
    assert respuesta.status_code == 302
    caso.refresh_from_db()
    assert caso.estado == CasoOIT.Estado.RESPONDIDO
    enviada = caso.documentos.get(tipo=DocumentoCaso.Tipo.RESPUESTA)
    assert enviada.subido_por == usuarios["jefe"]
    pagina = cliente_de("control").get(caso.get_absolute_url()).content.decode()
    assert "Borrador de respuesta, versión 2" in pagina
    assert "Respuesta enviada" in pagina
    descarga = cliente_de("control").get(reverse("internacional:caso-documento-descargar", args=[enviada.pk]))
    assert b"".join(descarga.streaming_content).startswith(b"%PDF")
    fuera = cliente_de("profesional2").get(reverse("internacional:caso-documento-descargar", args=[enviada.pk]))
    assert fuera.status_code == 404


def test_un_documento_de_tipo_no_permitido_se_rechaza(cliente_de, caso):
    respuesta = _subir(cliente_de("profesional"), caso, "comunicacion", SimpleUploadedFile("queja.exe", b"MZ\x90"))
    assert "no es de un tipo permitido" in respuesta.content.decode()
    assert not caso.documentos.exists()


@pytest.mark.parametrize(
    ("rol", "esperado"),
    [("admin", 200), ("jefe", 200), ("profesional", 200), ("planeacion", 403), ("control", 403), ("profesional2", 404)],
)
def test_quien_sube_documentos(cliente_de, caso, rol, esperado):
    assert cliente_de(rol).get(reverse("internacional:caso-documento", args=[caso.pk])).status_code == esperado

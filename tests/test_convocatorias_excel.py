"""The «Matriz de convocatorias» in Excel: export with the page's filters, edit, import back (all rows or none)."""

import io
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from convocatorias import matriz, services
from convocatorias.models import Convocatoria
from cooperacion.core.models import ODS
from tests.factories_convocatorias import asegurar_datos_de_convocatorias, avanzar, datos_de_convocatoria

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _archivos_temporales(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def convocatorias(usuarios, dependencias):
    asegurar_datos_de_convocatorias()
    profesional = usuarios["profesional"]
    primera = services.convocatoria_crear(
        usuario=profesional, ods=[ODS.objects.get(numero=8)], **datos_de_convocatoria(nombre="Empleo rural")
    )
    segunda = services.convocatoria_crear(
        usuario=profesional, **datos_de_convocatoria(nombre="Trabajo infantil", territorio="Cauca")
    )
    ajena = services.convocatoria_crear(usuario=usuarios["profesional2"], **datos_de_convocatoria(nombre="De la DDFT"))
    return {"primera": primera, "segunda": segunda, "ajena": ajena}


def _exportar(cliente, **filtros) -> Workbook:
    respuesta = cliente.get(reverse("convocatorias:exportar"), filtros)
    assert respuesta["Content-Type"] == XLSX
    assert respuesta["Content-Disposition"].startswith('attachment; filename="matriz-de-convocatorias-')
    return load_workbook(io.BytesIO(b"".join(respuesta.streaming_content)))


def _filas(libro) -> list[dict]:
    hoja = libro.worksheets[0]
    filas = list(hoja.iter_rows(values_only=True))
    return [dict(zip(filas[0], fila, strict=True)) for fila in filas[1:]]


def _como_archivo(libro, nombre="matriz.xlsx") -> SimpleUploadedFile:
    destino = io.BytesIO()
    libro.save(destino)
    return SimpleUploadedFile(nombre, destino.getvalue(), content_type=XLSX)


def _importar(cliente, libro):
    return cliente.post(reverse("convocatorias:importar"), {"archivo": _como_archivo(libro)})


def test_la_exportacion_lleva_los_filtros_de_la_matriz_y_el_alcance(cliente_de, convocatorias):
    filas = _filas(_exportar(cliente_de("profesional")))
    assert {f["Convocatoria"] for f in filas} == {"Empleo rural", "Trabajo infantil"}
    filtradas = _filas(_exportar(cliente_de("profesional"), q="Cauca"))
    assert [f["Convocatoria"] for f in filtradas] == ["Trabajo infantil"]
    fila = next(f for f in filas if f["Convocatoria"] == "Empleo rural")
    assert (fila["Cooperante"], fila["Moneda"], fila["ODS"], fila["Estado"]) == ("GIZ", "USD", "8", "Identificada")
    assert fila["Equivalente COP"] == 250000 * 4100
    assert isinstance(fila["Cierre"], datetime)
    assert len(_filas(_exportar(cliente_de("admin")))) == 3


def test_ida_y_vuelta_actualiza_y_crea(cliente_de, usuarios, dependencias, convocatorias):
    libro = _exportar(cliente_de("profesional"), orden="nombre")
    hoja = libro.worksheets[0]
    encabezado = [c.value for c in hoja[1]]
    columna = {titulo: i + 1 for i, titulo in enumerate(encabezado)}
    fila_empleo = next(
        r for r in range(2, hoja.max_row + 1) if hoja.cell(r, columna["Convocatoria"]).value == "Empleo rural"
    )
    hoja.cell(fila_empleo, columna["Territorio"]).value = "Nariño y Putumayo"
    hoja.cell(fila_empleo, columna["Recursos ofrecidos"]).value = 300000
    nueva = hoja.max_row + 1
    for titulo, valor in {
        "Cooperante": "giz",
        "Convocatoria": "Fondo para el diálogo social",
        "Fuente": "Página web",
        "Modalidad": "Financiera no reembolsable",
        "ODS": "8, 16",
        "Recursos ofrecidos": "1.500.000,50",
        "Moneda": "USD",
        "Tasa COP": 4000,
        "Apertura": "01/12/2026 08:00",
        "Cierre": "30/12/2026 17:00",
        "Nivel de impacto": "Alto",
    }.items():
        hoja.cell(nueva, columna[titulo]).value = valor
    # read-only columns are ignored even if edited
    hoja.cell(fila_empleo, columna["Estado"]).value = "Finalizada"

    respuesta = _importar(cliente_de("profesional"), libro)
    assert respuesta.status_code == 302, respuesta.context and respuesta.context.get("errores")
    empleo = Convocatoria.objects.get(nombre="Empleo rural")
    assert (empleo.territorio, empleo.monto, empleo.estado) == ("Nariño y Putumayo", Decimal("300000"), "identificada")
    assert empleo.monto_cop == Decimal("300000") * Decimal("4100")
    creada = Convocatoria.objects.get(nombre="Fondo para el diálogo social")
    assert (creada.dependencia, creada.responsable, creada.monto) == (
        dependencias["ocri"],
        usuarios["profesional"],
        Decimal("1500000.50"),
    )
    assert sorted(creada.ods.values_list("numero", flat=True)) == [8, 16]
    assert timezone.localtime(creada.fecha_cierre).strftime("%d/%m/%Y %H:%M") == "30/12/2026 17:00"
    mensajes = [str(m) for m in respuesta.wsgi_request._messages]
    assert mensajes == ["Matriz importada: 1 convocatorias nuevas, 1 actualizadas, 1 sin cambios."]


def test_una_fila_mala_no_guarda_nada_y_lista_cada_error_por_fila(cliente_de, convocatorias):
    libro = _exportar(cliente_de("profesional"), orden="nombre")
    hoja = libro.worksheets[0]
    columna = {c.value: i + 1 for i, c in enumerate(hoja[1])}
    hoja.cell(2, columna["Territorio"]).value = "Territorio cambiado"  # a good row: must not be saved either
    for fila, (apertura, cierre, cooperante) in enumerate(
        [("10/12/2026 08:00", "01/12/2026 17:00", "GIZ"), ("01/12/2026", "20/12/2026", "Agencia Inexistente")],
        start=hoja.max_row + 1,
    ):
        for titulo, valor in {
            "Cooperante": cooperante,
            "Convocatoria": f"Nueva {fila}",
            "Fuente": "web",
            "Modalidad": "Técnica",
            "Apertura": apertura,
            "Cierre": cierre,
            "Recursos ofrecidos": -5 if fila % 2 else None,
            "Moneda": "USD",
            "Tasa COP": 4000,
        }.items():
            hoja.cell(fila, columna[titulo]).value = valor
    antes = list(Convocatoria.objects.order_by("pk").values_list("territorio", "nombre"))

    respuesta = _importar(cliente_de("profesional"), libro)
    assert respuesta.status_code == 200
    assert respuesta.context["errores"] == [
        "Fila 4: la fecha de cierre no puede ser anterior a la de apertura.",
        "Fila 5: el cooperante «Agencia Inexistente» no está en el catálogo de actores.",
    ]
    assert list(Convocatoria.objects.order_by("pk").values_list("territorio", "nombre")) == antes
    assert "no se guardó nada" in respuesta.content.decode()


def test_el_mensaje_exacto_de_cierre_anterior_por_fila(usuarios, convocatorias):
    libro = Workbook()
    hoja = libro.active
    hoja.append([str(c.columna.titulo) for c in matriz.COLUMNAS])
    titulos = [str(c.columna.titulo) for c in matriz.COLUMNAS]
    valores = dict.fromkeys(titulos)
    valores.update({"Cooperante": "GIZ", "Convocatoria": "Fondo", "Fuente": "web", "Modalidad": "Técnica",
                    "Apertura": "10/12/2026 08:00", "Cierre": "01/12/2026 08:00"})  # fmt: skip
    for _ in range(5):
        hoja.append([valores[t] for t in titulos])
    resultado = services.matriz_importar(usuario=usuarios["profesional"], archivo=_como_archivo(libro))
    assert resultado.errores[-1] == "Fila 6: la fecha de cierre no puede ser anterior a la de apertura."
    assert len(resultado.errores) == 5
    assert not Convocatoria.objects.filter(nombre="Fondo").exists()


def test_no_se_actualiza_una_convocatoria_ajena_ni_se_cambia_una_ya_presentada(
    usuarios, dependencias, cliente_de, convocatorias
):
    avanzar(convocatorias["segunda"], Convocatoria.Estado.PRESENTADA, usuarios=usuarios, dependencias=dependencias)
    libro = _exportar(cliente_de("admin"), orden="nombre")
    hoja = libro.worksheets[0]
    encabezado = [c.value for c in hoja[1]]
    presentada = convocatorias["segunda"].pk
    for fila in hoja.iter_rows(min_row=2):
        if fila[0].value == presentada:
            fila[encabezado.index("Territorio")].value = "Nariño"  # a change on a call that no longer accepts edits
    resultado = services.matriz_importar(usuario=usuarios["profesional"], archivo=_como_archivo(libro))
    ajena = convocatorias["ajena"].pk
    assert f"Fila 2: la convocatoria con ID {ajena} no existe o no está a su cargo." in resultado.errores
    assert (
        f"Fila 4: la convocatoria {presentada} está «Presentada al cooperante» y ya no se edita: "
        "deje la fila como se exportó." in resultado.errores
    )
    convocatorias["segunda"].refresh_from_db()
    assert convocatorias["segunda"].territorio == "Cauca"


def test_la_matriz_exportada_sin_cambios_se_importa_de_nuevo_sin_errores(
    usuarios, dependencias, cliente_de, convocatorias
):
    avanzar(convocatorias["segunda"], Convocatoria.Estado.PRESENTADA, usuarios=usuarios, dependencias=dependencias)
    libro = _exportar(cliente_de("profesional"), orden="nombre")
    historia = {c.pk: c.history.count() for c in Convocatoria.objects.all()}
    resultado = services.matriz_importar(usuario=usuarios["profesional"], archivo=_como_archivo(libro))
    assert resultado.errores == []
    assert (len(resultado.creadas), len(resultado.actualizadas), resultado.sin_cambios) == (0, 0, 1)
    presentada = convocatorias["segunda"].pk
    assert resultado.omitidas == [
        f"Fila 3: la convocatoria {presentada} está «Presentada al cooperante»; no se edita y no tenía cambios."
    ]
    assert {c.pk: c.history.count() for c in Convocatoria.objects.all()} == historia
    cliente = cliente_de("profesional")
    respuesta = cliente.post(reverse("convocatorias:importar"), {"archivo": _como_archivo(libro)})
    assert respuesta.status_code == 302
    seguido = cliente.get(respuesta["Location"])
    assert "1 fila omitida porque su convocatoria ya no se edita" in seguido.content.decode()


def test_una_fecha_del_ano_9999_en_una_celda_es_un_error_de_fila(usuarios, cliente_de, convocatorias):
    libro = _exportar(cliente_de("profesional"), orden="nombre")
    hoja = libro.worksheets[0]
    columna = [c.value for c in hoja[1]].index("Cierre") + 1
    hoja.cell(row=2, column=columna).value = datetime(9999, 12, 31, 19, 0)
    hoja.cell(row=3, column=columna).value = "01/01/0001"
    resultado = services.matriz_importar(usuario=usuarios["profesional"], archivo=_como_archivo(libro))
    assert any(e.startswith("Fila 2: el cierre: la fecha 31/12/9999 está demasiado lejos") for e in resultado.errores)
    assert any(e.startswith("Fila 3: el cierre:") for e in resultado.errores)
    respuesta = cliente_de("profesional").post(reverse("convocatorias:importar"), {"archivo": _como_archivo(libro)})
    assert respuesta.status_code == 200
    assert "está demasiado lejos" in respuesta.content.decode()


def test_un_archivo_que_no_es_la_matriz(usuarios, convocatorias):
    libro = Workbook()
    libro.active.append(["Nombre", "Otra cosa"])
    libro.active.append(["x", "y"])
    resultado = services.matriz_importar(usuario=usuarios["jefe"], archivo=_como_archivo(libro))
    assert resultado.errores[0].startswith("Faltan columnas de la matriz: Cooperante, Convocatoria")


def test_un_archivo_que_no_es_excel_es_rechazado_en_el_formulario(cliente_de, convocatorias):
    falso = SimpleUploadedFile("matriz.xlsx", b"esto no es un excel")
    respuesta = cliente_de("profesional").post(reverse("convocatorias:importar"), {"archivo": falso})
    assert "no corresponde a un archivo Excel (.xlsx)" in respuesta.content.decode()


def test_la_fecha_de_excel_se_lee_en_hora_de_colombia():
    valor = matriz.fecha_hora(datetime(2026, 12, 1, 8, 30))
    assert timezone.localtime(valor).strftime("%d/%m/%Y %H:%M") == "01/12/2026 08:30"
    assert matriz.decimal("1.234.567,89") == Decimal("1234567.89")
    assert matriz.decimal(12.5) == Decimal("12.5")
    assert matriz.fecha_hora("05/01/2027") == timezone.make_aware(datetime(2027, 1, 5))
    with pytest.raises(ValueError, match="mañana"):
        matriz.fecha_hora("mañana")
    assert matriz.fecha_hora(timezone.now() - timedelta(days=1)) is not None


def test_una_matriz_grande_se_prepara_en_segundo_plano_con_los_mismos_filtros(
    cliente_de, convocatorias, monkeypatch, django_capture_on_commit_callbacks
):
    from convocatorias.views.matriz import ExportarView
    from cooperacion.core.models import ReporteGenerado

    monkeypatch.setattr(ExportarView, "LIMITE_DIRECTO", 1)
    cliente = cliente_de("profesional")
    pagina = cliente.get(reverse("convocatorias:exportar"), {"q": "rural"})
    assert pagina.status_code == 200 or pagina.streaming
    if pagina.streaming:  # one call matches "rural": under the limit, it streams at once
        b"".join(pagina.streaming_content)
    grande = cliente.get(reverse("convocatorias:exportar"), {"orden": "nombre"})
    assert "se prepara en segundo plano" in grande.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente.post(
            reverse("core:reporte-solicitar", args=["matriz_convocatorias"]), {"orden": "nombre", "formato": "xlsx"}
        )
    generado = ReporteGenerado.objects.get(codigo="matriz_convocatorias")
    assert respuesta["Location"] == generado.get_absolute_url()
    assert generado.estado == ReporteGenerado.Estado.LISTO
    filas = list(load_workbook(generado.archivo.path).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [f[2] for f in filas] == ["Empleo rural", "Trabajo infantil"]

"""The characterization's workbook: export → edit in Excel → import round-trips; bad rows save nothing."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from cooperacion.core.services import ErrorDeDominio
from procesos.demo import cargar_demo
from procesos.exportacion import escribir_libro
from procesos.importacion import ErrorDeImportacion, importar
from procesos.models import Caracterizacion, FilaPHVA, Proceso
from procesos.selectors import con_todo, secciones


@pytest.fixture
def demo(usuarios, dependencias):
    return cargar_demo(usuarios=usuarios, dependencias={d.codigo: d for d in dependencias.values()})


def exportar(c) -> BytesIO:
    destino = BytesIO()
    escribir_libro(con_todo(Caracterizacion.objects.all()).get(pk=c.pk), destino)
    destino.seek(0)
    return destino


def editar(libro_bytes: BytesIO, cambios: dict) -> BytesIO:
    """Change cells as a person would in Excel: {(hoja, celda): valor}."""
    libro = load_workbook(libro_bytes)
    for (hoja, celda), valor in cambios.items():
        libro[hoja][celda] = valor
    destino = BytesIO()
    libro.save(destino)
    destino.seek(0)
    return destino


def contenido_completo(c) -> dict:
    c = Caracterizacion.objects.get(pk=c.pk)
    return {
        **secciones(c),
        "cambios": list(c.cambios.values_list("version", "seccion", "cambio", "fecha")),
        "version": None,
    }


class TestIdaYVuelta:
    @pytest.mark.parametrize("clave", ["pr_cri", "bogota"])
    def test_exportar_cambiar_la_version_e_importar_da_un_borrador_igual(self, demo, usuarios, clave):
        original = demo[clave]
        if clave == "pr_cri":
            Caracterizacion.objects.filter(pk=demo["borrador"].pk).delete()
        libro = editar(exportar(original), {("Encabezado", "B3"): "99"})
        resultado = importar(libro, usuario=usuarios["admin"])
        nuevo = resultado.caracterizacion
        assert resultado.creada
        assert (nuevo.version, nuevo.estado, nuevo.version_anterior) == ("99", "borrador", original)
        assert contenido_completo(nuevo) == contenido_completo(original)
        for campo in (
            "entidad",
            "nombre",
            "tipologia",
            "responsable",
            "objetivo",
            "alcance",
            "fecha",
            "dependencia_id",
        ):
            assert getattr(nuevo, campo) == getattr(original, campo)

    def test_reimportar_un_borrador_sin_cambios_no_toca_nada_y_con_cambios_solo_lo_cambiado(self, demo, usuarios):
        borrador = demo["borrador"]
        historicos = FilaPHVA.history.count()
        resultado = importar(exportar(borrador), usuario=usuarios["admin"])
        assert (resultado.caracterizacion, resultado.creada) == (borrador, False)
        assert FilaPHVA.history.count() == historicos

        libro = load_workbook(exportar(borrador))
        hoja = libro["PHVA"]
        assert hoja["G5"].value.startswith("Definir o Recepcionar")
        hoja["G5"] = hoja["G5"].value + "\nActividad agregada en Excel."
        destino = BytesIO()
        libro.save(destino)
        destino.seek(0)
        importar(destino, usuario=usuarios["admin"])
        assert FilaPHVA.history.count() == historicos + 1
        hacer = borrador.filas.filter(etapa=2).first()
        assert hacer.actividades[-1] == "Actividad agregada en Excel."

    def test_una_version_aprobada_nunca_se_sobrescribe(self, demo, usuarios):
        with pytest.raises(ErrorDeImportacion, match="ya existe y está vigente"):
            importar(exportar(demo["bogota"]), usuario=usuarios["admin"])

    def test_un_proceso_nuevo_entra_al_catalogo(self, demo, usuarios):
        libro = editar(exportar(demo["bogota"]), {("Encabezado", "B2"): "NUEVO-01", ("Encabezado", "B3"): "1"})
        c = importar(libro).caracterizacion
        assert Proceso.objects.get(codigo="NUEVO-01").nombre == c.nombre
        assert c.version_anterior is None


class TestErrores:
    def test_filas_malas_se_reportan_con_hoja_fila_y_motivo_y_no_se_guarda_nada(self, demo, usuarios):
        libro = editar(
            exportar(demo["bogota"]),
            {
                ("Encabezado", "B3"): "13",
                ("PHVA", "G4"): None,
                ("PHVA", "A3"): "Ejecutar",
                ("PHVA", "B5"): "tercero",
                ("Control de cambios", "D4"): "31/02/2012",
                ("Políticas MIPG", "A2"): 99,
                ("Riesgos", "B2"): "",
            },
        )
        conteos = (Caracterizacion.objects.count(), FilaPHVA.objects.count(), Proceso.objects.count())
        with pytest.raises(ErrorDeImportacion) as error:
            importar(libro, usuario=usuarios["admin"])
        assert error.value.errores == [
            "Hoja «PHVA», fila 3: la etapa debe ser Planear, Hacer, Verificar o Actuar.",
            "Hoja «PHVA», fila 4: falta la actividad.",
            "Hoja «PHVA», fila 5: el orden debe ser un número entero.",
            "Hoja «Políticas MIPG», fila 2: no existe la política MIPG número «99».",
            "Hoja «Control de cambios», fila 4: «31/02/2012» no es una fecha dd/mm/aaaa.",
        ]
        assert (Caracterizacion.objects.count(), FilaPHVA.objects.count(), Proceso.objects.count()) == conteos

    def test_encabezado_incompleto_y_hoja_faltante(self, demo):
        libro = load_workbook(exportar(demo["bogota"]))
        libro["Encabezado"]["B8"] = "9999"
        libro["Encabezado"]["B9"] = ""
        del libro["PHVA"]
        destino = BytesIO()
        libro.save(destino)
        destino.seek(0)
        with pytest.raises(ErrorDeImportacion) as error:
            importar(destino)
        assert error.value.errores == [
            "Hoja «Encabezado», fila 9: falta «Responsable».",
            "Hoja «Encabezado», fila 8: no existe la dependencia con código «9999».",
            "Falta la hoja «PHVA».",
        ]

    def test_un_archivo_que_no_es_excel(self):
        with pytest.raises(ErrorDeImportacion, match="no se puede leer como una hoja de Excel"):
            importar(BytesIO(b"no soy un excel"))

    def test_solo_el_administrador_importa(self, demo, usuarios):
        with pytest.raises(ErrorDeDominio, match="Administrador"):
            importar(exportar(demo["bogota"]), usuario=usuarios["jefe"])


class TestComandoYFormulario:
    def test_comando_importa_y_con_errores_no_guarda_nada(self, demo, tmp_path):
        ruta = tmp_path / "bogota.xlsx"
        ruta.write_bytes(editar(exportar(demo["bogota"]), {("Encabezado", "B3"): "13"}).getvalue())
        call_command("importar_caracterizacion", str(ruta), verbosity=0)
        assert Caracterizacion.objects.get(proceso__codigo="4212000-CR-040", version="13").estado == "borrador"

        ruta.write_bytes(editar(exportar(demo["bogota"]), {("Encabezado", "B3"): "14", ("PHVA", "G2"): ""}).getvalue())
        with pytest.raises(CommandError, match=r"Hoja «PHVA», fila 2: falta la actividad\."):
            call_command("importar_caracterizacion", str(ruta), verbosity=0)
        assert not Caracterizacion.objects.filter(version="14").exists()

    def test_el_administrador_sube_el_libro_y_ve_los_errores_en_la_pagina(self, demo, cliente_de):
        cliente = cliente_de("admin")
        url = reverse("procesos:importar")
        malo = editar(exportar(demo["bogota"]), {("Encabezado", "B3"): "13", ("PHVA", "G2"): ""})
        respuesta = cliente.post(url, {"archivo": SimpleUploadedFile("bogota.xlsx", malo.getvalue())})
        assert respuesta.status_code == 200
        assert "Hoja «PHVA», fila 2: falta la actividad." in respuesta.content.decode()

        bueno = editar(exportar(demo["bogota"]), {("Encabezado", "B3"): "13"})
        respuesta = cliente.post(url, {"archivo": SimpleUploadedFile("bogota.xlsx", bueno.getvalue())})
        nuevo = Caracterizacion.objects.get(proceso__codigo="4212000-CR-040", version="13")
        assert respuesta["Location"] == nuevo.get_absolute_url()

    @pytest.mark.parametrize(
        ("nombre", "contenido", "mensaje"),
        [
            ("datos.csv", b"a,b", "no es de un tipo permitido"),
            ("disfrazado.xlsx", b"%PDF-1.4", "no corresponde a un archivo Excel (.xlsx)"),
            ("enorme.xlsx", b"0" * (10 * 1024 * 1024 + 1), "el máximo es 10 MB"),
        ],
    )
    def test_el_formulario_rechaza_archivos_invalidos(self, cliente_de, nombre, contenido, mensaje):
        respuesta = cliente_de("admin").post(
            reverse("procesos:importar"), {"archivo": SimpleUploadedFile(nombre, contenido)}
        )
        assert mensaje in respuesta.content.decode()

    def test_el_boton_excel_descarga_el_libro_con_una_hoja_por_seccion(self, demo, cliente_de):
        respuesta = cliente_de("profesional2").get(reverse("procesos:excel", args=[demo["bogota"].pk]))
        assert "caracterizacion-4212000-cr-040-v12.xlsx" in respuesta["Content-Disposition"]
        libro = load_workbook(BytesIO(respuesta.content))
        assert libro.sheetnames == [
            "Encabezado", "PHVA", "Documentos", "Requisitos legales", "Riesgos", "Políticas MIPG", "Seguimiento",
            "Recursos", "Aprobación", "Control de cambios",
        ]  # fmt: skip
        assert libro["Control de cambios"].max_row == 11

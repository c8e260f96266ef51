"""Issue 10, words and looks: the bar fits, placeholders speak Spanish, waits read as minutes, one palette."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django import forms
from django.conf import settings

from cooperacion.core import colores, graficos, menu
from cooperacion.core.checks import formularios_del_proyecto
from cooperacion.core.templatetags.cooperacion import duracion
from procesos.models import Caracterizacion

RAIZ = Path(settings.BASE_DIR)


class TestBarraDeNavegacion:
    def test_las_entradas_de_las_apps_se_agrupan_en_dos_menus(self, usuarios):
        barra = menu.barra_para(usuarios["admin"])
        etiquetas = [str(e["etiqueta"]) for e in barra]
        assert "Cooperación internacional" in etiquetas
        assert "Planeación y gestión" in etiquetas
        for suelta in ("Convocatorias", "Casos OIT", "Prioridades", "Planes", "Indicadores", "Rendición", "Procesos"):
            assert suelta not in etiquetas
        assert len(etiquetas) <= 5
        gestion = next(e for e in barra if str(e["etiqueta"]) == "Planeación y gestión")
        titulos = [str(s["titulo"]) for s in gestion["secciones"]]
        assert "Procesos" in titulos
        assert "Rendición" in titulos
        enlaces = [str(h["etiqueta"]) for s in gestion["secciones"] for h in s["hijos"]]
        assert "Indicadores" in enlaces
        assert "Caracterizaciones" in enlaces

    def test_la_pagina_lleva_los_menus_agrupados(self, cliente_de):
        html = cliente_de("jefe").get("/").content.decode()
        assert "Planeación y gestión" in html
        assert 'class="dropdown-header"' in html
        assert "navbar-expand-xl" in html


def test_ningun_formulario_ofrece_la_opcion_de_guiones():
    culpables = []
    for clase in formularios_del_proyecto():
        for nombre, campo in clase.base_fields.items():
            if isinstance(campo, forms.ModelChoiceField):
                guiones = campo.empty_label == "---------"
            else:
                guiones = isinstance(campo, forms.ChoiceField) and any(e == "---------" for _v, e in campo.choices)
            if guiones:
                culpables.append(f"{clase.__module__}.{clase.__name__}.{nombre}")
    assert culpables == []


@pytest.mark.parametrize(
    ("espera", "texto"),
    [
        (timedelta(minutes=15), "15 minutos"),
        (timedelta(minutes=1), "1 minuto"),
        (timedelta(minutes=90), "1 hora y 30 minutos"),
    ],
)
def test_la_espera_del_bloqueo_se_lee_en_minutos(espera, texto):
    assert duracion(espera) == texto


def test_una_caracterizacion_reemplazada_esta_obsoleta():
    assert Caracterizacion.Estado.OBSOLETO.label == "Obsoleta"


class TestUnaSolaPaleta:
    HOJAS = [
        "static/css/app.css",
        "rendicion/static/rendicion/rendicion.css",
    ]
    REGLAS = re.compile(
        r"\.(semaforo-(?:verde|amarillo|rojo)|estado-(?:parcial|recibida|cumplida|no_cumplida))[^{]*\{[^}]*background-color:\s*(#[0-9a-fA-F]{6})"
    )

    def test_las_paginas_usan_los_colores_del_nucleo(self):
        encontrados = {}
        for hoja in self.HOJAS:
            for clase, color in self.REGLAS.findall((RAIZ / hoja).read_text()):
                encontrados[clase] = color.upper()
        assert encontrados["semaforo-verde"] == colores.VERDE
        assert encontrados["semaforo-amarillo"] == colores.AMARILLO
        assert encontrados["semaforo-rojo"] == colores.ROJO
        assert encontrados["estado-parcial"] == colores.AMARILLO
        assert set(encontrados.values()) <= set(colores.ESTADOS)

    def test_un_conteo_sin_estado_no_se_pinta_de_verde_ni_de_rojo(self):
        svg = graficos.barras_svg("Convocatorias por estado", [(f"Estado {n}", n + 1) for n in range(6)])
        rellenos = set(re.findall(r'<rect x="230"[^>]*fill="(#[0-9A-Fa-f]{6})"', svg))
        assert rellenos == {colores.NEUTRO}

    def test_las_etiquetas_largas_no_se_cortan_a_mitad_de_palabra(self):
        etiqueta = "Oficina de Cooperación y Relaciones Internacionales del Ministerio"
        svg = graficos.barras_svg("Cumplimiento", [(etiqueta, 80)])
        lineas = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
        assert len(lineas) == 2
        palabras = set(etiqueta.split())
        for linea in lineas:
            assert all(p.rstrip("…") in palabras for p in linea.split())


class TestDocumentosCoherentes:
    def test_la_caracterizacion_de_otra_entidad_no_se_atribuye_a_nuestra_dependencia(self, cliente_de, usuarios):
        from procesos.models import Caracterizacion as C
        from tests.factories_procesos import CaracterizacionFactory

        ajena = CaracterizacionFactory(
            entidad="Secretaría General de la Alcaldía Mayor de Bogotá D.C.", estado=C.Estado.VIGENTE
        )
        propia = CaracterizacionFactory(estado=C.Estado.VIGENTE)
        html = cliente_de("profesional").get(ajena.get_absolute_url()).content.decode()
        assert "como referencia de otra entidad" in html
        assert "Dependencia responsable" not in html
        html = cliente_de("profesional").get(propia.get_absolute_url()).content.decode()
        assert "Dependencia responsable" in html

    def test_el_acta_de_finalizacion_se_fecha_el_dia_en_que_se_firma(self):
        from datetime import date, datetime
        from types import SimpleNamespace
        from zoneinfo import ZoneInfo

        from django.template.loader import render_to_string

        jefe = SimpleNamespace(get_full_name="Laura Gómez", cargo="Jefe", dependencia=None)
        proyecto = SimpleNamespace(
            codigo="CI-2025-001",
            nombre="Proyecto",
            fecha_finalizacion=date(2026, 11, 20),
            acta_firmada_en=datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("America/Bogota")),
            acta_firmada_por=jefe,
            supervisor=jefe,
            moneda=None,
        )
        convocatoria = SimpleNamespace(nombre="Convocatoria", dependencia=SimpleNamespace(nombre="OCRI"))
        html = render_to_string(
            "convocatorias/pdf/acta_finalizacion.html",
            {"proyecto": proyecto, "convocatoria": convocatoria, "ciudad": "Bogotá D.C.", "entidad": "Ministerio"},
        )
        texto = " ".join(html.split())
        assert "En Bogotá D.C., el 27 de noviembre de 2026," in texto
        assert "finalizó el 20 de noviembre de 2026" in texto
        assert "se firma en Bogotá D.C., el 27 de noviembre de 2026." in texto


class TestDocumentosDeUnRegistro:
    """Issue 10, point 8: a record's documents open, progress and download on the record, and go back to it."""

    def test_el_pdf_de_una_caracterizacion_se_sigue_en_su_pagina_y_no_en_reportes(
        self, cliente_de, usuarios, django_capture_on_commit_callbacks
    ):
        from django.urls import reverse

        from cooperacion.core.models import ReporteGenerado
        from procesos.models import Caracterizacion as C
        from tests.factories_procesos import CaracterizacionFactory, con_filas

        c = con_filas(CaracterizacionFactory(estado=C.Estado.VIGENTE))
        cliente = cliente_de("profesional")
        with django_capture_on_commit_callbacks(execute=True):
            respuesta = cliente.post(reverse("procesos:pdf", args=[c.pk]))
        generado = ReporteGenerado.objects.get(codigo="caracterizacion")
        assert respuesta["Location"] == f"{c.get_absolute_url()}#documento-{generado.pk}"
        pagina = cliente.get(c.get_absolute_url()).content.decode()
        assert "El reporte está listo." in pagina
        assert reverse("core:reporte-descargar", args=[generado.pk]) in pagina
        detalle = cliente.get(generado.get_absolute_url()).content.decode()
        assert re.search(rf'href="{re.escape(c.get_absolute_url())}"\s+id="volver-al-registro"', detalle)
        lista = cliente.get(reverse("core:reporte-lista")).content.decode()
        assert reverse("core:reporte-detalle", args=[generado.pk]) not in lista


def test_las_listas_se_ordenan_como_en_espanol(cliente_de):
    from cooperacion.core import orden
    from tests.factories import ActorFactory

    nombres = ["Zeta Fundación", "Ágora Internacional", "agua Viva", "Ñandú Verde", "Nube Azul", "Óscar y Cía"]
    for nombre in nombres:
        ActorFactory(nombre=nombre)
    assert sorted(nombres, key=orden.clave) == [
        "Ágora Internacional", "agua Viva", "Nube Azul", "Ñandú Verde", "Óscar y Cía", "Zeta Fundación",
    ]  # fmt: skip
    html = cliente_de("admin").get("/catalogos/actores/?orden=nombre").content.decode()
    posiciones = [html.index(f">{n}</a>") for n in sorted(nombres, key=orden.clave)]
    assert posiciones == sorted(posiciones)
    html = cliente_de("admin").get("/catalogos/actores/?orden=-nombre").content.decode()
    posiciones = [html.index(f">{n}</a>") for n in sorted(nombres, key=orden.clave, reverse=True)]
    assert posiciones == sorted(posiciones)


class TestEditorPHVA:
    """Issue 10, point 9: the PHVA editor shows the characterization's own columns."""

    def _campos(self, html: str) -> set[str]:
        import re

        return set(re.findall(r'name="planear-0-(\w+)"', html)) - {"id", "DELETE", "ORDER"}

    def test_una_de_cinco_columnas_no_muestra_los_campos_de_ocho(self, cliente_de, usuarios):
        from procesos.models import ParteInteresada
        from procesos.services import escribir_contenido
        from tests.factories_procesos import CaracterizacionFactory

        T = ParteInteresada.Tipo
        c = CaracterizacionFactory(dependencia=usuarios["profesional"].dependencia)
        filas = [
            {
                "etapa": etapa,
                "entradas": ["Necesidades"],
                "actividades": ["Actividad"],
                "responsables": [],
                "salidas": ["Informe"],
                "partes": [{"tipo": T.FUENTE, "texto": "Dependencias"}, {"tipo": T.RECEPTOR, "texto": "Jefe"}],
            }
            for etapa in (1, 2, 3, 4)
        ]
        escribir_contenido(caracterizacion=c, contenido={"filas": filas}, usuario=None, resolver=False)
        html = cliente_de("profesional").get(f"/procesos/{c.pk}/editar/phva/").content.decode()
        assert self._campos(html) == {"fuentes", "entradas", "actividades", "salidas", "receptores"}

    def test_una_de_ocho_columnas_no_muestra_las_de_una_sola(self, cliente_de, usuarios):
        from tests.factories_procesos import CaracterizacionFactory, con_filas

        c = con_filas(CaracterizacionFactory(dependencia=usuarios["profesional"].dependencia))
        html = cliente_de("profesional").get(f"/procesos/{c.pk}/editar/phva/").content.decode()
        assert "fuentes" not in self._campos(html)
        assert "receptores" not in self._campos(html)
        assert "proveedores_externos" in self._campos(html)


class TestArticulos:
    """A button or title that acts on a record names it with its article: «Editar la convocatoria», «Registrar una
    necesidad», not «Editar convocatoria». The rule is checked on every label of the product's code and templates."""

    ETIQUETA = re.compile(r"""(?:translate|gettext_lazy\(|gettext\(|\b_\()\s*(["'])([^"'\n]{3,140})\1""")
    INFINITIVO_Y_NOMBRE = re.compile(r"^[A-ZÁÉÍÓÚ][a-zñáéíóú]+(?:ar|er|ir) ([a-zñáéíóú]+)")
    # What may follow the verb: articles, determiners, prepositions, pronouns and adverbs.
    PERMITIDAS = frozenset(
        {
            "el",
            "la",
            "los",
            "las",
            "del",
            "al",
            "un",
            "una",
            "unos",
            "unas",
            "su",
            "sus",
            "este",
            "esta",
            "estos",
            "estas",
            "ese",
            "esa",
            "mis",
            "mi",
            "todo",
            "toda",
            "todos",
            "todas",
            "a",
            "de",
            "en",
            "por",
            "para",
            "otra",
            "otro",
            "con",
            "como",
            "que",
            "qué",
            "y",
            "o",
            "sin",
            "si",
            "cada",
            "lo",
            "se",
            "nuevo",
            "nueva",
            "hasta",
            "desde",
            "antes",
            "después",
            "aquí",
            "más",
            "no",
            "solo",
            "sobre",
            "entre",
            "varios",
            "varias",
            "cuál",
            "cuáles",
            "cómo",
            "dónde",
            "ambos",
            "hoy",
            "ya",
        }
    )

    def etiquetas(self):
        for ruta in RAIZ.rglob("*"):
            partes = ruta.relative_to(RAIZ).parts
            if ruta.suffix not in {".py", ".html", ".txt"} or {".venv", "migrations", "tests", "node_modules"} & set(
                partes
            ):
                continue
            for coincidencia in self.ETIQUETA.finditer(ruta.read_text(errors="ignore")):
                yield ruta.relative_to(RAIZ), coincidencia.group(2)

    def test_ninguna_accion_nombra_su_registro_sin_articulo(self):
        sin_articulo = sorted(
            f"{ruta}: «{texto}»"
            for ruta, texto in self.etiquetas()
            if (m := self.INFINITIVO_Y_NOMBRE.match(texto)) and m.group(1) not in self.PERMITIDAS
        )
        assert sin_articulo == []

    def test_la_regla_encuentra_las_etiquetas(self):
        textos = {texto for _ruta, texto in self.etiquetas()}
        assert {"Editar la convocatoria", "Registrar una necesidad", "Subir un documento"} <= textos
        assert self.INFINITIVO_Y_NOMBRE.match("Editar la convocatoria").group(1) in self.PERMITIDAS
        assert self.INFINITIVO_Y_NOMBRE.match("Editar convocatoria").group(1) not in self.PERMITIDAS

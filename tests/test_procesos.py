"""Process characterizations: constraints, the version workflow, permissions, demo data and query counts."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog

from cooperacion.core.models import Actor, Notificacion, PoliticaMIPG
from cooperacion.core.services import ErrorDeDominio
from procesos import services
from procesos.demo import cargar_demo, leer_semilla
from procesos.models import Caracterizacion, ControlCambio, Documento, Etapa, FilaPHVA, Firma, ParteInteresada
from procesos.selectors import propuesta_control_cambios, secciones
from tests.factories import ActorFactory
from tests.factories_procesos import CaracterizacionFactory, ProcesoFactory, con_filas, fila

ROLES = ["admin", "jefe", "profesional", "planeacion", "control", "profesional2"]


def borrador_de(dependencia, por_etapa=1, **kwargs):
    return con_filas(CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencia), **kwargs), por_etapa)


@pytest.fixture
def demo(usuarios, dependencias):
    return cargar_demo(usuarios=usuarios, dependencias={d.codigo: d for d in dependencias.values()})


class TestModelo:
    def test_una_sola_version_vigente_por_codigo_lo_impide_la_base(self, dependencias):
        proceso = ProcesoFactory(dependencia=dependencias["ocri"])
        CaracterizacionFactory(proceso=proceso, version="1", estado="vigente")
        with pytest.raises(IntegrityError), transaction.atomic():
            CaracterizacionFactory(proceso=proceso, version="2", estado="vigente")
        CaracterizacionFactory(proceso=proceso, version="0", estado="obsoleto")
        CaracterizacionFactory(proceso=proceso, version="2", estado="borrador")
        assert Caracterizacion.objects.filter(proceso=proceso).count() == 3

    def test_un_solo_borrador_y_version_unica_por_proceso(self, dependencias):
        proceso = ProcesoFactory(dependencia=dependencias["ocri"])
        CaracterizacionFactory(proceso=proceso, version="1", estado="borrador")
        with pytest.raises(IntegrityError), transaction.atomic():
            CaracterizacionFactory(proceso=proceso, version="2", estado="en_revision")
        with pytest.raises(IntegrityError), transaction.atomic():
            CaracterizacionFactory(proceso=proceso, version="1", estado="obsoleto")

    @pytest.mark.parametrize(
        ("version", "siguiente"), [("12", "13"), ("5.0", "6.0"), ("09", "10"), ("012", "013"), ("V 3", "4")]
    )
    def test_version_siguiente_es_el_siguiente_entero_mayor(self, version, siguiente):
        assert services.siguiente_version(version) == siguiente

    def test_version_ilegible_pide_escribirla(self):
        with pytest.raises(ErrorDeDominio, match="a mano"):
            services.siguiente_version("borrador final")

    def test_visibles_para_aprobadas_a_todos_y_borradores_a_su_dependencia(self, usuarios, dependencias):
        borrador = borrador_de(dependencias["ocri"])
        vigente = borrador_de(dependencias["ocri"], estado="vigente")
        obsoleta = borrador_de(dependencias["ocri"], estado="obsoleto")
        visibles = set(Caracterizacion.objects.visibles_para(usuarios["profesional2"]))
        assert visibles == {vigente, obsoleta}
        assert borrador in Caracterizacion.objects.visibles_para(usuarios["jefe"])
        assert borrador in Caracterizacion.objects.visibles_para(usuarios["control"])


class TestFlujoDeVersiones:
    def test_profesional_envia_jefe_aprueba_y_el_bloque_de_aprobacion_lo_llena_el_flujo(
        self, usuarios, dependencias, django_capture_on_commit_callbacks
    ):
        c = borrador_de(dependencias["ocri"])
        profesional, jefe = usuarios["profesional"], usuarios["jefe"]
        with django_capture_on_commit_callbacks(execute=True):
            services.caracterizacion_enviar_revision(caracterizacion=c, usuario=profesional, motivo="Lista")
        c.refresh_from_db()
        assert c.estado == "en_revision"
        elaboro = c.firmas.get(paso=Firma.Paso.ELABORO)
        assert (elaboro.usuario, elaboro.cargo, elaboro.fecha) == (profesional, profesional.cargo, timezone.localdate())
        assert Notificacion.objects.filter(usuario=jefe, titulo__contains="por revisar").exists()

        services.caracterizacion_aprobar(caracterizacion=c, usuario=jefe)
        c.refresh_from_db()
        assert c.estado == "vigente"
        assert c.fecha == timezone.localdate()
        assert {f.paso: f.usuario for f in c.firmas.all()} == {1: profesional, 2: jefe, 3: jefe}
        cambio = c.cambios.get()
        assert (cambio.version, cambio.seccion) == ("1", "Todo el documento")
        assert Notificacion.objects.filter(usuario=profesional, titulo__contains="aprobada").exists()
        log = StateLog.objects.for_(c).order_by("timestamp", "pk")
        assert [(e.source_state, e.state, e.by) for e in log] == [
            ("borrador", "en_revision", profesional),
            ("en_revision", "vigente", jefe),
        ]

    def test_nueva_version_copia_todo_y_al_aprobarla_la_anterior_queda_obsoleta(self, usuarios, dependencias):
        actor = ActorFactory(nombre="Organización Internacional del Trabajo", sigla="OIT")
        politica = PoliticaMIPG.objects.get(numero=7)
        c = CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencias["ocri"]), version="5.0")
        filas = [fila(e, 1) for e in Etapa.values]
        filas[1]["partes"].append({"tipo": ParteInteresada.Tipo.FUENTE, "texto": "OIT"})
        services.escribir_contenido(
            caracterizacion=c,
            contenido={
                "filas": filas,
                "documentos": [{"clase": "proceso", "codigo": "CRI-PD-01", "nombre": "Procedimiento"}],
                "requisitos": [{"norma": "Ley 1955 de 2019", "articulo": "1", "descripcion": "PND"}],
                "riesgos": [{"codigo": "CRI-01", "descripcion": "Riesgo", "controles": ""}],
                "politicas": [politica],
            },
            usuario=None,
            resolver=True,
        )
        services.caracterizacion_enviar_revision(caracterizacion=c, usuario=usuarios["profesional"])
        services.caracterizacion_aprobar(caracterizacion=c, usuario=usuarios["jefe"])
        assert ParteInteresada.objects.get(fila__caracterizacion=c, texto="OIT").actor == actor

        nueva = services.caracterizacion_nueva_version(caracterizacion=c, usuario=usuarios["profesional"])
        assert (nueva.version, nueva.estado, nueva.version_anterior) == ("6.0", "borrador", c)
        assert secciones(nueva) == secciones(c)
        assert nueva.firmas.count() == 0
        assert list(nueva.cambios.values_list("version", flat=True)) == ["5.0"]
        assert ParteInteresada.objects.get(fila__caracterizacion=nueva, texto="OIT").actor == actor
        assert propuesta_control_cambios(nueva)[0] == "Ninguna"

        with pytest.raises(ErrorDeDominio, match="en elaboración"):
            services.caracterizacion_nueva_version(caracterizacion=c, usuario=usuarios["jefe"])

        hacer = [fila(Etapa.HACER, 1), fila(Etapa.HACER, 2)]
        otras = [fila(e, 1) for e in (Etapa.PLANEAR, Etapa.VERIFICAR, Etapa.ACTUAR)]
        hacer[0]["partes"].append({"tipo": ParteInteresada.Tipo.FUENTE, "texto": "OIT"})
        services.caracterizacion_guardar_contenido(
            caracterizacion=nueva,
            usuario=usuarios["profesional"],
            contenido={
                "filas": otras + hacer,
                "riesgos": [{"codigo": "CRI-01", "descripcion": "Riesgo", "controles": "Control"}],
            },
        )
        assert propuesta_control_cambios(nueva) == (
            "Ciclo PHVA: Hacer, Riesgos",
            "Se actualizaron: Ciclo PHVA: Hacer, Riesgos.",
        )
        services.caracterizacion_enviar_revision(caracterizacion=nueva, usuario=usuarios["profesional"])
        services.caracterizacion_actualizar_control(
            caracterizacion=nueva,
            usuario=usuarios["jefe"],
            seccion="Ciclo PHVA: Hacer, Riesgos",
            cambio="Se agregó una actividad.",
        )
        services.caracterizacion_aprobar(caracterizacion=nueva, usuario=usuarios["jefe"])

        c.refresh_from_db()
        nueva.refresh_from_db()
        assert (c.estado, nueva.estado) == ("obsoleto", "vigente")
        assert [(x.version, x.seccion, x.cambio) for x in nueva.cambios.all()] == [
            ("5.0", "Todo el documento", "Elaboración de la caracterización del proceso."),
            ("6.0", "Ciclo PHVA: Hacer, Riesgos", "Se agregó una actividad."),
        ]
        assert c.cambios.count() == 1  # the old version keeps its own table
        assert c in Caracterizacion.objects.visibles_para(usuarios["profesional2"])

    def test_devolver_exige_motivo_y_lo_registra(self, usuarios, dependencias):
        c = borrador_de(dependencias["ocri"])
        services.caracterizacion_enviar_revision(caracterizacion=c, usuario=usuarios["profesional"])
        with pytest.raises(ErrorDeDominio, match="motivo"):
            services.caracterizacion_devolver(caracterizacion=c, usuario=usuarios["jefe"], motivo=" ")
        services.caracterizacion_devolver(caracterizacion=c, usuario=usuarios["jefe"], motivo="Falta el alcance")
        c.refresh_from_db()
        assert c.estado == "borrador"
        assert StateLog.objects.for_(c).latest("timestamp").description == "Falta el alcance"
        assert Notificacion.objects.get(usuario=usuarios["profesional"], titulo__contains="devuelta").mensaje == (
            "Falta el alcance"
        )

    def test_no_se_envia_sin_actividades_en_las_cuatro_etapas(self, usuarios, dependencias):
        c = CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencias["ocri"]))
        services.escribir_contenido(
            caracterizacion=c, contenido={"filas": [fila(Etapa.PLANEAR, 1)]}, usuario=None, resolver=False
        )
        with pytest.raises(ErrorDeDominio, match="Hacer, Verificar, Actuar"):
            services.caracterizacion_enviar_revision(caracterizacion=c, usuario=usuarios["profesional"])

    def test_profesional_no_aprueba_ni_trabaja_en_otra_dependencia(self, usuarios, dependencias):
        c = borrador_de(dependencias["ocri"])
        with pytest.raises(ErrorDeDominio):
            services.caracterizacion_enviar_revision(caracterizacion=c, usuario=usuarios["profesional2"])
        services.caracterizacion_enviar_revision(caracterizacion=c, usuario=usuarios["profesional"])
        with pytest.raises(ErrorDeDominio, match="Jefe"):
            services.caracterizacion_aprobar(caracterizacion=c, usuario=usuarios["profesional"])
        with pytest.raises(ErrorDeDominio, match="su dependencia"):
            services.caracterizacion_crear(
                usuario=usuarios["profesional2"], proceso=ProcesoFactory(dependencia=dependencias["ocri"]), datos={}
            )

    def test_editar_filas_por_id_conserva_las_filas_y_guarda_solo_lo_que_cambia(self, usuarios, dependencias):
        c = borrador_de(dependencias["ocri"])
        filas = list(c.filas.prefetch_related("partes"))
        datos = []
        for f in filas:
            d = fila(f.etapa, 1)
            d["id"] = f.pk
            datos.append(d)
        datos[0]["actividades"] = ["Actividad cambiada"]
        historicos = FilaPHVA.history.count()
        services.caracterizacion_guardar_contenido(
            caracterizacion=c, usuario=usuarios["profesional"], contenido={"filas": datos}
        )
        assert FilaPHVA.history.count() == historicos + 1
        assert c.filas.get(pk=filas[0].pk).actividades == ["Actividad cambiada"]


class TestDatosDemo:
    def test_carga_las_dos_semillas_completas_y_es_idempotente(self, usuarios, dependencias, demo):
        pr, bogota, borrador = demo["pr_cri"], demo["bogota"], demo["borrador"]
        assert (pr.version, pr.estado, pr.entidad) == ("5.0", "vigente", "Ministerio del Trabajo")
        assert (bogota.version, bogota.estado) == ("12", "vigente")
        assert bogota.entidad == "Secretaría General de la Alcaldía Mayor de Bogotá D.C."
        assert pr.dependencia.codigo == bogota.dependencia.codigo == "1100"

        semilla = leer_semilla("pr_cri.json")
        filas = list(pr.filas.prefetch_related("partes"))
        assert [f.etapa for f in filas] == [1, 1, 1, 2, 2, 2, 2, 3, 3, 4]
        for fila_semilla, fila_bd in zip(semilla["phva_rows"], filas, strict=True):
            assert fila_bd.actividades == fila_semilla["actividades"]
            assert fila_bd.entradas == fila_semilla["entradas"]
            assert fila_bd.salidas == fila_semilla["salidas"]
            partes = sorted(fila_bd.partes.all(), key=lambda p: p.orden)
            assert [p.texto for p in partes if p.tipo == "fuente"] == fila_semilla["fuentes_de_entradas"]
            assert [p.texto for p in partes if p.tipo == "receptor"] == fila_semilla["receptores_de_salidas"]
        assert "Proceso Direccionamiento Estratégico" in [p.texto for p in filas[0].partes.all()]
        assert list(pr.documentos.filter(clase="proceso").values_list("codigo", flat=True)) == [
            "CRI-PD-01",
            "CRI-PD-02",
            "CRI-PD-03",
        ]
        assert pr.documentos.filter(clase="asociado").count() == 7
        assert pr.riesgos.get().codigo == "CRI-01"
        assert pr.politicas.get().politica.numero == 7
        assert pr.mecanismos_seguimiento == ["Indicadores del proceso", "Subcomité integrado de gestión"]

        semilla = leer_semilla("bogota_4212000_cr_040.json")
        filas = list(bogota.filas.prefetch_related("partes"))
        assert len(filas) == 5
        for fila_semilla, fila_bd in zip(semilla["phva_rows"], filas, strict=True):
            assert fila_bd.actividades == [fila_semilla["actividad"]]
            assert fila_bd.responsables == fila_semilla["responsable"]
            for tipo in ("proveedor_externo", "proveedor_interno", "cliente_interno", "cliente_externo"):
                textos = [p.texto for p in sorted(fila_bd.partes.all(), key=lambda p: p.orden) if p.tipo == tipo]
                assert textos == fila_semilla[tipo]
        assert list(bogota.cambios.values_list("version", flat=True)) == [
            "03", "04", "05", "06", "07", "08", "09", "010", "011", "012"
        ]  # fmt: skip
        assert bogota.cambios.get(version="08").fecha == date(2019, 10, 30)
        assert [(f.paso, f.cargo) for f in bogota.firmas.all()][:3] == [
            (1, "Profesional Especializado"),
            (1, "Profesional Especializado"),
            (2, "Director técnico—Director(a) Proyección Internacional"),
        ]
        assert bogota.recursos_humanos == "aplica"
        assert bogota.nota_politicas.startswith("En el marco del Modelo Integrado")

        assert (borrador.version, borrador.estado, borrador.version_anterior) == ("6.0", "borrador", pr)
        assert borrador.control_seccion == "Riesgos"
        conteos = (Caracterizacion.objects.count(), FilaPHVA.objects.count(), ControlCambio.objects.count())
        cargar_demo(usuarios=usuarios, dependencias={d.codigo: d for d in dependencias.values()})
        assert (Caracterizacion.objects.count(), FilaPHVA.objects.count(), ControlCambio.objects.count()) == conteos


# Permission matrix -----------------------------------------------------------------------------------

POST = {"motivo": "Prueba de permisos", "control_seccion": "Objetivo", "control_cambio": "Ajuste"}
TODOS_200 = dict.fromkeys(ROLES, 200)
LECTURA_BORRADOR = {**TODOS_200, "profesional2": 404}
EDICION = {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 403, "control": 403, "profesional2": 404}
APROBAR = {"admin": 302, "jefe": 302, "profesional": 403, "planeacion": 403, "control": 403, "profesional2": 404}


@pytest.fixture
def objetos(usuarios, dependencias, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ocri, ddft = dependencias["ocri"], dependencias["ddft"]
    borrador = borrador_de(ocri)
    documento = Documento.objects.create(
        caracterizacion=borrador,
        nombre="Procedimiento",
        archivo=SimpleUploadedFile("procedimiento.pdf", b"%PDF-1.4 prueba", content_type="application/pdf"),
    )
    revision = borrador_de(ocri)
    services.caracterizacion_enviar_revision(caracterizacion=revision, usuario=usuarios["profesional"])
    return {
        "borrador": borrador,
        "documento": documento,
        "revision": revision,
        "vigente": borrador_de(ocri, estado="vigente"),
        "borrador_ddft": borrador_de(ddft),
    }


def _url(nombre, clave, *extra):
    return lambda o: reverse(f"procesos:{nombre}", args=[o[clave].pk, *extra])


MATRIZ = [
    (lambda o: reverse("procesos:lista"), "get", TODOS_200),
    (lambda o: reverse("procesos:catalogo"), "get", TODOS_200),
    (lambda o: reverse("procesos:crear"), "get", {**TODOS_200, "planeacion": 403, "control": 403}),
    (lambda o: reverse("procesos:importar"), "get", {**dict.fromkeys(ROLES, 403), "admin": 200}),
    (_url("detalle", "borrador"), "get", LECTURA_BORRADOR),
    (_url("detalle", "vigente"), "get", TODOS_200),
    (_url("historial", "borrador"), "get", LECTURA_BORRADOR),
    (_url("detalle", "borrador_ddft"), "get", {**TODOS_200, "jefe": 404, "profesional": 404}),
    (_url("editar", "borrador"), "get", EDICION),
    (_url("editar-phva", "borrador"), "get", EDICION),
    (_url("editar-documentos", "borrador"), "get", EDICION),
    (_url("editar", "vigente"), "get", dict.fromkeys(ROLES, 403)),
    (_url("editar-phva", "borrador_ddft"), "get", {**EDICION, "jefe": 404, "profesional": 404, "profesional2": 200}),
    (
        _url("transicion", "borrador", "enviar_revision"),
        "post",
        {"admin": 403, "jefe": 302, "profesional": 302, "planeacion": 403, "control": 403, "profesional2": 404},
    ),
    (_url("transicion", "revision", "aprobar"), "post", APROBAR),
    (_url("transicion", "revision", "devolver"), "post", APROBAR),
    (_url("transicion", "revision", "aprobar"), "get", dict.fromkeys(ROLES, 405)),
    (_url("transicion", "borrador", "no-existe"), "post", {**dict.fromkeys(ROLES, 404)}),
    (
        _url("nueva-version", "vigente"),
        "post",
        {"admin": 302, "jefe": 302, "profesional": 302, "planeacion": 403, "control": 403, "profesional2": 403},
    ),
    (_url("nueva-version", "vigente"), "get", dict.fromkeys(ROLES, 405)),
    (
        _url("control-cambios", "borrador"),
        "post",
        {"admin": 302, "jefe": 302, "profesional": 302, "planeacion": 403, "control": 403, "profesional2": 404},
    ),
    (_url("pdf", "vigente"), "post", dict.fromkeys(ROLES, 302)),
    (_url("pdf", "borrador"), "post", {**dict.fromkeys(ROLES, 302), "profesional2": 404}),
    (_url("excel", "vigente"), "get", TODOS_200),
    (_url("excel", "borrador"), "get", LECTURA_BORRADOR),
    (
        lambda o: reverse("procesos:documento-archivo", args=[o["borrador"].pk, o["documento"].pk]),
        "get",
        LECTURA_BORRADOR,
    ),
    (
        lambda o: reverse("core:historial", args=["procesos", "caracterizacion", o["borrador"].pk]),
        "get",
        LECTURA_BORRADOR,
    ),
    (
        lambda o: reverse("admin:procesos_proceso_changelist"),
        "get",
        {**dict.fromkeys(ROLES, 302), "admin": 200},
    ),
]

CASOS = [
    pytest.param(indice, rol, id=f"{rol}-{metodo}-{indice}")
    for indice, (_url_, metodo, esperado) in enumerate(MATRIZ)
    for rol in esperado
]


@pytest.mark.parametrize(("indice", "rol"), CASOS)
def test_matriz_de_permisos(cliente_de, objetos, indice, rol):
    construir_url, metodo, esperado = MATRIZ[indice]
    respuesta = getattr(cliente_de(rol), metodo)(construir_url(objetos), POST if metodo == "post" else None)
    if hasattr(respuesta, "streaming_content"):
        respuesta.close()
    assert respuesta.status_code == esperado[rol]


@pytest.mark.parametrize("indice", range(len(MATRIZ)))
def test_anonimo_va_a_la_pagina_de_ingreso(client, objetos, indice):
    construir_url, metodo, _esperado = MATRIZ[indice]
    url = construir_url(objetos)
    respuesta = getattr(client, metodo)(url)
    if url.startswith("/administracion/"):
        assert "/administracion/login/" in respuesta["Location"]
    elif metodo == "get" and ("transicion" in url or "nueva-version" in url):
        assert respuesta.status_code in (302, 405)
    else:
        assert respuesta.status_code == 302
        assert respuesta["Location"].startswith(reverse("login"))


class TestPaginas:
    def test_el_externo_recibe_404_en_todo_borrador_ajeno(self, cliente_de, dependencias):
        c = borrador_de(dependencias["ocri"])
        cliente = cliente_de("profesional2")
        for nombre in ["detalle", "editar", "editar-phva", "editar-documentos", "excel"]:
            assert cliente.get(reverse(f"procesos:{nombre}", args=[c.pk])).status_code == 404
        for nombre in ["pdf", "nueva-version", "control-cambios"]:
            assert cliente.post(reverse(f"procesos:{nombre}", args=[c.pk])).status_code == 404

    def test_detalle_como_el_documento_oficial_con_botones_segun_el_rol(self, cliente_de, demo):
        pr = demo["pr_cri"]
        contenido = cliente_de("profesional").get(pr.get_absolute_url()).content.decode()
        assert "FUENTES DE ENTRADAS" in contenido
        assert "RECEPTORES DE SALIDAS" in contenido
        assert "PROVEEDOR EXTERNO" not in contenido  # the PR-CRI format keeps its single columns
        assert "Nueva versión" in contenido
        assert "Definir líneas prioritarias de Cooperación" in contenido
        assert f'data-bs-target="#modal-caracterizacion-{pr.pk}-aprobar"' not in contenido
        bogota = cliente_de("planeacion").get(demo["bogota"].get_absolute_url()).content.decode()
        assert "PROVEEDOR EXTERNO" in bogota
        assert "CLIENTE INTERNO" in bogota
        assert "FUENTES DE ENTRADAS" not in bogota
        assert "Nueva versión" not in bogota
        assert "13/02/2025" in bogota

    def test_lista_filtra_por_tipologia_dependencia_estado_y_texto(self, cliente_de, demo, dependencias):
        borrador_de(dependencias["ddft"], estado="vigente")
        cliente = cliente_de("jefe")
        url = reverse("procesos:lista")

        def codigos(**filtros):
            return sorted(c.proceso.codigo for c in cliente.get(url, filtros).context["object_list"])

        assert codigos(tipologia="estrategico") == ["4212000-CR-040"]
        assert codigos(estado="borrador") == ["PR-CRI"]
        assert len(codigos(dependencia=dependencias["ddft"].pk)) == 1
        assert codigos(q="visibilización") == ["4212000-CR-040"]

    def test_exportar_la_lista_filtrada_a_excel(self, usuarios, demo, django_capture_on_commit_callbacks):
        from openpyxl import load_workbook

        from cooperacion.core.services import reporte_solicitar

        with django_capture_on_commit_callbacks(execute=True):
            generado = reporte_solicitar(
                codigo="procesos", formato="xlsx", datos={"estado": "vigente"}, usuario=usuarios["control"]
            )
        generado.refresh_from_db()
        filas = list(load_workbook(generado.archivo.path).active.iter_rows(min_row=2, values_only=True))
        assert sorted((f[0], f[2]) for f in filas) == [("4212000-CR-040", "12"), ("PR-CRI", "5.0")]

    def test_pendientes_del_jefe_muestran_lo_que_espera_revision(self, cliente_de, usuarios, dependencias):
        c = borrador_de(dependencias["ocri"])
        services.caracterizacion_enviar_revision(caracterizacion=c, usuario=usuarios["profesional"])
        contenido = cliente_de("jefe").get(reverse("core:inicio")).content.decode()
        assert "Caracterización por revisar" in contenido
        assert c.get_absolute_url() in contenido

    def test_editar_phva_con_error_conserva_lo_escrito(self, cliente_de, dependencias):
        c = CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencias["ocri"]))
        datos = {}
        for etapa in ("planear", "hacer", "verificar", "actuar"):
            datos |= {
                f"{etapa}-TOTAL_FORMS": "1",
                f"{etapa}-INITIAL_FORMS": "0",
                f"{etapa}-0-actividades": f"Hacer {etapa}",
            }
        datos["actuar-TOTAL_FORMS"] = "2"
        datos["actuar-1-entradas"] = "Una entrada escrita\nOtra entrada"
        datos["actuar-1-ORDER"] = "2"
        respuesta = cliente_de("profesional").post(reverse("procesos:editar-phva", args=[c.pk]), datos)
        assert respuesta.status_code == 200
        contenido = respuesta.content.decode()
        assert "Escriba al menos una actividad." in contenido
        assert "Una entrada escrita\nOtra entrada" in contenido
        assert not c.filas.exists()
        datos["actuar-1-actividades"] = "Corregir desviaciones"
        datos["planear-0-proveedores_externos"] = "Organización Internacional del Trabajo (OIT)"
        ActorFactory(nombre="Organización Internacional del Trabajo", sigla="OIT")
        respuesta = cliente_de("profesional").post(reverse("procesos:editar-phva", args=[c.pk]), datos)
        assert respuesta.status_code == 302
        assert [f.actividades for f in c.filas.all()] == [
            ["Hacer planear"], ["Hacer hacer"], ["Hacer verificar"], ["Hacer actuar"], ["Corregir desviaciones"]
        ]  # fmt: skip
        assert ParteInteresada.objects.get(fila__caracterizacion=c).actor.sigla == "OIT"

    def test_reordenar_y_eliminar_filas(self, cliente_de, dependencias):
        c = borrador_de(dependencias["ocri"], por_etapa=3)
        hacer = list(c.filas.filter(etapa=Etapa.HACER))
        datos = {}
        for etapa in Etapa:
            prefijo = etapa.name.lower()
            filas = list(c.filas.filter(etapa=etapa.value))
            datos |= {f"{prefijo}-TOTAL_FORMS": str(len(filas)), f"{prefijo}-INITIAL_FORMS": str(len(filas))}
            for i, f in enumerate(filas):
                datos |= {
                    f"{prefijo}-{i}-id": f.pk,
                    f"{prefijo}-{i}-actividades": f.actividades[0],
                    f"{prefijo}-{i}-ORDER": i + 1,
                }
        datos |= {"hacer-0-ORDER": "3", "hacer-2-ORDER": "1", "hacer-1-DELETE": "on"}
        respuesta = cliente_de("jefe").post(reverse("procesos:editar-phva", args=[c.pk]), datos)
        assert respuesta.status_code == 302
        assert list(c.filas.filter(etapa=Etapa.HACER).values_list("pk", "orden")) == [
            (hacer[2].pk, 1),
            (hacer[0].pk, 2),
        ]

    def test_el_encabezado_se_edita_y_queda_en_el_historial(self, cliente_de, usuarios, dependencias):
        c = borrador_de(dependencias["ocri"])
        cliente = cliente_de("profesional")
        formulario = cliente.get(reverse("procesos:editar", args=[c.pk])).context["form"]
        datos = {k: v for k, v in formulario.initial.items() if v is not None and k != "politicas"}
        datos |= {
            "objetivo": "Objetivo nuevo",
            "fecha": "2026-03-09",
            "mecanismos_seguimiento": "Indicadores",
            "politicas": [7],
        }
        respuesta = cliente.post(reverse("procesos:editar", args=[c.pk]), datos)
        assert respuesta.status_code == 302, respuesta.context["form"].errors
        c.refresh_from_db()
        assert (c.objetivo, c.mecanismos_seguimiento) == ("Objetivo nuevo", ["Indicadores"])
        assert c.politicas.get().politica.numero == 7
        historial = cliente.get(reverse("core:historial", args=["procesos", "caracterizacion", c.pk])).content.decode()
        assert "Objetivo nuevo" in historial
        assert usuarios["profesional"].get_full_name() in historial

    def test_el_historial_del_contenido_muestra_quien_cambio_cada_fila(
        self, cliente_de, usuarios, dependencias, django_assert_max_num_queries
    ):
        c = borrador_de(dependencias["ocri"])
        datos = []
        for f in c.filas.all():
            d = fila(f.etapa, 1)
            d["id"] = f.pk
            datos.append(d)
        datos[0]["actividades"] = ["Actividad corregida"]
        services.caracterizacion_guardar_contenido(
            caracterizacion=c,
            usuario=usuarios["jefe"],
            contenido={"filas": datos, "riesgos": [{"codigo": "R-1", "descripcion": "Riesgo nuevo"}]},
        )
        services.caracterizacion_actualizar(
            caracterizacion=c, usuario=usuarios["jefe"], datos={}, politicas=[PoliticaMIPG.objects.get(numero=7)]
        )
        cliente = cliente_de("profesional")
        with django_assert_max_num_queries(25):
            respuesta = cliente.get(reverse("procesos:historial", args=[c.pk]))
        contenido = respuesta.content.decode()
        assert "Actividad corregida" in contenido
        assert "Actividad Planear 1" in contenido  # the value before
        assert "Riesgo nuevo" in contenido
        assert "Fortalecimiento Organizacional" in contenido
        assert usuarios["jefe"].get_full_name() in contenido

    def test_documentos_con_archivo_validado_y_descarga_con_permiso(self, cliente_de, dependencias, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        c = borrador_de(dependencias["ocri"])
        url = reverse("procesos:editar-documentos", args=[c.pk])
        base = {f"{p}-{k}": "0" for p in ("doc", "req", "rie") for k in ("TOTAL_FORMS", "INITIAL_FORMS")}
        datos = {
            **base,
            "doc-TOTAL_FORMS": "2",
            "doc-0-clase": "asociado",
            "doc-0-nombre": "Guía",
            "doc-1-clase": "proceso",
            "doc-1-codigo": "CRI-PD-01",
            "doc-1-nombre": "Procedimiento",
            "doc-1-archivo": SimpleUploadedFile("programa.exe", b"MZ"),
        }
        cliente = cliente_de("profesional")
        assert "no es de un tipo permitido" in cliente.post(url, datos).content.decode()
        datos["doc-1-archivo"] = SimpleUploadedFile("procedimiento.pdf", b"%PDF-1.4 prueba\n%%EOF")
        assert cliente.post(url, datos).status_code == 302
        assert list(c.documentos.values_list("clase", "nombre")) == [("proceso", "Procedimiento"), ("asociado", "Guía")]
        documento = c.documentos.get(clase="proceso")
        respuesta = cliente.get(reverse("procesos:documento-archivo", args=[c.pk, documento.pk]))
        assert b"".join(respuesta.streaming_content) == b"%PDF-1.4 prueba\n%%EOF"
        assert (
            cliente_de("profesional2").get(reverse("procesos:documento-archivo", args=[c.pk, documento.pk])).status_code
            == 404
        )

    def test_nueva_version_desde_la_web_lleva_al_borrador(self, cliente_de, demo):
        Caracterizacion.objects.filter(pk=demo["borrador"].pk).delete()
        respuesta = cliente_de("jefe").post(reverse("procesos:nueva-version", args=[demo["bogota"].pk]))
        nueva = Caracterizacion.objects.get(proceso=demo["bogota"].proceso, version="13")
        assert respuesta["Location"] == nueva.get_absolute_url()
        assert nueva.cambios.count() == 10


class TestConsultasConstantes:
    @staticmethod
    def _caracterizacion_con(dependencia, actividades: int):
        c = CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencia))
        filas = [fila(Etapa.values[i % 4], i) for i in range(actividades)]
        filas[0]["partes"].append({"tipo": "fuente", "texto": "OIT"})
        services.escribir_contenido(caracterizacion=c, contenido={"filas": filas}, usuario=None, resolver=False)
        return c

    @pytest.mark.parametrize("pagina", ["detalle", "editar-phva", "excel"])
    def test_detalle_edicion_y_excel_no_crecen_con_las_actividades(
        self, cliente_de, dependencias, django_assert_max_num_queries, pagina
    ):
        Actor.objects.create(nombre="Organización Internacional del Trabajo", sigla="OIT", tipo="multilateral")
        cliente = cliente_de("profesional")
        pequena = self._caracterizacion_con(dependencias["ocri"], 10)
        with django_assert_max_num_queries(40) as pocas:
            assert cliente.get(reverse(f"procesos:{pagina}", args=[pequena.pk])).status_code == 200
        grande = self._caracterizacion_con(dependencias["ocri"], 200)
        with django_assert_max_num_queries(len(pocas.captured_queries)):
            assert cliente.get(reverse(f"procesos:{pagina}", args=[grande.pk])).status_code == 200

    def test_lista_no_crece_con_actividades_ni_con_caracterizaciones(
        self, cliente_de, dependencias, django_assert_max_num_queries
    ):
        cliente = cliente_de("jefe")
        self._caracterizacion_con(dependencias["ocri"], 10)
        with django_assert_max_num_queries(25) as pocas:
            cliente.get(reverse("procesos:lista"), {"q": "Actividad"})
        for _ in range(3):
            self._caracterizacion_con(dependencias["ocri"], 200)
        with django_assert_max_num_queries(len(pocas.captured_queries)):
            respuesta = cliente.get(reverse("procesos:lista"), {"q": "Actividad"})
        assert respuesta.context["page_obj"].paginator.count == 4

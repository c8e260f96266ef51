"""The accountability strategy: building it, its actions and their parts, copying it to a new year, the metrics, the
MURC checklist, and the demo data faithful to the 2020 seed."""

from datetime import date

import pytest
from django.urls import reverse
from django_fsm_log.models import StateLog

from cooperacion.core.models import ODS, PlazoAbierto, ReporteGenerado
from cooperacion.core.services import ErrorDeDominio
from rendicion import services
from rendicion.models import (
    AccionRendicion,
    AvanceAccion,
    Corte,
    EspacioDialogo,
    Estrategia,
    EvaluacionAccion,
    MetricaDefinida,
    PreguntaCiudadana,
    RegistroMetrica,
)
from rendicion.services.comun import mover_de_anio
from tests.factories_rendicion import Escenario, asegurar_datos_de_rendicion, pdf


@pytest.fixture
def escenario(usuarios, dependencias):
    return Escenario(usuarios, dependencias)


def _estrategia_por_servicios(usuarios, dependencias, anio=2025):
    asegurar_datos_de_rendicion()
    planeacion = usuarios["planeacion"]
    estrategia = services.estrategia_crear(
        usuario=planeacion,
        anio=anio,
        titulo=f"Estrategia Rendición de Cuentas {anio}",
        introduccion="Marco de la estrategia.",
        enfoque="Primer párrafo del enfoque.\n\nSegundo párrafo.",
        objetivos=["Objetivo uno.", "Objetivo dos."],
        elementos={"informacion": {"definicion": "informar públicamente", "descripcion": "Párrafo A.\n\nPárrafo B."}},
        ods=ODS.objects.filter(numero__in=[8, 16]),
    )
    accion = services.accion_crear(
        usuario=planeacion,
        estrategia=estrategia,
        elemento="informacion",
        texto="Publicaciones en redes sociales del Ministerio",
        entregable="Reporte de métricas",
        dependencia_lider=dependencias["ocri"],
        dependencias_apoyo=[dependencias["ddft"]],
        fecha_inicio=date(anio, 2, 1),
        fecha_fin=date(anio, 12, 15),
        ods=ODS.objects.filter(numero=16),
    )
    return estrategia, accion


class TestEstrategia:
    def test_crear_deja_los_tres_elementos_las_cinco_etapas_y_los_objetivos(self, usuarios, dependencias):
        estrategia, _accion = _estrategia_por_servicios(usuarios, dependencias)
        assert estrategia.estado == Estrategia.Estado.BORRADOR
        assert [e.clave for e in estrategia.elementos.order_by("pk")] == ["informacion", "dialogo", "responsabilidad"]
        assert [e.etapa for e in estrategia.etapas.all()] == [
            "aprestamiento",
            "diseno",
            "preparacion",
            "ejecucion",
            "seguimiento",
        ]
        assert [o.texto for o in estrategia.objetivos.all()] == ["Objetivo uno.", "Objetivo dos."]
        assert estrategia.enfoque_parrafos == ["Primer párrafo del enfoque.", "Segundo párrafo."]

    def test_solo_planeacion_o_el_administrador_la_crean(self, usuarios, dependencias):
        for rol in ("jefe", "profesional", "control"):
            with pytest.raises(ErrorDeDominio):
                services.estrategia_crear(usuario=usuarios[rol], anio=2031, titulo="X", introduccion="Y")
        assert not Estrategia.objects.filter(anio=2031).exists()

    def test_publicar_exige_acciones_y_queda_en_el_registro_de_transiciones(self, usuarios, dependencias):
        asegurar_datos_de_rendicion()
        vacia = services.estrategia_crear(
            usuario=usuarios["planeacion"], anio=2032, titulo="Vacía", introduccion="Marco", objetivos=["Uno"]
        )
        with pytest.raises(ErrorDeDominio, match="al menos una acción"):
            services.estrategia_publicar(estrategia=vacia, usuario=usuarios["planeacion"])
        estrategia, _accion = _estrategia_por_servicios(usuarios, dependencias)
        services.estrategia_publicar(estrategia=estrategia, usuario=usuarios["planeacion"])
        estrategia.refresh_from_db()
        assert estrategia.publicada
        assert estrategia.publicada_en is not None
        assert StateLog.objects.filter(object_id=estrategia.pk, transition="publicar").count() == 1

    def test_etapa_del_murc_registra_quien_la_completo_y_no_acepta_el_futuro(self, usuarios, dependencias):
        estrategia, _accion = _estrategia_por_servicios(usuarios, dependencias)
        etapa = estrategia.etapas.get(etapa="aprestamiento")
        services.etapa_registrar(
            etapa=etapa,
            usuario=usuarios["planeacion"],
            fecha_inicio=date(2025, 1, 8),
            fecha_fin=date(2025, 1, 24),
            completada_en=date(2025, 1, 24),
        )
        etapa.refresh_from_db()
        assert etapa.completada_por == usuarios["planeacion"]
        with pytest.raises(ErrorDeDominio, match="futura"):
            services.etapa_registrar(
                etapa=etapa, usuario=usuarios["planeacion"], fecha_inicio=None, fecha_fin=None,
                completada_en=date(2030, 1, 1),
            )  # fmt: skip
        with pytest.raises(ErrorDeDominio, match="demasiado lejos"):
            services.etapa_registrar(
                etapa=etapa, usuario=usuarios["planeacion"], fecha_inicio=date(9999, 1, 1), fecha_fin=None,
                completada_en=None,
            )  # fmt: skip


class TestCopiarAUnNuevoAnio:
    def test_copia_todo_menos_el_avance_con_las_fechas_del_nuevo_anio(self, usuarios, dependencias, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        estrategia, accion = _estrategia_por_servicios(usuarios, dependencias, anio=2024)
        services.etapa_registrar(
            etapa=estrategia.etapas.get(etapa="diseno"), usuario=usuarios["planeacion"],
            fecha_inicio=date(2024, 1, 13), fecha_fin=date(2024, 2, 29), completada_en=date(2024, 1, 31),
        )  # fmt: skip
        services.avance_registrar(
            accion=accion, usuario=usuarios["profesional"], dependencia=dependencias["ocri"],
            descripcion="Reporte de enero", porcentaje=80, fecha=date(2024, 2, 2), evidencia=pdf(),
        )  # fmt: skip
        services.accion_iniciar(accion=accion, usuario=usuarios["profesional"])
        definicion = MetricaDefinida.objects.create(
            estrategia=estrategia, accion=accion, red="facebook", metrica="Total de seguidores"
        )
        services.metricas_registrar(
            estrategia=estrategia, usuario=usuarios["planeacion"], mes=date(2024, 1, 1), valores={definicion.pk: 100}
        )
        services.corte_crear(
            usuario=usuarios["control"], estrategia=estrategia, nombre="Primer seguimiento",
            fecha_corte=date(2024, 4, 30),
        )  # fmt: skip
        EspacioDialogo.objects.create(
            estrategia=estrategia, tipo="audiencia_publica", nombre="Audiencia", fecha="2024-11-20T10:00Z",
            dependencia=dependencias["ocri"],
        )  # fmt: skip

        nueva = services.estrategia_copiar(estrategia=estrategia, usuario=usuarios["planeacion"], anio=2025)

        assert nueva.anio == 2025
        assert nueva.estado == Estrategia.Estado.BORRADOR
        assert nueva.titulo == "Estrategia Rendición de Cuentas 2025"
        assert nueva.copiada_de == estrategia
        assert [o.texto for o in nueva.objetivos.all()] == ["Objetivo uno.", "Objetivo dos."]
        assert nueva.elementos.get(clave="informacion").descripcion == "Párrafo A.\n\nPárrafo B."
        assert set(nueva.ods.values_list("numero", flat=True)) == {8, 16}
        diseno = nueva.etapas.get(etapa="diseno")
        assert (diseno.fecha_inicio, diseno.fecha_fin) == (date(2025, 1, 13), date(2025, 2, 28))
        assert diseno.completada_en is None
        assert diseno.completada_por is None
        copia = nueva.acciones.get()
        assert (copia.texto, copia.entregable, copia.elemento, copia.numero) == (
            accion.texto, accion.entregable, accion.elemento, accion.numero,
        )  # fmt: skip
        assert (copia.fecha_inicio, copia.fecha_fin) == (date(2025, 2, 1), date(2025, 12, 15))
        assert copia.estado == AccionRendicion.Estado.PROGRAMADA
        assert copia.porcentaje_avance == 0
        assert not copia.avances.exists()
        assert [(r.dependencia, r.lidera) for r in copia.responsables_ordenados] == [
            (dependencias["ocri"], True),
            (dependencias["ddft"], False),
        ]
        assert list(copia.ods.values_list("numero", flat=True)) == [16]
        assert nueva.metricas.get().accion == copia
        assert not RegistroMetrica.objects.filter(definicion__estrategia=nueva).exists()
        corte = nueva.cortes.get()
        assert corte.fecha_corte == date(2025, 4, 30)
        assert corte.evaluaciones.get().accion == copia
        assert not nueva.espacios.exists()
        # The original keeps its progress.
        accion.refresh_from_db()
        assert accion.porcentaje_avance == 40
        assert accion.avances.count() == 1

    def test_no_copia_sobre_un_anio_que_ya_tiene_estrategia(self, usuarios, dependencias):
        estrategia, _accion = _estrategia_por_servicios(usuarios, dependencias, anio=2024)
        _otra, _ = _estrategia_por_servicios(usuarios, dependencias, anio=2025)
        with pytest.raises(ErrorDeDominio, match="Ya existe la estrategia de 2025"):
            services.estrategia_copiar(estrategia=estrategia, usuario=usuarios["planeacion"], anio=2025)
        assert Estrategia.objects.count() == 2

    def test_copiar_desde_el_navegador_es_una_sola_accion_y_un_doble_envio_no_duplica(self, cliente_de, usuarios,
                                                                                       dependencias):  # fmt: skip
        estrategia, _accion = _estrategia_por_servicios(usuarios, dependencias, anio=2024)
        cliente = cliente_de("planeacion")
        url = reverse("rendicion:estrategia-copiar", args=[estrategia.pk])
        formulario = cliente.get(url)
        assert formulario.context["form"].initial["anio"] == 2025
        token = formulario.context["form"].fields["token_creacion"].initial
        primera = cliente.post(url, {"anio": 2025, "token_creacion": token})
        nueva = Estrategia.objects.get(anio=2025)
        assert primera["Location"] == nueva.get_absolute_url()
        segunda = cliente.post(url, {"anio": 2025, "token_creacion": token})
        assert segunda["Location"] == nueva.get_absolute_url()
        assert Estrategia.objects.filter(anio=2025).count() == 1

    def test_29_de_febrero_pasa_al_28(self):
        assert mover_de_anio(date(2024, 2, 29), 1) == date(2025, 2, 28)
        assert mover_de_anio(date(2024, 3, 1), 1) == date(2025, 3, 1)


class TestAcciones:
    def test_cada_dependencia_reporta_su_parte_y_el_avance_es_el_promedio(self, escenario, usuarios, dependencias):
        accion = escenario.compartida
        services.avance_registrar(
            accion=accion, usuario=usuarios["profesional2"], dependencia=dependencias["ddft"],
            descripcion="Nuestra parte", porcentaje=50,
        )  # fmt: skip
        accion.refresh_from_db()
        assert accion.porcentaje_avance == 25
        with pytest.raises(ErrorDeDominio, match="cada una el suyo"):
            services.avance_registrar(
                accion=accion, usuario=usuarios["profesional2"], dependencia=dependencias["ocri"],
                descripcion="La parte de otra dependencia", porcentaje=100,
            )  # fmt: skip
        services.avance_registrar(
            accion=accion, usuario=usuarios["profesional"], dependencia=dependencias["ocri"],
            descripcion="Parte de la oficina", porcentaje=100,
        )  # fmt: skip
        accion.refresh_from_db()
        assert accion.porcentaje_avance == 75
        assert AvanceAccion.objects.filter(accion=accion).count() == 2

    def test_la_dependencia_que_comparte_la_ve_y_la_de_afuera_no(self, escenario, cliente_de):
        assert cliente_de("profesional2").get(escenario.compartida.get_absolute_url()).status_code == 200
        assert cliente_de("profesional2").get(escenario.accion.get_absolute_url()).status_code == 404
        assert cliente_de("profesional").get(escenario.accion.get_absolute_url()).status_code == 200

    def test_solo_la_lider_inicia_y_completar_exige_un_avance(self, escenario, usuarios, dependencias, cliente_de):
        accion = escenario.compartida
        cliente = cliente_de("profesional2")
        url = reverse("rendicion:accion-transicion", args=[accion.pk, "iniciar"])
        assert cliente.post(url).status_code == 403
        cliente = cliente_de("profesional")
        cliente.post(url)
        accion.refresh_from_db()
        assert accion.estado == AccionRendicion.Estado.EN_EJECUCION
        respuesta = cliente.post(reverse("rendicion:accion-transicion", args=[accion.pk, "completar"]), follow=True)
        assert "Registre al menos un avance" in respuesta.content.decode()
        services.avance_registrar(
            accion=accion, usuario=usuarios["profesional"], dependencia=dependencias["ocri"],
            descripcion="Listo", porcentaje=100, evidencia=pdf(),
        )  # fmt: skip
        cliente.post(reverse("rendicion:accion-transicion", args=[accion.pk, "completar"]))
        accion.refresh_from_db()
        assert accion.estado == AccionRendicion.Estado.CUMPLIDA
        assert accion.porcentaje_avance == 100
        assert StateLog.objects.filter(object_id=accion.pk, content_type__model="accionrendicion").count() == 2

    def test_planeacion_construye_una_accion_en_el_navegador(self, escenario, cliente_de, dependencias):
        cliente = cliente_de("planeacion")
        url = reverse("rendicion:accion-crear", args=[escenario.estrategia.pk])
        formulario = cliente.get(url + "?elemento=dialogo")
        assert formulario.context["form"].initial["elemento"] == "dialogo"
        token = formulario.context["form"].fields["token_creacion"].initial
        datos = {
            "elemento": "dialogo",
            "texto": "Realizar Transmisiones streaming en redes sociales del Ministerio",
            "entregable": "Publicación de la acción en la Red Social",
            "dependencia_lider": dependencias["ocri"].pk,
            "dependencias_apoyo": [dependencias["ddft"].pk],
            "fecha_inicio": "2026-03-01",
            "fecha_fin": "9999-12-31",
            "token_creacion": token,
        }
        respuesta = cliente.post(url, datos)
        assert respuesta.status_code == 200
        assert "demasiado lejos" in respuesta.content.decode()
        datos["fecha_fin"] = "2026-12-18"
        respuesta = cliente.post(url, datos)
        accion = escenario.estrategia.acciones.get(elemento="dialogo")
        assert respuesta["Location"] == accion.get_absolute_url()
        assert accion.numero == 1
        assert accion.lider.dependencia == dependencias["ocri"]
        assert accion.responsable_texto == f"{dependencias['ocri'].nombre} / {dependencias['ddft'].nombre}"
        assert PlazoAbierto.objects.filter(tipo="accion_rendicion", object_id=accion.pk, fecha=date(2026, 12, 18))

    def test_el_plazo_de_la_accion_va_al_motor_solo_si_la_estrategia_esta_publicada(self, escenario, usuarios):
        assert PlazoAbierto.objects.filter(tipo="accion_rendicion", object_id=escenario.accion.pk).exists()
        services.estrategia_retirar(estrategia=escenario.estrategia, usuario=usuarios["planeacion"], motivo="Ajustes")
        assert not PlazoAbierto.objects.filter(tipo="accion_rendicion").exists()


class TestMetricas:
    def test_el_grupo_responsable_registra_el_mes_y_la_pagina_muestra_un_grafico_por_metrica(
        self, escenario, cliente_de, usuarios
    ):
        definiciones = [
            MetricaDefinida.objects.create(
                estrategia=escenario.estrategia, accion=escenario.compartida, red=red, metrica=m, orden=i
            )
            for i, (red, m) in enumerate([("facebook", "Total de seguidores"), ("twitter", "N° de nuevos seguidores")])
        ]
        url = reverse("rendicion:metricas-mes", args=[escenario.estrategia.pk, 1])
        assert cliente_de("control").get(url).status_code == 403
        cliente = cliente_de("profesional2")  # DDFT shares the action that carries the metrics
        respuesta = cliente.post(
            url, {f"metrica_{definiciones[0].pk}": "1.234.567", f"metrica_{definiciones[1].pk}": ""}
        )
        assert respuesta.status_code == 302
        assert RegistroMetrica.objects.get().valor == 1_234_567
        respuesta = cliente.post(url, {f"metrica_{definiciones[0].pk}": "-5"})
        assert "no pueden ser negativas" in respuesta.content.decode()
        pagina = cliente.get(reverse("rendicion:metricas", args=[escenario.estrategia.pk]))
        contenido = pagina.content.decode()
        assert "1.234.567" in contenido
        assert contenido.count('src="data:image/svg+xml;base64,') == 1

    def test_planeacion_define_las_metricas_en_el_navegador(self, escenario, cliente_de):
        cliente = cliente_de("planeacion")
        url = reverse("rendicion:metrica-crear", args=[escenario.estrategia.pk])
        datos = {
            "red": "instagram",
            "metrica": "Total de seguidores",
            "por_mes": "on",
            "accion": escenario.compartida.pk,
        }
        token = cliente.get(url).context["form"].fields["token_creacion"].initial
        respuesta = cliente.post(url, {**datos, "token_creacion": token})
        assert respuesta["Location"] == reverse("rendicion:metricas", args=[escenario.estrategia.pk])
        definicion = MetricaDefinida.objects.get()
        assert (definicion.red, definicion.texto, definicion.accion) == (
            "instagram", "Total de seguidores por mes", escenario.compartida,
        )  # fmt: skip
        token = cliente.get(url).context["form"].fields["token_creacion"].initial
        repetida = cliente.post(url, {**datos, "metrica": "total de seguidores", "token_creacion": token})
        assert "Esa métrica ya está definida para esa red." in repetida.content.decode()
        assert MetricaDefinida.objects.count() == 1

    def test_un_mes_que_no_ha_empezado_no_se_registra(self, escenario, usuarios):
        with pytest.raises(ErrorDeDominio):
            services.metricas_registrar(
                estrategia=escenario.estrategia, usuario=usuarios["planeacion"], mes=date(2099, 1, 1), valores={}
            )


class TestDemo:
    def test_carga_la_estrategia_2020_tal_como_la_escribe_la_semilla_y_no_duplica(
        self, usuarios, dependencias, settings, tmp_path
    ):
        from rendicion.demo import cargar_demo, leer_semilla
        from tests.factories import DependenciaFactory

        settings.MEDIA_ROOT = tmp_path
        codigos = {
            "1000": "Despacho del Ministro", "1200": "Oficina Asesora de Planeación",
            "1300": "Oficina de Control Interno", "2000": "Viceministerio de Relaciones Laborales",
            "3000": "Viceministerio de Empleo", "3100": "Dirección de Empleo",
        }  # fmt: skip
        todas = {d.codigo: d for d in dependencias.values()}
        for codigo, nombre in codigos.items():
            todas[codigo] = DependenciaFactory(codigo=codigo, nombre=nombre)
        hoy = date(2026, 11, 30)
        cargar_demo(usuarios=usuarios, dependencias=todas, hoy=hoy)
        conteo = {m: m.objects.count() for m in (Estrategia, AccionRendicion, PreguntaCiudadana, Corte)}
        cargar_demo(usuarios=usuarios, dependencias=todas, hoy=hoy)
        assert {m: m.objects.count() for m in conteo} == conteo

        semilla = leer_semilla()
        e2020 = Estrategia.objects.get(anio=2020)
        assert e2020.titulo == semilla["titulo"]
        assert e2020.version_documento == "2.0"
        assert e2020.introduccion == semilla["textos"]["introduccion"]
        assert [o.texto for o in e2020.objetivos.all()] == semilla["objetivos_estrategicos"]
        for elemento in semilla["elementos"]:
            guardadas = list(e2020.acciones.filter(elemento=elemento["clave"]).order_by("numero"))
            assert [(a.numero, a.texto, a.entregable, a.responsable_texto) for a in guardadas] == [
                (f["numero"], f["accion"], f["entregable"], f["responsable"]) for f in elemento["acciones"]
            ]
        assert e2020.acciones.get(elemento="dialogo", numero=6).duplicado_de.numero == 1
        metricas = semilla["elementos"][0]["acciones"][0]["metricas_redes_sociales"]
        assert sorted((m.red_como_esta_escrita, m.texto) for m in e2020.metricas.all()) == sorted(
            (m["network_as_written"], m["text"]) for m in metricas
        )
        assert RegistroMetrica.objects.filter(definicion__estrategia=e2020).count() == 8 * 4
        compartida = e2020.acciones.get(elemento="dialogo", numero=1)
        assert [r.dependencia.nombre for r in compartida.responsables_ordenados][:2] == [
            "Grupo de Comunicaciones",
            "Oficina Asesora de Planeación",
        ]
        corte = e2020.cortes.get()
        assert corte.estado == Corte.Estado.PUBLICADO
        assert corte.informe_pdf
        assert corte.informe_xlsx
        assert corte.fecha_limite_publicacion == date(2020, 5, 15)
        assert corte.evaluaciones.exclude(resultado="").count() == 18
        assert set(
            PreguntaCiudadana.objects.filter(espacio__estrategia__anio=2026).values_list("estado", flat=True)
        ) == {
            "respondida",
            "rechazada",
            "recibida",
        }
        actual = Estrategia.objects.get(anio=2026)
        assert actual.copiada_de == e2020
        assert actual.publicada
        assert ReporteGenerado.objects.filter(codigo="seguimiento_rendicion", estado="listo").count() == 4
        assert EvaluacionAccion.objects.filter(corte__estrategia=actual, resultado="").count() == 18  # December


def test_lo_que_escribe_el_personal_tambien_sale_escapado_y_las_formulas_no_llegan_al_csv(
    escenario, usuarios, cliente_de, client
):
    carga = '<script>alert("accion")</script>'
    services.accion_editar(
        accion=escenario.accion, usuario=usuarios["planeacion"], texto=carga, entregable="=HYPERLINK(1)"
    )
    paginas = [
        cliente_de("planeacion").get(escenario.estrategia.get_absolute_url()),
        cliente_de("planeacion").get(escenario.accion.get_absolute_url()),
        cliente_de("planeacion").get(reverse("rendicion:acciones")),
    ]
    client.logout()
    paginas.append(client.get(escenario.estrategia.get_public_url()))
    for pagina in paginas:
        contenido = pagina.content.decode()
        assert "<script>alert" not in contenido
        assert "&lt;script&gt;alert(&quot;accion&quot;)&lt;/script&gt;" in contenido
    csv = b"".join(client.get(reverse("publico:datos-descarga", args=["rendicion-acciones", "csv"])).streaming_content)
    assert "'=HYPERLINK(1)" in csv.decode("utf-8-sig")

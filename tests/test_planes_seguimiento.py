"""The quarterly follow-up (DE-PD-01 activity 16): the cut-off calendar set by Planeación in the browser (core cut-offs,
deadlines, «Mis pendientes»), reporting through the page, sending, returning an item, reviewing, the diagnosis
needed to close, Control Interno's observations, and locked quarters that refuse edits and say why."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from cooperacion.core import pendientes, periodos
from cooperacion.core.models import CorteTrimestral, Notificacion, PlazoAbierto
from cooperacion.core.services import ErrorDeDominio
from indicadores import services as indicadores
from planes import services
from planes.models import AvanceActividad, SeguimientoTrimestral
from tests.factories_indicadores import pdf
from tests.factories_planes import ANIO, plan_de_accion, reportar, reportar_trimestre, seguimiento

D = Decimal


@pytest.fixture
def plan(usuarios, dependencias):
    return plan_de_accion(usuarios, dependencias)


def _calendario(cliente, anio, **cambios):
    datos = {}
    for t in (1, 2, 3, 4):
        fin = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}[t]
        siguiente = (anio + 1, 1) if t == 4 else (anio, fin[0] + 1)
        datos[f"corte_{t}"] = date(*siguiente, 2).isoformat()
        datos[f"reporte_{t}"] = date(*siguiente, 12).isoformat()
        datos[f"revision_{t}"] = date(*siguiente, 25).isoformat()
    datos.update(cambios)
    return cliente.post(reverse("planes:calendario", args=[anio]), datos)


class TestCalendario:
    def test_planeacion_fija_cortes_y_plazos_que_alimentan_el_motor(self, cliente_de, plan, usuarios):
        respuesta = _calendario(cliente_de("planeacion"), ANIO)
        assert respuesta.status_code == 302
        assert CorteTrimestral.objects.get(anio=ANIO, trimestre=2).fecha_corte == date(ANIO, 7, 2)
        assert periodos.fecha_de_corte(ANIO, 2) == date(ANIO, 7, 2)  # the engine's quarterly generation reads it
        plazos = PlazoAbierto.objects.filter(tipo="reporte_seguimiento_planes").order_by("fecha")
        assert [p.fecha for p in plazos] == [date(ANIO, m, 12) for m in (4, 7, 10)] + [date(ANIO + 1, 1, 12)]
        assert set(plazos.first().responsables.values_list("username", flat=True)) == {"jefe", "profesional"}
        titulos = [p.titulo for p in pendientes.pendientes_de(usuarios["profesional"]) if p.origen == "planes"]
        assert f"Reportar y enviar: Seguimiento {ANIO}-T1 · OCRI" in titulos

    def test_un_corte_antes_del_fin_del_trimestre_se_rechaza(self, cliente_de, plan):
        respuesta = _calendario(cliente_de("planeacion"), ANIO, corte_1=f"{ANIO}-03-15")
        assert respuesta.status_code == 200
        errores = " ".join(respuesta.context["form"].non_field_errors())
        assert f"T1: el corte debe ser posterior al último día del trimestre (31/03/{ANIO})" in errores

    def test_solo_planeacion_lo_cambia(self, cliente_de, plan):
        assert _calendario(cliente_de("jefe"), ANIO).status_code == 403
        assert "Fecha de corte" in cliente_de("jefe").get(reverse("planes:calendario", args=[ANIO])).content.decode()

    def test_el_plazo_de_revision_va_a_planeacion_cuando_se_envia(self, cliente_de, plan, usuarios):
        _calendario(cliente_de("planeacion"), ANIO)
        reportar_trimestre(plan, 1, usuarios["profesional"], {})
        services.seguimiento_enviar(seguimiento=seguimiento(plan, 1), usuario=usuarios["profesional"])
        revision = PlazoAbierto.objects.get(tipo="revision_seguimiento_planes")
        assert revision.fecha == date(ANIO, 4, 25)
        assert list(revision.responsables.values_list("username", flat=True)) == ["planeacion"]
        assert not PlazoAbierto.objects.filter(tipo="reporte_seguimiento_planes", object_id=revision.object_id)


class TestReporte:
    def test_reportar_desde_la_pagina_con_evidencia(self, cliente_de, plan, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        avance = seguimiento(plan, 1).avances.order_by("actividad__codigo").first()
        url = reverse("planes:avance", args=[avance.pk])
        respuesta = cliente_de("profesional").post(
            url,
            {
                "numerador": "3",
                "avance_cualitativo": "Tres talleres en Pasto, Cali y Quibdó.",
                "presupuesto_ejecutado": "2.500.000",
                "evidencia": pdf(),
            },
        )
        assert respuesta.status_code == 302
        avance.refresh_from_db()
        assert (avance.estado, avance.presupuesto_ejecutado) == ("reportado", D(2_500_000))
        medicion = avance.actividad.indicador.mediciones.get(anio=ANIO, trimestre=1)
        assert medicion.numerador == D(3)
        assert medicion.evidencia

    def test_por_debajo_sin_justificacion_la_pagina_lo_dice(self, cliente_de, plan):
        avance = seguimiento(plan, 1).avances.order_by("actividad__codigo").first()
        respuesta = cliente_de("profesional").post(
            reverse("planes:avance", args=[avance.pk]),
            {"numerador": "1", "avance_cualitativo": "Un taller.", "presupuesto_ejecutado": "0"},
        )
        assert respuesta.status_code == 200
        errores = " ".join(respuesta.context["form"].non_field_errors())
        assert "33,3 %" in errores
        assert "justificación del incumplimiento" in errores

    def test_lo_ejecutado_no_supera_el_presupuesto(self, plan, usuarios):
        avance = seguimiento(plan, 1).avances.first()
        with pytest.raises(ErrorDeDominio, match="supera el presupuesto"):
            reportar(avance, usuarios["profesional"], 3, ejecutado=D(10_000_001))

    def test_no_se_envia_con_actividades_sin_reportar(self, plan, usuarios):
        s = seguimiento(plan, 1)
        reportar(s.avances.order_by("actividad__codigo").first(), usuarios["profesional"], 3)
        with pytest.raises(ErrorDeDominio, match=r"Faltan: 1\.1\.2"):
            services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])


class TestRevision:
    def test_devolver_un_item_y_corregirlo(self, plan, usuarios):
        reportar_trimestre(plan, 1, usuarios["profesional"], {})
        s = seguimiento(plan, 1)
        services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])
        avance = s.avances.order_by("actividad__codigo").first()
        services.avance_devolver(avance=avance, usuario=usuarios["planeacion"], observacion="Adjunte las actas.")
        with pytest.raises(ErrorDeDominio, match="ítems devueltos"):
            services.seguimiento_revisar(seguimiento=s, usuario=usuarios["planeacion"])
        services.seguimiento_devolver(seguimiento=s, usuario=usuarios["planeacion"], motivo="Corregir 1.1.1")
        assert Notificacion.objects.filter(usuario=usuarios["profesional"], mensaje="Corregir 1.1.1").exists()
        with pytest.raises(ErrorDeDominio, match="devuelto"):
            services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])
        reportar(avance, usuarios["profesional"], 3, cualitativo="Actas adjuntas.")
        services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])
        services.seguimiento_revisar(seguimiento=s, usuario=usuarios["planeacion"])
        s.refresh_from_db()
        assert s.estado == SeguimientoTrimestral.Estado.REVISADO
        avance.refresh_from_db()
        assert avance.history.filter(estado="devuelto", observacion="Adjunte las actas.").exists()

    def test_cerrar_exige_el_cuadro_diagnostico(self, plan, usuarios):
        reportar_trimestre(plan, 1, usuarios["profesional"], {})
        s = seguimiento(plan, 1)
        services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])
        services.seguimiento_revisar(seguimiento=s, usuario=usuarios["planeacion"])
        with pytest.raises(ErrorDeDominio, match="cuadro diagnóstico"):
            services.seguimiento_cerrar(seguimiento=s, usuario=usuarios["planeacion"])
        services.seguimiento_diagnosticar(seguimiento=s, usuario=usuarios["planeacion"], diagnostico="Cumple.")
        services.seguimiento_cerrar(seguimiento=s, usuario=usuarios["planeacion"])

    def test_control_interno_observa_y_avisa(self, plan, usuarios, cliente_de):
        reportar_trimestre(plan, 1, usuarios["profesional"], {})
        s = seguimiento(plan, 1)
        with pytest.raises(ErrorDeDominio):  # an open quarter is the dependencia's, not yet evaluated
            services.observacion_registrar(seguimiento=s, usuario=usuarios["control"], texto_observacion="X")
        services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])
        cliente = cliente_de("control")
        pagina = cliente.get(reverse("planes:observacion", args=[s.pk]))
        cliente.post(
            reverse("planes:observacion", args=[s.pk]),
            {
                "texto": "Faltan las listas de asistencia.",
                "token_creacion": pagina.context["form"]["token_creacion"].initial,
            },
        )
        assert s.observaciones.get().texto == "Faltan las listas de asistencia."
        assert Notificacion.objects.filter(usuario=usuarios["planeacion"], titulo__contains="Control Interno").exists()
        assert "Faltan las listas de asistencia." in cliente.get(s.get_absolute_url()).content.decode()


class TestTrimestreCerrado:
    @pytest.fixture
    def cerrado(self, plan, usuarios):
        reportar_trimestre(plan, 1, usuarios["profesional"], {})
        s = seguimiento(plan, 1)
        services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])
        services.seguimiento_revisar(seguimiento=s, usuario=usuarios["planeacion"])
        services.seguimiento_diagnosticar(seguimiento=s, usuario=usuarios["planeacion"], diagnostico="Bien.")
        services.seguimiento_cerrar(seguimiento=s, usuario=usuarios["planeacion"])
        return s

    def test_rechaza_cambios_y_dice_por_que(self, cerrado, usuarios):
        avance = cerrado.avances.first()
        with pytest.raises(ErrorDeDominio, match=rf"{ANIO}-T1 de OCRI está cerrado desde el .* Solo un ajuste"):
            reportar(avance, usuarios["profesional"], 1, justificacion="Otro valor")

    def test_tambien_desde_la_pagina_del_indicador(self, cerrado, usuarios, cliente_de):
        indicador = cerrado.avances.first().actividad.indicador
        with pytest.raises(ErrorDeDominio, match="está cerrado"):
            indicadores.medicion_registrar(
                indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, trimestre=1, numerador=D(1),
                analisis="Cambio",
            )  # fmt: skip
        pagina = cliente_de("profesional").get(f"{indicador.get_absolute_url()}?anio={ANIO}").content.decode()
        assert f"El seguimiento {ANIO}-T1 de OCRI está cerrado" in pagina
        respuesta = cliente_de("profesional").post(
            reverse("indicadores:medicion", args=[indicador.pk, ANIO, 1]), {"numerador": "1", "analisis": "x"}
        )
        assert "está cerrado" in " ".join(respuesta.context["form"].non_field_errors())

    def test_la_pagina_del_avance_no_abre_y_explica(self, cerrado, cliente_de):
        avance = cerrado.avances.first()
        respuesta = cliente_de("profesional").get(reverse("planes:avance", args=[avance.pk]), follow=True)
        assert "está cerrado desde el" in respuesta.content.decode()
        assert respuesta.redirect_chain[-1][0] == avance.get_absolute_url()

    def test_otros_trimestres_siguen_abiertos(self, cerrado, usuarios):
        avance = seguimiento(cerrado.avances.first().actividad.plan, 2).avances.first()
        reportar(avance, usuarios["profesional"], 3)
        assert AvanceActividad.objects.get(pk=avance.pk).estado == "reportado"


def test_la_lista_de_seguimientos_hace_las_mismas_consultas_con_2_o_12(
    cliente_de, usuarios, dependencias, django_assert_max_num_queries
):
    cliente = cliente_de("planeacion")
    url = reverse("planes:seguimiento-lista")
    plan_de_accion(usuarios, dependencias, ANIO, actividades=1)
    with django_assert_max_num_queries(30) as pocas:
        assert cliente.get(url).status_code == 200
    plan_de_accion(usuarios, dependencias, ANIO + 1, actividades=3)
    plan_de_accion(usuarios, dependencias, ANIO - 1, actividades=2)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        respuesta = cliente.get(url)
    assert respuesta.context["page_obj"].paginator.count == 12

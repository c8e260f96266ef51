"""Adjustments (DE-PD-01 activities 20-24): approval versions the plan, keeps each value before and after with the
cause (on the plan, the public page and the report), reopens a closed quarter when asked; the competent instance."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperacion.core.services import ErrorDeDominio
from planes import selectors, services
from planes.models import CambioAjuste, SeguimientoTrimestral, SolicitudAjuste
from tests.factories_planes import ANIO, plan_de_accion, reportar, reportar_trimestre, seguimiento

D = Decimal
CAUSA = "El cooperante reprogramó para el cuarto trimestre los talleres del tercero; la meta anual no cambia."


@pytest.fixture
def plan(usuarios, dependencias):
    return plan_de_accion(usuarios, dependencias)


def solicitar(plan, usuarios, cambios, **extra):
    return services.ajuste_solicitar(plan=plan, usuario=usuarios["jefe"], causa=CAUSA, cambios=cambios, **extra)


def aprobar(solicitud, usuarios, fecha=date(ANIO, 8, 14), **extra):
    services.ajuste_revisar(solicitud=solicitud, usuario=usuarios["planeacion"], motivo="Causa pertinente.")
    return services.ajuste_aprobar(
        solicitud=solicitud, usuario=usuarios["planeacion"], instancia_aprobacion="planeacion", acta_fecha=fecha,
        **extra,
    )  # fmt: skip


class TestVersionado:
    def test_aprobar_cambia_las_metas_y_guarda_antes_y_despues(self, plan, usuarios):
        actividad = plan.actividades.order_by("codigo").first()
        solicitud = solicitar(
            plan,
            usuarios,
            [
                {"actividad": actividad, "campo": "meta_t3", "valor_nuevo": "1"},
                {"actividad": actividad, "campo": "meta_t4", "valor_nuevo": "5"},
                {"actividad": actividad, "campo": "presupuesto", "valor_nuevo": "12000000"},
            ],
        )
        assert solicitud.estado == SolicitudAjuste.Estado.SOLICITADO
        assert plan.version_plan == 1
        aprobar(solicitud, usuarios)
        plan.refresh_from_db()
        actividad.refresh_from_db()
        assert plan.version_plan == 2
        assert solicitud.version_resultante == 2
        metas = dict(actividad.indicador.metas.filter(anio=ANIO).values_list("trimestre", "valor"))
        assert metas == {1: D(3), 2: D(3), 3: D(1), 4: D(5)}
        assert actividad.presupuesto == D(12_000_000)
        cambios = sorted(solicitud.cambios.values_list("campo", "valor_anterior", "valor_nuevo"))
        assert cambios == [("meta_t3", "3", "1"), ("meta_t4", "3", "5"), ("presupuesto", "10000000", "12000000")]
        # The indicator's targets keep their own history, with the adjustment as the reason.
        meta = actividad.indicador.metas.get(anio=ANIO, trimestre=3)
        assert [h.valor for h in meta.history.order_by("history_date")] == [D(3), D(1)]
        assert meta.history.first().history_change_reason == f"Ajuste n.º {solicitud.pk} aprobado"

    def test_el_plan_muestra_el_valor_anterior_y_el_nuevo_con_la_causa(self, plan, usuarios, cliente_de):
        actividad = plan.actividades.order_by("codigo").first()
        aprobar(solicitar(plan, usuarios, [{"actividad": actividad, "campo": "meta_t3", "valor_nuevo": "1"}]), usuarios)
        pagina = cliente_de("profesional").get(plan.get_absolute_url()).content.decode()
        assert "Versión 2" in pagina
        assert f"Meta T3 {ANIO}: <del>3</del> → <ins>1</ins> (versión 2)" in pagina
        assert CAUSA in pagina
        assert f"Aprobado el 14/08/{ANIO}: versión 2 del plan." in pagina

    def test_el_informe_del_trimestre_de_la_decision_lista_el_ajuste(self, plan, usuarios):
        actividad = plan.actividades.order_by("codigo").first()
        aprobar(solicitar(plan, usuarios, [{"actividad": actividad, "campo": "meta_t3", "valor_nuevo": "1"}]), usuarios)
        tercero = selectors.informe(ANIO, 3)
        assert [(c.valor_anterior, c.valor_nuevo, c.solicitud.causa) for c in tercero.ajustes] == [("3", "1", CAUSA)]
        assert selectors.informe(ANIO, 2).ajustes == []  # decided on 14 August: the third quarter's

    def test_retirar_una_actividad(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias, actividades=3)
        retirada, otra, tercera = plan.actividades.order_by("codigo")
        solicitud = solicitar(
            plan,
            usuarios,
            [
                {"actividad": retirada, "campo": "retirar"},
                {"actividad": otra, "campo": "peso", "valor_nuevo": "66.66"},
            ],
        )
        aprobar(solicitud, usuarios)
        retirada.refresh_from_db()
        assert retirada.retirada
        assert [f.actividad.codigo for f in selectors.informe(ANIO, 1).actividades] == [otra.codigo, tercera.codigo]
        s = seguimiento(plan, 1)
        reportar(s.avances.get(actividad=otra), usuarios["profesional"], 3)
        reportar(s.avances.get(actividad=tercera), usuarios["profesional"], 3)
        services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])  # the retired one is not asked


class TestReabrir:
    def test_solo_un_ajuste_aprobado_reabre_el_trimestre_cerrado(self, plan, usuarios):
        reportar_trimestre(plan, 1, usuarios["profesional"], {})
        s = seguimiento(plan, 1)
        services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])
        services.seguimiento_revisar(seguimiento=s, usuario=usuarios["planeacion"])
        services.seguimiento_diagnosticar(seguimiento=s, usuario=usuarios["planeacion"], diagnostico="Bien.")
        services.seguimiento_cerrar(seguimiento=s, usuario=usuarios["planeacion"])
        actividad = plan.actividades.order_by("codigo").first()
        solicitud = solicitar(
            plan,
            usuarios,
            [{"actividad": actividad, "campo": "meta_t1", "valor_nuevo": "2"}],
            reabrir_trimestre=1,
            anio_reabrir=ANIO,
        )
        s.refresh_from_db()
        assert s.estado == SeguimientoTrimestral.Estado.CERRADO  # asked, not yet approved
        aprobar(solicitud, usuarios)
        s.refresh_from_db()
        assert s.estado == SeguimientoTrimestral.Estado.ABIERTO
        assert s.history.filter(history_change_reason=f"Ajuste n.º {solicitud.pk} aprobado").exists()
        reportar(s.avances.get(actividad=actividad), usuarios["profesional"], 2)  # editable again


class TestInstanciaYReglas:
    def test_solo_el_jefe_solicita_el_ajuste_de_su_plan_de_accion(self, plan, usuarios):
        actividad = plan.actividades.first()
        with pytest.raises(ErrorDeDominio, match="jefe de la dependencia"):
            services.ajuste_solicitar(
                plan=plan, usuario=usuarios["profesional"], causa=CAUSA,
                cambios=[{"actividad": actividad, "campo": "meta_t4", "valor_nuevo": "1"}],
            )  # fmt: skip

    def test_un_plan_en_formulacion_no_se_ajusta(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias, hasta="borrador")
        with pytest.raises(ErrorDeDominio, match="aprobado o publicado"):
            solicitar(plan, usuarios, [{"actividad": plan.actividades.first(), "campo": "meta_t4", "valor_nuevo": "1"}])

    def test_la_instancia_competente_y_el_acta_de_un_comite(self, plan, usuarios):
        solicitud = solicitar(plan, usuarios, [{"actividad": plan.actividades.first(), "campo": "meta_t4",
                                                "valor_nuevo": "2"}])  # fmt: skip
        services.ajuste_revisar(solicitud=solicitud, usuario=usuarios["planeacion"], motivo="Pertinente.")
        with pytest.raises(ErrorDeDominio, match="Para este plan aprueba"):
            services.ajuste_aprobar(
                solicitud=solicitud, usuario=usuarios["planeacion"], instancia_aprobacion="comite_sectorial",
                acta_fecha=date(ANIO, 8, 1),
            )  # fmt: skip
        with pytest.raises(ErrorDeDominio, match="acta del comité"):
            services.ajuste_aprobar(
                solicitud=solicitud, usuario=usuarios["planeacion"], instancia_aprobacion="comite_institucional",
                acta_fecha=date(ANIO, 8, 1),
            )  # fmt: skip
        with pytest.raises(ErrorDeDominio, match="futura"):
            services.ajuste_aprobar(
                solicitud=solicitud, usuario=usuarios["planeacion"], instancia_aprobacion="planeacion",
                acta_fecha=timezone.localdate() + timedelta(days=2),
            )  # fmt: skip

    def test_rechazar_deja_el_plan_como_estaba(self, plan, usuarios):
        actividad = plan.actividades.first()
        solicitud = solicitar(plan, usuarios, [{"actividad": actividad, "campo": "meta_t4", "valor_nuevo": "9"}])
        services.ajuste_rechazar(solicitud=solicitud, usuario=usuarios["planeacion"], motivo="No es pertinente.")
        plan.refresh_from_db()
        assert plan.version_plan == 1
        assert actividad.indicador.metas.get(anio=ANIO, trimestre=4).valor == D(3)

    def test_el_mismo_cambio_dos_veces(self, plan, usuarios):
        actividad = plan.actividades.first()
        with pytest.raises(ErrorDeDominio, match="dos veces"):
            solicitar(
                plan,
                usuarios,
                [
                    {"actividad": actividad, "campo": "meta_t4", "valor_nuevo": "2"},
                    {"actividad": actividad, "campo": "meta_t4", "valor_nuevo": "3"},
                ],
            )
        assert not CambioAjuste.objects.exists()  # all or nothing

    def test_la_pagina_del_ajuste_muestra_la_revision_de_la_actividad_23(self, plan, usuarios, cliente_de):
        solicitud = solicitar(plan, usuarios, [{"actividad": plan.actividades.first(), "campo": "peso",
                                                "valor_nuevo": "10"}])  # fmt: skip
        pagina = cliente_de("planeacion").get(reverse("planes:ajuste-detalle", args=[solicitud.pk])).content.decode()
        assert "Revisión de la actividad 23" in pagina
        assert "suman 60 %" in pagina
        assert "Causas pertinentes: pasar a aprobación" in pagina

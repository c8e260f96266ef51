"""The control points of DE-PD-01 as code that can fail a plan: activities 2, 5 and 12 (verification), 16 (the quarterly
follow-up) and 23 (adjustments). Each test breaks one check and sees the plan refused with that check named."""

from datetime import date
from decimal import Decimal

import pytest

from cooperacion.core.services import ErrorDeDominio
from indicadores import calculo
from planes import reglas, selectors, services
from planes.models import Plan
from tests.factories_planes import ANIO, actividad, pei, plan_de_accion

D = Decimal


def nombres_fallidos(plan):
    return [p.nombre for p in reglas.fallidos(selectors.verificacion(plan))]


@pytest.fixture
def enviado(usuarios, dependencias):
    return plan_de_accion(usuarios, dependencias, hasta="enviado")


def aprobar(plan, usuarios):
    return services.plan_aprobar(plan=plan, usuario=usuarios["planeacion"])


class TestActividad12:
    def test_un_plan_que_cumple_se_aprueba(self, enviado, usuarios):
        assert nombres_fallidos(enviado) == []
        aprobar(enviado, usuarios)
        assert enviado.estado == Plan.Estado.APROBADO

    def _editar(self, plan, usuarios, actividad, **cambios):
        services.plan_devolver(plan=plan, usuario=usuarios["planeacion"], motivo="Revisar")
        services.actividad_editar(actividad=actividad, usuario=usuarios["profesional"], **cambios)
        services.plan_enviar(plan=plan, usuario=usuarios["profesional"])

    def test_sin_alineacion_con_el_plan_superior(self, enviado, usuarios):
        services.plan_devolver(plan=enviado, usuario=usuarios["planeacion"], motivo="Revisar")
        services.plan_editar(plan=enviado, usuario=usuarios["profesional"], plan_superior=None)
        services.plan_enviar(plan=enviado, usuario=usuarios["profesional"])
        assert "Alineación con los objetivos del plan superior" in nombres_fallidos(enviado)
        with pytest.raises(ErrorDeDominio, match="actividad 12"):
            aprobar(enviado, usuarios)
        enviado.refresh_from_db()
        assert enviado.estado == Plan.Estado.ENVIADO

    def test_metas_no_cuantificables(self, enviado, usuarios):
        primera = enviado.actividades.order_by("codigo").first()
        services.plan_devolver(plan=enviado, usuario=usuarios["planeacion"], motivo="Revisar")
        services.programacion_fijar(
            actividad=primera, usuario=usuarios["profesional"], valores={ANIO: dict.fromkeys((1, 2, 3, 4))}
        )
        services.plan_enviar(plan=enviado, usuario=usuarios["profesional"])
        assert nombres_fallidos(enviado) == ["Metas medibles y cuantificables"]
        with pytest.raises(ErrorDeDominio, match="Metas medibles"):
            aprobar(enviado, usuarios)

    def test_meta_anual_cero(self, enviado, usuarios):
        primera = enviado.actividades.order_by("codigo").first()
        services.plan_devolver(plan=enviado, usuario=usuarios["planeacion"], motivo="Revisar")
        services.programacion_fijar(
            actividad=primera, usuario=usuarios["profesional"], valores={ANIO: dict.fromkeys((1, 2, 3, 4), D(0))}
        )
        services.plan_enviar(plan=enviado, usuario=usuarios["profesional"])
        assert "Metas medibles y cuantificables" in nombres_fallidos(enviado)

    def test_proyecto_de_inversion_sin_bpin_valido(self, enviado, usuarios):
        primera = enviado.actividades.order_by("codigo").first()
        self._editar(enviado, usuarios, primera, fuente_recursos="inversion", bpin="12345", proyecto_inversion="")
        fallas = {p.nombre: p.fallas for p in selectors.verificacion(enviado)}
        assert any("13 dígitos" in f for f in fallas["Actividades y metas de proyectos de inversión alineadas"])
        with pytest.raises(ErrorDeDominio, match="inversión"):
            aprobar(enviado, usuarios)

    def test_pesos_que_no_suman_cien(self, enviado, usuarios):
        primera = enviado.actividades.order_by("codigo").first()
        self._editar(enviado, usuarios, primera, peso=D(40))
        assert nombres_fallidos(enviado) == ["Metodología de la Oficina Asesora de Planeación (pesos que suman 100 %)"]
        with pytest.raises(ErrorDeDominio, match="suman 90"):
            aprobar(enviado, usuarios)

    def test_sin_presupuesto(self, enviado, usuarios):
        primera = enviado.actividades.order_by("codigo").first()
        self._editar(enviado, usuarios, primera, presupuesto=None)
        assert nombres_fallidos(enviado) == ["Presupuesto para su implementación"]
        with pytest.raises(ErrorDeDominio, match="presupuesto"):
            aprobar(enviado, usuarios)

    def test_sin_costo_puede_tener_presupuesto_cero(self, enviado, usuarios):
        primera = enviado.actividades.order_by("codigo").first()
        self._editar(enviado, usuarios, primera, presupuesto=D(0), fuente_recursos="sin_costo")
        assert nombres_fallidos(enviado) == []

    def test_la_verificacion_de_cada_ronda_queda_registrada(self, enviado, usuarios):
        primera = enviado.actividades.order_by("codigo").first()
        self._editar(enviado, usuarios, primera, peso=D(40))
        services.plan_devolver(plan=enviado, usuario=usuarios["planeacion"], motivo="Los pesos no suman 100 %.")
        rondas = list(enviado.rondas.order_by("numero"))
        assert [r.resultado for r in rondas] == ["devuelto", "devuelto"]
        assert rondas[1].observaciones == "Los pesos no suman 100 %."
        assert any(not p["cumple"] for p in rondas[1].verificacion)


class TestActividades2y5:
    def test_el_sectorial_necesita_pnd_politicas_y_linea_de_cada_objetivo(self, usuarios, dependencias):
        plan = services.plan_estrategico_crear(
            usuario=usuarios["planeacion"],
            tipo=Plan.Tipo.SECTORIAL,
            nombre="Plan Estratégico Sectorial",
            dependencia=dependencias["ocri"],
            anio_inicio=ANIO - 1,
            anio_fin=ANIO + 2,
        )
        objetivo = services.objetivo_crear(plan=plan, usuario=usuarios["planeacion"], codigo="1", descripcion="X")
        estrategia = services.estrategia_crear(
            objetivo=objetivo, usuario=usuarios["planeacion"], codigo="1.1", descripcion="Y"
        )
        nueva = actividad(
            plan, usuarios["planeacion"], estrategia, "1.1.1", peso=D(100), metas=None, responsable=usuarios["jefe"]
        )
        for anio in plan.anios:
            services.programacion_fijar(actividad=nueva, usuario=usuarios["planeacion"], valores={anio: {4: D(10)}})
        services.plan_enviar(plan=plan, usuario=usuarios["planeacion"])
        puntos = {p.nombre: p for p in selectors.verificacion(plan)}
        alineacion = puntos["Alineación con el Plan Nacional de Desarrollo y las políticas"]
        assert not alineacion.cumple
        assert len(alineacion.fallas) == 3  # no PND text, no policies, objective 1 without its PND line
        assert alineacion.actividad == 2
        with pytest.raises(ErrorDeDominio, match="actividad 2"):
            services.plan_aprobar_comite(
                plan=plan, usuario=usuarios["planeacion"], comite="Comité Sectorial", acta_numero="1",
                acta_fecha=date(ANIO, 1, 15),
            )  # fmt: skip

    def test_el_institucional_necesita_objetivos_alineados_con_el_sectorial(self, usuarios, dependencias):
        plan = pei(usuarios, dependencias)
        puntos = {p.nombre: p for p in selectors.verificacion(plan)}
        alineacion = puntos["Alineación con el Plan Nacional de Desarrollo y las políticas"]
        assert alineacion.actividad == 5
        assert "No está asociado al Plan Estratégico Sectorial." in alineacion.fallas
        assert not puntos["Metas medibles y cuantificables"].cumple  # no activities yet


class TestActividad16:
    def test_por_debajo_de_lo_programado_exige_justificacion(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias)
        from tests.factories_planes import reportar, seguimiento

        avance = seguimiento(plan, 1).avances.order_by("actividad__codigo").first()
        with pytest.raises(ErrorDeDominio, match="justificación del incumplimiento"):
            reportar(avance, usuarios["profesional"], 2)  # 2 of 3 programmed: 66,7 %
        avance.refresh_from_db()
        assert avance.estado == "pendiente"
        assert not avance.actividad.indicador.mediciones.exists()  # nothing saved
        reportar(avance, usuarios["profesional"], 2, justificacion="Un taller se aplazó por orden público.")
        avance.refresh_from_db()
        assert avance.estado == "reportado"

    def test_en_la_meta_no_pide_justificacion(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias)
        from tests.factories_planes import reportar, seguimiento

        avance = seguimiento(plan, 1).avances.first()
        reportar(avance, usuarios["profesional"], 3)
        avance.refresh_from_db()
        assert avance.estado == "reportado"

    def test_coherencia_presupuestal(self):
        avance = calculo.Cumplimiento(D(20), calculo.Estado.ROJO)
        alerta = reglas.coherencia(presupuesto=D(100), ejecutado=D(60), avance=avance)
        assert alerta.diverge
        assert "60 % del presupuesto con el 20 % de la meta" in alerta.detalle
        assert not reglas.coherencia(presupuesto=D(100), ejecutado=D(35), avance=avance).diverge
        assert reglas.coherencia(presupuesto=None, ejecutado=D(5), avance=avance).diverge
        sin_medida = calculo.Cumplimiento(None, calculo.Estado.NO_REPORTA)
        assert reglas.coherencia(presupuesto=D(100), ejecutado=D(10), avance=sin_medida).diverge


class TestActividad23:
    def test_un_ajuste_que_rompe_los_pesos_no_es_pertinente(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias)
        primera = plan.actividades.order_by("codigo").first()
        solicitud = services.ajuste_solicitar(
            plan=plan,
            usuario=usuarios["jefe"],
            causa="La cooperante redujo el alcance del programa y los talleres se reprograman.",
            cambios=[{"actividad": primera, "campo": "peso", "valor_nuevo": "30"}],
        )
        with pytest.raises(ErrorDeDominio, match="suman 80"):
            services.ajuste_revisar(solicitud=solicitud, usuario=usuarios["planeacion"], motivo="Pertinente")

    def test_sin_causa_documentada(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias)
        primera = plan.actividades.order_by("codigo").first()
        solicitud = services.ajuste_solicitar(
            plan=plan,
            usuario=usuarios["jefe"],
            causa="Cambio",
            cambios=[{"actividad": primera, "campo": "meta_t4", "valor_nuevo": "4"}],
        )
        with pytest.raises(ErrorDeDominio, match="causa del ajuste no está documentada"):
            services.ajuste_revisar(solicitud=solicitud, usuario=usuarios["planeacion"], motivo="Ok")

    def test_retirar_la_unica_actividad_de_un_objetivo(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias, actividades=1)
        unica = plan.actividades.get()
        solicitud = services.ajuste_solicitar(
            plan=plan,
            usuario=usuarios["jefe"],
            causa="La actividad ya no es competencia de la oficina desde el nuevo decreto de estructura.",
            cambios=[{"actividad": unica, "campo": "retirar"}],
        )
        puntos = services.plan_con_cambios(solicitud)
        assert puntos.actividades == []
        with pytest.raises(ErrorDeDominio, match="queda sin actividades"):
            services.ajuste_revisar(solicitud=solicitud, usuario=usuarios["planeacion"], motivo="Ok")

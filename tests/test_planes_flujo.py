"""Formulation of plans (DE-PD-01 activities 1-15) through services and pages: opening the year with its schedule
(deadlines and «Mis pendientes»), sending, returning with observations (each round kept), approving, consolidating,
presenting and publishing on the public pages and the open data; the strategic plans' committee approval."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperacion.core import pendientes, plazos
from cooperacion.core.models import Notificacion, PlazoAbierto
from cooperacion.core.services import ErrorDeDominio
from indicadores.models import Indicador
from planes import services
from planes.models import Plan, RondaRevision, SeguimientoTrimestral, Vigencia
from tests.carreras_planes import pes_aprobado
from tests.factories_planes import ANIO, plan_de_accion, vigencia

D = Decimal


class TestAbrirElAnio:
    def test_crea_un_plan_por_dependencia_y_avisa_con_los_lineamientos(self, usuarios, dependencias):
        v = vigencia(usuarios, dependencias, deps=("ocri", "ddft"))
        assert sorted(p.dependencia.sigla for p in v.planes.all()) == ["DDFT", "OCRI"]
        assert all(p.estado == Plan.Estado.BORRADOR and p.plan_superior == v.plan_superior for p in v.planes.all())
        aviso = Notificacion.objects.get(usuario=usuarios["profesional2"])
        assert "Formule el Plan de Acción" in aviso.titulo
        assert "Lineamientos" in aviso.mensaje

    def test_el_cronograma_entra_al_motor_de_plazos(self, usuarios, dependencias):
        anio = timezone.localdate().year + 1
        v = services.vigencia_abrir(
            usuario=usuarios["planeacion"],
            anio=anio,
            lineamientos="Compromisos del año.",
            fecha_limite_formulacion=date(anio - 1, 12, 5),
            fecha_limite_cargue=date(anio - 1, 12, 15),
            fecha_limite_aprobacion=date(anio, 1, 20),
            dependencias=[dependencias["ocri"]],
        )
        assert v.fecha_limite_publicacion == date(anio, 1, 31)  # by default, as Decreto 612 de 2018 asks
        tipos = dict(PlazoAbierto.objects.values_list("tipo", "fecha"))
        assert tipos["formulacion_plan_accion"] == date(anio - 1, 12, 5)
        assert tipos["cargue_plan_accion"] == date(anio - 1, 12, 15)
        assert tipos["publicacion_plan_accion"] == date(anio, 1, 31)
        avisar = plazos.plazos_en_curso(filtro=plazos.FiltroPlazos(responsable_id=usuarios["profesional"].pk))
        assert {p.plazo.tipo for p in avisar} == {"formulacion_plan_accion", "cargue_plan_accion"}
        assert [p.accion for p in pendientes.pendientes_de(usuarios["profesional"]) if p.origen == "planes"] == [
            "Formular"
        ]
        publicacion = plazos.plazos_en_curso(filtro=plazos.FiltroPlazos(responsable_id=usuarios["planeacion"].pk))
        assert [p.plazo.tipo for p in publicacion] == ["publicacion_plan_accion"]

    def test_la_publicacion_despues_del_31_de_enero_se_rechaza(self, usuarios, dependencias):
        with pytest.raises(ErrorDeDominio, match="31 de enero"):
            services.vigencia_abrir(
                usuario=usuarios["planeacion"],
                anio=ANIO,
                lineamientos="X",
                fecha_limite_formulacion=date(ANIO - 1, 11, 1),
                fecha_limite_cargue=date(ANIO - 1, 12, 1),
                fecha_limite_aprobacion=date(ANIO, 1, 20),
                fecha_limite_publicacion=date(ANIO, 2, 15),
                dependencias=[dependencias["ocri"]],
            )

    def test_solo_planeacion_abre_el_anio(self, usuarios, dependencias):
        with pytest.raises(ErrorDeDominio):
            vigencia(usuarios | {"planeacion": usuarios["jefe"]}, dependencias)

    def test_desde_la_pagina(self, cliente_de, usuarios, dependencias):
        from tests.factories_planes import pei

        superior = pei(usuarios, dependencias)
        cliente = cliente_de("planeacion")
        pagina = cliente.get(reverse("planes:vigencia-crear"))
        datos = {
            "token_creacion": pagina.context["form"]["token_creacion"].initial,
            "anio": ANIO,
            "lineamientos": "Compromisos y directrices.",
            "fecha_limite_formulacion": f"{ANIO - 1}-11-30",
            "fecha_limite_cargue": f"{ANIO - 1}-12-15",
            "fecha_limite_aprobacion": f"{ANIO}-01-20",
            "fecha_limite_publicacion": f"{ANIO}-01-31",
            "plan_superior": superior.pk,
            "dependencias": [dependencias["ocri"].pk],
        }
        respuesta = cliente.post(reverse("planes:vigencia-crear"), datos)
        v = Vigencia.objects.get(anio=ANIO)
        assert respuesta["Location"] == v.get_absolute_url()
        cliente.post(reverse("planes:vigencia-crear"), datos)  # the same form twice: one call
        assert Vigencia.objects.count() == 1


class TestVerificacion:
    def test_devolver_con_observaciones_y_corregir_guarda_cada_ronda(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias, hasta="enviado")
        services.plan_devolver(plan=plan, usuario=usuarios["planeacion"], motivo="Precise el producto de 1.1.1.")
        aviso = Notificacion.objects.filter(usuario=usuarios["profesional"], titulo__contains="devolvió").get()
        assert aviso.mensaje == "Precise el producto de 1.1.1."
        services.actividad_editar(
            actividad=plan.actividades.get(codigo="1.1.1"), usuario=usuarios["profesional"], producto="Memorias"
        )
        services.plan_enviar(plan=plan, usuario=usuarios["profesional"], motivo="Corregido")
        services.plan_aprobar(plan=plan, usuario=usuarios["planeacion"])
        rondas = list(plan.rondas.order_by("numero").values_list("numero", "resultado", "observaciones"))
        assert rondas == [
            (1, RondaRevision.Resultado.DEVUELTO, "Precise el producto de 1.1.1."),
            (2, RondaRevision.Resultado.APROBADO, "Corregido"),
        ]
        assert plan.history.filter(estado="devuelto").exists()

    def test_un_plan_enviado_no_se_edita(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias, hasta="enviado")
        with pytest.raises(ErrorDeDominio, match="Enviado a verificación"):
            services.actividad_editar(
                actividad=plan.actividades.first(), usuario=usuarios["profesional"], producto="Otro"
            )

    def test_aprobar_abre_los_trimestres_de_seguimiento(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias)
        seguimientos = SeguimientoTrimestral.objects.filter(dependencia=plan.dependencia, anio=ANIO)
        assert sorted(seguimientos.values_list("trimestre", flat=True)) == [1, 2, 3, 4]
        assert all(s.avances.count() == 2 for s in seguimientos)

    def test_la_ficha_de_sus_indicadores_queda_bloqueada(self, usuarios, dependencias, cliente_de):
        plan = plan_de_accion(usuarios, dependencias)
        indicador = plan.actividades.first().indicador
        from indicadores import services as indicadores

        with pytest.raises(ErrorDeDominio, match="solicitud de ajuste"):
            indicadores.indicador_editar(indicador=indicador, usuario=usuarios["profesional"], acumulacion="flujo")
        with pytest.raises(ErrorDeDominio, match="solicitud de ajuste"):
            indicadores.metas_fijar(indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, valores={1: D(1)})
        pagina = cliente_de("profesional").get(indicador.get_absolute_url()).content.decode()
        assert "se cambian con una solicitud de ajuste" in pagina
        assert "Actividad de plan" in pagina  # the indicator lists what it belongs to


class TestConsolidarPresentarPublicar:
    def test_no_consolida_con_planes_sin_aprobar(self, usuarios, dependencias):
        v = vigencia(usuarios, dependencias, deps=("ocri", "ddft"))
        with pytest.raises(ErrorDeDominio, match="DDFT"):
            services.vigencia_consolidar(vigencia=v, usuario=usuarios["planeacion"])

    def test_publicar_lleva_los_planes_a_transparencia_y_a_datos_abiertos(self, usuarios, dependencias, client):
        plan = plan_de_accion(usuarios, dependencias)
        v = plan.vigencia
        services.vigencia_consolidar(vigencia=v, usuario=usuarios["planeacion"])
        services.vigencia_presentar(
            vigencia=v, usuario=usuarios["planeacion"], comite="Comité Institucional", acta_numero="7",
            acta_fecha=date(ANIO, 1, 25),
        )  # fmt: skip
        services.vigencia_publicar(vigencia=v, usuario=usuarios["planeacion"], fecha_publicacion=date(ANIO, 1, 30))
        plan.refresh_from_db()
        assert (plan.estado, plan.fecha_publicacion) == (Plan.Estado.PUBLICADO, date(ANIO, 1, 30))
        assert all(i.publicado for i in Indicador.objects.filter(actividades__plan=plan))
        pes = pes_aprobado(usuarios, dependencias)
        services.plan_publicar(plan=pes, usuario=usuarios["planeacion"])  # today: newer than the action plan

        portada = client.get(reverse("publico:inicio")).content.decode()
        assert portada.index(pes.nombre) < portada.index(plan.nombre)  # newest first
        assert f"{timezone.localdate():%d/%m/%Y}" in portada
        assert f"30/01/{ANIO}" in portada
        lista = client.get(reverse("planes_publico:lista")).content.decode()
        assert plan.nombre in lista
        assert v.nombre_consolidado in lista
        detalle = client.get(reverse("planes_publico:detalle", args=[plan.pk])).content.decode()
        assert "Realizar talleres de cooperación internacional (1.1.1)" in detalle
        respuesta = client.get(reverse("publico:datos-descarga", args=["planes", "csv"]))
        filas = list(csv.DictReader(io.StringIO(b"".join(respuesta.streaming_content).decode("utf-8-sig"))))
        assert {f["codigo_actividad"] for f in filas if f["plan"] == plan.nombre} == {"1.1.1", "1.1.2"}
        assert {f["fecha_publicacion"] for f in filas if f["plan"] == plan.nombre} == {f"{ANIO}-01-30"}

    def test_un_plan_de_accion_no_se_publica_suelto(self, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias)
        with pytest.raises(ErrorDeDominio, match="Plan de Acción Institucional"):
            services.plan_publicar(plan=plan, usuario=usuarios["planeacion"])

    def test_la_fecha_de_publicacion_no_es_futura(self, usuarios, dependencias):
        pes = pes_aprobado(usuarios, dependencias)
        with pytest.raises(ErrorDeDominio, match="futura"):
            services.plan_publicar(
                plan=pes, usuario=usuarios["planeacion"], fecha_publicacion=timezone.localdate() + timedelta(days=1)
            )


class TestEstrategicos:
    def test_cuatro_anios(self, usuarios, dependencias):
        with pytest.raises(ErrorDeDominio, match="cuatro años"):
            services.plan_estrategico_crear(
                usuario=usuarios["planeacion"], tipo=Plan.Tipo.SECTORIAL, nombre="PES",
                dependencia=dependencias["ocri"], anio_inicio=ANIO, anio_fin=ANIO + 1,
            )  # fmt: skip

    def test_la_aprobacion_del_comite_queda_registrada(self, usuarios, dependencias):
        pes = pes_aprobado(usuarios, dependencias)
        assert (pes.estado, pes.comite, pes.acta_numero) == (Plan.Estado.APROBADO, "Comité Sectorial", "01")
        assert SeguimientoTrimestral.objects.filter(anio=ANIO, trimestre=4).exists()  # annual: T4 of each year
        assert not SeguimientoTrimestral.objects.filter(anio=ANIO, trimestre=1).exists()

    def test_la_pagina_del_plan_muestra_los_puntos_de_control_y_las_rondas(self, cliente_de, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias, hasta="enviado")
        pagina = cliente_de("planeacion").get(plan.get_absolute_url()).content.decode()
        assert "Puntos de control (actividad 12 de DE-PD-01)" in pagina
        assert "Todos los puntos de control se cumplen." in pagina
        assert "Verificar y aprobar" in pagina
        assert "Devolver con observaciones" in pagina
        # The dependencia sees no Planeación button.
        pagina = cliente_de("profesional").get(plan.get_absolute_url()).content.decode()
        assert "Verificar y aprobar" not in pagina

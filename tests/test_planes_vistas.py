"""Every form page of planes posted as its role would (the data the browser sends, create tokens and record versions
included), and the pages that list and show, with their empty states."""

from datetime import date

import pytest
from django.urls import reverse

from cooperacion.core.models import PoliticaMIPG
from planes import services
from planes.models import Actividad, Estrategia, Objetivo, Plan, SolicitudAjuste
from tests.carreras_planes import pes_en_concertacion
from tests.factories_indicadores import pdf
from tests.factories_planes import ANIO, pei, plan_de_accion, reportar_trimestre, seguimiento, vigencia


def token(cliente, url) -> dict:
    """The hidden fields a form page gives (the create token, the record's version)."""
    formulario = cliente.get(url).context["form"]
    return {n: formulario[n].initial for n in ("token_creacion", "version_registro") if n in formulario.fields}


def enviar(cliente, url, datos):
    respuesta = cliente.post(url, {**token(cliente, url), **datos})
    errores = respuesta.context["form"].errors if respuesta.status_code == 200 and respuesta.context else None
    assert respuesta.status_code == 302, errores
    return respuesta


class TestFormulacionDesdeLasPaginas:
    def test_objetivo_estrategia_actividad_programacion_y_envio(self, cliente_de, usuarios, dependencias):
        v = vigencia(usuarios, dependencias)
        plan = v.planes.get()
        superior = plan.plan_superior.objetivos.get(codigo="2")
        cliente = cliente_de("profesional")
        enviar(
            cliente,
            reverse("planes:editar", args=[plan.pk]),
            {"nombre": plan.nombre, "plan_superior": plan.plan_superior_id, "alineacion_pnd": "PND",
             "politicas": [PoliticaMIPG.objects.first().pk]},
        )  # fmt: skip
        enviar(
            cliente,
            reverse("planes:objetivo-crear", args=[plan.pk]),
            {"codigo": "1", "descripcion": "Gestionar la cooperación", "objetivo_superior": superior.pk},
        )
        objetivo = Objetivo.objects.get(plan=plan)
        editar = {"codigo": "1", "descripcion": "Gestionar", "objetivo_superior": superior.pk}
        enviar(cliente, reverse("planes:objetivo-editar", args=[objetivo.pk]), editar)
        enviar(
            cliente,
            reverse("planes:estrategia-crear", args=[objetivo.pk]),
            {"codigo": "1.1", "descripcion": "Talleres"},
        )
        estrategia = Estrategia.objects.get(plan=plan)
        enviar(
            cliente,
            reverse("planes:estrategia-editar", args=[estrategia.pk]),
            {"codigo": "1.1", "descripcion": "Talleres"},
        )
        actividad = {
            "codigo": "1.1.1",
            "descripcion": "Realizar talleres con las territoriales",
            "producto": "Memorias de los talleres",
            "peso": "100",
            "fuente_recursos": "inversion",
            "presupuesto": "12.500.000",
            "bpin": "2023011000212",
            "proyecto_inversion": "Fortalecimiento de la cooperación",
            "responsable": usuarios["profesional"].pk,
            "fecha_inicio": f"{ANIO}-01-15",
            "fecha_fin": f"{ANIO}-12-15",
            "objetivo_superior": superior.pk,
        }
        ficha = {
            "ind_nombre": "Talleres realizados",
            "ind_objetivo": "Medir los talleres",
            "ind_formula": "Número de talleres",
            "ind_numerador": "Talleres",
            "ind_unidad": "talleres",
            "ind_tipo": "eficacia",
            "ind_medida": "numero",
            "ind_sentido": "creciente",
            "ind_acumulacion": "acumulado",
            "ind_frecuencia": "trimestral",
            "ind_fuente": "Listas de asistencia",
        }
        respuesta = enviar(cliente, reverse("planes:actividad-crear", args=[estrategia.pk]), {**actividad, **ficha})
        nueva = Actividad.objects.get(plan=plan)
        assert respuesta["Location"] == reverse("planes:programacion", args=[nueva.pk])
        assert str(nueva.presupuesto) == "12500000.00"
        assert nueva.indicador.codigo == f"PA{ANIO}-OCRI-01"
        enviar(cliente, reverse("planes:actividad-editar", args=[nueva.pk]), {**actividad, "producto": "Memorias"})
        enviar(
            cliente,
            reverse("planes:programacion", args=[nueva.pk]),
            {f"m_{ANIO}_1": "2", f"m_{ANIO}_2": "3", f"m_{ANIO}_3": "3", f"m_{ANIO}_4": "2"},
        )
        assert sorted(nueva.indicador.metas.values_list("valor", flat=True)) == [2, 2, 3, 3]
        cliente.post(reverse("planes:transicion", args=[plan.pk, "enviar"]), {"motivo": ""})
        plan.refresh_from_db()
        assert plan.estado == Plan.Estado.ENVIADO
        pagina = cliente.get(plan.get_absolute_url()).content.decode()
        assert "Todos los puntos de control se cumplen." in pagina

    def test_un_formulario_con_errores_los_muestra(self, cliente_de, usuarios, dependencias):
        plan = vigencia(usuarios, dependencias).planes.get()
        url = reverse("planes:objetivo-crear", args=[plan.pk])
        cliente = cliente_de("profesional")
        respuesta = cliente.post(url, {**token(cliente, url), "codigo": "", "descripcion": ""})
        assert respuesta.status_code == 200
        assert respuesta.context["form"].errors

    def test_quitar_pide_un_post_y_no_quita_lo_que_tiene_hijos(self, cliente_de, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias, hasta="borrador")
        cliente = cliente_de("profesional")
        objetivo = plan.objetivos.get()
        respuesta = cliente.post(reverse("planes:objetivo-quitar", args=[objetivo.pk]), follow=True)
        assert "Quite primero las estrategias" in respuesta.content.decode()
        actividad = plan.actividades.order_by("codigo").last()
        indicador_id = actividad.indicador_id
        cliente.post(reverse("planes:actividad-quitar", args=[actividad.pk]))
        assert not Actividad.objects.filter(pk=actividad.pk).exists()
        from indicadores.models import Indicador

        assert not Indicador.objects.filter(pk=indicador_id).exists()


class TestComitesYVigencia:
    def test_aprobacion_del_comite_desde_la_pagina(self, cliente_de, usuarios, dependencias, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        plan = pes_en_concertacion(usuarios, dependencias)
        cliente = cliente_de("planeacion")
        url = reverse("planes:aprobacion-comite", args=[plan.pk])
        assert "Puntos de control" in cliente.get(url).content.decode()
        enviar(
            cliente,
            url,
            {"comite": "Comité Sectorial de Desarrollo Administrativo", "acta_numero": "02",
             "acta_fecha": f"{ANIO - 1}-02-10", "acta_archivo": pdf(), "motivo": "Aprobado por unanimidad"},
        )  # fmt: skip
        plan.refresh_from_db()
        assert (plan.estado, plan.acta_numero, plan.acta_fecha) == ("aprobado", "02", date(ANIO - 1, 2, 10))
        descarga = cliente.get(reverse("planes:acta", args=[plan.pk]))
        assert descarga.status_code == 200
        b"".join(descarga.streaming_content)
        cliente.post(reverse("planes:transicion", args=[plan.pk, "publicar"]), {"motivo": ""})
        plan.refresh_from_db()
        assert plan.estado == "publicado"

    def test_un_estrategico_sin_actividades_no_pasa_al_comite(self, cliente_de, usuarios, dependencias):
        plan = services.plan_estrategico_crear(
            usuario=usuarios["planeacion"], tipo="sectorial", nombre="Otro PES", dependencia=dependencias["ocri"],
            anio_inicio=ANIO, anio_fin=ANIO + 3, alineacion_pnd="PND", politicas=list(PoliticaMIPG.objects.all()[:1]),
        )  # fmt: skip
        services.objetivo_crear(plan=plan, usuario=usuarios["planeacion"], codigo="1", descripcion="X", linea_pnd="L")
        cliente = cliente_de("planeacion")
        respuesta = cliente.post(reverse("planes:transicion", args=[plan.pk, "enviar"]), {"motivo": ""}, follow=True)
        assert "Agregue al menos una actividad" in respuesta.content.decode()
        assert "1 punto de control no se cumple" in cliente.get(plan.get_absolute_url()).content.decode()

    def test_presentar_al_comite_desde_la_pagina(self, cliente_de, usuarios, dependencias, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        plan = plan_de_accion(usuarios, dependencias)
        services.vigencia_consolidar(vigencia=plan.vigencia, usuario=usuarios["planeacion"])
        enviar(
            cliente_de("planeacion"),
            reverse("planes:vigencia-presentar", args=[plan.vigencia.pk]),
            {
                "comite": "Comité Institucional",
                "acta_numero": "4",
                "acta_fecha": f"{ANIO}-01-25",
                "acta_archivo": pdf(),
            },
        )
        plan.vigencia.refresh_from_db()
        assert (plan.vigencia.estado, plan.vigencia.acta_numero) == ("presentada", "4")
        descarga = cliente_de("profesional2").get(reverse("planes:vigencia-acta", args=[plan.vigencia.pk]))
        assert descarga.status_code == 200
        b"".join(descarga.streaming_content)
        consolidado = cliente_de("jefe").get(reverse("planes:consolidado", args=[plan.vigencia.pk])).content.decode()
        assert "Realizar talleres de cooperación internacional (1.1.1)" in consolidado


class TestSeguimientoDesdeLasPaginas:
    def test_devolver_item_diagnosticar_y_cerrar(self, cliente_de, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias)
        reportar_trimestre(plan, 1, usuarios["profesional"], {})
        s = seguimiento(plan, 1)
        services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])
        cliente = cliente_de("planeacion")
        avance = s.avances.order_by("actividad__codigo").first()
        enviar(cliente, reverse("planes:avance-devolver", args=[avance.pk]), {"observacion": "Falta el acta."})
        avance.refresh_from_db()
        assert avance.estado == "devuelto"
        cliente.post(reverse("planes:seguimiento-transicion", args=[s.pk, "devolver"]), {"motivo": "Corregir."})
        s.refresh_from_db()
        assert s.estado == "abierto"
        from tests.factories_planes import reportar

        reportar(avance, usuarios["profesional"], 3)
        services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])
        enviar(
            cliente, reverse("planes:seguimiento-diagnostico", args=[s.pk]), {"diagnostico": "Cumple lo programado."}
        )
        cliente.post(reverse("planes:seguimiento-transicion", args=[s.pk, "revisar"]), {"motivo": ""})
        cliente.post(reverse("planes:seguimiento-transicion", args=[s.pk, "cerrar"]), {"motivo": ""})
        s.refresh_from_db()
        assert (s.estado, s.diagnostico) == ("cerrado", "Cumple lo programado.")
        pagina = cliente.get(reverse("planes:diagnostico") + f"?periodo={ANIO}-T1").content.decode()
        assert "Cumple lo programado." in pagina


class TestAjustesDesdeLasPaginas:
    def test_solicitar_revisar_y_aprobar(self, cliente_de, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias)
        primera = plan.actividades.order_by("codigo").first()
        url = reverse("planes:ajuste-crear", args=[plan.pk])
        cliente = cliente_de("jefe")
        datos = {
            "causa": "El cooperante reprogramó los talleres del último trimestre.",
            "reabrir_trimestre": "",
            "cambios-TOTAL_FORMS": "4",
            "cambios-INITIAL_FORMS": "0",
            "cambios-MIN_NUM_FORMS": "0",
            "cambios-MAX_NUM_FORMS": "20",
            "cambios-0-actividad": primera.pk,
            "cambios-0-campo": "meta_t4",
            "cambios-0-anio": ANIO,
            "cambios-0-valor_nuevo": "2",
            "cambios-1-actividad": primera.pk,
            "cambios-1-campo": "fecha_fin",
            "cambios-1-valor_nuevo": f"30/11/{ANIO}",
        }
        enviar(cliente, url, datos)
        solicitud = SolicitudAjuste.objects.get()
        assert sorted(solicitud.cambios.values_list("campo", "valor_anterior", "valor_nuevo")) == [
            ("fecha_fin", f"{ANIO}-12-31", f"{ANIO}-11-30"),
            ("meta_t4", "3", "2"),
        ]
        planeacion = cliente_de("planeacion")
        planeacion.post(
            reverse("planes:ajuste-transicion", args=[solicitud.pk, "revisar"]), {"motivo": "Causa externa."}
        )
        solicitud.refresh_from_db()
        assert solicitud.estado == "revisado"
        enviar(
            planeacion,
            reverse("planes:ajuste-aprobar", args=[solicitud.pk]),
            {"instancia_aprobacion": "planeacion", "acta_fecha": f"{ANIO}-09-15", "motivo": ""},
        )
        plan.refresh_from_db()
        assert plan.version_plan == 2
        primera.refresh_from_db()
        assert primera.fecha_fin == date(ANIO, 11, 30)

    def test_el_formulario_de_cambios_con_errores(self, cliente_de, usuarios, dependencias):
        plan = plan_de_accion(usuarios, dependencias)
        url = reverse("planes:ajuste-crear", args=[plan.pk])
        cliente = cliente_de("jefe")
        datos = {
            **token(cliente, url),
            "causa": "Una causa cualquiera suficientemente larga.",
            "cambios-TOTAL_FORMS": "1",
            "cambios-INITIAL_FORMS": "0",
            "cambios-MIN_NUM_FORMS": "0",
            "cambios-MAX_NUM_FORMS": "20",
            "cambios-0-actividad": plan.actividades.first().pk,
            "cambios-0-campo": "peso",
            "cambios-0-valor_nuevo": "1,500",
        }
        respuesta = cliente.post(url, datos)
        assert respuesta.status_code == 200
        assert "ambiguo" in str(respuesta.context["cambios"].errors)


@pytest.mark.parametrize(
    "nombre",
    ["planes:lista", "planes:seguimiento-lista", "planes:diagnostico", "planes:informes", "indicadores:lista"],
)
def test_estados_vacios(cliente_de, nombre):
    respuesta = cliente_de("planeacion").get(reverse(nombre))
    assert respuesta.status_code == 200
    assert "alert-light" in respuesta.content.decode()


def test_la_pagina_del_procedimiento_tiene_las_24_actividades_y_sus_puntos_de_control(cliente_de):
    pagina = cliente_de("profesional").get(reverse("planes:procedimiento")).content.decode()
    assert pagina.count('id="actividad-') == 24
    assert pagina.count("Punto de control</span>") == 5
    assert "Revisar los ajustes solicitados a los Planes de gestión formulados" in pagina
    assert "DE-PD-01" in pagina


def test_el_pei_se_lista_con_su_estado(cliente_de, usuarios, dependencias):
    plan = pei(usuarios, dependencias)
    pagina = cliente_de("control").get(reverse("planes:lista")).content.decode()
    assert plan.nombre in pagina
    assert "En formulación" in pagina

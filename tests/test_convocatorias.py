"""Calls (AI-P-003): model rules, scope, the prioritization score and every transition's role and precondition."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm_log.models import StateLog

from convocatorias import priorizacion, services
from convocatorias.archivos import validar_archivo
from convocatorias.models import Convocatoria, Destinatario, InformeEjecucion, PesosPriorizacion
from cooperacion.core import roles
from cooperacion.core.models import Notificacion
from cooperacion.core.services import ErrorDeDominio
from cooperacion.internacional.models import LineaPrioritaria, Necesidad
from tests.factories_convocatorias import ORDEN as ORDEN_DE_ESTADOS
from tests.factories_convocatorias import (
    ConvocatoriaFactory,
    asegurar_datos_de_convocatorias,
    avanzar,
    datos_de_convocatoria,
    docx,
    moneda,
    pdf,
)
from tests.factories_oit import ProfesionalFactory

MENSAJE_CIERRE = "La fecha de cierre no puede ser anterior a la de apertura."


@pytest.fixture(autouse=True)
def _archivos_temporales(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def convocatoria(usuarios, dependencias):
    """A call of the cooperation office (OCRI), registered by its profesional."""
    asegurar_datos_de_convocatorias()
    return services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria())


def en(convocatoria, estado, usuarios, dependencias):
    return avanzar(convocatoria, estado, usuarios=usuarios, dependencias=dependencias)


class TestModelo:
    def test_cierre_anterior_a_la_apertura_da_el_mensaje_en_espanol(self, convocatoria):
        convocatoria.fecha_cierre = convocatoria.fecha_apertura - timedelta(minutes=1)
        with pytest.raises(ValidationError) as error:
            convocatoria.full_clean()
        assert error.value.message_dict == {"fecha_cierre": [MENSAJE_CIERRE]}

    def test_la_base_impide_un_cierre_anterior_a_la_apertura(self, convocatoria):
        convocatoria.fecha_cierre = convocatoria.fecha_apertura - timedelta(days=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            convocatoria.save()

    def test_el_servicio_rechaza_un_cierre_anterior_a_la_apertura(self, usuarios):
        asegurar_datos_de_convocatorias()
        ahora = timezone.now()
        datos = datos_de_convocatoria(fecha_apertura=ahora, fecha_cierre=ahora - timedelta(days=2))
        with pytest.raises(ErrorDeDominio, match=MENSAJE_CIERRE):
            services.convocatoria_crear(usuario=usuarios["profesional"], **datos)
        assert not Convocatoria.objects.exists()

    @pytest.mark.parametrize("monto", [Decimal("0"), Decimal("-5")])
    def test_los_montos_deben_ser_positivos(self, usuarios, monto):
        asegurar_datos_de_convocatorias()
        with pytest.raises(ErrorDeDominio, match=r"El monto debe ser mayor que cero\."):
            services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria(monto=monto))

    def test_la_base_impide_montos_no_positivos(self, convocatoria):
        convocatoria.monto = Decimal("-1")
        with pytest.raises(IntegrityError), transaction.atomic():
            convocatoria.save()

    def test_monto_sin_moneda_o_sin_tasa_es_rechazado(self, usuarios):
        asegurar_datos_de_convocatorias()
        datos = datos_de_convocatoria()
        datos["moneda"] = None
        with pytest.raises(ErrorDeDominio, match="Indique la moneda"):
            services.convocatoria_crear(usuario=usuarios["profesional"], **datos)
        with pytest.raises(ErrorDeDominio, match="tasa de cambio"):
            services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria(tasa_cop=None))

    def test_el_equivalente_en_pesos_se_calcula_con_la_tasa_de_la_convocatoria(self, convocatoria):
        assert convocatoria.monto_cop == Decimal("250000") * Decimal("4100")

    def test_en_pesos_la_tasa_es_uno(self, usuarios):
        asegurar_datos_de_convocatorias()
        datos = datos_de_convocatoria(monto=Decimal("85000000"), moneda=moneda("COP"), tasa_cop=None)
        convocatoria = services.convocatoria_crear(usuario=usuarios["profesional"], **datos)
        assert (convocatoria.tasa_cop, convocatoria.monto_cop) == (Decimal(1), Decimal("85000000"))

    def test_profesional_registra_siempre_en_su_dependencia(self, usuarios, dependencias):
        asegurar_datos_de_convocatorias()
        convocatoria = services.convocatoria_crear(
            usuario=usuarios["profesional"], dependencia=dependencias["ddft"], **datos_de_convocatoria()
        )
        assert convocatoria.dependencia == dependencias["ocri"]
        assert convocatoria.estado == Convocatoria.Estado.IDENTIFICADA
        assert convocatoria.history.first().history_user == usuarios["profesional"]

    @pytest.mark.parametrize("rol", ["planeacion", "control"])
    def test_planeacion_y_control_no_registran(self, usuarios, rol):
        asegurar_datos_de_convocatorias()
        with pytest.raises(ErrorDeDominio, match="registra convocatorias"):
            services.convocatoria_crear(usuario=usuarios[rol], **datos_de_convocatoria())

    def test_el_responsable_debe_ser_de_la_dependencia(self, usuarios):
        asegurar_datos_de_convocatorias()
        with pytest.raises(ErrorDeDominio, match="responsable debe ser"):
            services.convocatoria_crear(
                usuario=usuarios["profesional"], responsable=usuarios["profesional2"], **datos_de_convocatoria()
            )


class TestVisibilidad:
    def test_roles_transversales_ven_todo_y_los_demas_su_dependencia(self, usuarios, dependencias, convocatoria):
        otra = ConvocatoriaFactory(dependencia=dependencias["ddft"], responsable=usuarios["profesional2"])
        for rol in ("admin", "planeacion", "control"):
            assert set(Convocatoria.objects.visibles_para(usuarios[rol])) == {convocatoria, otra}
        for rol in ("jefe", "profesional"):
            assert list(Convocatoria.objects.visibles_para(usuarios[rol])) == [convocatoria]
        assert list(Convocatoria.objects.visibles_para(usuarios["profesional2"])) == [otra]

    def test_la_dependencia_informada_ve_la_convocatoria_solo_cuando_recibe_el_oficio(
        self, usuarios, dependencias, convocatoria
    ):
        en(convocatoria, Convocatoria.Estado.VALIDADA, usuarios, dependencias)
        services.aviso_guardar(convocatoria=convocatoria, usuario=usuarios["profesional"], asunto="A", texto="T")
        services.destinatario_agregar(
            convocatoria=convocatoria,
            usuario=usuarios["profesional"],
            dependencia=dependencias["ddft"],
            correo="d@x.co",
        )
        assert not Convocatoria.objects.visibles_para(usuarios["profesional2"]).exists()
        services.convocatoria_informar(convocatoria=convocatoria, usuario=usuarios["jefe"])
        assert list(Convocatoria.objects.visibles_para(usuarios["profesional2"])) == [convocatoria]

    def test_usuario_sin_rol_no_ve_nada(self, dependencias, convocatoria):
        from tests.factories import UsuarioFactory

        assert not Convocatoria.objects.visibles_para(UsuarioFactory(dependencia=dependencias["ocri"])).exists()


class TestPriorizacion:
    def test_las_partes_del_puntaje_se_guardan_y_el_total_se_ordena_en_sql(self, usuarios, dependencias):
        asegurar_datos_de_convocatorias()
        linea = LineaPrioritaria.objects.create(nombre="Trabajo decente")
        necesidad = Necesidad.objects.create(titulo="Inspección rural", dependencia=dependencias["ocri"], linea=linea)
        alta = services.convocatoria_crear(
            usuario=usuarios["profesional"],
            lineas_prioritarias=[linea],
            necesidades=[necesidad],
            nivel_impacto=Convocatoria.Impacto.ALTO,
            **datos_de_convocatoria(nombre="Alta", monto=Decimal("2000000")),
        )
        baja = services.convocatoria_crear(
            usuario=usuarios["profesional"],
            elegibilidad=Convocatoria.Elegibilidad.TERCEROS,
            nivel_impacto=Convocatoria.Impacto.BAJO,
            **datos_de_convocatoria(nombre="Baja", monto=None, moneda=None, tasa_cop=None),
        )
        assert (alta.puntaje_recursos, alta.puntaje_alineacion, alta.puntaje_actores, alta.puntaje_impacto) == (
            100,
            90,
            100,
            100,
        )
        assert (baja.puntaje_recursos, baja.puntaje_alineacion, baja.puntaje_actores, baja.puntaje_impacto) == (
            0,
            0,
            30,
            30,
        )
        pesos = PesosPriorizacion.vigentes()
        ordenadas = priorizacion.anotar_puntaje(Convocatoria.objects.all(), pesos).order_by("-puntaje_al_momento")
        assert [c.nombre for c in ordenadas] == ["Alta", "Baja"]
        total = ordenadas[0].puntaje_al_momento
        partes = priorizacion.desglose(alta, pesos)
        assert [p.criterio for p in partes] == [
            "Recursos",
            "Días al cierre",
            "Alineación con líneas y necesidades",
            "Actores",
            "Impacto",
        ]
        assert round(sum(p.aporte for p in partes), 1) == round(total, 1)

    @pytest.mark.parametrize(("dias", "puntos"), [(-1, 0), (2, 25), (10, 60), (30, 100), (90, 75)])
    def test_los_dias_al_cierre_por_bandas_en_python_y_en_sql(self, convocatoria, dias, puntos):
        ahora = timezone.now()
        convocatoria.fecha_cierre = ahora + timedelta(days=dias, hours=1)
        convocatoria.fecha_apertura = convocatoria.fecha_cierre - timedelta(days=60)
        convocatoria.save()
        assert priorizacion.puntos_cierre(convocatoria.fecha_cierre, ahora) == puntos
        anotada = priorizacion.anotar_puntaje(Convocatoria.objects.all(), PesosPriorizacion.vigentes(), ahora).get()
        assert anotada.puntos_cierre_al_momento == puntos

    def test_los_pesos_cambian_el_total_sin_recalcular(self, convocatoria):
        pesos = PesosPriorizacion.vigentes()
        antes = priorizacion.anotar_puntaje(Convocatoria.objects.all(), pesos).get().puntaje_al_momento
        pesos.peso_impacto = 0
        pesos.peso_recursos = 100
        pesos.save()
        despues = priorizacion.anotar_puntaje(Convocatoria.objects.all(), pesos).get().puntaje_al_momento
        assert despues != antes

    def test_cambiar_el_monto_de_referencia_recalcula_las_convocatorias_abiertas(self, convocatoria):
        assert convocatoria.puntaje_recursos == 21  # 1.025 millones frente a 5.000 millones
        pesos = PesosPriorizacion.vigentes()
        pesos.monto_referencia_cop = Decimal("1000000000")
        pesos.save()
        assert services.puntajes_recalcular() == 1
        convocatoria.refresh_from_db()
        assert convocatoria.puntaje_recursos == 100


class TestTareas1y2:
    def test_profesional_prioriza_y_los_jefes_son_avisados(self, usuarios, convocatoria):
        services.convocatoria_priorizar(convocatoria=convocatoria, usuario=usuarios["profesional"])
        convocatoria.refresh_from_db()
        assert convocatoria.estado == Convocatoria.Estado.PRIORIZADA
        log = StateLog.objects.for_(convocatoria).get()
        assert (log.by, log.description.startswith("Puntaje de priorización")) == (usuarios["profesional"], True)
        assert Notificacion.objects.filter(
            usuario=usuarios["jefe"], titulo__startswith="Convocatoria por validar"
        ).exists()

    @pytest.mark.parametrize("rol", ["planeacion", "control", "profesional2"])
    def test_solo_la_oficina_prioriza(self, usuarios, convocatoria, rol):
        with pytest.raises(ErrorDeDominio, match="prioriza"):
            services.convocatoria_priorizar(convocatoria=convocatoria, usuario=usuarios[rol])

    def test_jefe_decide_aplicar_con_motivo(self, usuarios, dependencias, convocatoria):
        en(convocatoria, Convocatoria.Estado.PRIORIZADA, usuarios, dependencias)
        with pytest.raises(ErrorDeDominio, match="motivo de la decisión"):
            services.convocatoria_aplicar(convocatoria=convocatoria, usuario=usuarios["jefe"], motivo="  ")
        services.convocatoria_aplicar(convocatoria=convocatoria, usuario=usuarios["jefe"], motivo="Es prioritaria.")
        convocatoria.refresh_from_db()
        assert (convocatoria.estado, convocatoria.validada_por, convocatoria.motivo_validacion) == (
            Convocatoria.Estado.VALIDADA,
            usuarios["jefe"],
            "Es prioritaria.",
        )

    def test_no_aplicar_termina_el_procedimiento_y_conserva_el_motivo(self, usuarios, dependencias, convocatoria):
        en(convocatoria, Convocatoria.Estado.PRIORIZADA, usuarios, dependencias)
        services.convocatoria_no_aplicar(
            convocatoria=convocatoria, usuario=usuarios["jefe"], motivo="Exige contrapartida del 50 %."
        )
        convocatoria.refresh_from_db()
        assert convocatoria.estado == Convocatoria.Estado.NO_APLICADA
        assert convocatoria.terminada
        assert convocatoria.motivo_validacion == "Exige contrapartida del 50 %."
        assert StateLog.objects.for_(convocatoria).latest("timestamp").description == "Exige contrapartida del 50 %."
        with pytest.raises(ErrorDeDominio):
            services.convocatoria_aplicar(convocatoria=convocatoria, usuario=usuarios["jefe"], motivo="Otra vez")

    @pytest.mark.parametrize("rol", ["profesional", "planeacion", "control"])
    def test_solo_el_jefe_o_el_administrador_validan(self, usuarios, dependencias, convocatoria, rol):
        en(convocatoria, Convocatoria.Estado.PRIORIZADA, usuarios, dependencias)
        with pytest.raises(ErrorDeDominio, match="Solo el jefe"):
            services.convocatoria_aplicar(convocatoria=convocatoria, usuario=usuarios[rol], motivo="Sí")

    def test_no_se_valida_sin_priorizar(self, usuarios, convocatoria):
        with pytest.raises(ErrorDeDominio, match="priorizada"):
            services.convocatoria_aplicar(convocatoria=convocatoria, usuario=usuarios["jefe"], motivo="Sí")

    def test_la_oficina_edita_antes_de_presentar_y_no_despues(self, usuarios, dependencias, convocatoria):
        services.convocatoria_editar(convocatoria=convocatoria, usuario=usuarios["jefe"], territorio="Cauca")
        convocatoria.refresh_from_db()
        assert convocatoria.territorio == "Cauca"
        with pytest.raises(ErrorDeDominio, match="edita"):
            services.convocatoria_editar(convocatoria=convocatoria, usuario=usuarios["profesional2"], territorio="X")
        en(convocatoria, Convocatoria.Estado.PRESENTADA, usuarios, dependencias)
        with pytest.raises(ErrorDeDominio, match="ya no se edita"):
            services.convocatoria_editar(
                convocatoria=convocatoria, usuario=usuarios["jefe"], territorio="Cauca y Nariño"
            )


class TestTarea3:
    @pytest.fixture
    def validada(self, usuarios, dependencias, convocatoria):
        return en(convocatoria, Convocatoria.Estado.VALIDADA, usuarios, dependencias)

    def test_el_oficio_se_envia_por_correo_con_el_pdf_y_avisa_a_la_dependencia(
        self, usuarios, dependencias, validada, mailoutbox, django_capture_on_commit_callbacks
    ):
        profesional = usuarios["profesional"]
        services.aviso_guardar(convocatoria=validada, usuario=profesional, asunto="Convocatoria GIZ", texto="Texto")
        services.destinatario_agregar(
            convocatoria=validada, usuario=profesional, dependencia=dependencias["ddft"], correo="ddft@x.test"
        )
        services.destinatario_agregar(
            convocatoria=validada, usuario=profesional, organizacion="Banco de Proyectos", correo="banco@x.test"
        )
        with pytest.raises(ErrorDeDominio, match="Solo un jefe de la dependencia firma el oficio"):
            services.convocatoria_informar(convocatoria=validada, usuario=profesional)
        services.aviso_solicitar_firma(aviso=validada.aviso, usuario=profesional)
        with django_capture_on_commit_callbacks(execute=True):
            services.convocatoria_informar(convocatoria=validada, usuario=usuarios["jefe"])
        validada.refresh_from_db()
        assert validada.estado == Convocatoria.Estado.INFORMADA
        assert (
            "Dirección de Derechos Fundamentales del Trabajo"
            in StateLog.objects.for_(validada).latest("timestamp").description
        )
        oficios = [m for m in mailoutbox if m.subject == "Convocatoria GIZ"]
        assert sorted(m.to[0] for m in oficios) == ["banco@x.test", "ddft@x.test"]
        nombre, contenido, tipo = oficios[0].attachments[0]
        assert (tipo, contenido[:5]) == ("application/pdf", b"%PDF-")
        assert nombre.startswith("oficio-")
        # Every addressee gets the oficio exactly as it was signed and stored; replies go to the responsible.
        validada.aviso.refresh_from_db()
        with validada.aviso.pdf_firmado.open("rb") as firmado:
            assert contenido == firmado.read()
        assert all(m.reply_to == [validada.responsable.email] for m in oficios) or not validada.responsable.email
        assert Destinatario.objects.filter(correo_enviado_en__isnull=False).count() == 2
        assert Notificacion.objects.filter(
            usuario=usuarios["profesional2"], titulo__startswith="Oficio informativo"
        ).exists()

    def test_sin_oficio_o_sin_destinatarios_no_se_informa(self, usuarios, dependencias, validada):
        with pytest.raises(ErrorDeDominio, match="Escriba y guarde el oficio"):
            services.convocatoria_informar(convocatoria=validada, usuario=usuarios["jefe"])
        services.aviso_guardar(convocatoria=validada, usuario=usuarios["profesional"], asunto="A", texto="T")
        with pytest.raises(ErrorDeDominio, match="al menos un destinatario"):
            services.convocatoria_informar(convocatoria=validada, usuario=usuarios["jefe"])

    def test_una_organizacion_necesita_correo_y_la_propia_dependencia_no_se_informa(
        self, usuarios, dependencias, validada
    ):
        with pytest.raises(ErrorDeDominio, match="correo de la organización"):
            services.destinatario_agregar(convocatoria=validada, usuario=usuarios["profesional"], organizacion="ONG")
        with pytest.raises(ErrorDeDominio, match="no se informa a sí misma"):
            services.destinatario_agregar(
                convocatoria=validada, usuario=usuarios["profesional"], dependencia=dependencias["ocri"]
            )

    @pytest.fixture
    def informada(self, usuarios, dependencias, validada):
        return en(validada, Convocatoria.Estado.INFORMADA, usuarios, dependencias)

    def test_declinar_sin_causas_es_rechazado(self, usuarios, dependencias, informada):
        destinatario = informada.destinatarios.get()
        with pytest.raises(ErrorDeDominio, match=r"Explique las causas de la no participación\."):
            services.destinatario_responder(destinatario=destinatario, usuario=usuarios["profesional2"], acepta=False)
        destinatario.refresh_from_db()
        assert destinatario.respuesta == Destinatario.Respuesta.PENDIENTE

    def test_la_base_impide_declinar_sin_causas(self, informada):
        destinatario = informada.destinatarios.get()
        destinatario.respuesta = Destinatario.Respuesta.DECLINA
        with pytest.raises(IntegrityError), transaction.atomic():
            destinatario.save()

    def test_la_dependencia_destinataria_responde_por_si_misma_y_se_avisa_a_la_oficina(self, usuarios, informada):
        destinatario = informada.destinatarios.get()
        services.destinatario_responder(
            destinatario=destinatario, usuario=usuarios["profesional2"], acepta=False, causas="Sin personal."
        )
        destinatario.refresh_from_db()
        assert (destinatario.respuesta, destinatario.causas, destinatario.respondido_por) == (
            Destinatario.Respuesta.DECLINA,
            "Sin personal.",
            usuarios["profesional2"],
        )
        assert Notificacion.objects.filter(usuario=usuarios["profesional"], titulo__contains="respondió").exists()

    def test_otra_dependencia_no_responde_por_el_destinatario(self, dependencias, informada):
        ajeno = ProfesionalFactory(dependencia=ProfesionalFactory().dependencia, rol=roles.JEFE)
        with pytest.raises(ErrorDeDominio, match="Solo la dependencia destinataria"):
            services.destinatario_responder(destinatario=informada.destinatarios.get(), usuario=ajeno, acepta=True)

    def test_la_reunion_informativa_exige_acta_y_asistencia(self, usuarios, informada):
        hace_una_hora = timezone.now() - timedelta(hours=1)
        with pytest.raises(ErrorDeDominio, match="acta de la reunión"):
            services.reunion_registrar(convocatoria=informada, usuario=usuarios["profesional"], fecha=hace_una_hora)
        aviso = services.reunion_registrar(
            convocatoria=informada,
            usuario=usuarios["profesional"],
            fecha=hace_una_hora,
            lugar="Sala 2",
            acta=pdf("acta.pdf"),
            asistencia=pdf("asistencia.pdf"),
        )
        assert aviso.acta_reunion.name.startswith(f"convocatorias/{informada.pk}/aviso/")

    def test_punto_critico_aplicacion_no_continua_sin_una_aceptacion(self, usuarios, informada):
        with pytest.raises(ErrorDeDominio, match="Punto crítico de control «Aplicación de la convocatoria»"):
            services.convocatoria_formalizar_compromisos(convocatoria=informada, usuario=usuarios["profesional"])
        with pytest.raises(ErrorDeDominio, match="Aplicación de la convocatoria"):
            services.compromiso_agregar(
                convocatoria=informada, usuario=usuarios["profesional"], parte="X", obligaciones="Y", responsable="Z"
            )
        informada.refresh_from_db()
        assert informada.estado == Convocatoria.Estado.INFORMADA

    def test_tras_la_aceptacion_se_formalizan_compromisos_con_acta(self, usuarios, informada):
        services.destinatario_responder(
            destinatario=informada.destinatarios.get(), usuario=usuarios["profesional2"], acepta=True
        )
        with pytest.raises(ErrorDeDominio, match="al menos un compromiso"):
            services.convocatoria_formalizar_compromisos(convocatoria=informada, usuario=usuarios["profesional"])
        services.compromiso_agregar(
            convocatoria=informada, usuario=usuarios["profesional"], parte="DDFT", obligaciones="O", responsable="R"
        )
        with pytest.raises(ErrorDeDominio, match="Adjunte el acta"):
            services.convocatoria_formalizar_compromisos(convocatoria=informada, usuario=usuarios["profesional"])
        services.acta_compromisos_subir(convocatoria=informada, usuario=usuarios["profesional"], archivo=pdf())
        services.convocatoria_formalizar_compromisos(convocatoria=informada, usuario=usuarios["profesional"])
        informada.refresh_from_db()
        assert informada.estado == Convocatoria.Estado.COMPROMISOS
        assert "Dirección de Derechos Fundamentales" in StateLog.objects.for_(informada).latest("timestamp").description


class TestTareas5a7:
    def test_la_primera_version_inicia_la_formulacion_y_las_versiones_se_numeran(
        self, usuarios, dependencias, convocatoria
    ):
        en(convocatoria, Convocatoria.Estado.COMPROMISOS, usuarios, dependencias)
        v1 = services.version_subir(convocatoria=convocatoria, usuario=usuarios["profesional"], archivo=pdf())
        v2 = services.version_subir(
            convocatoria=convocatoria, usuario=usuarios["profesional"], archivo=docx(), comentario="Ajustes"
        )
        convocatoria.refresh_from_db()
        assert convocatoria.estado == Convocatoria.Estado.EN_FORMULACION
        assert (v1.numero, v2.numero, v2.subido_por, v2.comentario) == (1, 2, usuarios["profesional"], "Ajustes")

    def test_solo_el_jefe_aprueba_y_queda_la_ultima_version(self, usuarios, dependencias, convocatoria):
        en(convocatoria, Convocatoria.Estado.EN_FORMULACION, usuarios, dependencias)
        with pytest.raises(ErrorDeDominio, match="Solo el jefe"):
            services.convocatoria_aprobar_proyecto(convocatoria=convocatoria, usuario=usuarios["profesional"])
        services.convocatoria_aprobar_proyecto(convocatoria=convocatoria, usuario=usuarios["jefe"])
        convocatoria.refresh_from_db()
        assert convocatoria.estado == Convocatoria.Estado.APROBADA
        assert convocatoria.version_aprobada == convocatoria.versiones.get(numero=1)
        assert convocatoria.proyecto_aprobado_por == usuarios["jefe"]

    @pytest.mark.parametrize(
        ("cambios", "mensaje"),
        [
            ({"fecha": None}, "fecha de presentación"),
            ({"radicado": " "}, "radicado"),
            ({"comprobante": None}, "comprobante"),
            ({"monto_solicitado": Decimal("-3")}, "mayor que cero"),
            ({"fecha": "futura"}, "posterior a hoy"),
        ],
    )
    def test_la_presentacion_exige_sus_datos(self, usuarios, dependencias, convocatoria, cambios, mensaje):
        en(convocatoria, Convocatoria.Estado.APROBADA, usuarios, dependencias)
        datos = {
            "fecha": timezone.localdate(),
            "canal": Convocatoria.Canal.CORREO,
            "radicado": "RAD-9",
            "comprobante": pdf(),
            "monto_solicitado": Decimal("1000"),
            **cambios,
        }
        if datos["fecha"] == "futura":
            datos["fecha"] = timezone.localdate() + timedelta(days=1)
        with pytest.raises(ErrorDeDominio, match=mensaje):
            services.convocatoria_presentar(convocatoria=convocatoria, usuario=usuarios["profesional"], **datos)
        convocatoria.refresh_from_db()
        assert convocatoria.estado == Convocatoria.Estado.APROBADA

    def test_la_aceptacion_del_cooperante_se_comunica_por_correo_a_todos_los_involucrados(
        self, usuarios, dependencias, convocatoria, mailoutbox, django_capture_on_commit_callbacks
    ):
        en(convocatoria, Convocatoria.Estado.PRESENTADA, usuarios, dependencias)
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.convocatoria_registrar_decision(
                convocatoria=convocatoria,
                usuario=usuarios["profesional"],
                aceptada=True,
                fecha=timezone.localdate(),
                comunicacion="Aprobado por el comité directivo.",
                monto_aprobado=Decimal("75000"),
            )
        convocatoria.refresh_from_db()
        assert convocatoria.estado == Convocatoria.Estado.ACEPTADA
        assert convocatoria.monto_aprobado_cop == Decimal("75000") * Decimal("4100")
        avisados = {n.usuario for n in Notificacion.objects.filter(titulo__contains="aceptó el proyecto")}
        assert avisados == {usuarios["profesional"], usuarios["jefe"], usuarios["profesional2"]}
        assert {m.to[0] for m in mailoutbox} >= {usuarios["jefe"].email, usuarios["profesional2"].email}

    def test_la_respuesta_del_cooperante_llega_a_las_organizaciones_externas_que_participaron(
        self, usuarios, dependencias, convocatoria, mailoutbox, django_capture_on_commit_callbacks
    ):
        en(convocatoria, Convocatoria.Estado.PRESENTADA, usuarios, dependencias)
        Destinatario.objects.create(
            convocatoria=convocatoria, organizacion="Fundación Aliada", correo="aliada@ong.test",
            respuesta=Destinatario.Respuesta.ACEPTA,
        )  # fmt: skip
        Destinatario.objects.create(convocatoria=convocatoria, organizacion="No participó", correo="no@ong.test")
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.convocatoria_registrar_decision(
                convocatoria=convocatoria,
                usuario=usuarios["profesional"],
                aceptada=False,
                fecha=timezone.localdate(),
                comunicacion="No priorizado en esta ronda.",
            )
        (mensaje,) = [m for m in mailoutbox if "aliada@ong.test" in m.to]
        assert not [m for m in mailoutbox if "no@ong.test" in m.to]
        assert mensaje.subject == f"Respuesta del cooperante: {convocatoria.nombre}"
        assert "no aceptó el proyecto" in mensaje.body
        html, tipo = mensaje.alternatives[0]
        assert tipo == "text/html"
        assert "No priorizado en esta ronda." in html

    def test_el_rechazo_termina_el_procedimiento(self, usuarios, dependencias, convocatoria):
        en(convocatoria, Convocatoria.Estado.PRESENTADA, usuarios, dependencias)
        services.convocatoria_registrar_decision(
            convocatoria=convocatoria,
            usuario=usuarios["profesional"],
            aceptada=False,
            fecha=timezone.localdate(),
            comunicacion="No priorizado.",
        )
        convocatoria.refresh_from_db()
        assert convocatoria.estado == Convocatoria.Estado.RECHAZADA
        assert convocatoria.terminada
        with pytest.raises(ErrorDeDominio):
            services.proyecto_crear(
                convocatoria=convocatoria,
                usuario=usuarios["profesional"],
                codigo="X",
                nombre="X",
                modalidad=convocatoria.modalidad,
                monto_comprometido=Decimal(1),
                moneda=convocatoria.moneda,
                tasa_cop=Decimal(1),
                fecha_inicio=timezone.localdate(),
                fecha_fin=timezone.localdate(),
                dependencia=dependencias["ocri"],
                supervisor=usuarios["profesional"],
                participantes=[],
            )

    def test_aceptar_sin_monto_aprobado_es_rechazado(self, usuarios, dependencias, convocatoria):
        en(convocatoria, Convocatoria.Estado.PRESENTADA, usuarios, dependencias)
        with pytest.raises(ErrorDeDominio, match="monto aprobado"):
            services.convocatoria_registrar_decision(
                convocatoria=convocatoria,
                usuario=usuarios["profesional"],
                aceptada=True,
                fecha=timezone.localdate(),
                comunicacion="Sí",
            )

    def test_el_jefe_desiste_con_motivo_y_queda_el_estado_anterior(self, usuarios, dependencias, convocatoria):
        en(convocatoria, Convocatoria.Estado.INFORMADA, usuarios, dependencias)
        with pytest.raises(ErrorDeDominio, match="Solo el jefe"):
            services.convocatoria_desistir(convocatoria=convocatoria, usuario=usuarios["profesional"], motivo="X")
        services.convocatoria_desistir(convocatoria=convocatoria, usuario=usuarios["jefe"], motivo="Nadie aceptó.")
        convocatoria.refresh_from_db()
        assert (convocatoria.estado, convocatoria.estado_al_desistir) == ("desistida", "informada")


class TestTareas8y9:
    @pytest.fixture
    def en_ejecucion(self, usuarios, dependencias, convocatoria):
        return en(convocatoria, Convocatoria.Estado.EN_EJECUCION, usuarios, dependencias)

    def test_el_proyecto_nace_con_su_calendario_de_informes(self, en_ejecucion):
        proyecto = en_ejecucion.proyecto
        inicio = proyecto.fecha_inicio
        fechas = list(proyecto.informes.values_list("fecha_limite", flat=True))
        assert fechas[0] == inicio.replace(month=(inicio.month + 5) % 12 + 1, year=inicio.year + (inicio.month > 6))
        assert fechas[-1] == proyecto.fecha_fin
        assert proyecto.participantes.get().get_rol_display() == "Financiador"
        assert proyecto.participantes.get().rol_iati_display == "1 – Financiación"
        assert proyecto.monto_comprometido_cop == Decimal("80000") * Decimal("4100")

    def test_calendario_por_lista_de_fechas_dentro_del_proyecto(self):
        hoy = timezone.localdate()
        with pytest.raises(ErrorDeDominio, match="entre el inicio y la finalización"):
            services.calendario_de_informes(
                inicio=hoy, fin=hoy + timedelta(days=30), periodicidad_meses=None, fechas=[hoy + timedelta(days=60)]
            )
        with pytest.raises(ErrorDeDominio, match="una de las dos"):
            services.calendario_de_informes(inicio=hoy, fin=hoy, periodicidad_meses=None, fechas=[])

    def test_un_informe_se_recibe_y_el_supervisor_lo_acepta_o_lo_devuelve_con_observaciones(
        self, usuarios, en_ejecucion
    ):
        informe = en_ejecucion.proyecto.informes.first()
        services.informe_recibir(informe=informe, usuario=usuarios["profesional"], archivo=pdf())
        with pytest.raises(ErrorDeDominio, match="observaciones"):
            services.informe_devolver(informe=informe, usuario=usuarios["profesional"], motivo="")
        with pytest.raises(ErrorDeDominio, match="Solo el supervisor"):
            services.informe_aceptar(informe=informe, usuario=usuarios["profesional2"])
        services.informe_devolver(informe=informe, usuario=usuarios["profesional"], motivo="Faltan soportes.")
        informe.refresh_from_db()
        assert (informe.estado, informe.observaciones) == (InformeEjecucion.Estado.DEVUELTO, "Faltan soportes.")
        services.informe_recibir(informe=informe, usuario=usuarios["profesional"], archivo=pdf("corregido.pdf"))
        services.informe_aceptar(informe=informe, usuario=usuarios["jefe"], motivo="Completo.")
        informe.refresh_from_db()
        assert (informe.estado, informe.revisado_por) == (InformeEjecucion.Estado.ACEPTADO, usuarios["jefe"])
        assert [log.state for log in StateLog.objects.for_(informe).order_by("timestamp", "pk")] == [
            "recibido",
            "devuelto",
            "recibido",
            "aceptado",
        ]

    def test_los_movimientos_deben_ser_positivos(self, usuarios, en_ejecucion):
        with pytest.raises(ErrorDeDominio, match="mayor que cero"):
            services.movimiento_registrar(
                proyecto=en_ejecucion.proyecto,
                usuario=usuarios["profesional"],
                tipo="3",
                fecha=timezone.localdate(),
                monto=Decimal("0"),
                descripcion="Desembolso",
            )

    def test_punto_critico_seguimiento_no_se_finaliza_con_informes_sin_aceptar(self, usuarios, en_ejecucion):
        proyecto = en_ejecucion.proyecto
        with pytest.raises(ErrorDeDominio, match="Punto crítico de control «Seguimiento al proyecto»"):
            services.proyecto_finalizar(
                proyecto=proyecto,
                usuario=usuarios["jefe"],
                fecha=timezone.localdate(),
                resultados="Metas cumplidas.",
                informe_final=pdf(),
            )
        en_ejecucion.refresh_from_db()
        assert en_ejecucion.estado == Convocatoria.Estado.EN_EJECUCION

    def test_el_jefe_firma_el_acta_de_finalizacion(self, usuarios, dependencias, en_ejecucion):
        with pytest.raises(ErrorDeDominio, match="Solo el jefe"):
            services.proyecto_finalizar(
                proyecto=en_ejecucion.proyecto,
                usuario=usuarios["profesional"],
                fecha=timezone.localdate(),
                resultados="R",
                informe_final=pdf(),
            )
        en(en_ejecucion, Convocatoria.Estado.FINALIZADA, usuarios, dependencias)
        proyecto = en_ejecucion.proyecto
        proyecto.refresh_from_db()
        assert en_ejecucion.estado == Convocatoria.Estado.FINALIZADA
        assert (proyecto.acta_firmada_por, proyecto.fecha_finalizacion) == (usuarios["jefe"], timezone.localdate())
        estados = [log.state for log in StateLog.objects.for_(en_ejecucion).order_by("timestamp", "pk")]
        assert (
            estados == [e.value for e in Convocatoria.Estado if e not in ("no_aplicada", "rechazada", "desistida")][1:]
        )


class TestArchivos:
    @pytest.mark.parametrize(
        ("nombre", "contenido", "mensaje"),
        [
            ("programa.exe", b"MZ\x90\x00", "no es de un tipo permitido"),
            ("falso.pdf", b"MZ\x90\x00 no soy un pdf", "no corresponde a un archivo PDF"),
            ("falso.docx", b"PK\x03\x04 roto", "no es un archivo comprimido válido"),
            ("imagen.png", b"\x89PNG\r\n\x1a\n basura", "no es una imagen válida"),
            ("vacio.pdf", b"", "vacío"),
        ],
    )
    def test_tipos_y_contenidos_no_permitidos(self, nombre, contenido, mensaje):
        from django.core.files.uploadedfile import SimpleUploadedFile

        with pytest.raises(ValidationError, match=mensaje):
            validar_archivo(SimpleUploadedFile(nombre, contenido))

    def test_mas_de_10_mb_es_rechazado(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        grande = SimpleUploadedFile("grande.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"\n%%EOF")
        with pytest.raises(ValidationError, match="10 MB"):
            validar_archivo(grande)

    def test_pdf_docx_xlsx_png_y_jpg_validos_se_aceptan(self):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from openpyxl import Workbook
        from PIL import Image

        libro = io_bytes = __import__("io").BytesIO()
        Workbook().save(libro)
        png, jpg = __import__("io").BytesIO(), __import__("io").BytesIO()
        Image.new("RGB", (4, 4)).save(png, "PNG")
        Image.new("RGB", (4, 4)).save(jpg, "JPEG")
        for archivo in (
            pdf(),
            docx(),
            SimpleUploadedFile("matriz.xlsx", io_bytes.getvalue()),
            SimpleUploadedFile("foto.png", png.getvalue()),
            SimpleUploadedFile("foto.jpg", jpg.getvalue()),
        ):
            validar_archivo(archivo)


@pytest.mark.parametrize("rol", ["planeacion", "control", "profesional2"])
def test_en_cada_paso_solo_la_oficina_avanza(usuarios, dependencias, convocatoria, rol):
    """Walk the whole pipeline: at each state the next step is refused to `rol`, then the office takes it."""
    otro = usuarios[rol]
    hoy = timezone.localdate()
    intentos = {
        Convocatoria.Estado.IDENTIFICADA: lambda c: services.convocatoria_priorizar(convocatoria=c, usuario=otro),
        Convocatoria.Estado.PRIORIZADA: lambda c: services.convocatoria_aplicar(
            convocatoria=c, usuario=otro, motivo="M"
        ),
        Convocatoria.Estado.VALIDADA: lambda c: services.aviso_guardar(
            convocatoria=c, usuario=otro, asunto="A", texto="T"
        ),
        Convocatoria.Estado.INFORMADA: lambda c: services.convocatoria_formalizar_compromisos(
            convocatoria=c, usuario=otro
        ),
        Convocatoria.Estado.COMPROMISOS: lambda c: services.version_subir(convocatoria=c, usuario=otro, archivo=pdf()),
        Convocatoria.Estado.EN_FORMULACION: lambda c: services.convocatoria_aprobar_proyecto(
            convocatoria=c, usuario=otro
        ),
        Convocatoria.Estado.APROBADA: lambda c: services.convocatoria_presentar(
            convocatoria=c,
            usuario=otro,
            fecha=hoy,
            canal="correo",
            radicado="R",
            comprobante=pdf(),
            monto_solicitado=Decimal(1),
        ),
        Convocatoria.Estado.PRESENTADA: lambda c: services.convocatoria_registrar_decision(
            convocatoria=c, usuario=otro, aceptada=False, fecha=hoy, comunicacion="No"
        ),
        Convocatoria.Estado.ACEPTADA: lambda c: services.convocatoria_desistir(
            convocatoria=c, usuario=otro, motivo="M"
        ),
        Convocatoria.Estado.EN_EJECUCION: lambda c: services.proyecto_finalizar(
            proyecto=c.proyecto, usuario=otro, fecha=hoy, resultados="R", informe_final=pdf()
        ),
    }
    siguiente = {e: ORDEN_DE_ESTADOS[i + 1] for i, e in enumerate(ORDEN_DE_ESTADOS[:-1])}
    for estado, intento in intentos.items():
        assert convocatoria.estado == estado
        with pytest.raises(ErrorDeDominio):
            intento(convocatoria)
        convocatoria.refresh_from_db()
        assert convocatoria.estado == estado
        en(convocatoria, siguiente[estado], usuarios, dependencias)
    assert convocatoria.estado == Convocatoria.Estado.FINALIZADA

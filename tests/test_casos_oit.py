"""ILO cases (CRI-PD-03): model rules, transitions by role, visibility, lists, deadlines and the demo."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog

from cooperacion.core import menu, plazos, roles
from cooperacion.core.calendario import sumar_dias_habiles
from cooperacion.core.models import Notificacion, RecordatorioEnviado
from cooperacion.core.plazos import FiltroPlazos
from cooperacion.core.services import ErrorDeDominio
from cooperacion.internacional import services
from cooperacion.internacional.demo import cargar_demo
from cooperacion.internacional.models import CasoOIT
from cooperacion.internacional.selectors import plazos_de_respuesta
from tests.factories_convocatorias import pdf
from tests.factories_oit import CasoOITFactory, ProfesionalFactory

HOY = timezone.localdate


@pytest.fixture
def permisos_oit(dependencias):
    """The roles' permissions on CasoOIT, as the data migration gives them (a browser test's flush removes them)."""
    migracion = importlib.import_module("cooperacion.internacional.migrations.0002_permisos_de_roles")
    migracion.dar_permisos(django_apps, None)


@pytest.fixture
def caso(usuarios, dependencias):
    """A case of the cooperation office (OCRI) in trámite, prepared by its profesional."""
    return CasoOITFactory(numero="3074", dependencia=dependencias["ocri"], responsable=usuarios["profesional"])


@pytest.fixture
def respondido(usuarios, dependencias):
    caso = CasoOITFactory(numero="3075", dependencia=dependencias["ocri"], responsable=usuarios["profesional"])
    return services.caso_registrar_respuesta(
        caso=caso, usuario=usuarios["jefe"], fecha_respuesta=HOY(), radicado="08SE2026120300000001"
    )


def datos_de_caso(**cambios):
    datos = {
        "tipo": CasoOIT.Tipo.QUEJA_CLS,
        "numero": "3200",
        "convenios": "C087, C098",
        "asunto": "Alegatos de injerencia en la constitución de un sindicato.",
        "organizacion_querellante": "Confederación General del Trabajo (CGT)",
        "fecha_recepcion": HOY() - timedelta(days=5),
        "fecha_limite_respuesta": HOY() + timedelta(days=40),
    }
    return {**datos, **cambios}


def formulario(datos, **extra):
    """The POST body of the case form (dates as the browser's date input sends them)."""
    cuerpo = {k: v.isoformat() if isinstance(v, date) else v for k, v in datos.items()}
    return {**cuerpo, **{k: getattr(v, "pk", v) for k, v in extra.items()}}


class TestModelo:
    def test_limite_anterior_a_la_recepcion_da_el_mensaje_en_espanol(self, caso):
        caso.fecha_limite_respuesta = caso.fecha_recepcion - timedelta(days=1)
        with pytest.raises(ValidationError) as error:
            caso.full_clean()
        assert error.value.message_dict == {
            "fecha_limite_respuesta": ["La fecha límite de respuesta no puede ser anterior a la de recepción."]
        }

    def test_el_responsable_debe_ser_de_la_dependencia_del_caso(self, usuarios, caso):
        caso.responsable = usuarios["profesional2"]
        with pytest.raises(ValidationError) as error:
            caso.full_clean()
        assert error.value.message_dict == {
            "responsable": ["El responsable debe pertenecer a la dependencia del caso."]
        }

    def test_la_base_impide_un_limite_anterior_a_la_recepcion(self, caso):
        caso.fecha_limite_respuesta = caso.fecha_recepcion - timedelta(days=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            caso.save()

    def test_el_numero_es_unico_por_tipo(self, caso):
        CasoOITFactory(numero="3074", tipo=CasoOIT.Tipo.MEMORIA, dependencia=caso.dependencia)
        with pytest.raises(IntegrityError), transaction.atomic():
            CasoOITFactory(numero="3074", tipo=CasoOIT.Tipo.QUEJA_CLS, dependencia=caso.dependencia)

    def test_la_base_impide_un_caso_respondido_sin_radicado(self, caso):
        caso.estado = CasoOIT.Estado.RESPONDIDO
        caso.fecha_respuesta = HOY()
        with pytest.raises(IntegrityError), transaction.atomic():
            caso.save()

    def test_titulo_abrevia_el_asunto(self, caso):
        caso.asunto = "Palabra " * 40
        assert caso.titulo.startswith("Caso 3074 – Palabra")
        assert len(caso.titulo) <= len("Caso 3074 – ") + 80


class TestVisibilidad:
    def test_roles_transversales_ven_todo_y_los_demas_solo_su_dependencia(self, usuarios, dependencias, caso):
        otro = CasoOITFactory(dependencia=dependencias["ddft"], responsable=usuarios["profesional2"])
        for rol in ("admin", "planeacion", "control"):
            assert set(CasoOIT.objects.visibles_para(usuarios[rol])) == {caso, otro}
        for rol in ("jefe", "profesional"):
            assert list(CasoOIT.objects.visibles_para(usuarios[rol])) == [caso]
        assert list(CasoOIT.objects.visibles_para(usuarios["profesional2"])) == [otro]

    def test_usuario_sin_rol_no_ve_nada(self, caso, dependencias):
        from tests.factories import UsuarioFactory

        sin_rol = UsuarioFactory(dependencia=dependencias["ocri"])
        assert not CasoOIT.objects.visibles_para(sin_rol).exists()


class TestRegistroYEdicion:
    def test_profesional_registra_un_caso_siempre_para_su_dependencia(self, usuarios, dependencias):
        caso = services.caso_crear(
            usuario=usuarios["profesional"],
            responsable=usuarios["profesional"],
            dependencia=dependencias["ddft"],
            **datos_de_caso(),
        )
        assert caso.dependencia == dependencias["ocri"]
        assert caso.estado == CasoOIT.Estado.EN_TRAMITE
        assert caso.history.get().history_user == usuarios["profesional"]

    def test_administrador_elige_la_dependencia(self, usuarios, dependencias):
        caso = services.caso_crear(
            usuario=usuarios["admin"],
            responsable=usuarios["profesional2"],
            dependencia=dependencias["ddft"],
            **datos_de_caso(),
        )
        assert caso.dependencia == dependencias["ddft"]

    @pytest.mark.parametrize("rol", ["planeacion", "control"])
    def test_planeacion_y_control_interno_no_registran_casos(self, usuarios, rol):
        with pytest.raises(ErrorDeDominio, match="registra casos"):
            services.caso_crear(usuario=usuarios[rol], responsable=usuarios["profesional"], **datos_de_caso())
        assert not CasoOIT.objects.exists()

    def test_responsable_de_otra_dependencia_es_rechazado(self, usuarios):
        with pytest.raises(ErrorDeDominio, match="responsable debe ser"):
            services.caso_crear(usuario=usuarios["jefe"], responsable=usuarios["profesional2"], **datos_de_caso())

    def test_limite_anterior_a_la_recepcion_es_rechazado_por_el_servicio(self, usuarios):
        datos = datos_de_caso(fecha_limite_respuesta=HOY() - timedelta(days=10))
        with pytest.raises(ErrorDeDominio, match="no puede ser anterior a la de recepción"):
            services.caso_crear(usuario=usuarios["profesional"], responsable=usuarios["profesional"], **datos)

    def test_editar_deja_historial_con_el_usuario(self, usuarios, caso):
        services.caso_editar(caso=caso, usuario=usuarios["jefe"], convenios="C087, C098, C154")
        caso.refresh_from_db()
        assert caso.convenios == "C087, C098, C154"
        assert caso.history.first().history_user == usuarios["jefe"]

    def test_solo_el_administrador_cambia_la_dependencia(self, usuarios, dependencias, caso):
        with pytest.raises(ErrorDeDominio, match="Solo el Administrador"):
            services.caso_editar(caso=caso, usuario=usuarios["jefe"], dependencia=dependencias["ddft"])
        services.caso_editar(
            caso=caso, usuario=usuarios["admin"], dependencia=dependencias["ddft"], responsable=usuarios["profesional2"]
        )
        caso.refresh_from_db()
        assert caso.dependencia == dependencias["ddft"]

    def test_un_caso_respondido_no_se_edita(self, usuarios, respondido):
        with pytest.raises(ErrorDeDominio, match="en trámite"):
            services.caso_editar(caso=respondido, usuario=usuarios["jefe"], asunto="Otro asunto")


class TestTransiciones:
    def test_jefe_registra_la_respuesta_y_se_avisa_al_responsable(
        self, usuarios, caso, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.caso_registrar_respuesta(
                caso=caso, usuario=usuarios["jefe"], fecha_respuesta=HOY(), radicado=" 08SE2026120300000451 "
            )
        caso.refresh_from_db()
        assert (caso.estado, caso.fecha_respuesta, caso.radicado_respuesta) == (
            CasoOIT.Estado.RESPONDIDO,
            HOY(),
            "08SE2026120300000451",
        )
        log = StateLog.objects.for_(caso).get()
        assert (log.source_state, log.state, log.by) == ("en_tramite", "respondido", usuarios["jefe"])
        assert "08SE2026120300000451" in log.description
        aviso = Notificacion.objects.get(usuario=usuarios["profesional"])
        assert aviso.titulo.startswith("Respuesta registrada: Caso 3074")
        assert aviso.url == caso.get_absolute_url()
        assert [m.to for m in mailoutbox] == [[usuarios["profesional"].email]]

    def test_profesional_no_puede_registrar_la_respuesta(self, usuarios, caso):
        with pytest.raises(ErrorDeDominio, match="Solo el jefe"):
            services.caso_registrar_respuesta(
                caso=caso, usuario=usuarios["profesional"], fecha_respuesta=HOY(), radicado="08SE1"
            )
        caso.refresh_from_db()
        assert caso.estado == CasoOIT.Estado.EN_TRAMITE
        assert not StateLog.objects.for_(caso).exists()

    def test_jefe_de_otra_dependencia_no_puede_registrar_la_respuesta(self, usuarios, dependencias, caso):
        jefe_ddft = ProfesionalFactory(dependencia=dependencias["ddft"], rol=roles.JEFE)
        with pytest.raises(ErrorDeDominio, match="Solo el jefe"):
            services.caso_registrar_respuesta(caso=caso, usuario=jefe_ddft, fecha_respuesta=HOY(), radicado="08SE1")

    @pytest.mark.parametrize(
        ("fecha", "radicado", "mensaje"),
        [
            (0, "  ", "radicado"),
            (None, "08SE1", "fecha en que se envió"),
            (1, "08SE1", "posterior a hoy"),
            (-60, "08SE1", "anterior a la de recepción"),
        ],
    )
    def test_respuesta_incompleta_o_con_fecha_imposible_es_rechazada(self, usuarios, caso, fecha, radicado, mensaje):
        fecha_respuesta = None if fecha is None else HOY() + timedelta(days=fecha)
        with pytest.raises(ErrorDeDominio, match=mensaje):
            services.caso_registrar_respuesta(
                caso=caso, usuario=usuarios["jefe"], fecha_respuesta=fecha_respuesta, radicado=radicado
            )
        caso.refresh_from_db()
        assert caso.estado == CasoOIT.Estado.EN_TRAMITE
        assert caso.radicado_respuesta == ""

    def test_no_se_responde_dos_veces(self, usuarios, respondido):
        with pytest.raises(ErrorDeDominio, match="en trámite"):
            services.caso_registrar_respuesta(
                caso=respondido, usuario=usuarios["jefe"], fecha_respuesta=HOY(), radicado="08SE2"
            )

    def test_jefe_cierra_un_caso_respondido_con_motivo(self, usuarios, respondido):
        with pytest.raises(ErrorDeDominio, match="motivo del cierre"):
            services.caso_cerrar(caso=respondido, usuario=usuarios["jefe"], motivo=" ")
        services.caso_cerrar(caso=respondido, usuario=usuarios["jefe"], motivo="El Comité cerró el caso.")
        respondido.refresh_from_db()
        assert respondido.estado == CasoOIT.Estado.CERRADO
        assert StateLog.objects.for_(respondido).latest("timestamp").description == "El Comité cerró el caso."

    def test_un_caso_en_tramite_no_se_cierra(self, usuarios, caso):
        with pytest.raises(ErrorDeDominio, match="estado actual"):
            services.caso_cerrar(caso=caso, usuario=usuarios["jefe"], motivo="Sin respuesta")

    @pytest.mark.parametrize("rol", ["profesional", "planeacion", "control"])
    def test_solo_jefe_o_administrador_cierra(self, usuarios, respondido, rol):
        with pytest.raises(ErrorDeDominio, match="Solo el jefe"):
            services.caso_cerrar(caso=respondido, usuario=usuarios[rol], motivo="Archivar")

    def test_jefe_reabre_con_motivo_y_nueva_fecha_y_se_avisa_al_responsable(self, usuarios, respondido):
        nueva = HOY() + timedelta(days=20)
        services.caso_reabrir(
            caso=respondido,
            usuario=usuarios["jefe"],
            motivo="El Comité pide más información.",
            nueva_fecha_limite=nueva,
        )
        respondido.refresh_from_db()
        assert (respondido.estado, respondido.fecha_limite_respuesta) == (CasoOIT.Estado.EN_TRAMITE, nueva)
        assert respondido.radicado_respuesta == "08SE2026120300000001"  # the earlier answer stays on record
        log = StateLog.objects.for_(respondido).latest("timestamp")
        assert (log.source_state, log.state, log.description) == (
            "respondido",
            "en_tramite",
            "El Comité pide más información.",
        )
        assert Notificacion.objects.filter(
            usuario=usuarios["profesional"], titulo__startswith="Caso reabierto"
        ).exists()

    @pytest.mark.parametrize(
        ("motivo", "dias", "mensaje"),
        [
            ("", 20, "motivo de la reapertura"),
            ("Más información", None, "nueva fecha límite"),
            ("Más información", 0, "posterior a hoy"),
            ("Más información", -3, "posterior a hoy"),
        ],
    )
    def test_reabrir_exige_motivo_y_una_fecha_posterior_a_hoy(self, usuarios, respondido, motivo, dias, mensaje):
        nueva = None if dias is None else HOY() + timedelta(days=dias)
        with pytest.raises(ErrorDeDominio, match=mensaje):
            services.caso_reabrir(caso=respondido, usuario=usuarios["jefe"], motivo=motivo, nueva_fecha_limite=nueva)
        respondido.refresh_from_db()
        assert respondido.estado == CasoOIT.Estado.RESPONDIDO

    def test_reabrir_exige_una_fecha_no_anterior_a_la_recepcion(self, usuarios, dependencias):
        caso = CasoOITFactory(
            dependencia=dependencias["ocri"],
            responsable=usuarios["profesional"],
            fecha_recepcion=HOY(),
            fecha_limite_respuesta=HOY() + timedelta(days=5),
        )
        services.caso_registrar_respuesta(caso=caso, usuario=usuarios["jefe"], fecha_respuesta=HOY(), radicado="R1")
        caso.fecha_recepcion = HOY() + timedelta(days=10)  # a recepción in the future can only come from bad data
        caso.fecha_limite_respuesta = caso.fecha_recepcion
        caso.save()
        with pytest.raises(ErrorDeDominio, match="anterior a la de recepción"):
            services.caso_reabrir(
                caso=caso, usuario=usuarios["jefe"], motivo="Más", nueva_fecha_limite=HOY() + timedelta(days=2)
            )

    def test_profesional_no_reabre(self, usuarios, respondido):
        with pytest.raises(ErrorDeDominio, match="Solo el jefe"):
            services.caso_reabrir(
                caso=respondido,
                usuario=usuarios["profesional"],
                motivo="Más información",
                nueva_fecha_limite=HOY() + timedelta(days=9),
            )


class TestVistas:
    @pytest.mark.parametrize(
        ("nombre", "metodo"),
        [
            ("caso-detalle", "get"),
            ("caso-editar", "get"),
            ("caso-editar", "post"),
            ("caso-respuesta", "get"),
            ("caso-respuesta", "post"),
            ("caso-reabrir", "get"),
            ("caso-reabrir", "post"),
        ],
    )
    def test_profesional_de_otra_dependencia_recibe_404(self, cliente_de, caso, nombre, metodo):
        respuesta = getattr(cliente_de("profesional2"), metodo)(reverse(f"internacional:{nombre}", args=[caso.pk]))
        assert respuesta.status_code == 404

    def test_profesional_de_otra_dependencia_recibe_404_en_la_transicion(self, cliente_de, respondido):
        url = reverse("internacional:caso-transicion", args=[respondido.pk, "cerrar"])
        assert cliente_de("profesional2").post(url, {"motivo": "Intento"}).status_code == 404
        respondido.refresh_from_db()
        assert respondido.estado == CasoOIT.Estado.RESPONDIDO

    def test_jefe_de_otra_dependencia_recibe_404(self, client, dependencias, caso):
        client.force_login(ProfesionalFactory(dependencia=dependencias["ddft"], rol=roles.JEFE))
        url = reverse("internacional:caso-respuesta", args=[caso.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"fecha_respuesta": HOY().isoformat(), "radicado": "X"}).status_code == 404

    def test_profesional_registra_un_caso_por_la_web(self, cliente_de, usuarios, dependencias):
        cuerpo = formulario(datos_de_caso(), responsable=usuarios["profesional"], dependencia=dependencias["ddft"])
        respuesta = cliente_de("profesional").post(reverse("internacional:caso-crear"), cuerpo)
        caso = CasoOIT.objects.get()
        assert respuesta["Location"] == caso.get_absolute_url()
        assert caso.dependencia == dependencias["ocri"]  # the field is not even offered to a Profesional

    def test_limite_anterior_a_la_recepcion_muestra_el_error_en_el_formulario(self, cliente_de, usuarios):
        datos = datos_de_caso(fecha_limite_respuesta=HOY() - timedelta(days=30))
        respuesta = cliente_de("profesional").post(
            reverse("internacional:caso-crear"), formulario(datos, responsable=usuarios["profesional"])
        )
        assert respuesta.status_code == 200
        assert "La fecha límite de respuesta no puede ser anterior a la de recepción." in respuesta.content.decode()
        assert not CasoOIT.objects.exists()

    def test_numero_repetido_muestra_el_error(self, cliente_de, usuarios, caso):
        datos = datos_de_caso(numero="3074")
        respuesta = cliente_de("profesional").post(
            reverse("internacional:caso-crear"), formulario(datos, responsable=usuarios["profesional"])
        )
        assert "Ya existe un caso de ese tipo con ese número." in respuesta.content.decode()

    def test_el_formulario_ofrece_solo_responsables_activos_de_la_dependencia(self, cliente_de, usuarios, dependencias):
        ProfesionalFactory(username="retirado", dependencia=dependencias["ocri"], is_active=False)
        campo = cliente_de("jefe").get(reverse("internacional:caso-crear")).context["form"].fields["responsable"]
        assert set(campo.queryset) == {usuarios["jefe"], usuarios["profesional"]}
        assert "dependencia" not in cliente_de("jefe").get(reverse("internacional:caso-crear")).context["form"].fields

    def test_el_administrador_no_puede_asignar_un_responsable_de_otra_dependencia(
        self, cliente_de, usuarios, dependencias
    ):
        cuerpo = formulario(datos_de_caso(), responsable=usuarios["profesional2"], dependencia=dependencias["ocri"])
        respuesta = cliente_de("admin").post(reverse("internacional:caso-crear"), cuerpo)
        assert "El responsable debe pertenecer a la dependencia del caso." in respuesta.content.decode()
        assert not CasoOIT.objects.exists()

    def test_editar_por_la_web(self, cliente_de, usuarios, caso):
        cuerpo = formulario(
            datos_de_caso(numero="3074", convenios="C087"), responsable=usuarios["jefe"], dependencia=caso.dependencia
        )
        respuesta = cliente_de("profesional").post(reverse("internacional:caso-editar", args=[caso.pk]), cuerpo)
        assert respuesta.status_code == 302
        caso.refresh_from_db()
        assert (caso.convenios, caso.responsable) == ("C087", usuarios["jefe"])

    def test_respuesta_sin_radicado_muestra_el_error_y_no_cambia_nada(self, cliente_de, caso):
        respuesta = cliente_de("jefe").post(
            reverse("internacional:caso-respuesta", args=[caso.pk]),
            {"fecha_respuesta": HOY().isoformat(), "radicado": ""},
        )
        assert "Indique el número de radicado de la respuesta enviada." in respuesta.content.decode()
        caso.refresh_from_db()
        assert caso.estado == CasoOIT.Estado.EN_TRAMITE

    def test_respuesta_con_fecha_futura_muestra_el_error_del_servicio(self, cliente_de, caso):
        respuesta = cliente_de("jefe").post(
            reverse("internacional:caso-respuesta", args=[caso.pk]),
            {"fecha_respuesta": (HOY() + timedelta(days=3)).isoformat(), "radicado": "08SE9"},
        )
        assert respuesta.status_code == 200
        assert "La fecha de respuesta no puede ser posterior a hoy." in respuesta.content.decode()

    def test_jefe_registra_la_respuesta_por_la_web(self, cliente_de, caso):
        respuesta = cliente_de("jefe").post(
            reverse("internacional:caso-respuesta", args=[caso.pk]),
            {"fecha_respuesta": HOY().isoformat(), "radicado": "08SE2026120300000777"},
            follow=True,
        )
        contenido = respuesta.content.decode()
        assert "Respuesta del caso 3074 registrada." in contenido
        assert "08SE2026120300000777" in contenido
        caso.refresh_from_db()
        assert caso.estado == CasoOIT.Estado.RESPONDIDO

    def test_reabrir_por_la_web_con_fecha_pasada_muestra_el_error(self, cliente_de, respondido):
        url = reverse("internacional:caso-reabrir", args=[respondido.pk])
        pasada = {"motivo": "Más información", "nueva_fecha_limite": (HOY() - timedelta(days=1)).isoformat()}
        assert (
            "La nueva fecha límite debe ser posterior a hoy." in cliente_de("jefe").post(url, pasada).content.decode()
        )
        valida = {**pasada, "nueva_fecha_limite": (HOY() + timedelta(days=15)).isoformat()}
        assert cliente_de("jefe").post(url, valida).status_code == 302
        respondido.refresh_from_db()
        assert respondido.estado == CasoOIT.Estado.EN_TRAMITE

    def test_cerrar_sin_motivo_desde_la_web_no_cambia_nada(self, cliente_de, respondido):
        url = reverse("internacional:caso-transicion", args=[respondido.pk, "cerrar"])
        respuesta = cliente_de("jefe").post(url, {"motivo": ""}, follow=True)
        assert "Escriba el motivo para continuar." in respuesta.content.decode()
        respondido.refresh_from_db()
        assert respondido.estado == CasoOIT.Estado.RESPONDIDO

    def test_una_accion_en_otro_estado_devuelve_al_caso_con_un_mensaje(self, cliente_de, respondido):
        respuesta = cliente_de("jefe").get(reverse("internacional:caso-respuesta", args=[respondido.pk]), follow=True)
        assert respuesta.redirect_chain == [(respondido.get_absolute_url(), 302)]
        assert "Esta acción no es posible en el estado actual del caso." in respuesta.content.decode()

    @pytest.mark.parametrize(
        ("rol", "editar", "responder", "cerrar"),
        [
            ("admin", True, True, False),
            ("jefe", True, True, False),
            ("profesional", True, False, False),
            ("planeacion", False, False, False),
            ("control", False, False, False),
        ],
    )
    def test_botones_solo_para_quien_puede(self, cliente_de, caso, rol, editar, responder, cerrar):
        contenido = cliente_de(rol).get(caso.get_absolute_url()).content.decode()
        assert (reverse("internacional:caso-editar", args=[caso.pk]) in contenido) is editar
        assert (reverse("internacional:caso-respuesta", args=[caso.pk]) in contenido) is responder
        assert (f'data-bs-target="#modal-casooit-{caso.pk}-cerrar"' in contenido) is cerrar
        assert reverse("core:historial", args=["internacional", "casooit", caso.pk]) in contenido

    def test_botones_de_un_caso_respondido(self, cliente_de, respondido):
        contenido = cliente_de("jefe").get(respondido.get_absolute_url()).content.decode()
        boton_cerrar = f'data-bs-target="#modal-casooit-{respondido.pk}-cerrar"'
        assert boton_cerrar in contenido
        assert reverse("internacional:caso-reabrir", args=[respondido.pk]) in contenido
        assert reverse("internacional:caso-editar", args=[respondido.pk]) not in contenido
        assert "Respondido" in contenido
        profesional = cliente_de("profesional").get(respondido.get_absolute_url()).content.decode()
        assert boton_cerrar not in profesional
        assert reverse("internacional:caso-reabrir", args=[respondido.pk]) not in profesional

    def test_el_menu_ofrece_casos_oit_al_personal(self, usuarios):
        for usuario in usuarios.values():
            internacional = next(e for e in menu.menu_para(usuario) if str(e["etiqueta"]) == "Internacional")
            assert "Casos OIT" in [str(h["etiqueta"]) for h in internacional["hijos"]]


# Permission matrix: (url builder, method, POST body builder, {role: status}).
ROLES = ["admin", "jefe", "profesional", "planeacion", "control", "profesional2"]
TODOS = dict.fromkeys(ROLES, 200)
LECTURA_OCRI = {**TODOS, "profesional2": 404}
PREPARAR = {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 403, "control": 403, "profesional2": 404}
APROBAR = {"admin": 200, "jefe": 200, "profesional": 403, "planeacion": 403, "control": 403, "profesional2": 404}


def _hecho(esperado):
    return {rol: 302 if estado == 200 else estado for rol, estado in esperado.items()}


def _caso_nuevo(o):
    return formulario(
        datos_de_caso(numero="3999"), responsable=o["usuarios"]["profesional"], dependencia=o["dependencias"]["ocri"]
    )


def _caso_editado(o):
    caso = o["caso"]
    return formulario(
        datos_de_caso(numero=caso.numero, convenios="C087"),
        responsable=caso.responsable,
        dependencia=caso.dependencia,
    )


def _respuesta(o):
    return {"fecha_respuesta": HOY().isoformat(), "radicado": "08SE2026120300000999"}


def _reapertura(o):
    return {"nueva_fecha_limite": (HOY() + timedelta(days=20)).isoformat(), "motivo": "La OIT pide más datos."}


def _motivo(o):
    return {"motivo": "Prueba de permisos"}


MATRIZ = [
    (lambda o: reverse("internacional:caso-lista"), "get", None, TODOS),
    (
        lambda o: reverse("internacional:caso-crear"),
        "get",
        None,
        {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 403, "control": 403, "profesional2": 200},
    ),
    (
        lambda o: reverse("internacional:caso-crear"),
        "post",
        _caso_nuevo,
        # profesional2 (DDFT) cannot make an OCRI profesional responsible: the form comes back with the error.
        {"admin": 302, "jefe": 302, "profesional": 302, "planeacion": 403, "control": 403, "profesional2": 200},
    ),
    (lambda o: reverse("internacional:caso-detalle", args=[o["caso"].pk]), "get", None, LECTURA_OCRI),
    (lambda o: reverse("internacional:caso-editar", args=[o["caso"].pk]), "get", None, PREPARAR),
    (lambda o: reverse("internacional:caso-editar", args=[o["caso"].pk]), "post", _caso_editado, _hecho(PREPARAR)),
    (lambda o: reverse("internacional:caso-respuesta", args=[o["caso"].pk]), "get", None, APROBAR),
    (lambda o: reverse("internacional:caso-respuesta", args=[o["caso"].pk]), "post", _respuesta, _hecho(APROBAR)),
    (lambda o: reverse("internacional:caso-reabrir", args=[o["respondido"].pk]), "get", None, APROBAR),
    (
        lambda o: reverse("internacional:caso-reabrir", args=[o["respondido"].pk]),
        "post",
        _reapertura,
        _hecho(APROBAR),
    ),
    (
        lambda o: reverse("internacional:caso-transicion", args=[o["respondido"].pk, "cerrar"]),
        "post",
        _motivo,
        _hecho(APROBAR),
    ),
    (
        lambda o: reverse("internacional:caso-transicion", args=[o["respondido"].pk, "cerrar"]),
        "get",
        None,
        dict.fromkeys(ROLES, 405),
    ),
    (
        lambda o: reverse("internacional:caso-transicion", args=[o["respondido"].pk, "no-existe"]),
        "post",
        _motivo,
        dict.fromkeys(ROLES, 404),
    ),
    (lambda o: reverse("internacional:caso-documento", args=[o["caso"].pk]), "get", None, PREPARAR),
    (
        lambda o: reverse("internacional:caso-documento", args=[o["caso"].pk]),
        "post",
        lambda o: {"tipo": "borrador", "archivo": pdf("borrador.pdf")},
        _hecho(PREPARAR),
    ),
    (
        lambda o: reverse("internacional:caso-documento-descargar", args=[o["documento"].pk]),
        "get",
        None,
        LECTURA_OCRI,
    ),
    (lambda o: reverse("core:historial", args=["internacional", "casooit", o["caso"].pk]), "get", None, LECTURA_OCRI),
    (
        lambda o: reverse("admin:internacional_casooit_change", args=[o["caso"].pk]),
        "get",
        None,
        {"admin": 200, "jefe": 302, "profesional": 302, "planeacion": 302, "control": 302, "profesional2": 302},
    ),
    (
        lambda o: reverse("admin:internacional_casooit_changelist"),
        "get",
        None,
        {"admin": 200, "jefe": 302, "profesional": 302, "planeacion": 302, "control": 302, "profesional2": 302},
    ),
]

CASOS_MATRIZ = [
    pytest.param(indice, rol, id=f"{rol}-{metodo}-{indice}")
    for indice, (_url, metodo, _datos, esperado) in enumerate(MATRIZ)
    for rol in esperado
]


@pytest.fixture
def objetos(usuarios, dependencias, caso, respondido, permisos_oit):
    documento = services.documento_caso_agregar(
        caso=caso, usuario=usuarios["profesional"], tipo="comunicacion", archivo=pdf("queja.pdf")
    )
    return {
        "usuarios": usuarios,
        "dependencias": dependencias,
        "caso": caso,
        "respondido": respondido,
        "documento": documento,
    }


@pytest.mark.parametrize(("indice", "rol"), CASOS_MATRIZ)
def test_matriz_de_permisos(cliente_de, objetos, indice, rol):
    construir_url, metodo, construir_datos, esperado = MATRIZ[indice]
    datos = construir_datos(objetos) if construir_datos else None
    respuesta = getattr(cliente_de(rol), metodo)(construir_url(objetos), datos)
    if respuesta.streaming:  # read a download to the end: that closes its file
        b"".join(respuesta.streaming_content)
    assert respuesta.status_code == esperado[rol]


@pytest.mark.parametrize("indice", range(len(MATRIZ)))
def test_anonimo_va_a_la_pagina_de_ingreso(client, objetos, indice):
    construir_url, metodo, construir_datos, _esperado = MATRIZ[indice]
    url = construir_url(objetos)
    respuesta = getattr(client, metodo)(url, construir_datos(objetos) if construir_datos else None)
    assert respuesta.status_code == 302
    destino = "/administracion/login/" if url.startswith("/administracion/") else reverse("login")
    assert respuesta["Location"].startswith(destino)


def test_usuario_sin_rol_recibe_403(client, caso):
    from tests.factories import UsuarioFactory

    client.force_login(UsuarioFactory(username="sin_rol", dependencia=caso.dependencia))
    assert client.get(reverse("internacional:caso-lista")).status_code == 403
    assert client.get(caso.get_absolute_url()).status_code == 403


class TestLista:
    @pytest.fixture
    def varios(self, usuarios, dependencias):
        ocri, ddft = dependencias["ocri"], dependencias["ddft"]
        profesional = usuarios["profesional"]
        return {
            "vencido": CasoOITFactory(
                numero="3001",
                tipo=CasoOIT.Tipo.CEACR,
                convenios="C111",
                asunto="Discriminación en el empleo",
                dependencia=ocri,
                responsable=profesional,
                fecha_limite_respuesta=sumar_dias_habiles(HOY(), -3),
            ),
            "proximo": CasoOITFactory(
                numero="3002",
                asunto="Despidos antisindicales",
                organizacion_querellante="Central Unitaria de Trabajadores de Colombia (CUT)",
                dependencia=ocri,
                responsable=profesional,
                fecha_limite_respuesta=sumar_dias_habiles(HOY(), 3),
            ),
            "lejano": CasoOITFactory(
                numero="C081-2027",
                tipo=CasoOIT.Tipo.MEMORIA,
                convenios="C081",
                asunto="Inspección del trabajo",
                dependencia=ocri,
                responsable=profesional,
                fecha_limite_respuesta=sumar_dias_habiles(HOY(), 40),
            ),
            "ddft": CasoOITFactory(
                numero="3003",
                organizacion_querellante="Confederación de Trabajadores de Colombia (CTC)",
                dependencia=ddft,
                responsable=usuarios["profesional2"],
            ),
        }

    def _numeros(self, cliente, **parametros):
        respuesta = cliente.get(reverse("internacional:caso-lista"), parametros)
        return {caso.numero for caso, _plazo in respuesta.context["filas"]}

    def test_filtros(self, cliente_de, varios, dependencias):
        admin = cliente_de("admin")
        assert self._numeros(admin, q="antisindicales") == {"3002"}
        assert self._numeros(admin, q="CTC") == {"3003"}
        assert self._numeros(admin, q="c081") == {"C081-2027"}
        assert self._numeros(admin, tipo=CasoOIT.Tipo.MEMORIA) == {"C081-2027"}
        assert self._numeros(admin, vencidos="si") == {"3001"}
        assert self._numeros(admin, vencidos="no") == {"3002", "C081-2027", "3003"}
        assert self._numeros(admin, dependencia=dependencias["ddft"].pk) == {"3003"}
        assert self._numeros(admin, estado=CasoOIT.Estado.RESPONDIDO) == set()

    def test_jefe_y_profesional_ven_solo_su_dependencia_y_sin_filtro_de_dependencia(self, cliente_de, varios):
        respuesta = cliente_de("profesional").get(reverse("internacional:caso-lista"))
        assert "dependencia" not in respuesta.context["filter"].form.fields
        assert self._numeros(cliente_de("jefe")) == {"3001", "3002", "C081-2027"}
        assert self._numeros(cliente_de("profesional2")) == {"3003"}

    def test_semaforo_con_dias_habiles(self, cliente_de, varios):
        respuesta = cliente_de("jefe").get(reverse("internacional:caso-lista"))
        plazos_por_numero = {caso.numero: plazo for caso, plazo in respuesta.context["filas"]}
        assert plazos_por_numero["3001"].semaforo == "rojo"
        assert plazos_por_numero["3001"].restantes == -3
        assert plazos_por_numero["3002"].semaforo == "amarillo"
        assert plazos_por_numero["3002"].texto == "Faltan 3 días hábiles"
        assert plazos_por_numero["C081-2027"].semaforo == "verde"
        contenido = respuesta.content.decode()
        assert "Vencido hace 3 días hábiles" in contenido
        assert "semaforo-amarillo" in contenido

    def test_orden_por_numero_y_por_defecto_por_fecha_limite(self, cliente_de, varios):
        cliente = cliente_de("jefe")
        url = reverse("internacional:caso-lista")
        por_defecto = [c.numero for c, _p in cliente.get(url).context["filas"]]
        assert por_defecto == ["3001", "3002", "C081-2027"]
        descendente = [c.numero for c, _p in cliente.get(url, {"orden": "-numero"}).context["filas"]]
        assert descendente == ["C081-2027", "3002", "3001"]
        assert cliente.get(url, {"orden": "responsable__password"}).context["orden"] == "fecha_limite_respuesta"

    def test_lista_vacia_y_boton_nuevo_caso(self, cliente_de, usuarios):
        contenido = cliente_de("profesional").get(reverse("internacional:caso-lista")).content.decode()
        assert "No hay casos que coincidan con los filtros." in contenido
        assert reverse("internacional:caso-crear") in contenido
        control = cliente_de("control").get(reverse("internacional:caso-lista")).content.decode()
        assert reverse("internacional:caso-crear") not in control

    def test_pagina_de_25(self, cliente_de, usuarios, dependencias):
        CasoOITFactory.create_batch(26, dependencia=dependencias["ocri"], responsable=usuarios["profesional"])
        respuesta = cliente_de("jefe").get(reverse("internacional:caso-lista"))
        assert len(respuesta.context["filas"]) == 25
        assert respuesta.context["page_obj"].paginator.num_pages == 2

    def test_lista_con_consultas_constantes(self, cliente_de, django_assert_max_num_queries):
        cliente = cliente_de("admin")
        CasoOITFactory.create_batch(3)
        with django_assert_max_num_queries(20) as pocas:
            cliente.get(reverse("internacional:caso-lista"))
        CasoOITFactory.create_batch(27)  # each with its own dependencia and responsable
        with django_assert_max_num_queries(len(pocas.captured_queries)):
            respuesta = cliente.get(reverse("internacional:caso-lista"))
        assert len(respuesta.context["filas"]) == 25


class TestPlazos:
    def test_el_proveedor_entrega_solo_los_casos_en_tramite(self, usuarios, caso, respondido):
        cerrado = CasoOITFactory(dependencia=caso.dependencia, responsable=usuarios["profesional"])
        services.caso_registrar_respuesta(caso=cerrado, usuario=usuarios["jefe"], fecha_respuesta=HOY(), radicado="R")
        services.caso_cerrar(caso=cerrado, usuario=usuarios["jefe"], motivo="Archivado")
        (plazo,) = plazos_de_respuesta(None)
        assert plazo.tipo == "respuesta_oit"
        assert plazo.objeto == caso
        assert plazo.fecha == caso.fecha_limite_respuesta
        assert plazo.titulo == f"Caso 3074 – {caso.asunto}"
        assert plazo.url == caso.get_absolute_url()
        assert plazo.responsables == (usuarios["profesional"],)
        assert plazo.avisar_tambien == (usuarios["jefe"],)
        assert plazo.dependencia == caso.dependencia
        assert "Convenios C087, C098" in plazo.detalle

    def test_el_motor_guarda_el_plazo_y_filtra_por_responsable_y_dependencia(self, usuarios, dependencias, caso):
        otro = CasoOITFactory(dependencia=dependencias["ddft"], responsable=usuarios["profesional2"])

        def casos(filtro):
            return [f.object_id for f in plazos.consulta(filtro=filtro, tipos=["respuesta_oit"])]

        assert casos(FiltroPlazos(responsable_id=usuarios["profesional"].pk)) == [caso.pk]
        assert casos(FiltroPlazos(responsable_id=usuarios["jefe"].pk)) == []
        assert casos(FiltroPlazos(dependencia_ids=frozenset({dependencias["ddft"].pk}))) == [otro.pk]
        assert set(casos(FiltroPlazos())) == {caso.pk, otro.pk}
        assert [p.objeto for p in plazos_de_respuesta({otro.pk})] == [otro]

    def test_responder_el_caso_lo_saca_de_los_plazos_y_cambiar_la_fecha_la_mueve(self, usuarios, caso):
        nueva = caso.fecha_limite_respuesta + timedelta(days=7)
        services.caso_editar(caso=caso, usuario=usuarios["jefe"], fecha_limite_respuesta=nueva)
        assert [f.fecha for f in plazos.consulta(tipos=["respuesta_oit"])] == [nueva]
        services.caso_registrar_respuesta(caso=caso, usuario=usuarios["jefe"], fecha_respuesta=HOY(), radicado="R")
        assert not plazos.consulta(tipos=["respuesta_oit"]).exists()

    def test_jefes_inactivos_o_de_otra_dependencia_no_son_avisados(self, usuarios, dependencias, caso):
        ProfesionalFactory(dependencia=dependencias["ocri"], rol=roles.JEFE, is_active=False)
        ProfesionalFactory(dependencia=dependencias["ddft"], rol=roles.JEFE)
        (plazo,) = plazos_de_respuesta(None)
        assert plazo.avisar_tambien == (usuarios["jefe"],)

    def test_el_proveedor_hace_las_mismas_consultas_con_3_o_30_casos(self, dependencias, django_assert_max_num_queries):
        def leer():
            return [
                (p.titulo, p.url, p.dependencia.nombre, [str(u) for u in (*p.responsables, *p.avisar_tambien)])
                for p in plazos_de_respuesta(None)
            ]

        for caso in CasoOITFactory.create_batch(3):
            ProfesionalFactory(dependencia=caso.dependencia, rol=roles.JEFE)
        with django_assert_max_num_queries(2) as pocas:
            assert len(leer()) == 3
        for caso in CasoOITFactory.create_batch(27):
            ProfesionalFactory(dependencia=caso.dependencia, rol=roles.JEFE)
        with django_assert_max_num_queries(len(pocas.captured_queries)):
            filas = leer()
        assert len(filas) == 30
        assert all(len(nombres) == 2 for *_resto, nombres in filas)

    def test_el_barrido_avisa_al_responsable_y_al_jefe_una_sola_vez(self, usuarios, dependencias):
        hoy = date(2026, 7, 1)
        caso = CasoOITFactory(
            dependencia=dependencias["ocri"],
            responsable=usuarios["profesional"],
            fecha_recepcion=date(2026, 6, 1),
            fecha_limite_respuesta=sumar_dias_habiles(hoy, 5),
        )
        plazos.barrer(hoy=hoy)
        recordatorio = RecordatorioEnviado.objects.get(object_id=caso.pk, tipo__codigo="respuesta_oit")
        assert recordatorio.umbral == "-5"
        avisos = Notificacion.objects.filter(recordatorio=recordatorio)
        assert {a.usuario for a in avisos} == {usuarios["profesional"], usuarios["jefe"]}
        assert all("Caso" in a.titulo and "faltan 5 días hábiles" in a.titulo for a in avisos)
        assert all(a.url == caso.get_absolute_url() for a in avisos)

        total = Notificacion.objects.count()
        plazos.barrer(hoy=hoy)
        assert Notificacion.objects.count() == total
        assert RecordatorioEnviado.objects.filter(object_id=caso.pk).count() == 1

    def test_un_caso_respondido_no_genera_recordatorios(self, usuarios, respondido):
        plazos.barrer(hoy=sumar_dias_habiles(respondido.fecha_limite_respuesta, -1))
        assert not RecordatorioEnviado.objects.filter(object_id=respondido.pk, tipo__codigo="respuesta_oit").exists()


class TestDemo:
    def test_la_demo_cubre_cada_color_y_estado_y_es_idempotente(self, usuarios, dependencias):
        por_codigo = {d.codigo: d for d in dependencias.values()}
        hoy = HOY()
        cargar_demo(usuarios=usuarios, dependencias=por_codigo, hoy=hoy)
        conteos = (CasoOIT.objects.count(), StateLog.objects.count(), Notificacion.objects.count())
        cargar_demo(usuarios=usuarios, dependencias=por_codigo, hoy=hoy)
        assert (CasoOIT.objects.count(), StateLog.objects.count(), Notificacion.objects.count()) == conteos

        casos = list(CasoOIT.objects.select_related("dependencia"))
        assert len(casos) == 7
        assert sum(c.dependencia.codigo == "2100" for c in casos) == 1
        estados = [c.estado for c in casos]
        assert estados.count(CasoOIT.Estado.RESPONDIDO) == 1
        assert estados.count(CasoOIT.Estado.CERRADO) == 1
        abiertos = [c for c in casos if c.estado == "en_tramite" and c.dependencia.codigo == "1100"]
        limites = sorted(c.fecha_limite_respuesta for c in abiertos)
        assert limites[0] < hoy
        assert limites[1] == sumar_dias_habiles(hoy, 3)
        assert limites[2] == sumar_dias_habiles(hoy, 10)
        assert limites[3] >= sumar_dias_habiles(hoy, 30)
        assert (limites[3].day, limites[3].month) == (1, 9)
        cls = CasoOIT.objects.get(tipo=CasoOIT.Tipo.QUEJA_CLS, numero="3074")
        assert cls.organizacion_querellante == "Central Unitaria de Trabajadores de Colombia (CUT)"
        assert cls.responsable == usuarios["profesional"]

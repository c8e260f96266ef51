"""Load the demo organization, users and catalogs. Idempotent: running it again changes nothing."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from cooperacion.core import demo, periodos, plazos, roles, services
from cooperacion.core.models import Actor, Dependencia, Usuario
from cooperacion.core.services import actor_desactivar, notificar

CONTRASENA_LOCAL = "Cooperacion.2026"

DEPENDENCIAS = [
    # codigo, nombre, sigla, padre, tipo
    ("1000", "Despacho del Ministro", "DM", None, Dependencia.Tipo.CENTRAL),
    ("1100", "Oficina de Cooperación y Relaciones Internacionales", "OCRI", "1000", Dependencia.Tipo.CENTRAL),
    ("1200", "Oficina Asesora de Planeación", "OAP", "1000", Dependencia.Tipo.CENTRAL),
    ("1300", "Oficina de Control Interno", "OCI", "1000", Dependencia.Tipo.CENTRAL),
    (
        "2000",
        "Despacho del Viceministro de Relaciones Laborales e Inspección",
        "VRLI",
        "1000",
        Dependencia.Tipo.CENTRAL,
    ),
    ("2100", "Dirección de Derechos Fundamentales del Trabajo", "DDFT", "2000", Dependencia.Tipo.CENTRAL),
    ("3000", "Despacho del Viceministro de Empleo y Pensiones", "VEP", "1000", Dependencia.Tipo.CENTRAL),
    (
        "3100",
        "Dirección de Generación y Protección del Empleo y Subsidio Familiar",
        "DGPESF",
        "3000",
        Dependencia.Tipo.CENTRAL,
    ),
    ("5200", "Dirección Territorial de Nariño", "DT-NAR", "2000", Dependencia.Tipo.TERRITORIAL),
    ("5110", "Dirección Territorial de Bogotá", "DT-BOG", "2000", Dependencia.Tipo.TERRITORIAL),
]

USUARIOS = [
    # username, nombres, apellidos, rol, dependencia, cargo
    ("admin", "Andrea", "Rojas", roles.ADMINISTRADOR, "1100", "Administradora del sistema"),
    ("jefe", "Julián", "Cárdenas", roles.JEFE, "1100", "Jefe de Oficina de Cooperación y Relaciones Internacionales"),
    ("profesional", "Paula", "Méndez", roles.PROFESIONAL, "1100", "Profesional especializado"),
    ("planeacion", "Pedro", "Salazar", roles.PLANEACION, "1100", "Profesional de enlace con Planeación"),
    ("control", "Carolina", "Vargas", roles.CONTROL_INTERNO, "1100", "Profesional de Control Interno"),
    ("profesional2", "Diego", "Morales", roles.PROFESIONAL, "2100", "Profesional universitario"),
]

ACTORES = [
    ("Organización Internacional del Trabajo", "OIT", Actor.Tipo.MULTILATERAL, "Suiza", "https://www.ilo.org"),
    (
        "Agencia Presidencial de Cooperación Internacional de Colombia",
        "APC-Colombia",
        Actor.Tipo.GOBIERNO_NACIONAL,
        "Colombia",
        "https://www.apccolombia.gov.co",
    ),
    ("Unión Europea", "UE", Actor.Tipo.MULTILATERAL, "Bélgica", "https://www.eeas.europa.eu"),
    (
        "Agencia Española de Cooperación Internacional para el Desarrollo",
        "AECID",
        Actor.Tipo.GOBIERNO_INTERNACIONAL,
        "España",
        "https://www.aecid.es",
    ),
    (
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "GIZ",
        Actor.Tipo.GOBIERNO_INTERNACIONAL,
        "Alemania",
        "https://www.giz.de",
    ),
    (
        "Agencia de Cooperación Internacional del Japón",
        "JICA",
        Actor.Tipo.GOBIERNO_INTERNACIONAL,
        "Japón",
        "https://www.jica.go.jp",
    ),
    (
        "Agencia de Cooperación Internacional de Corea",
        "KOICA",
        Actor.Tipo.GOBIERNO_INTERNACIONAL,
        "Corea del Sur",
        "https://www.koica.go.kr",
    ),
    (
        "Programa de las Naciones Unidas para el Desarrollo",
        "PNUD",
        Actor.Tipo.MULTILATERAL,
        "Estados Unidos",
        "https://www.undp.org",
    ),
    ("Banco Interamericano de Desarrollo", "BID", Actor.Tipo.MULTILATERAL, "Estados Unidos", "https://www.iadb.org"),
    (
        "Departamento de Trabajo de los Estados Unidos",
        "USDOL",
        Actor.Tipo.GOBIERNO_INTERNACIONAL,
        "Estados Unidos",
        "https://www.dol.gov",
    ),
    (
        "Agencia de los Estados Unidos para el Desarrollo Internacional",
        "USAID",
        Actor.Tipo.GOBIERNO_INTERNACIONAL,
        "Estados Unidos",
        "https://www.usaid.gov",
    ),
    ("Fundación Ford", "", Actor.Tipo.ESAL, "Estados Unidos", "https://www.fordfoundation.org"),
    ("Universidad Nacional de Colombia", "UNAL", Actor.Tipo.ACADEMIA, "Colombia", "https://unal.edu.co"),
    ("Alcaldía Mayor de Bogotá", "", Actor.Tipo.GOBIERNO_LOCAL, "Colombia", "https://bogota.gov.co"),
    ("Bancolombia S.A.", "", Actor.Tipo.EMPRESA_PRIVADA, "Colombia", "https://www.bancolombia.com"),
]

# The Ministerio del Trabajo in IATI: CO-RUE (Registro Único Empresarial) and its NIT without the check digit.
ENTIDAD_DEMO = {"identificador_iati": "CO-RUE-830115226", "tipo_iati": "10"}
ACTOR_INACTIVO = ("USAID", "La agencia cerró sus operaciones en 2025; sus proyectos pasaron al Departamento de Estado.")


class Command(BaseCommand):
    help = "Carga la organización, los usuarios y los catálogos de demostración (idempotente)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", help="Contraseña de los usuarios de demostración (o DEMO_PASSWORD).")

    def handle(self, *args: Any, **opciones: Any) -> None:
        # The demo's notifications stay in the app; their e-mail copies are not printed during the load.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self._cargar(**opciones)

    def _cargar(self, **opciones: Any) -> None:
        contrasena = opciones.get("password") or settings.DEMO_PASSWORD
        if not contrasena:
            if not settings.DEBUG:
                raise CommandError(
                    "Con DEBUG desactivado no se crean usuarios de demostración con una contraseña conocida. "
                    "Indique DEMO_PASSWORD o --password."
                )
            contrasena = CONTRASENA_LOCAL

        hoy = timezone.localdate()
        with transaction.atomic():
            dependencias = self._dependencias()
            usuarios = self._usuarios(dependencias, contrasena)
            self._actores(usuarios["admin"])
            services.entidad_configurar(usuario=usuarios["admin"], **ENTIDAD_DEMO)
            self._bienvenida(usuarios)
            for nombre, cargar in demo.cargadores():
                self.stdout.write(f"Cargando {nombre}…")
                cargar(usuarios=usuarios, dependencias=dependencias, hoy=hoy)
        # What the hourly sweep and the quarterly cut-off would have done by now (both idempotent).
        resultado = plazos.barrer(hoy=hoy)
        anterior = periodos.periodo(*periodos.trimestre_anterior(*periodos.trimestre_de(hoy)))
        services.reportes_trimestrales_generar(periodo=anterior)
        self.stdout.write(
            f"Recordatorios enviados hoy: {resultado.enviados}. Reportes trimestrales de {anterior} solicitados."
        )

        self.stdout.write(self.style.SUCCESS("Datos de demostración cargados."))
        self.stdout.write(f"Usuarios (contraseña: {contrasena}):")
        for username, _nombres, _apellidos, rol, codigo, _cargo in USUARIOS:
            self.stdout.write(f"  {username:<13} {rol:<16} {dependencias[codigo].sigla}")

    def _dependencias(self) -> dict[str, Dependencia]:
        resultado: dict[str, Dependencia] = {}
        for codigo, nombre, sigla, padre, tipo in DEPENDENCIAS:
            dependencia, _ = Dependencia.objects.get_or_create(
                codigo=codigo,
                defaults={
                    "nombre": nombre,
                    "sigla": sigla,
                    "padre": resultado.get(padre or ""),
                    "tipo": tipo,
                },
            )
            resultado[codigo] = dependencia
        return resultado

    def _usuarios(self, dependencias: dict[str, Dependencia], contrasena: str) -> dict[str, Usuario]:
        grupos = {g.name: g for g in Group.objects.filter(name__in=roles.TODOS)}
        resultado = {}
        for username, nombres, apellidos, rol, codigo, cargo in USUARIOS:
            usuario, creado = Usuario.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": nombres,
                    "last_name": apellidos,
                    "email": f"{username}@cooperacion.local",
                    "dependencia": dependencias[codigo],
                    "cargo": cargo,
                    "is_staff": rol == roles.ADMINISTRADOR,
                },
            )
            if creado or not usuario.check_password(contrasena):
                usuario.set_password(contrasena)
                usuario.save()
            usuario.groups.add(grupos[rol])
            resultado[username] = usuario
        return resultado

    def _actores(self, admin: Usuario) -> None:
        for nombre, sigla, tipo, pais, web in ACTORES:
            Actor.objects.get_or_create(
                nombre=nombre, defaults={"sigla": sigla, "tipo": tipo, "pais": pais, "sitio_web": web}
            )
        sigla, motivo = ACTOR_INACTIVO
        actor = Actor.objects.get(sigla=sigla)
        if actor.estado == Actor.Estado.ACTIVO and not actor.history.filter(estado=Actor.Estado.INACTIVO).exists():
            actor_desactivar(actor=actor, usuario=admin, motivo=motivo)

    def _bienvenida(self, usuarios: dict[str, Usuario]) -> None:
        titulo = "Bienvenida a Cooperación"
        for usuario in usuarios.values():
            if not usuario.notificaciones.filter(titulo=titulo).exists():
                notificar(
                    usuario=usuario,
                    titulo=titulo,
                    mensaje="Revise sus datos y elija cómo quiere recibir los avisos por correo.",
                    url="/perfil/",
                )

"""Plans built through the services, as the offices would: an institutional strategic plan with its objectives, a
year's call, an action plan with activities, indicators and programming, sent and approved; quarters reported."""

import importlib
from datetime import date
from decimal import Decimal

from django.apps import apps as django_apps
from django.utils import timezone

from cooperacion.core.models import PoliticaMIPG
from planes import services
from planes.models import AvanceActividad, Plan, SeguimientoTrimestral

D = Decimal
CINCUENTA = Decimal(50)
DOS_MILLONES = Decimal(2_000_000)
ANIO = timezone.localdate().year - 1  # a year whose four quarters are over


def asegurar_datos_de_planes() -> None:
    """The roles' permissions as the data migrations load them (a browser test's flush removes them)."""
    for modulo, funcion in [
        ("indicadores.migrations.0002_permisos_de_roles", "dar_permisos"),
        ("planes.migrations.0002_permisos_de_roles", "dar_permisos"),
    ]:
        getattr(importlib.import_module(modulo), funcion)(django_apps, None)


def ficha_indicador(**cambios) -> dict:
    datos = {
        "nombre": "Talleres de cooperación realizados",
        "objetivo": "Medir la gestión de la oficina con las direcciones territoriales.",
        "tipo": "eficacia",
        "formula": "Número de talleres realizados en el periodo",
        "variable_numerador": "Talleres realizados",
        "variable_denominador": "",
        "unidad": "talleres",
        "medida": "numero",
        "sentido": "creciente",
        "acumulacion": "acumulado",
        "frecuencia": "trimestral",
        "linea_base": None,
        "linea_base_fecha": None,
        "fuente": "Registros de asistencia de la oficina",
    }
    return {**datos, **cambios}


def pei(usuarios, dependencias, anio: int = ANIO) -> Plan:
    """An institutional strategic plan of four years covering `anio`, with two objectives."""
    inicio = anio - 1
    plan = services.plan_estrategico_crear(
        usuario=usuarios["planeacion"],
        tipo=Plan.Tipo.INSTITUCIONAL,
        nombre=f"Plan Estratégico Institucional {inicio}–{inicio + 3}",
        dependencia=dependencias["ocri"],
        anio_inicio=inicio,
        anio_fin=inicio + 3,
        alineacion_pnd="Colombia, potencia mundial de la vida: trabajo digno y decente.",
        politicas=list(PoliticaMIPG.objects.order_by("numero")[:2]),
    )
    services.objetivo_crear(plan=plan, usuario=usuarios["planeacion"], codigo="1", descripcion="Trabajo decente")
    services.objetivo_crear(plan=plan, usuario=usuarios["planeacion"], codigo="2", descripcion="Cooperación")
    return plan


def vigencia(usuarios, dependencias, anio: int = ANIO, *, superior: Plan | None = None, deps=("ocri",)):
    superior = superior or pei(usuarios, dependencias, anio)
    return services.vigencia_abrir(
        usuario=usuarios["planeacion"],
        anio=anio,
        lineamientos="Incluir los compromisos del plan estratégico y la cooperación internacional.",
        fecha_limite_formulacion=date(anio - 1, 11, 30),
        fecha_limite_cargue=date(anio - 1, 12, 15),
        fecha_limite_aprobacion=date(anio, 1, 20),
        fecha_limite_publicacion=date(anio, 1, 31),
        dependencias=[dependencias[d] for d in deps],
        plan_superior=superior,
    )


def actividad(plan: Plan, usuario, estrategia, codigo: str, *, peso=CINCUENTA, metas=(3, 3, 3, 3), ficha=None, **extra):
    datos = {
        "codigo": codigo,
        "descripcion": f"Realizar talleres de cooperación internacional ({codigo})",
        "producto": "Talleres con memorias y listas de asistencia",
        "peso": peso,
        "fuente_recursos": "funcionamiento",
        "presupuesto": D(10_000_000),
        "responsable": usuario,
        "fecha_inicio": date(plan.anio_inicio, 1, 1),
        "fecha_fin": date(plan.anio_fin, 12, 31),
        **extra,
    }
    nueva = services.actividad_crear(
        estrategia=estrategia, usuario=usuario, ficha_indicador=ficha or ficha_indicador(), **datos
    )
    if metas:
        services.programacion_fijar(
            actividad=nueva,
            usuario=usuario,
            valores={plan.anio_inicio: {t: (D(m) if m is not None else None) for t, m in enumerate(metas, start=1)}},
        )
    return nueva


def plan_de_accion(usuarios, dependencias, anio: int = ANIO, *, actividades: int = 2, hasta: str = "aprobado"):
    """An action plan of OCRI for `anio` with `actividades` activities (equal weights), up to a state."""
    v = vigencia(usuarios, dependencias, anio)
    plan = v.planes.get(dependencia=dependencias["ocri"])
    profesional = usuarios["profesional"]
    superior = plan.plan_superior.objetivos.get(codigo="2")
    objetivo = services.objetivo_crear(
        plan=plan, usuario=profesional, codigo="1", descripcion="Gestionar la cooperación", objetivo_superior=superior
    )
    estrategia = services.estrategia_crear(objetivo=objetivo, usuario=profesional, codigo="1.1", descripcion="Talleres")
    peso = (D(100) / actividades).quantize(D("0.01"))
    for i in range(actividades):
        ultimo = i == actividades - 1
        actividad(
            plan, profesional, estrategia, f"1.1.{i + 1}", peso=D(100) - peso * (actividades - 1) if ultimo else peso
        )
    if hasta in ("enviado", "aprobado"):
        services.plan_enviar(plan=plan, usuario=profesional)
    if hasta == "aprobado":
        services.plan_aprobar(plan=plan, usuario=usuarios["planeacion"])
    plan.refresh_from_db()
    return plan


def seguimiento(plan: Plan, trimestre: int) -> SeguimientoTrimestral:
    return SeguimientoTrimestral.objects.get(dependencia=plan.dependencia, anio=plan.anio_inicio, trimestre=trimestre)


def reportar(avance: AvanceActividad, usuario, valor, *, ejecutado=DOS_MILLONES, justificacion="", **extra):
    avance.refresh_from_db()
    return services.avance_reportar(
        avance=avance,
        usuario=usuario,
        numerador=D(valor),
        avance_cualitativo=extra.pop("cualitativo", f"Se realizaron {valor} talleres en el trimestre."),
        presupuesto_ejecutado=D(ejecutado),
        justificacion=justificacion,
        **extra,
    )


def reportar_trimestre(plan: Plan, trimestre: int, usuario, valores: dict[str, int], justificacion="Retraso.") -> None:
    s = seguimiento(plan, trimestre)
    for avance in s.avances.select_related("actividad"):
        reportar(avance, usuario, valores.get(avance.actividad.codigo, 3), justificacion=justificacion)

"""The deadline engine: apps declare kinds of deadline and providers; the core reminds, lists and exports them.

An app registers, in its AppConfig.ready():

    plazos.registrar(TipoDePlazo(codigo="respuesta_oit", nombre="Respuesta a la OIT"), proveedor)

where `proveedor(filtro: FiltroPlazos) -> Iterable[Plazo]` yields the deadlines still open (not met) with a
constant number of queries, applying the filter in SQL. Thresholds live in the TipoPlazo table, editable by
the Administrador; the defaults come from the declaration.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .calendario import dias_habiles_entre


@dataclass(frozen=True)
class TipoDePlazo:
    codigo: str
    nombre: str
    dias_habiles: bool = True
    umbrales: tuple[int, ...] = (15, 5, 1)
    avisar_el_dia: bool = True
    repetir_vencido_cada: int = 5
    dias_alerta: int = 5


@dataclass(frozen=True)
class FiltroPlazos:
    """What a provider must restrict to (None: no restriction)."""

    responsable_id: int | None = None
    dependencia_ids: frozenset[int] | None = None


@dataclass(frozen=True)
class Plazo:
    tipo: str
    objeto: object
    fecha: date
    titulo: str
    url: str
    responsables: tuple = ()
    dependencia: object = None
    detalle: str = ""
    avisar_tambien: tuple = field(default=())  # e.g. the Jefe: reminded, but not "responsible"

    @property
    def clave(self) -> str:
        return f"{self.tipo}-{self.objeto._meta.label_lower}-{self.objeto.pk}"


Proveedor = Callable[[FiltroPlazos], Iterable[Plazo]]
_registro: dict[str, tuple[TipoDePlazo, Proveedor]] = {}


def registrar(tipo: TipoDePlazo, proveedor: Proveedor) -> None:
    _registro[tipo.codigo] = (tipo, proveedor)


def tipos_registrados() -> list[TipoDePlazo]:
    return [tipo for tipo, _proveedor in _registro.values()]


def tipos_configurados() -> dict:
    """TipoPlazo rows for every registered kind, created with the declared defaults when missing."""
    from .models import TipoPlazo

    existentes = {t.codigo: t for t in TipoPlazo.objects.filter(codigo__in=_registro)}
    for codigo, (tipo, _proveedor) in _registro.items():
        if codigo not in existentes:
            existentes[codigo], _ = TipoPlazo.objects.get_or_create(
                codigo=codigo,
                defaults={
                    "nombre": tipo.nombre,
                    "dias_habiles": tipo.dias_habiles,
                    "umbrales": list(tipo.umbrales),
                    "avisar_el_dia": tipo.avisar_el_dia,
                    "repetir_vencido_cada": tipo.repetir_vencido_cada,
                    "dias_alerta": tipo.dias_alerta,
                },
            )
    return existentes


def dias_restantes(configuracion, fecha: date, hoy: date) -> int:
    """Days from today to the deadline (negative when overdue), in business or calendar days."""
    return dias_habiles_entre(hoy, fecha) if configuracion.dias_habiles else (fecha - hoy).days


def umbral_vigente(configuracion, fecha: date, hoy: date) -> str | None:
    """The threshold whose reminder is due today, or None.

    Before the deadline, the most urgent threshold reached ("-5" once 5 or fewer days remain); a sweep that
    missed days sends only that one, never an older, less urgent one. On the day: "0". Overdue: "+1" the day
    after, then every `repetir_vencido_cada` days ("+6", "+11"...).
    """
    restantes = dias_restantes(configuracion, fecha, hoy)
    if restantes > 0:
        alcanzados = [u for u in configuracion.umbrales if restantes <= u]
        return f"-{min(alcanzados)}" if alcanzados else None
    if fecha == hoy:
        return "0" if configuracion.avisar_el_dia else None
    vencido = max(-restantes, 1)  # a deadline on a holiday is overdue the next day even with 0 business days
    cada = configuracion.repetir_vencido_cada
    if not cada:
        return "+1"
    return f"+{1 + cada * ((vencido - 1) // cada)}"


SEMAFORO = {"rojo": _("Vencido"), "amarillo": _("Próximo a vencer"), "verde": _("A tiempo")}


@dataclass(frozen=True)
class PlazoEnCurso:
    """A deadline with its computed status, for lists, the home page, the calendar and reports."""

    plazo: Plazo
    tipo_nombre: str
    restantes: int
    dias_habiles: bool
    semaforo: str

    @property
    def semaforo_display(self) -> str:
        return SEMAFORO[self.semaforo]

    @property
    def dias_vencido(self) -> int:
        return max(-self.restantes, 0)


def plazos_en_curso(
    *,
    filtro: FiltroPlazos = FiltroPlazos(),
    tipos: Iterable[str] | None = None,
    hoy: date | None = None,
    configuracion: dict | None = None,
) -> list[PlazoEnCurso]:
    """Every open deadline matching the filter, soonest first, with its traffic light."""
    hoy = hoy or timezone.localdate()
    configuracion = configuracion or tipos_configurados()
    resultado = []
    for codigo, (_tipo, proveedor) in _registro.items():
        if tipos is not None and codigo not in tipos:
            continue
        conf = configuracion[codigo]
        for plazo in proveedor(filtro):
            restantes = dias_restantes(conf, plazo.fecha, hoy)
            if plazo.fecha < hoy:
                semaforo = "rojo"
            elif restantes <= conf.dias_alerta:
                semaforo = "amarillo"
            else:
                semaforo = "verde"
            resultado.append(PlazoEnCurso(plazo, conf.nombre, restantes, conf.dias_habiles, semaforo))
    return sorted(resultado, key=lambda p: (p.plazo.fecha, p.plazo.titulo))


def filtro_para(usuario, alcance: str) -> FiltroPlazos | None:
    """The filter for "mios" (responsible), "dependencia" (Jefe and up) or "todos" (Planeación, Control,
    Administrador); None when the user may not use that scope."""
    if alcance == "mios":
        return FiltroPlazos(responsable_id=usuario.pk)
    if (
        alcance == "dependencia"
        and usuario.dependencia_id
        and (usuario.ve_todas_las_dependencias or usuario.tiene_rol("Jefe de oficina"))
    ):
        return FiltroPlazos(dependencia_ids=frozenset({usuario.dependencia_id}))
    if alcance == "todos" and usuario.ve_todas_las_dependencias:
        return FiltroPlazos()
    return None


@dataclass
class ResultadoBarrido:
    revisados: int = 0
    enviados: int = 0
    ya_enviados: int = 0
    notificaciones: int = 0


def barrer(*, hoy: date | None = None) -> ResultadoBarrido:
    """Send every reminder due today, once: the unique RecordatorioEnviado row is the lock.

    Safe to run twice, or twice at the same time: the second insert of a (record, kind, threshold, date)
    fails and that reminder is skipped.
    """
    from .services import notificar

    hoy = hoy or timezone.localdate()
    resultado = ResultadoBarrido()
    configuracion = tipos_configurados()
    for en_curso in plazos_en_curso(hoy=hoy, configuracion=configuracion):
        plazo = en_curso.plazo
        resultado.revisados += 1
        conf = configuracion[plazo.tipo]
        umbral = umbral_vigente(conf, plazo.fecha, hoy)
        if umbral is None:
            continue
        destinatarios = list({u.pk: u for u in (*plazo.responsables, *plazo.avisar_tambien) if u.is_active}.values())
        try:
            with transaction.atomic():
                from .models import RecordatorioEnviado

                recordatorio = RecordatorioEnviado.objects.create(
                    content_type=ContentType.objects.get_for_model(plazo.objeto),
                    object_id=plazo.objeto.pk,
                    tipo=conf,
                    umbral=umbral,
                    fecha_plazo=plazo.fecha,
                    titulo=plazo.titulo[:300],
                )
                recordatorio.destinatarios.set(destinatarios)
                titulo = _titulo_recordatorio(en_curso, umbral)
                for usuario in destinatarios:
                    notificar(
                        usuario=usuario,
                        titulo=titulo,
                        mensaje=plazo.detalle or plazo.titulo,
                        url=plazo.url,
                        recordatorio=recordatorio,
                    )
        except IntegrityError:
            resultado.ya_enviados += 1
            continue
        resultado.enviados += 1
        resultado.notificaciones += len(destinatarios)
    return resultado


def _titulo_recordatorio(en_curso: PlazoEnCurso, umbral: str) -> str:
    plazo = en_curso.plazo
    unidad = _("días hábiles") if en_curso.dias_habiles else _("días")
    fecha = plazo.fecha.strftime("%d/%m/%Y")
    if umbral == "0":
        cuando = _("vence hoy")
    elif umbral.startswith("+"):
        cuando = _("venció el %(fecha)s (hace %(n)s %(unidad)s)") % {
            "fecha": fecha,
            "n": -en_curso.restantes or 1,
            "unidad": unidad,
        }
    else:
        cuando = _("vence el %(fecha)s (faltan %(n)s %(unidad)s)") % {
            "fecha": fecha,
            "n": en_curso.restantes,
            "unidad": unidad,
        }
    return f"{en_curso.tipo_nombre}: {plazo.titulo} — {cuando}"[:200]

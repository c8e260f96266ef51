"""The deadline engine: apps declare kinds of deadline and providers; the core keeps them, reminds, lists and exports.

An app registers, in its AppConfig.ready():

    plazos.registrar(
        TipoDePlazo(codigo="respuesta_oit", nombre="Respuesta a la OIT"),
        proveedor,
        modelo=CasoOIT,                                   # the record the deadline belongs to
        depende_de={Proyecto: "proyecto"},                # other models whose changes move it (path from modelo)
    )

where `proveedor(ids: set[int] | None) -> Iterable[Plazo]` yields the deadlines still open (not met) of the records
with those primary keys (of all records when None), with a constant number of queries.

The engine keeps one `PlazoAbierto` row per open deadline: whenever a record of `modelo` or of a `depende_de` model
is saved or deleted, the deadlines of the records concerned are computed again by the provider and stored. Every
reader — the home page, the deadline list, the calendar feed, the reports, the reminder sweep — filters, orders and
pages that table in the database, and counts business days on the precomputed calendar (calendario.py), so its
cost does not depend on how many deadlines exist in total. `reconstruir()` recomputes everything (nightly, and
after a bulk load that skipped signals). Thresholds live in the TipoPlazo table, editable by the Administrador.
"""

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, Model, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import salidas
from .calendario import dias_habiles_entre, sumar_dias_habiles
from .models import Dependencia, Notificacion, PlazoAbierto, RecordatorioEnviado, TipoPlazo, Usuario

LOTE = 500  # rows written per statement when keeping the table
LOTE_BARRIDO = 10000  # deadlines read per batch by the sweep: one or two batches for any office's volume


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
class Plazo:
    """What a provider yields for one open deadline."""

    tipo: str
    objeto: Model
    fecha: date
    titulo: str
    url: str
    responsables: tuple[Usuario | None, ...] = ()
    dependencia: Dependencia | None = None
    detalle: str = ""
    avisar_tambien: tuple[Usuario | None, ...] = field(default=())  # e.g. the Jefe: reminded, but not "responsible"
    hora: time | None = None  # a deadline at a time of day (a call closing at 17:00)
    otra_dependencia: Dependencia | None = None  # a second dependencia that answers for it (the call's, for a project)


Proveedor = Callable[[set[int] | None], Iterable[Plazo]]


@dataclass(frozen=True)
class Registro:
    tipo: TipoDePlazo
    proveedor: Proveedor
    modelo: type[Model]
    depende_de: dict[type[Any], str]


_registro: dict[str, Registro] = {}


def registrar(
    tipo: TipoDePlazo, proveedor: Proveedor, *, modelo: type[Model], depende_de: Mapping[type[Any], str] | None = None
) -> None:
    """Declare a kind of deadline, its provider, and the models whose changes move it."""
    registro = Registro(tipo, proveedor, modelo, dict(depende_de or {}))
    _registro[tipo.codigo] = registro
    for origen, ruta in ((modelo, ""), *registro.depende_de.items()):
        receptor = _receptor(tipo.codigo, ruta)
        uid = f"plazos:{tipo.codigo}:{origen._meta.label}"
        post_save.connect(receptor, sender=origen, weak=False, dispatch_uid=uid)
        post_delete.connect(receptor, sender=origen, weak=False, dispatch_uid=uid + ":borrado")


def desregistrar(codigo: str) -> None:
    """For tests that register a kind of their own."""
    registro = _registro.pop(codigo, None)
    if registro is None:
        return
    for origen, _ruta in ((registro.modelo, ""), *registro.depende_de.items()):
        uid = f"plazos:{codigo}:{origen._meta.label}"
        post_save.disconnect(sender=origen, dispatch_uid=uid)
        post_delete.disconnect(sender=origen, dispatch_uid=uid + ":borrado")


def tipos_registrados() -> list[TipoDePlazo]:
    return [r.tipo for r in _registro.values()]


def _receptor(codigo: str, ruta: str) -> Callable[..., None]:
    def al_cambiar(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
        if raw or codigo not in _registro:
            return
        if not ruta:
            ids = {instance.pk}
        else:
            modelo = _registro[codigo].modelo
            ids = set(modelo._base_manager.filter(**{ruta: instance.pk}).values_list("pk", flat=True))
        if ids:
            sincronizar(codigo, ids)

    return al_cambiar


# Keeping the table ---------------------------------------------------------------------------------


def _firma(tipo: str, ct_id: int, plazo: Plazo) -> tuple[object, ...]:
    responsables = tuple(sorted({u.pk for u in plazo.responsables if u is not None}))
    avisados = tuple(sorted({u.pk for u in plazo.avisar_tambien if u is not None}))
    return (
        plazo.fecha,
        plazo.hora,
        str(plazo.titulo)[:300],
        str(plazo.detalle or "")[:500],
        str(plazo.url)[:500],
        getattr(plazo.dependencia, "pk", None),
        getattr(plazo.otra_dependencia, "pk", None),
        responsables,
        avisados,
    )


def _firma_de_fila(
    fila: PlazoAbierto, responsables: dict[int, list[int]], avisados: dict[int, list[int]]
) -> tuple[object, ...]:
    return (
        fila.fecha,
        fila.hora,
        fila.titulo,
        fila.detalle,
        fila.url,
        fila.dependencia_id,
        fila.dependencia_otra_id,
        tuple(sorted(responsables.get(fila.pk, ()))),
        tuple(sorted(avisados.get(fila.pk, ()))),
    )


def _guardar_lote(codigo: str, ct: ContentType, deseados: dict[int, Plazo], ids_revisados: set[int] | None) -> int:
    """Make the table hold exactly `deseados` for the objects in `ids_revisados` (all objects of the kind if None).

    Returns how many rows were written (created, replaced or deleted); unchanged rows are not touched.
    """
    existentes_q = PlazoAbierto.objects.filter(tipo=codigo, content_type=ct)
    if ids_revisados is not None:
        existentes_q = existentes_q.filter(object_id__in=ids_revisados)
    existentes = {f.object_id: f for f in existentes_q}
    responsables: dict[int, list[int]] = {}
    avisados: dict[int, list[int]] = {}
    if existentes:
        pks = [f.pk for f in existentes.values()]
        for plazo_id, usuario_id in PlazoAbierto.responsables.through.objects.filter(
            plazoabierto_id__in=pks
        ).values_list("plazoabierto_id", "usuario_id"):
            responsables.setdefault(plazo_id, []).append(usuario_id)
        for plazo_id, usuario_id in PlazoAbierto.avisados.through.objects.filter(plazoabierto_id__in=pks).values_list(
            "plazoabierto_id", "usuario_id"
        ):
            avisados.setdefault(plazo_id, []).append(usuario_id)
    borrar = [f.pk for oid, f in existentes.items() if oid not in deseados]
    nuevos = []
    for oid, plazo in deseados.items():
        fila = existentes.get(oid)
        if fila is not None and _firma_de_fila(fila, responsables, avisados) == _firma(codigo, ct.pk, plazo):
            continue
        if fila is not None:
            borrar.append(fila.pk)
        nuevos.append(plazo)
    if borrar:
        PlazoAbierto.objects.filter(pk__in=borrar).delete()
    if nuevos:
        filas = PlazoAbierto.objects.bulk_create(
            [
                PlazoAbierto(
                    tipo=codigo,
                    content_type=ct,
                    object_id=p.objeto.pk,
                    fecha=p.fecha,
                    hora=p.hora,
                    titulo=str(p.titulo)[:300],
                    detalle=str(p.detalle or "")[:500],
                    url=str(p.url)[:500],
                    dependencia_id=getattr(p.dependencia, "pk", None),
                    dependencia_otra_id=getattr(p.otra_dependencia, "pk", None),
                )
                for p in nuevos
            ]
        )
        Responsable = PlazoAbierto.responsables.through
        Avisado = PlazoAbierto.avisados.through
        Responsable.objects.bulk_create(
            [
                Responsable(plazoabierto_id=fila.pk, usuario_id=uid)
                for fila, p in zip(filas, nuevos, strict=True)
                for uid in {u.pk for u in p.responsables if u is not None}
            ]
        )
        Avisado.objects.bulk_create(
            [
                Avisado(plazoabierto_id=fila.pk, usuario_id=uid)
                for fila, p in zip(filas, nuevos, strict=True)
                for uid in {u.pk for u in p.avisar_tambien if u is not None}
            ]
        )
    return len(borrar) + len(nuevos)


def sincronizar(codigo: str, ids: Iterable[int] | None = None) -> int:
    """Compute again the deadlines of one kind for these records (all when None) and store them."""
    registro = _registro[codigo]
    ct = ContentType.objects.get_for_model(registro.modelo)
    escritas = 0
    with transaction.atomic():
        if ids is not None:
            ids = set(ids)
            deseados = {p.objeto.pk: p for p in registro.proveedor(ids) if p.objeto.pk in ids}
            return _guardar_lote(codigo, ct, deseados, ids)
        vistos: set[int] = set()
        lote: dict[int, Plazo] = {}
        for plazo in registro.proveedor(None):
            lote[plazo.objeto.pk] = plazo
            if len(lote) >= LOTE:
                escritas += _guardar_lote(codigo, ct, lote, set(lote))
                vistos.update(lote)
                lote = {}
        escritas += _guardar_lote(codigo, ct, lote, set(lote))
        vistos.update(lote)
        sobrantes = PlazoAbierto.objects.filter(tipo=codigo, content_type=ct).exclude(object_id__in=vistos)
        if len(vistos) > 20000:  # avoid a huge NOT IN: compare in Python
            ids_sobrantes = [
                pk
                for pk, oid in PlazoAbierto.objects.filter(tipo=codigo, content_type=ct).values_list("pk", "object_id")
                if oid not in vistos
            ]
            borrados, _detalle = PlazoAbierto.objects.filter(pk__in=ids_sobrantes).delete()
        else:
            borrados, _detalle = sobrantes.delete()
        escritas += borrados
    return escritas


def reconstruir(codigos: Iterable[str] | None = None) -> dict[str, int]:
    """Recompute every kind from scratch (nightly, and after bulk loads that skip signals)."""
    return {codigo: sincronizar(codigo) for codigo in (codigos or list(_registro))}


# Configuration and status -------------------------------------------------------------------------


def tipos_configurados() -> dict[str, TipoPlazo]:
    """TipoPlazo rows for every registered kind, created with the declared defaults when missing."""
    existentes = {t.codigo: t for t in TipoPlazo.objects.filter(codigo__in=_registro)}
    for codigo, registro in _registro.items():
        if codigo not in existentes:
            tipo = registro.tipo
            existentes[codigo], _creado = TipoPlazo.objects.get_or_create(
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


def dias_restantes(configuracion: TipoPlazo, fecha: date, hoy: date) -> int:
    """Days from today to the deadline (negative when overdue), in business or calendar days."""
    return dias_habiles_entre(hoy, fecha) if configuracion.dias_habiles else (fecha - hoy).days


def umbral_vigente(configuracion: TipoPlazo, fecha: date, hoy: date) -> str | None:
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


def ultimo_dia_amarillo(configuracion: TipoPlazo, hoy: date) -> date:
    """The last date whose deadline shows yellow today: `dias_alerta` or fewer days left."""
    if configuracion.dias_habiles:
        return sumar_dias_habiles(hoy, configuracion.dias_alerta + 1) - timedelta(days=1)
    return hoy + timedelta(days=configuracion.dias_alerta)


def primer_dia_de_aviso(configuracion: TipoPlazo, hoy: date) -> date:
    """The farthest deadline that may have a reminder due today (the largest threshold)."""
    mayor = max([*configuracion.umbrales, 0])
    if configuracion.dias_habiles:
        return sumar_dias_habiles(hoy, mayor + 1) - timedelta(days=1)
    return hoy + timedelta(days=mayor)


SEMAFORO = {
    "rojo": gettext_lazy("Vencido"),
    "amarillo": gettext_lazy("Próximo a vencer"),
    "verde": gettext_lazy("A tiempo"),
}


def q_semaforo(semaforo: str, configuracion: dict[str, TipoPlazo], hoy: date) -> Q:
    """The deadlines with that traffic light today, as a database condition."""
    if semaforo == "rojo":
        return Q(fecha__lt=hoy)
    condicion = Q(pk__in=[])
    for codigo, conf in configuracion.items():
        limite = ultimo_dia_amarillo(conf, hoy)
        if semaforo == "amarillo":
            condicion |= Q(tipo=codigo, fecha__gte=hoy, fecha__lte=limite)
        else:
            condicion |= Q(tipo=codigo, fecha__gt=limite)
    return condicion


@dataclass(frozen=True)
class PlazoEnCurso:
    """A stored deadline with its status today, for lists, the home page, the calendar and reports."""

    plazo: PlazoAbierto
    tipo_nombre: str
    dias_habiles: bool  # the unit its kind counts in (thresholds, traffic light)
    restantes_habiles: int
    restantes_calendario: int
    semaforo: str

    @property
    def restantes(self) -> int:
        return self.restantes_habiles if self.dias_habiles else self.restantes_calendario

    @property
    def semaforo_display(self) -> str:
        return str(SEMAFORO[self.semaforo])

    @property
    def dias_vencido(self) -> int:
        return max(-self.restantes, 0)

    @property
    def texto(self) -> str:
        """ "Faltan 3 días hábiles", "Vence hoy", "Vencido hace 2 días", in the kind's own unit."""
        if self.restantes_calendario == 0:
            return _("Vence hoy")
        n = abs(self.restantes)
        unidad = ngettext("día hábil", "días hábiles", n) if self.dias_habiles else ngettext("día", "días", n)
        if self.semaforo == "rojo":
            return _("Vencido hace %(n)s %(unidad)s") % {"n": n or 1, "unidad": unidad}
        return ngettext("Falta %(n)s %(unidad)s", "Faltan %(n)s %(unidad)s", n) % {"n": n, "unidad": unidad}


def estado(fila: PlazoAbierto, configuracion: dict[str, TipoPlazo], hoy: date) -> PlazoEnCurso:
    return _situacion(fila.tipo, fila.fecha, configuracion, hoy, fila)


def _situacion(tipo: str, fecha: date, configuracion: dict[str, TipoPlazo], hoy: date, plazo: Any) -> PlazoEnCurso:
    """The status of a deadline of `tipo` due on `fecha`; `plazo` is its row (a model, or its values in exports)."""
    conf = configuracion.get(tipo)
    habiles = dias_habiles_entre(hoy, fecha)
    calendario = (fecha - hoy).days
    if fecha < hoy:
        semaforo = "rojo"
    elif conf is not None and fecha <= ultimo_dia_amarillo(conf, hoy):
        semaforo = "amarillo"
    else:
        semaforo = "verde"
    return PlazoEnCurso(
        plazo=plazo,
        tipo_nombre=conf.nombre if conf else tipo,
        dias_habiles=conf.dias_habiles if conf else True,
        restantes_habiles=habiles,
        restantes_calendario=calendario,
        semaforo=semaforo,
    )


@dataclass(frozen=True)
class FiltroPlazos:
    """Whose deadlines (None: no restriction)."""

    responsable_id: int | None = None
    dependencia_ids: frozenset[int | None] | None = None  # a user without a dependencia matches none


def filtro_para(usuario: Usuario, alcance: str) -> FiltroPlazos | None:
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


def consulta(
    *,
    filtro: FiltroPlazos = FiltroPlazos(),
    tipos: Iterable[str] | None = None,
    semaforo: str = "",
    hoy: date | None = None,
    configuracion: dict[str, TipoPlazo] | None = None,
) -> QuerySet[PlazoAbierto]:
    """The stored open deadlines matching the filter, soonest first (a queryset: page it, count it)."""
    hoy = hoy or timezone.localdate()
    filas = PlazoAbierto.objects.filter(tipo__in=list(tipos) if tipos is not None else list(_registro))
    if filtro.responsable_id is not None:
        filas = filas.filter(responsables__id=filtro.responsable_id)
    if filtro.dependencia_ids is not None:
        filas = filas.filter(
            Q(dependencia_id__in=filtro.dependencia_ids) | Q(dependencia_otra_id__in=filtro.dependencia_ids)
        )
    if semaforo:
        filas = filas.filter(q_semaforo(semaforo, configuracion or tipos_configurados(), hoy))
    return filas.order_by("fecha", "hora", "pk")


def conteo_por_semaforo(
    filas: QuerySet[PlazoAbierto], *, hoy: date | None = None, configuracion: dict[str, TipoPlazo] | None = None
) -> dict[str, int]:
    """How many deadlines of a query have each traffic light, in one query."""
    hoy = hoy or timezone.localdate()
    configuracion = configuracion or tipos_configurados()
    return filas.order_by().aggregate(
        **{clave: Count("pk", filter=q_semaforo(clave, configuracion, hoy), distinct=True) for clave in SEMAFORO}
    )


def con_estado(
    filas: QuerySet[PlazoAbierto], *, hoy: date | None = None, configuracion: dict[str, TipoPlazo] | None = None
) -> list[PlazoEnCurso]:
    """The rows (a page: a few dozen) with their status; their responsables come in one more query."""
    hoy = hoy or timezone.localdate()
    configuracion = configuracion or tipos_configurados()
    return [estado(f, configuracion, hoy) for f in filas.select_related("dependencia").prefetch_related("responsables")]


def iterar(
    filas: QuerySet[PlazoAbierto],
    *,
    hoy: date | None = None,
    configuracion: dict[str, TipoPlazo] | None = None,
    lote: int = 2000,
) -> Iterator[PlazoEnCurso]:
    """Every row of a query with its status, streamed in chunks (reports, the calendar feed)."""
    hoy = hoy or timezone.localdate()
    configuracion = configuracion or tipos_configurados()
    for fila in filas.select_related("dependencia").prefetch_related("responsables").iterator(chunk_size=lote):
        yield estado(fila, configuracion, hoy)


def iterar_planos(
    filas: QuerySet[PlazoAbierto], *campos: str, hoy: date | None = None, lote: int = 2000
) -> Iterator[tuple[dict[str, Any], PlazoEnCurso]]:
    """Every row of a query as a dict of `campos` (plus pk, tipo, fecha, dependencia_id and the names of its
    responsables) with its status, chunk by chunk, without building model instances: for exports of many rows. The
    responsables of a chunk come in one query on the link table.

    The status depends only on the kind and the date, so it is computed once per (tipo, fecha) and shared by the
    rows that have them (its `plazo` is None: the row is the dict)."""
    hoy = hoy or timezone.localdate()
    configuracion = tipos_configurados()
    situaciones: dict[tuple[str, date], PlazoEnCurso] = {}
    enlace = PlazoAbierto.responsables.through
    valores = filas.values("pk", "tipo", "fecha", "dependencia_id", *campos).iterator(chunk_size=lote)
    while trozo := list(itertools.islice(valores, lote)):
        nombres: dict[int, list[str]] = {}
        for plazo_id, nombre, apellido, usuario in (
            enlace.objects.filter(plazoabierto_id__en_lote=[f["pk"] for f in trozo])
            .order_by("plazoabierto_id", "usuario_id")
            .values_list("plazoabierto_id", "usuario__first_name", "usuario__last_name", "usuario__username")
        ):
            nombres.setdefault(plazo_id, []).append(f"{nombre} {apellido}".strip() or usuario)
        for fila in trozo:
            fila["responsables"] = nombres.get(fila["pk"], [])
            clave = (fila["tipo"], fila["fecha"])
            situacion = situaciones.get(clave)
            if situacion is None:
                situacion = situaciones[clave] = _situacion(*clave, configuracion, hoy, None)
            yield fila, situacion


def plazos_en_curso(
    *, filtro: FiltroPlazos = FiltroPlazos(), tipos: Iterable[str] | None = None, hoy: date | None = None
) -> list[PlazoEnCurso]:
    """Every open deadline matching the filter with its status (for small sets: tests, one record's page)."""
    configuracion = tipos_configurados()
    return list(iterar(consulta(filtro=filtro, tipos=tipos, hoy=hoy), hoy=hoy, configuracion=configuracion))


def del_objeto(obj: Model, codigo: str, *, hoy: date | None = None) -> PlazoEnCurso | None:
    """The open deadline of one kind of a record, with its status (one record's page); None when there is none."""
    fila = (
        PlazoAbierto.objects.filter(tipo=codigo, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        .select_related("dependencia")
        .first()
    )
    return estado(fila, tipos_configurados(), hoy or timezone.localdate()) if fila else None


# The reminder sweep ---------------------------------------------------------------------------------


@dataclass
class ResultadoBarrido:
    revisados: int = 0
    enviados: int = 0
    ya_enviados: int = 0
    notificaciones: int = 0


def barrer(*, hoy: date | None = None) -> ResultadoBarrido:
    """Send every reminder due today, once: the unique RecordatorioEnviado row is the lock.

    Reads the candidates of every kind (deadlines within reach of a threshold, or overdue) in one query per batch of
    LOTE_BARRIDO, with a constant number of queries per batch; safe to run twice, or twice at the same time: a
    batch whose reminders another sweep inserted meanwhile is read again and finds them sent.
    """
    hoy = hoy or timezone.localdate()
    resultado = ResultadoBarrido()
    configuracion = tipos_configurados()
    alcance = Q(pk__in=[])
    for codigo, conf in configuracion.items():
        alcance |= Q(tipo=codigo, fecha__lte=primer_dia_de_aviso(conf, hoy))
    candidatos = PlazoAbierto.objects.filter(alcance).order_by("pk")
    ultimo = 0
    while True:
        lote = list(candidatos.filter(pk__gt=ultimo).prefetch_related("responsables", "avisados")[:LOTE_BARRIDO])
        if not lote:
            break
        ultimo = lote[-1].pk
        for _intento in range(3):
            try:
                _barrer_lote(lote, configuracion, hoy, resultado)
                break
            except IntegrityError:
                continue  # another sweep sent some of them meanwhile: read the batch's sent rows again
        if len(lote) < LOTE_BARRIDO:
            break
    return resultado


def _barrer_lote(
    lote: list[PlazoAbierto], configuracion: dict[str, TipoPlazo], hoy: date, resultado: ResultadoBarrido
) -> None:
    with transaction.atomic():
        vigentes = {f.pk: umbral_vigente(configuracion[f.tipo], f.fecha, hoy) for f in lote}
        umbrales = {pk: umbral for pk, umbral in vigentes.items() if umbral is not None}
        debidos = [f for f in lote if f.pk in umbrales]
        enviados = set(
            RecordatorioEnviado.objects.filter(
                object_id__in={f.object_id for f in debidos},
                fecha_plazo__in={f.fecha for f in debidos},
            ).values_list("tipo__codigo", "content_type_id", "object_id", "umbral", "fecha_plazo")
        )
        nuevos = []
        for fila in debidos:
            if (fila.tipo, fila.content_type_id, fila.object_id, umbrales[fila.pk], fila.fecha) in enviados:
                resultado.ya_enviados += 1
                continue
            nuevos.append(fila)
        recordatorios = RecordatorioEnviado.objects.bulk_create(
            [
                RecordatorioEnviado(
                    content_type_id=f.content_type_id,
                    object_id=f.object_id,
                    tipo=configuracion[f.tipo],
                    umbral=umbrales[f.pk],
                    fecha_plazo=f.fecha,
                    titulo=f.titulo[:300],
                )
                for f in nuevos
            ]
        )
        Destinatario = RecordatorioEnviado.destinatarios.through
        destinatarios_por_fila = {
            f.pk: [u for u in {u.pk: u for u in (*f.responsables.all(), *f.avisados.all())}.values() if u.is_active]
            for f in nuevos
        }
        Destinatario.objects.bulk_create(
            [
                Destinatario(recordatorioenviado_id=r.pk, usuario_id=u.pk)
                for r, f in zip(recordatorios, nuevos, strict=True)
                for u in destinatarios_por_fila[f.pk]
            ]
        )
        avisos = []
        for recordatorio, fila in zip(recordatorios, nuevos, strict=True):
            titulo = _titulo_recordatorio(estado(fila, configuracion, hoy), umbrales[fila.pk])
            for usuario in destinatarios_por_fila[fila.pk]:
                avisos.append(
                    Notificacion(
                        usuario=usuario,
                        titulo=titulo[:200],
                        mensaje=fila.detalle or fila.titulo,
                        url=fila.url,
                        recordatorio=recordatorio,
                    )
                )
        creadas = Notificacion.objects.bulk_create(avisos)
        inmediatas = [
            (n.pk,)
            for n in creadas
            if n.usuario.email and n.usuario.preferencia_correo == Usuario.Notificaciones.INMEDIATA
        ]
        if inmediatas:
            salidas.encolar_varios("core.correo_notificacion", inmediatas)
    resultado.revisados += len(lote)
    resultado.enviados += len(nuevos)
    resultado.notificaciones += len(avisos)


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

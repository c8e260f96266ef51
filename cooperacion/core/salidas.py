"""The outbox: every side effect (e-mail, report, letter) is a `Salida` row written in the same transaction as the
change that causes it, and carried out by a worker after commit.

- `encolar("convocatorias.enviar_oficio", convocatoria.pk, [ids])` inside the service's transaction. Nothing is
  published if the transaction rolls back; with the broker down the row simply waits.
- A Celery task (`tasks.procesar_salida`) claims the row with a compare-and-swap, runs the registered function and
  marks it done; transient errors (SMTP, network) are retried with back-off up to `max_intentos`, anything else
  marks the row failed at once, with its message, and it is never retried forever.
- `barrer()` runs every few minutes from beat: it publishes again what is still pending and takes back what a dead
  worker left half done. The registered functions are idempotent (they check their own "sent" state), so a repeat
  never sends twice.

Apps register their effects by name with `@efecto("app.nombre")`; services enqueue by that name and never import
tasks, so no import cycle is needed to send anything.
"""

import logging
import smtplib
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from celery import current_app
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from .models import Salida

logger = logging.getLogger(__name__)

Funcion = TypeVar("Funcion", bound=Callable[..., Any])

TAREA = "cooperacion.core.tasks.procesar_salida"
ERRORES_TRANSITORIOS: tuple[type[BaseException], ...] = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
    socket.timeout,
    TimeoutError,
    ConnectionError,
)
ESPERA_ANTES_DE_REPUBLICAR = timedelta(minutes=2)


@dataclass(frozen=True)
class Efecto:
    nombre: str
    funcion: Callable[..., object]
    max_intentos: int = 8
    limite: timedelta = timedelta(minutes=7)  # an EN_CURSO row older than this was left by a dead worker
    transitorios: tuple[type[BaseException], ...] = ERRORES_TRANSITORIOS


_efectos: dict[str, Efecto] = {}


def efecto(
    nombre: str,
    *,
    max_intentos: int = 8,
    limite: timedelta = timedelta(minutes=7),
    transitorios: tuple[type[BaseException], ...] | None = None,
) -> Callable[[Funcion], Funcion]:
    """Register an idempotent function as a side effect that services enqueue by `nombre`."""

    def registrar(funcion: Funcion) -> Funcion:
        _efectos[nombre] = Efecto(
            nombre, funcion, max_intentos, limite, ERRORES_TRANSITORIOS if transitorios is None else transitorios
        )
        return funcion

    return registrar


def registrado(nombre: str) -> Efecto | None:
    return _efectos.get(nombre)


def encolar(nombre: str, *argumentos: object) -> Salida:
    """Write the side effect in the current transaction; it is published after commit."""
    return encolar_varios(nombre, [argumentos])[0]


def encolar_varios(nombre: str, lista: Iterable[tuple[object, ...]]) -> list[Salida]:
    """Several effects of one kind in one insert (the reminder sweep enqueues a batch at a time)."""
    if nombre not in _efectos:
        raise LookupError(f"Efecto no registrado: {nombre}")
    salidas = Salida.objects.bulk_create([Salida(efecto=nombre, argumentos=list(args)) for args in lista])
    ids = [s.pk for s in salidas]  # PostgreSQL and SQLite ≥ 3.35 return the ids of a bulk insert
    transaction.on_commit(lambda: publicar(ids))
    return salidas


def publicar(ids: Iterable[int]) -> int:
    """Hand the rows to the workers; with the broker down they wait for the next sweep. Returns how many went."""
    tarea = current_app.tasks[TAREA]
    publicadas = 0
    for pk in ids:
        try:
            tarea.apply_async(args=(pk,))
        except (OperationalError, OSError):
            logger.warning("No se pudo publicar la salida %s: el broker no responde; la recoge el barrido.", pk)
            return publicadas
        publicadas += 1
    return publicadas


def _espera(intentos: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** max(intentos - 1, 0), 3600))


def procesar(salida_id: int) -> bool:
    """Claim the row, run its effect once and record the outcome. True when it is done."""
    ahora = timezone.now()
    tomadas = Salida.objects.filter(pk=salida_id, estado=Salida.Estado.PENDIENTE).update(
        estado=Salida.Estado.EN_CURSO, tomada_en=ahora, intentos=F("intentos") + 1
    )
    if not tomadas:
        return False  # done, failed, or another worker has it
    salida = Salida.objects.get(pk=salida_id)
    definicion = _efectos.get(salida.efecto)
    if definicion is None:
        _terminar(salida, Salida.Estado.FALLIDA, f"Efecto no registrado: {salida.efecto}")
        return False
    try:
        definicion.funcion(*salida.argumentos)
    except definicion.transitorios as error:
        if salida.intentos >= definicion.max_intentos:
            _terminar(salida, Salida.Estado.FALLIDA, _describir(error))
        else:
            Salida.objects.filter(pk=salida.pk).update(
                estado=Salida.Estado.PENDIENTE,
                proximo_intento_en=timezone.now() + _espera(salida.intentos),
                error=_describir(error),
            )
        logger.warning("Salida %s (%s) falló; intento %s.", salida.pk, salida.efecto, salida.intentos)
        return False
    except Exception as error:  # a permanent failure: recorded and shown, never retried by itself
        logger.exception("Salida %s (%s) falló sin remedio.", salida.pk, salida.efecto)
        _terminar(salida, Salida.Estado.FALLIDA, _describir(error))
        return False
    _terminar(salida, Salida.Estado.HECHA, "")
    return True


def _describir(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _terminar(salida: Salida, estado: str, error: str) -> None:
    campos: dict[str, object] = {"estado": estado, "error": error}
    if estado == Salida.Estado.HECHA:
        campos["hecha_en"] = timezone.now()
    Salida.objects.filter(pk=salida.pk).update(**campos)


def barrer(*, ahora: datetime | None = None) -> int:
    """Publish again what is due and take back what a dead worker left; returns how many were published."""
    ahora = ahora or timezone.now()
    for nombre, definicion in _efectos.items():
        Salida.objects.filter(
            efecto=nombre, estado=Salida.Estado.EN_CURSO, tomada_en__lt=ahora - definicion.limite
        ).update(estado=Salida.Estado.PENDIENTE, proximo_intento_en=ahora)
    ids = list(
        Salida.objects.filter(estado=Salida.Estado.PENDIENTE, proximo_intento_en__lte=ahora)
        .filter(Q(intentos__gt=0) | Q(creada_en__lte=ahora - ESPERA_ANTES_DE_REPUBLICAR))
        .order_by("proximo_intento_en", "pk")
        .values_list("pk", flat=True)[:5000]
    )
    return publicar(ids)


def pendientes_de(nombre: str, argumento_inicial: object) -> bool:
    """Whether an effect for this first argument is still waiting (e.g. a report still to be generated)."""
    return Salida.objects.filter(
        efecto=nombre, estado__in=[Salida.Estado.PENDIENTE, Salida.Estado.EN_CURSO], argumentos__0=argumento_inicial
    ).exists()

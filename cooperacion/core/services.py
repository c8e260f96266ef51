"""Writes of the core: transitions, notifications, and the one way to enqueue background work."""

import logging

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed
from kombu.exceptions import OperationalError

from . import permissions
from .models import Actor, Notificacion

logger = logging.getLogger(__name__)


class ErrorDeDominio(Exception):
    """A rule of the domain was not met; the message is safe to show to the user."""


def encolar(tarea, *args, **kwargs) -> None:
    """Send a Celery task after the current transaction commits.

    If the broker is down the write has already succeeded; the task is logged as lost
    and the periodic sweeps (which work from database state) catch up later.
    """

    def publicar():
        try:
            tarea.apply_async(args=args, kwargs=kwargs)
        except (OperationalError, OSError):
            logger.warning("No se pudo encolar %s: el broker no responde.", tarea.name, exc_info=True)

    transaction.on_commit(publicar)


def aplicar_transicion(obj, nombre: str, *, usuario, motivo: str = "", campos: tuple[str, ...] = ("estado",)):
    """Run the FSM transition `nombre` on `obj`, log who and why, and save. Call inside `transaction.atomic`."""
    metodo = getattr(obj, nombre)
    if not can_proceed(metodo):
        raise ErrorDeDominio("Esta acción no es posible en el estado actual del registro.")
    metodo(by=usuario, description=motivo or None)
    obj._history_user = usuario
    obj._change_reason = motivo[:100] if motivo else nombre
    obj.save(update_fields=list(campos))
    return obj


@transaction.atomic
def actor_desactivar(*, actor: Actor, usuario, motivo: str) -> Actor:
    """Retire an actor from the pickers, keeping every record that names it."""
    if not permissions.can_administrar_catalogos(usuario):
        raise ErrorDeDominio("Solo el Administrador puede desactivar actores.")
    if not motivo.strip():
        raise ErrorDeDominio("Indique el motivo de la desactivación.")
    return aplicar_transicion(actor, "desactivar", usuario=usuario, motivo=motivo.strip())


@transaction.atomic
def actor_reactivar(*, actor: Actor, usuario, motivo: str = "") -> Actor:
    """Offer an inactive actor again."""
    if not permissions.can_administrar_catalogos(usuario):
        raise ErrorDeDominio("Solo el Administrador puede reactivar actores.")
    return aplicar_transicion(actor, "reactivar", usuario=usuario, motivo=motivo.strip())


def notificar(*, usuario, titulo: str, mensaje: str = "", url: str = "") -> Notificacion:
    """Create an in-app notification; its e-mail copy goes out after commit when the user wants it at once."""
    notificacion = Notificacion.objects.create(usuario=usuario, titulo=titulo[:200], mensaje=mensaje, url=url)
    if usuario.email and usuario.preferencia_correo == usuario.Notificaciones.INMEDIATA:
        from .tasks import enviar_correo_notificacion

        encolar(enviar_correo_notificacion, notificacion.pk)
    return notificacion


def notificacion_marcar_leida(*, notificacion: Notificacion) -> Notificacion:
    if notificacion.leida_en is None:
        notificacion.leida_en = timezone.now()
        notificacion.save(update_fields=["leida_en"])
    return notificacion


def notificaciones_marcar_todas_leidas(*, usuario) -> int:
    """Mark every unread notification of the user as read; returns how many."""
    # Notifications carry no history, so a bulk update loses nothing.
    return Notificacion.objects.filter(usuario=usuario, leida_en__isnull=True).update(leida_en=timezone.now())

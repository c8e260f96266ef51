from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Protocol, Self, TypeVar

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

M = TypeVar("M", bound=models.Model)


class Persona(Protocol):
    """What a catalog reads of a signed-in user (organizacion.Usuario, which imports this module)."""

    @property
    def is_authenticated(self) -> Literal[True]: ...
    @property
    def is_active(self) -> bool: ...
    @property
    def is_superuser(self) -> bool: ...
    @property
    def roles(self) -> frozenset[str]: ...


class CatalogoQuerySet(models.QuerySet[M]):
    """Reference data: every member of staff may read it."""

    def visibles_para(self, usuario: Persona | AnonymousUser) -> Self:
        if usuario.is_authenticated and usuario.is_active and (usuario.roles or usuario.is_superuser):
            return self.all()
        return self.none()


class ConVersion(models.Model):
    """An editable record that counts its saves: a form carries the version it was read at, and a stale submit
    (another person saved in between) is refused with what changed (see versiones.py)."""

    revision = models.PositiveIntegerField("revisión del registro", default=1, editable=False)

    if TYPE_CHECKING:
        history: Any  # every versioned model keeps its HistoricalRecords (simple-history is untyped)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            self.revision = (self.revision or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
        super().save(*args, **kwargs)

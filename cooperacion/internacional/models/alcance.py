"""Who works on the international-relations records: the cooperation office and the other dependencias."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from cooperacion.core import roles

if TYPE_CHECKING:
    from cooperacion.core.tipos import UsuarioOAnonimo

# The dependencia that holds the cooperation office (OCRI in the seeds); it manages every need and agreement.
CODIGO_OFICINA_POR_DEFECTO = "1100"


def codigo_oficina() -> str:
    return getattr(settings, "CODIGO_OFICINA_COOPERACION", CODIGO_OFICINA_POR_DEFECTO)


def es_de_la_oficina(usuario: UsuarioOAnonimo, *nombres_de_rol: str) -> bool:
    """A Profesional or Jefe (or the given roles) of the cooperation office."""
    nombres_de_rol = nombres_de_rol or (roles.PROFESIONAL, roles.JEFE)
    return bool(
        usuario.is_authenticated
        and usuario.dependencia_id
        and usuario.tiene_rol(*nombres_de_rol)
        and usuario.dependencia is not None  # set when dependencia_id is: narrows the type, no query
        and usuario.dependencia.codigo == codigo_oficina()
    )


def filtro_de_alcance(usuario: UsuarioOAnonimo, *rutas: str) -> Q | None:
    """The rows a user sees: None = all (transversal roles and the office), Q(pk__in=[]) = none, else the rows whose
    dependencia (along any of `rutas`) is the user's."""
    if not (usuario.is_authenticated and usuario.is_active):
        return Q(pk__in=[])
    if usuario.ve_todas_las_dependencias or es_de_la_oficina(usuario):
        return None
    if usuario.dependencia_id and usuario.tiene_rol(roles.PROFESIONAL, roles.JEFE):
        condicion = Q()
        for ruta in rutas:
            condicion |= Q(**{ruta: usuario.dependencia_id})
        return condicion
    return Q(pk__in=[])


M = TypeVar("M", bound=models.Model)


class AlcanceQuerySet(models.QuerySet[M]):
    """Mixin for querysets: `visibles_para(usuario)` through the dependencia paths in `rutas_de_alcance`."""

    rutas_de_alcance: tuple[str, ...] = ("dependencia_id",)

    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        condicion = filtro_de_alcance(usuario, *self.rutas_de_alcance)
        if condicion is None:
            return self.all()
        consulta = self.filter(condicion)
        return consulta.distinct() if any("__" in r for r in self.rutas_de_alcance) else consulta

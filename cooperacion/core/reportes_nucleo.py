"""The core's own reports: the actor catalog and the quarterly deadlines-and-reminders report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import graficos, periodos, permissions, plazos, roles
from .errores import ErrorDeDominio
from .filters import ActorFilter
from .models import Actor, Dependencia, PlazoAbierto, RecordatorioEnviado, Usuario
from .reportes import Columna, Fila, Parametros, Reporte

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .tipos import UsuarioOAnonimo


class ActoresReporte(Reporte):
    codigo = "actores"
    titulo = _("Actores y cooperantes")
    descripcion = _("El catálogo de actores con los filtros de la lista.")
    columnas = (
        Columna(_("Nombre"), ancho=48),
        Columna(_("Sigla"), ancho=14),
        Columna(_("Tipo de actor"), ancho=28),
        Columna(_("Código IATI"), "entero", ancho=12),
        Columna(_("País"), ancho=18),
        Columna(_("Sitio web"), ancho=32),
        Columna(_("Contacto"), ancho=26),
        Columna(_("Correo"), ancho=28),
        Columna(_("Estado"), ancho=12),
    )

    def puede_generar(self, usuario: UsuarioOAnonimo) -> bool:
        return permissions.es_personal(usuario)

    def parametros(self, datos: Mapping[str, Any], usuario: Usuario | None) -> Parametros:
        filtro = ActorFilter(datos, queryset=Actor.objects.none())
        if not filtro.form.is_valid():
            raise ErrorDeDominio(_("Revise los filtros: hay valores que no existen."))
        return {clave: valor for clave, valor in filtro.form.cleaned_data.items() if valor}

    def _consulta(self, parametros: Parametros) -> QuerySet[Actor]:
        return ActorFilter(parametros, queryset=Actor.objects.order_by("nombre", "pk")).qs

    def total(self, parametros: Parametros, usuario: Usuario | None) -> int:
        return self._consulta(parametros).count()

    def filas(self, parametros: Parametros, usuario: Usuario | None) -> Iterator[Fila]:
        for actor in self._consulta(parametros).iterator(chunk_size=2000):
            yield (
                actor.nombre,
                actor.sigla,
                actor.get_tipo_display(),
                int(actor.tipo_iati) if actor.tipo_iati else None,
                actor.pais,
                actor.sitio_web,
                actor.contacto_nombre,
                actor.contacto_correo,
                actor.get_estado_display(),
            )

    def contexto(self, parametros: Parametros, usuario: Usuario | None) -> dict[str, Any]:
        por_tipo = Counter(dict(self._consulta(parametros).values_list("tipo").annotate(n=Count("pk")).order_by()))
        etiquetas = dict(Actor.Tipo.choices)
        datos = [(str(etiquetas[t]), n) for t, n in sorted(por_tipo.items(), key=lambda x: -x[1])]
        return {
            "parametros_display": [
                (_("Buscar") if k == "q" else _("Tipo") if k == "tipo" else _("Estado"), _mostrar_parametro(k, v))
                for k, v in parametros.items()
            ],
            "resumen": [(_("Actores"), sum(por_tipo.values()))],
            "graficos": [(_("Actores por tipo"), graficos.barras(str(_("Actores por tipo")), datos))] if datos else [],
        }


def _mostrar_parametro(clave: str, valor: Any) -> object:
    if clave == "tipo":
        return dict(Actor.Tipo.choices).get(valor, valor)
    if clave == "estado":
        return dict(Actor.Estado.choices).get(valor, valor)
    return valor


class ReporteTrimestral(Reporte):
    """A quarterly report: parameter "periodo" (AAAA-T#, default the current quarter), generated at each cut-off,
    asked for by the Jefe (their dependencia) and the roles that see every dependencia."""

    trimestral = True

    def puede_generar(self, usuario: UsuarioOAnonimo) -> bool:
        return usuario.is_authenticated and (usuario.ve_todas_las_dependencias or usuario.tiene_rol(roles.JEFE))

    def parametros(self, datos: Mapping[str, Any], usuario: Usuario | None) -> Parametros:
        texto = (datos.get("periodo") or "").strip()
        if not texto:
            texto = periodos.periodo(*periodos.trimestre_de(timezone.localdate()))
        if periodos.leer_periodo(texto) is None:
            raise ErrorDeDominio(_("El periodo debe tener la forma AAAA-T#, por ejemplo 2026-T3."))
        return {"periodo": texto}

    def titulo_con(self, parametros: Parametros) -> StrOrPromise:
        return f"{self.titulo} {parametros['periodo']}"


class PlazosReporte(ReporteTrimestral):
    codigo = "plazos"
    titulo = _("Plazos y recordatorios")
    descripcion = _(
        "Los plazos abiertos de todas las áreas con su semáforo y los recordatorios enviados en el trimestre."
    )
    codigo_documento = "COOP-RP-01"
    columnas = (
        Columna(_("Fecha límite"), "fecha", ancho=13),
        Columna(_("Días calendario"), "entero", ancho=10),
        Columna(_("Días hábiles"), "entero", ancho=10),
        Columna(_("Semáforo"), ancho=16),
        Columna(_("Tipo de plazo"), ancho=26),
        Columna(_("Plazo"), ancho=50),
        Columna(_("Dependencia"), ancho=34),
        Columna(_("Responsables"), ancho=30),
        Columna(_("Recordatorios en el trimestre"), "entero", ancho=14),
    )

    def _filtro(self, usuario: Usuario | None) -> plazos.FiltroPlazos:
        if usuario is None or usuario.ve_todas_las_dependencias:
            return plazos.FiltroPlazos()
        return plazos.FiltroPlazos(dependencia_ids=frozenset({usuario.dependencia_id}))

    def _recordatorios(self, parametros: Parametros) -> QuerySet[RecordatorioEnviado]:
        inicio, fin = periodos.limites(parametros["periodo"])
        return RecordatorioEnviado.objects.filter(enviado_en__gte=inicio, enviado_en__lt=fin)

    def _consulta(self, parametros: Parametros, usuario: Usuario | None) -> QuerySet[PlazoAbierto]:
        enviados = (
            self._recordatorios(parametros)
            .filter(
                content_type_id=OuterRef("content_type_id"),
                object_id=OuterRef("object_id"),
                tipo__codigo=OuterRef("tipo"),
            )
            .order_by()
            .values("object_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return plazos.consulta(filtro=self._filtro(usuario)).annotate(
            recordatorios=Coalesce(Subquery(enviados, output_field=IntegerField()), 0)
        )

    def total(self, parametros: Parametros, usuario: Usuario | None) -> int:
        return plazos.consulta(filtro=self._filtro(usuario)).count()

    def filas(self, parametros: Parametros, usuario: Usuario | None) -> Iterator[Fila]:
        # Plain values, not model instances: labels and dependencias are read once, not per row.
        semaforos = {clave: str(etiqueta) for clave, etiqueta in plazos.SEMAFORO.items()}
        dependencias = {d.pk: str(d) for d in Dependencia.objects.all()}
        tipos: dict[str, str] = {}
        for fila, item in plazos.iterar_planos(self._consulta(parametros, usuario), "titulo", "recordatorios"):
            yield (
                fila["fecha"],
                item.restantes_calendario,
                item.restantes_habiles,
                semaforos[item.semaforo],
                tipos.setdefault(fila["tipo"], str(item.tipo_nombre)),
                fila["titulo"],
                dependencias.get(fila["dependencia_id"], ""),
                ", ".join(fila["responsables"]),
                fila["recordatorios"],
            )

    def contexto(self, parametros: Parametros, usuario: Usuario | None) -> dict[str, Any]:
        conteo = plazos.conteo_por_semaforo(plazos.consulta(filtro=self._filtro(usuario)))
        por_tipo = list(
            self._recordatorios(parametros).values_list("tipo__nombre").annotate(n=Count("pk")).order_by("-n")
        )
        graficas = []
        if any(conteo.values()):
            datos = [(str(plazos.SEMAFORO[clave]), conteo[clave]) for clave in plazos.SEMAFORO]
            graficas.append(
                (
                    _("Plazos abiertos por semáforo"),
                    graficos.barras(str(_("Plazos abiertos por semáforo")), datos, colores=graficos.COLORES_SEMAFORO),
                )
            )
        if por_tipo:
            graficas.append(
                (
                    _("Recordatorios enviados por tipo"),
                    graficos.barras(str(_("Recordatorios enviados por tipo")), por_tipo),
                )
            )
        return {
            "parametros_display": [(_("Periodo"), parametros["periodo"])],
            "resumen": [
                (_("Plazos abiertos"), sum(conteo.values())),
                (_("Vencidos"), conteo["rojo"]),
                (_("Próximos a vencer"), conteo["amarillo"]),
                (_("Recordatorios enviados"), sum(n for _t, n in por_tipo)),
            ],
            "graficos": graficas,
        }

"""Writes on the strategy of a year: create, edit, publish, withdraw, copy to a new year, and the MURC checklist."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import fechas
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import ODS, Usuario
from cooperacion.core.services import aplicar_transicion
from cooperacion.core.tipos import historia

from .. import permissions
from ..models import (
    AccionRendicion,
    Elemento,
    ElementoEstrategia,
    Estrategia,
    Etapa,
    EtapaMURC,
    MetricaDefinida,
    ObjetivoEstrategico,
    ResponsableAccion,
)
from .comun import fecha_en_ventana, guardar, mover_de_anio, texto, texto_requerido, validar

CAMPOS_DE_TEXTO = (
    "titulo",
    "entidad",
    "version_documento",
    "plan",
    "componente",
    "introduccion",
    "marco_normativo",
    "nota_pie",
    "elementos_introduccion",
    "enfoque_titulo",
    "enfoque",
    "estrategia_introduccion",
    "seguimiento_texto",
)
CAMPOS_DE_ELEMENTO = ("definicion", "descripcion", "introduccion_acciones")


def _exigir_gestion(usuario: Usuario) -> None:
    if not permissions.gestiona_la_estrategia(usuario):
        raise ErrorDeDominio(_("Solo Planeación o el Administrador modifican la estrategia de rendición de cuentas."))


def _guardar_objetivos(estrategia: Estrategia, objetivos: Sequence[str], usuario: Usuario) -> None:
    limpios = [o.strip() for o in objetivos if o and o.strip()]
    existentes = {o.numero: o for o in estrategia.objetivos.all()}
    for numero, valor in enumerate(limpios, start=1):
        objetivo = existentes.pop(numero, None)
        if objetivo is None:
            objetivo = ObjetivoEstrategico(estrategia=estrategia, numero=numero, texto=valor)
            guardar(objetivo, usuario)
        elif objetivo.texto != valor:
            objetivo.texto = valor
            guardar(objetivo, usuario, ["texto"])
    for sobrante in existentes.values():
        historia(sobrante)._history_user = usuario
        sobrante.delete()


def _guardar_elementos(estrategia: Estrategia, elementos: dict[str, dict[str, Any]], usuario: Usuario) -> None:
    existentes = {e.clave: e for e in estrategia.elementos.all()}
    for clave in Elemento.values:
        datos = elementos.get(clave, {})
        elemento = existentes.get(clave)
        if elemento is None:
            elemento = ElementoEstrategia(estrategia=estrategia, clave=clave)
            for campo in CAMPOS_DE_ELEMENTO:
                setattr(elemento, campo, texto(datos.get(campo, "")))
            guardar(elemento, usuario)
            continue
        cambios = [c for c in CAMPOS_DE_ELEMENTO if c in datos and getattr(elemento, c) != texto(datos[c])]
        for campo in cambios:
            setattr(elemento, campo, texto(datos[campo]))
        if cambios:
            guardar(elemento, usuario, cambios)


def _crear_etapas(estrategia: Estrategia, usuario: Usuario, fechas_de: dict[str, Any] | None = None) -> None:
    for etapa in Etapa.values:
        inicio, fin = (fechas_de or {}).get(etapa, (None, None))
        guardar(EtapaMURC(estrategia=estrategia, etapa=etapa, fecha_inicio=inicio, fecha_fin=fin), usuario)


@transaction.atomic
def estrategia_crear(
    *,
    usuario: Usuario,
    anio: int,
    titulo: str,
    introduccion: str,
    entidad: str = "",
    objetivos: Sequence[str] = (),
    elementos: dict[str, dict[str, Any]] | None = None,
    ods: Iterable[ODS] = (),
    **textos: Any,
) -> Estrategia:
    """A new strategy for a year, in formulation, with its objectives, the three elements and the five MURC stages."""
    _exigir_gestion(usuario)
    desconocidos = set(textos) - set(CAMPOS_DE_TEXTO)
    if desconocidos:
        raise TypeError(f"Campos desconocidos: {', '.join(sorted(desconocidos))}")
    if Estrategia.objects.filter(anio=anio).exists():
        raise ErrorDeDominio(_("Ya existe la estrategia de %(anio)s.") % {"anio": anio})
    estrategia = Estrategia(
        anio=anio,
        titulo=texto_requerido(titulo, _("Escriba el título de la estrategia.")),
        introduccion=texto_requerido(introduccion, _("Escriba el marco de la estrategia.")),
        entidad=texto(entidad) or settings.ENTIDAD_NOMBRE,
        creada_por=usuario,
        **{campo: texto(valor) for campo, valor in textos.items()},
    )
    validar(estrategia)
    guardar(estrategia, usuario)
    estrategia.ods.set(ods)
    _guardar_objetivos(estrategia, list(objetivos), usuario)
    _guardar_elementos(estrategia, elementos or {}, usuario)
    _crear_etapas(estrategia, usuario)
    return estrategia


@transaction.atomic
def estrategia_editar(
    *,
    estrategia: Estrategia,
    usuario: Usuario,
    objetivos: Sequence[str] | None = None,
    elementos: dict[str, dict[str, Any]] | None = None,
    ods: Iterable[ODS] | None = None,
    **cambios: Any,
) -> Estrategia:
    """Change the texts, objectives, element descriptions and ODS of a strategy."""
    _exigir_gestion(usuario)
    desconocidos = set(cambios) - set(CAMPOS_DE_TEXTO)
    if desconocidos:
        raise TypeError(f"Campos no editables: {', '.join(sorted(desconocidos))}")
    campos = []
    for campo, valor in cambios.items():
        valor = texto(valor)
        if getattr(estrategia, campo) != valor:
            setattr(estrategia, campo, valor)
            campos.append(campo)
    texto_requerido(estrategia.titulo, _("Escriba el título de la estrategia."))
    texto_requerido(estrategia.introduccion, _("Escriba el marco de la estrategia."))
    if campos:
        validar(estrategia)
        guardar(estrategia, usuario, campos)
    if ods is not None:
        estrategia.ods.set(ods)
    if objetivos is not None:
        _guardar_objetivos(estrategia, objetivos, usuario)
    if elementos is not None:
        _guardar_elementos(estrategia, elementos, usuario)
    return estrategia


@transaction.atomic
def estrategia_publicar(*, estrategia: Estrategia, usuario: Usuario, motivo: str = "") -> Estrategia:
    """Put the strategy on the public transparency pages (it needs objectives and actions)."""
    _exigir_gestion(usuario)
    if not estrategia.objetivos.exists():
        raise ErrorDeDominio(_("La estrategia necesita al menos un objetivo estratégico para publicarse."))
    if not estrategia.acciones.exists():
        raise ErrorDeDominio(_("La estrategia necesita al menos una acción para publicarse."))
    estrategia.publicada_en = timezone.now()
    return aplicar_transicion(
        estrategia, "publicar", usuario=usuario, motivo=texto(motivo), campos=("estado", "publicada_en")
    )


@transaction.atomic
def estrategia_retirar(*, estrategia: Estrategia, usuario: Usuario, motivo: str) -> Estrategia:
    """Take the strategy off the public pages (its dialogue spaces and reports go with it) to correct it."""
    _exigir_gestion(usuario)
    motivo = texto_requerido(motivo, _("Indique por qué se retira la estrategia de las páginas públicas."))
    return aplicar_transicion(estrategia, "retirar", usuario=usuario, motivo=motivo)


@transaction.atomic
def estrategia_copiar(*, estrategia: Estrategia, usuario: Usuario, anio: int) -> Estrategia:
    """Start the strategy of a new year from this one, in one step: texts, objectives, elements, the MURC stages,
    the actions with their responsables and ODS (without their progress), the metric fields and the cut-off
    calendar, all dates moved to the new year. Dialogue spaces, questions and evaluations stay with their year."""
    _exigir_gestion(usuario)
    if anio is None:
        raise ErrorDeDominio(_("Indique el año de la nueva estrategia."))
    if Estrategia.objects.filter(anio=anio).exists():
        raise ErrorDeDominio(_("Ya existe la estrategia de %(anio)s.") % {"anio": anio})
    desplazamiento = anio - estrategia.anio
    fechas.exigir_en_ventana(date(anio, 12, 31), etiqueta=_("Año de la nueva estrategia"))
    titulo = estrategia.titulo.replace(str(estrategia.anio), str(anio))
    if titulo == estrategia.titulo:
        titulo = f"{estrategia.titulo} {anio}"
    nueva = Estrategia(
        anio=anio,
        titulo=titulo,
        copiada_de=estrategia,
        creada_por=usuario,
        **{campo: getattr(estrategia, campo) for campo in CAMPOS_DE_TEXTO if campo != "titulo"},
    )
    validar(nueva)
    guardar(nueva, usuario, motivo=_("Copia de la estrategia %(anio)s") % {"anio": estrategia.anio})
    nueva.ods.set(estrategia.ods.all())
    _guardar_objetivos(nueva, [o.texto for o in estrategia.objetivos.order_by("numero")], usuario)
    _guardar_elementos(
        nueva,
        {e.clave: {c: getattr(e, c) for c in CAMPOS_DE_ELEMENTO} for e in estrategia.elementos.all()},
        usuario,
    )
    _crear_etapas(
        nueva,
        usuario,
        {
            e.etapa: (mover_de_anio(e.fecha_inicio, desplazamiento), mover_de_anio(e.fecha_fin, desplazamiento))
            for e in estrategia.etapas.all()
        },
    )
    copias: dict[int, AccionRendicion] = {}
    originales = list(estrategia.acciones.order_by("elemento", "numero").prefetch_related("responsables", "ods"))
    for original in originales:
        copia = AccionRendicion(
            estrategia=nueva,
            elemento=original.elemento,
            numero=original.numero,
            texto=original.texto,
            entregable=original.entregable,
            responsable_texto=original.responsable_texto,
            fecha_inicio=mover_de_anio(original.fecha_inicio, desplazamiento),
            fecha_fin=mover_de_anio(original.fecha_fin, desplazamiento),
            copiada_de=original,
        )
        fecha_en_ventana(copia.fecha_inicio, _("Inicio de la acción %(c)s") % {"c": original.codigo})
        fecha_en_ventana(copia.fecha_fin, _("Terminación de la acción %(c)s") % {"c": original.codigo})
        guardar(copia, usuario, motivo=_("Copia de la estrategia %(anio)s") % {"anio": estrategia.anio})
        copia.ods.set(original.ods.all())
        for responsable in original.responsables.all():
            guardar(
                ResponsableAccion(
                    accion=copia,
                    dependencia_id=responsable.dependencia_id,
                    lidera=responsable.lidera,
                    orden=responsable.orden,
                ),
                usuario,
            )
        copias[original.pk] = copia
    for original in originales:
        if original.duplicado_de_id in copias:
            copia = copias[original.pk]
            copia.duplicado_de = copias[original.duplicado_de_id]
            guardar(copia, usuario, ["duplicado_de"])
    for definicion in estrategia.metricas.all():
        guardar(
            MetricaDefinida(
                estrategia=nueva,
                accion=copias.get(definicion.accion_id) if definicion.accion_id is not None else None,
                red=definicion.red,
                red_como_esta_escrita=definicion.red_como_esta_escrita,
                metrica=definicion.metrica,
                por_mes=definicion.por_mes,
                texto=definicion.texto,
                orden=definicion.orden,
            ),
            usuario,
        )
    from .seguimiento import corte_crear

    for corte in estrategia.cortes.order_by("fecha_corte"):
        corte_crear(
            usuario=usuario,
            estrategia=nueva,
            nombre=corte.nombre,
            fecha_corte=mover_de_anio(corte.fecha_corte, desplazamiento),
            exigir_rol=False,
        )
    return nueva


@transaction.atomic
def etapa_registrar(
    *,
    etapa: EtapaMURC,
    usuario: Usuario,
    fecha_inicio: date | None,
    fecha_fin: date | None,
    completada_en: date | None,
    observaciones: str = "",
) -> EtapaMURC:
    """Plan a MURC stage and tick it off (who completed it is recorded), or untick it."""
    _exigir_gestion(usuario)
    for valor, etiqueta in ((fecha_inicio, _("Inicio")), (fecha_fin, _("Fin")), (completada_en, _("Completada"))):
        fecha_en_ventana(valor, etiqueta)
    if fecha_inicio and fecha_fin and fecha_fin < fecha_inicio:
        raise ErrorDeDominio(_("El fin previsto no puede ser anterior al inicio."))
    if completada_en and completada_en > timezone.localdate():
        raise ErrorDeDominio(_("Una etapa no puede quedar completada en una fecha futura."))
    nuevos: dict[str, object] = {
        "fecha_inicio": fecha_inicio,
        "fecha_fin": fecha_fin,
        "completada_en": completada_en,
        "observaciones": texto(observaciones),
    }
    if completada_en and not etapa.completada_en:
        nuevos["completada_por"] = usuario
    elif not completada_en:
        nuevos["completada_por"] = None
    campos = [c for c, v in nuevos.items() if getattr(etapa, c) != v]
    for campo in campos:
        setattr(etapa, campo, nuevos[campo])
    if campos:
        guardar(etapa, usuario, campos)
    return etapa


def anio_libre_siguiente(estrategia: Estrategia) -> int:
    """The first year after this strategy's that has none yet (what «Copiar a un nuevo año» proposes)."""
    ocupados = set(Estrategia.objects.values_list("anio", flat=True))
    anio = estrategia.anio + 1
    while anio in ocupados:
        anio += 1
    return anio

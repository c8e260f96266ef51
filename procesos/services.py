"""Writes of process characterizations: drafting, the approval workflow, new versions and content sync."""

import re
import unicodedata
from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from cooperacion.core import roles
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Actor, Dependencia, PoliticaMIPG, Usuario
from cooperacion.core.services import aplicar_transicion, notificar, tarea_cumplida
from cooperacion.core.textos import resumir
from cooperacion.core.tipos import historia

from . import permissions
from .models import (
    Caracterizacion,
    ControlCambio,
    Documento,
    Etapa,
    FilaPHVA,
    Firma,
    ParteInteresada,
    PoliticaAsociada,
    Proceso,
    RequisitoLegal,
    Riesgo,
)
from .selectors import propuesta_control_cambios

M = TypeVar("M", bound=Model)

# Header and section fields a draft's editors may change (the workflow owns estado, fecha of approval, firmas).
CAMPOS_EDITABLES = (
    "version",
    "fecha",
    "entidad",
    "nombre",
    "tipologia",
    "responsable",
    "objetivo",
    "alcance",
    "rol_lineas_defensa",
    "mecanismos_seguimiento",
    "indicadores",
    "politicas_operacion",
    "productos_servicios",
    "nota_normatividad",
    "nota_documentos",
    "nota_riesgos",
    "nota_acciones",
    "nota_politicas",
    "recursos_humanos",
    "recursos_financieros",
    "recursos_tecnologicos",
    "recursos_infraestructura",
    "control_seccion",
    "control_cambio",
)
CAMPOS_COPIADOS = tuple(
    c for c in CAMPOS_EDITABLES if c not in ("version", "fecha", "control_seccion", "control_cambio")
)


def siguiente_version(version: str) -> str:
    """The next integer major version, as the office writes it: "12" → "13", "5.0" → "6.0", "09" → "10"."""
    coincidencia = re.fullmatch(r"\s*(?:[Vv]\.?\s*)?(\d+)(?:[.,](\d+))?\s*", version or "")
    if not coincidencia:
        raise ErrorDeDominio(f"No se puede calcular la versión siguiente de «{version}»: escriba la versión a mano.")
    mayor = str(int(coincidencia[1]) + 1).zfill(len(coincidencia[1]))
    return f"{mayor}.0" if coincidencia[2] is not None else mayor


# Catalog links ----------------------------------------------------------------------------------------


def normalizar(texto: str) -> str:
    sin_tildes = "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))
    return " ".join(sin_tildes.casefold().split()).rstrip(". ")


class ResolvedorCatalogo:
    """Matches a typed supplier/client to a catalog entry (dependencia, process or actor) by exact name,
    acronym or code, ignoring case, accents and a trailing period. Ambiguous texts stay free text."""

    def __init__(self) -> None:
        self._indice: dict[str, tuple[str, Model] | None] = {}
        fuentes: list[tuple[str, Iterable[Model], tuple[str, ...]]] = [
            ("dependencia", Dependencia.objects.filter(activa=True), ("nombre", "sigla", "codigo")),
            ("proceso", Proceso.objects.filter(activo=True), ("nombre", "codigo")),
            ("actor", Actor.objects.filter(estado=Actor.Estado.ACTIVO), ("nombre", "sigla")),
        ]
        for tipo, consulta, campos in fuentes:
            for obj in consulta:
                claves = {normalizar(str(obj))} | {normalizar(getattr(obj, c)) for c in campos if getattr(obj, c)}
                for clave in claves:
                    anterior = self._indice.get(clave, (tipo, obj))
                    self._indice[clave] = (tipo, obj) if anterior == (tipo, obj) else None

    def enlaces(self, texto: str) -> dict[str, Model | None]:
        encontrado = self._indice.get(normalizar(texto))
        enlaces: dict[str, Model | None] = {"dependencia": None, "proceso": None, "actor": None}
        if encontrado:
            enlaces[encontrado[0]] = encontrado[1]
        return enlaces


# Content sync (shared by the forms, the importer, new versions and the demo) --------------------------


def _guardar(obj: Model, usuario: Usuario | None, motivo: str = "") -> None:
    historia(obj)._history_user = usuario
    if motivo:
        historia(obj)._change_reason = resumir(motivo, 100)
    obj.save()


def _borrar(obj: Model, usuario: Usuario | None, motivo: str = "") -> None:
    historia(obj)._history_user = usuario
    if motivo:
        historia(obj)._change_reason = resumir(motivo, 100)
    obj.delete()


def _sincronizar(
    modelo: type[M],
    existentes: list[M],
    nuevos: list[dict[str, Any]],
    campos: tuple[str, ...],
    fijos: dict[str, Any],
    usuario: Usuario | None,
    motivo: str,
) -> list[M]:
    """Make the children equal to `nuevos`, in that order. Rows carrying an "id" update that row (the forms);
    without ids, rows are matched by position (import, copies). Only rows that change are saved, so the
    history shows what really changed."""
    por_id = any(d.get("id") for d in nuevos)
    por_pk = {o.pk: o for o in existentes}
    restantes = list(existentes)
    guardados: list[M] = []
    for posicion, datos in enumerate(nuevos, start=1):
        if por_id:
            obj = por_pk.pop(datos.get("id"), None) if datos.get("id") else None
        else:
            obj = restantes.pop(0) if restantes else None
        if obj is None:
            obj = modelo(**fijos)
        cambiado = obj.pk is None
        for campo, valor in [("orden", datos.get("orden", posicion)), *((c, datos[c]) for c in campos if c in datos)]:
            if getattr(obj, campo) != valor:
                setattr(obj, campo, valor)
                cambiado = True
        if cambiado:
            _guardar(obj, usuario, motivo)
        guardados.append(obj)
    for obj in por_pk.values() if por_id else restantes:
        _borrar(obj, usuario, motivo)
    return guardados


CAMPOS_FILA = ("etapa", "entradas", "actividades", "responsables", "salidas")
ORDEN_TIPOS = {tipo: i for i, tipo in enumerate(ParteInteresada.Tipo.values)}


def _escribir_filas(
    c: Caracterizacion, filas: list[dict[str, Any]], usuario: Usuario | None, resolver: bool, motivo: str
) -> None:
    for datos in filas:
        if not [a for a in datos.get("actividades", []) if a.strip()]:
            raise ErrorDeDominio(f"Cada fila de la etapa {Etapa(datos['etapa']).label} necesita una actividad.")
    contador: dict[int, int] = {}
    nuevas: list[dict[str, Any]] = []
    for datos in filas:
        contador[datos["etapa"]] = contador.get(datos["etapa"], 0) + 1
        nuevas.append({**datos, "orden": contador[datos["etapa"]]})
    nuevas.sort(key=lambda d: (d["etapa"], d["orden"]))
    existentes = list(c.filas.prefetch_related("partes").order_by("etapa", "orden", "pk"))
    pares: list[tuple[FilaPHVA, dict[str, Any]]]
    if any(d.get("id") for d in nuevas):  # the forms: ids decide
        guardadas = _sincronizar(FilaPHVA, existentes, nuevas, CAMPOS_FILA, {"caracterizacion": c}, usuario, motivo)
        pares = list(zip(guardadas, nuevas, strict=True))
    else:  # by position within each stage, so that a row added to Planear does not shift Hacer
        pares = []
        for etapa in Etapa.values:
            de_la_etapa = [d for d in nuevas if d["etapa"] == etapa]
            guardadas = _sincronizar(
                FilaPHVA,
                [f for f in existentes if f.etapa == etapa],
                de_la_etapa,
                CAMPOS_FILA,
                {"caracterizacion": c},
                usuario,
                motivo,
            )
            pares.extend(zip(guardadas, de_la_etapa, strict=True))
    resolvedor = ResolvedorCatalogo() if resolver else None
    for fila, datos in pares:
        partes: list[dict[str, Any]] = []
        for parte in datos.get("partes", []):
            if resolvedor:
                enlaces = resolvedor.enlaces(parte["texto"])
            else:
                enlaces = {k: parte.get(k) for k in ("dependencia", "proceso", "actor")}
            partes.append({"tipo": parte["tipo"], "texto": parte["texto"][:300], **enlaces})
        partes.sort(key=lambda p: ORDEN_TIPOS[p["tipo"]])
        cache = getattr(fila, "_prefetched_objects_cache", {})
        actuales = sorted(cache.get("partes", []), key=lambda p: (ORDEN_TIPOS[p.tipo], p.orden, p.pk))
        _sincronizar(
            ParteInteresada,
            actuales,
            partes,
            ("tipo", "texto", "dependencia", "proceso", "actor"),
            {"fila": fila},
            usuario,
            motivo,
        )


def escribir_contenido(
    *,
    caracterizacion: Caracterizacion,
    contenido: dict[str, Any],
    usuario: Usuario | None,
    resolver: bool,
    motivo: str = "",
) -> None:
    """Write the given sections (keys of `contenido`) of a characterization; missing keys stay as they are.

    `filas`: [{"id"?, "etapa", "entradas", "actividades", "responsables", "salidas", "partes": [{"tipo",
    "texto", "dependencia"?, "proceso"?, "actor"?}]}], `documentos`, `requisitos`, `riesgos`, `cambios`:
    [dict], `politicas`: [PoliticaMIPG]. With `resolver`, suppliers and clients are linked to the catalogs.
    """
    c = caracterizacion
    if "filas" in contenido:
        _escribir_filas(c, contenido["filas"], usuario, resolver, motivo)
    if "documentos" in contenido:
        _sincronizar(
            Documento,
            list(c.documentos.order_by("orden", "pk")),
            sorted(contenido["documentos"], key=lambda d: list(Documento.Clase.values).index(d["clase"])),
            ("clase", "codigo", "nombre", "archivo"),
            {"caracterizacion": c},
            usuario,
            motivo,
        )
    for clave, modelo, campos in [
        ("requisitos", RequisitoLegal, ("norma", "articulo", "descripcion")),
        ("riesgos", Riesgo, ("codigo", "descripcion", "controles")),
        ("cambios", ControlCambio, ("version", "seccion", "cambio", "fecha")),
    ]:
        if clave in contenido:
            existentes = list(getattr(c, clave).order_by("orden", "pk"))
            _sincronizar(modelo, existentes, contenido[clave], campos, {"caracterizacion": c}, usuario, motivo)
    if "politicas" in contenido:
        _sincronizar_politicas(c, contenido["politicas"], usuario, motivo)


def _sincronizar_politicas(
    c: Caracterizacion, politicas: Iterable[PoliticaMIPG], usuario: Usuario | None, motivo: str = ""
) -> None:
    deseadas = {p.pk: p for p in politicas}
    for asociada in list(c.politicas.all()):
        if asociada.politica_id not in deseadas:
            _borrar(asociada, usuario, motivo)
        else:
            deseadas.pop(asociada.politica_id)
    for politica in deseadas.values():
        _guardar(PoliticaAsociada(caracterizacion=c, politica=politica), usuario, motivo)


def contenido_de(c: Caracterizacion) -> dict[str, Any]:
    """Everything `escribir_contenido` writes, read back from a characterization (for copies)."""
    filas: list[dict[str, Any]] = []
    for fila in c.filas.prefetch_related("partes").order_by("etapa", "orden", "pk"):
        filas.append(
            {
                "etapa": fila.etapa,
                "entradas": list(fila.entradas),
                "actividades": list(fila.actividades),
                "responsables": list(fila.responsables),
                "salidas": list(fila.salidas),
                "partes": [
                    {
                        "tipo": p.tipo,
                        "texto": p.texto,
                        "dependencia": p.dependencia,
                        "proceso": p.proceso,
                        "actor": p.actor,
                    }
                    for p in sorted(fila.partes.all(), key=lambda p: (p.tipo, p.orden, p.pk))
                ],
            }
        )
    return {
        "filas": filas,
        "documentos": [
            {"clase": d.clase, "codigo": d.codigo, "nombre": d.nombre, "archivo": d.archivo.name}
            for d in c.documentos.order_by("orden", "pk")
        ],
        "requisitos": list(c.requisitos.order_by("orden", "pk").values("norma", "articulo", "descripcion")),
        "riesgos": list(c.riesgos.order_by("orden", "pk").values("codigo", "descripcion", "controles")),
        "cambios": list(c.cambios.order_by("orden", "pk").values("version", "seccion", "cambio", "fecha")),
        "politicas": [a.politica for a in c.politicas.select_related("politica")],
    }


# Use cases ---------------------------------------------------------------------------------------------


def _validar_version_libre(proceso: Proceso, version: str, *, excepto: int | None = None) -> None:
    if not (version or "").strip():
        raise ErrorDeDominio("Escriba la versión.")
    consulta = Caracterizacion.objects.filter(proceso=proceso, version=version.strip())
    if excepto is not None:
        consulta = consulta.exclude(pk=excepto)
    if consulta.exists():
        raise ErrorDeDominio(f"El proceso {proceso.codigo} ya tiene una versión {version}.")


def _borrador_abierto(proceso: Proceso, *, excepto: int | None = None) -> Caracterizacion | None:
    consulta = Caracterizacion.objects.filter(proceso=proceso, estado__in=Caracterizacion.ABIERTOS)
    if excepto is not None:
        consulta = consulta.exclude(pk=excepto)
    return consulta.first()


@transaction.atomic
def caracterizacion_crear(
    *, usuario: Usuario, proceso: Proceso, datos: dict[str, Any], dependencia: Dependencia | None = None
) -> Caracterizacion:
    """Start a draft characterization of a catalog process."""
    dependencia = dependencia or proceso.dependencia
    if not permissions.can_crear_en(usuario, dependencia):
        raise ErrorDeDominio("Solo puede elaborar caracterizaciones de procesos de su dependencia.")
    if not proceso.activo:
        raise ErrorDeDominio("El proceso está inactivo en el catálogo.")
    Proceso.objects.select_for_update().get(pk=proceso.pk)
    abierto = _borrador_abierto(proceso)
    if abierto:
        raise ErrorDeDominio(
            f"Ya hay una versión en elaboración de {proceso.codigo} (v{abierto.version}): continúe con ella."
        )
    version = (datos.get("version") or "").strip()
    _validar_version_libre(proceso, version)
    c = Caracterizacion(
        proceso=proceso,
        dependencia=dependencia,
        version_anterior=Caracterizacion.objects.filter(proceso=proceso, estado="vigente").first(),
        **{campo: datos[campo] for campo in CAMPOS_EDITABLES if campo in datos},
    )
    c.version = version
    c.nombre = c.nombre or proceso.nombre
    c.tipologia = c.tipologia or proceso.tipologia
    _guardar(c, usuario, "Creación del borrador")
    return c


@transaction.atomic
def caracterizacion_actualizar(
    *,
    caracterizacion: Caracterizacion,
    usuario: Usuario,
    datos: dict[str, Any],
    politicas: Iterable[PoliticaMIPG] | None = None,
) -> Caracterizacion:
    """Change the header and text sections of a draft (and its MIPG policies when given)."""
    c = caracterizacion
    if not permissions.can_editar(usuario, c):
        raise ErrorDeDominio("Solo se edita un borrador, y solo desde su dependencia.")
    if "version" in datos:
        _validar_version_libre(c.proceso, datos["version"], excepto=c.pk)
    for campo in CAMPOS_EDITABLES:
        if campo in datos and getattr(c, campo) != datos[campo]:
            setattr(c, campo, datos[campo].strip() if isinstance(datos[campo], str) else datos[campo])
    nueva_dependencia = datos.get("dependencia")
    if nueva_dependencia is not None and nueva_dependencia.pk != c.dependencia_id:
        if not permissions.can_administrar_catalogo(usuario):
            raise ErrorDeDominio("Solo el Administrador cambia la dependencia responsable.")
        c.dependencia = nueva_dependencia
    if politicas is not None:
        _sincronizar_politicas(c, politicas, usuario)
    _recalcular_control(c)
    _guardar(c, usuario, "Edición del borrador")
    return c


@transaction.atomic
def caracterizacion_guardar_contenido(
    *, caracterizacion: Caracterizacion, usuario: Usuario, contenido: dict[str, Any]
) -> Caracterizacion:
    """Save the PHVA rows or the documents, legal requirements and risks edited in the forms."""
    if not permissions.can_editar(usuario, caracterizacion):
        raise ErrorDeDominio("Solo se edita un borrador, y solo desde su dependencia.")
    permitido = {k: v for k, v in contenido.items() if k in ("filas", "documentos", "requisitos", "riesgos")}
    escribir_contenido(caracterizacion=caracterizacion, contenido=permitido, usuario=usuario, resolver=True)
    _recalcular_control(caracterizacion)
    # The draft's revision moves with its content, so a page read before this save is refused (versiones.py).
    _guardar(caracterizacion, usuario, "Edición del contenido")
    return caracterizacion


@transaction.atomic
def caracterizacion_actualizar_control(
    *, caracterizacion: Caracterizacion, usuario: Usuario, seccion: str, cambio: str
) -> Caracterizacion:
    """Edit the change-control row this version will add when approved."""
    c = caracterizacion
    if not permissions.can_editar_control_cambios(usuario, c):
        raise ErrorDeDominio("No puede editar el control de cambios de esta versión.")
    c.control_seccion, c.control_cambio = seccion.strip(), cambio.strip()
    c.control_manual = bool(c.control_seccion or c.control_cambio)  # emptied: computed again from the differences
    _recalcular_control(c)
    historia(c)._history_user = usuario
    historia(c)._change_reason = "Control de cambios propuesto"
    c.save(update_fields=["control_seccion", "control_cambio", "control_manual"])
    return c


def _jefes_de(dependencia_id: int) -> list[Usuario]:
    return list(
        Usuario.objects.filter(dependencia_id=dependencia_id, groups__name=roles.JEFE, is_active=True).distinct()
    )


def _elaboradores(c: Caracterizacion) -> list[Usuario]:
    return [f.usuario for f in c.firmas.filter(paso=Firma.Paso.ELABORO).select_related("usuario") if f.usuario]


def _firmar(c: Caracterizacion, paso: int, usuario: Usuario) -> None:
    for firma in c.firmas.filter(paso=paso):
        _borrar(firma, usuario)
    _guardar(
        Firma(
            caracterizacion=c,
            paso=paso,
            usuario=usuario,
            nombre=usuario.get_full_name() or usuario.username,
            cargo=usuario.cargo,
            fecha=timezone.localdate(),
        ),
        usuario,
    )


def _recalcular_control(c: Caracterizacion) -> None:
    """Until approval, the change-control row follows the differences with the version in force, unless someone
    wrote it by hand."""
    if not c.control_manual:
        c.control_seccion, c.control_cambio = propuesta_control_cambios(c)


def _tarea_de_revision(c: Caracterizacion) -> str:
    return f"procesos.caracterizacion:{c.pk}:revisar"


@transaction.atomic
def caracterizacion_enviar_revision(
    *, caracterizacion: Caracterizacion, usuario: Usuario, motivo: str = ""
) -> Caracterizacion:
    """Send the draft to the Jefe de oficina; whoever sends it signs as "Elaboró"."""
    c = caracterizacion
    if not permissions.can_enviar_revision(usuario, c):
        raise ErrorDeDominio("Solo el Profesional o el Jefe de la dependencia responsable envían a revisión.")
    etapas = set(c.filas.values_list("etapa", flat=True))
    faltan = [str(e.label) for e in Etapa if e.value not in etapas]
    if faltan:
        raise ErrorDeDominio(f"Faltan actividades en las etapas: {', '.join(faltan)}.")
    _recalcular_control(c)
    aplicar_transicion(
        c, "enviar_revision", usuario=usuario, motivo=motivo, campos=("estado", "control_seccion", "control_cambio")
    )
    _firmar(c, Firma.Paso.ELABORO, usuario)
    for jefe in _jefes_de(c.dependencia_id):
        if jefe.pk != usuario.pk:
            notificar(
                usuario=jefe,
                titulo=f"Caracterización por revisar: {c.proceso.codigo} v{c.version}",
                mensaje=f"{usuario} la envió a revisión.",
                url=c.get_absolute_url(),
                tarea=_tarea_de_revision(c),
            )
    return c


@transaction.atomic
def caracterizacion_devolver(*, caracterizacion: Caracterizacion, usuario: Usuario, motivo: str) -> Caracterizacion:
    """Return the draft to its drafter with the reason."""
    c = caracterizacion
    if not permissions.can_devolver(usuario, c):
        raise ErrorDeDominio("Solo el Jefe de la dependencia responsable o el Administrador devuelven un borrador.")
    if not (motivo or "").strip():
        raise ErrorDeDominio("Indique el motivo de la devolución.")
    aplicar_transicion(c, "devolver", usuario=usuario, motivo=motivo.strip())
    tarea_cumplida(tarea=_tarea_de_revision(c))
    for elaborador in _elaboradores(c):
        notificar(
            usuario=elaborador,
            titulo=f"Caracterización devuelta: {c.proceso.codigo} v{c.version}",
            mensaje=motivo.strip(),
            url=c.get_absolute_url(),
        )
    return c


@transaction.atomic
def caracterizacion_aprobar(*, caracterizacion: Caracterizacion, usuario: Usuario, motivo: str = "") -> Caracterizacion:
    """Put this version in force: the previous one becomes obsolete, the change-control row is written and
    the approver signs "Revisó" and "Aprobó"."""
    c = caracterizacion
    if not permissions.can_aprobar(usuario, c):
        raise ErrorDeDominio("Solo el Jefe de la dependencia responsable o el Administrador aprueban.")
    Proceso.objects.select_for_update().get(pk=c.proceso_id)  # one approval of a process at a time
    hoy = timezone.localdate()
    anterior = Caracterizacion.objects.filter(proceso_id=c.proceso_id, estado="vigente").exclude(pk=c.pk).first()
    if anterior is not None:
        aplicar_transicion(
            anterior, "marcar_obsoleta", usuario=usuario, motivo=f"Reemplazada por la versión {c.version}"
        )
    _recalcular_control(c)
    ultimo = c.cambios.order_by("-orden").values_list("orden", flat=True).first() or 0
    _guardar(
        ControlCambio(
            caracterizacion=c,
            orden=ultimo + 1,
            version=c.version,
            seccion=c.control_seccion or "—",
            cambio=c.control_cambio or "—",
            fecha=hoy,
        ),
        usuario,
    )
    c.fecha = hoy
    aplicar_transicion(
        c, "aprobar", usuario=usuario, motivo=motivo, campos=("estado", "fecha", "control_seccion", "control_cambio")
    )
    _firmar(c, Firma.Paso.REVISO, usuario)
    _firmar(c, Firma.Paso.APROBO, usuario)
    tarea_cumplida(tarea=_tarea_de_revision(c))
    for elaborador in _elaboradores(c):
        if elaborador.pk != usuario.pk:
            notificar(
                usuario=elaborador,
                titulo=f"Caracterización aprobada: {c.proceso.codigo} v{c.version}",
                mensaje=f"{usuario} la aprobó; ya es la versión vigente.",
                url=c.get_absolute_url(),
            )
    return c


@transaction.atomic
def caracterizacion_nueva_version(
    *, caracterizacion: Caracterizacion, usuario: Usuario, version: str = ""
) -> Caracterizacion:
    """Start the next version as a draft copy of the one in force (every row copied; no signatures)."""
    actual = caracterizacion
    if not permissions.can_nueva_version(usuario, actual):
        raise ErrorDeDominio("Solo se crea una nueva versión de la caracterización vigente, desde su dependencia.")
    Proceso.objects.select_for_update().get(pk=actual.proceso_id)
    abierto = _borrador_abierto(actual.proceso)
    if abierto:
        raise ErrorDeDominio(f"Ya hay una versión en elaboración (v{abierto.version}): continúe con ella.")
    version = version or siguiente_version(actual.version)
    _validar_version_libre(actual.proceso, version)
    nueva = Caracterizacion(
        proceso=actual.proceso,
        dependencia=actual.dependencia,
        version=version,
        fecha=timezone.localdate(),
        version_anterior=actual,
        **{campo: getattr(actual, campo) for campo in CAMPOS_COPIADOS},
    )
    nueva.mecanismos_seguimiento = list(actual.mecanismos_seguimiento)
    motivo = f"Nueva versión a partir de la v{actual.version}"
    _guardar(nueva, usuario, motivo)
    escribir_contenido(
        caracterizacion=nueva, contenido=contenido_de(actual), usuario=usuario, resolver=False, motivo=motivo
    )
    return nueva

"""Read back the workbook that `exportacion.py` writes, used by the command `importar_caracterizacion` and by
the Administrador's upload form.

The workbook becomes a draft: a new one, or — when the process already has a draft (borrador) with the same
version — that draft, whose content is replaced. Approved versions are never overwritten. Every row is checked
first and all errors are reported ("Hoja «PHVA», fila 7: falta la actividad."); one error and nothing is saved.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from openpyxl import Workbook

from cooperacion.core import hojas
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Dependencia, PoliticaMIPG
from cooperacion.core.tipos import historia

from . import permissions
from .exportacion import (
    ASPECTO_LINEAS,
    ASPECTO_MECANISMO,
    CLASES_DOCUMENTO,
    COLUMNAS_CAMBIOS,
    COLUMNAS_DOCUMENTOS,
    COLUMNAS_PHVA,
    COLUMNAS_POLITICAS,
    COLUMNAS_RECURSOS,
    COLUMNAS_REQUISITOS,
    COLUMNAS_RIESGOS,
    COLUMNAS_SEGUIMIENTO,
    ENCABEZADO,
    HOJA_CAMBIOS,
    HOJA_DOCUMENTOS,
    HOJA_ENCABEZADO,
    HOJA_PHVA,
    HOJA_POLITICAS,
    HOJA_RECURSOS,
    HOJA_REQUISITOS,
    HOJA_RIESGOS,
    HOJA_SEGUIMIENTO,
)
from .models import Caracterizacion, Etapa, Proceso, Tipologia
from .selectors import RECURSOS, SEGUIMIENTO
from .services import escribir_contenido, normalizar


class ErrorDeImportacion(ErrorDeDominio):
    """The workbook has errors; `errores` lists each one with its sheet and row."""

    def __init__(self, errores: list[str]):
        self.errores = errores
        super().__init__(" ".join(errores))


@dataclass
class Resultado:
    caracterizacion: Caracterizacion
    creada: bool


def _texto(valor) -> str:
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return str(valor).strip()


def _lineas(valor) -> list[str]:
    return [" ".join(linea.split()) for linea in _texto(valor).splitlines() if linea.strip()]


def _fecha(valor) -> date | str | None:
    """The date of a cell (the core's converter and date window), or the reason it is not one."""
    try:
        return hojas.fecha(valor)
    except hojas.ValorInvalido as error:
        return str(error)


class Lector:
    def __init__(self, libro: Workbook) -> None:
        self.libro = libro
        self.errores: list[str] = []

    def error(self, hoja: str, fila: int | None, mensaje: str) -> None:
        lugar = f"Hoja «{hoja}», fila {fila}: " if fila else f"Hoja «{hoja}»: "
        self.errores.append(lugar + mensaje)

    def filas(self, hoja: str, columnas: list[str], *, obligatoria: bool = False):
        """(row number, {header: value}) for every non-empty data row; checks the header row."""
        if hoja not in self.libro.sheetnames:
            if obligatoria:
                self.errores.append(f"Falta la hoja «{hoja}».")
            return
        iterador = hojas.filas(self.libro[hoja])
        encabezado = [_texto(v) for v in next(iterador, (1, ()))[1]]
        faltan = [c for c in columnas if c not in encabezado]
        if faltan:
            self.error(hoja, 1, f"faltan las columnas {', '.join(f'«{c}»' for c in faltan)}.")
            return
        posiciones = {c: encabezado.index(c) for c in columnas}
        for numero, valores in iterador:
            if all(_texto(v) == "" for v in valores):
                continue
            yield numero, {c: (valores[i] if i < len(valores) else None) for c, i in posiciones.items()}


ETAPAS = {normalizar(str(e.label)): e.value for e in Etapa}
TIPOLOGIAS = {normalizar(str(t.label)): t.value for t in Tipologia} | {t.value: t.value for t in Tipologia}
CLASES = {normalizar(v): k for k, v in CLASES_DOCUMENTO.items()} | {k: k for k in CLASES_DOCUMENTO}
SEGUIMIENTO_POR_ETIQUETA = {normalizar(e): campo for e, campo in SEGUIMIENTO}
RECURSOS_POR_ETIQUETA = {normalizar(e): campo for e, campo in RECURSOS}


def leer(libro) -> tuple[dict, dict, list[str]]:
    """(header fields, content for `escribir_contenido`, errors) from an open workbook."""
    lector = Lector(libro)
    encabezado: dict = {}
    if HOJA_ENCABEZADO not in libro.sheetnames:
        lector.errores.append(f"Falta la hoja «{HOJA_ENCABEZADO}».")
    else:
        etiquetas = {normalizar(e): campo for e, campo in ENCABEZADO}
        vistos: dict[str, tuple[int | None, object]] = {}
        for numero_leido, celdas in hojas.filas(libro[HOJA_ENCABEZADO]):
            if numero_leido == 1:
                continue
            etiqueta, valor = (*celdas, None, None)[:2]
            campo = etiquetas.get(normalizar(_texto(etiqueta)))
            if campo:
                vistos[campo] = (numero_leido, valor)
        for etiqueta, campo in ENCABEZADO:
            if campo == "estado":
                continue
            numero, valor = vistos.get(campo, (None, None))  # the workbook row, None when the field is missing
            if campo == "fecha":
                encabezado[campo] = _fecha(valor)
                if encabezado[campo] is None:
                    lector.error(HOJA_ENCABEZADO, numero, "falta la fecha (use dd/mm/aaaa).")
                elif isinstance(encabezado[campo], str):
                    lector.error(HOJA_ENCABEZADO, numero, encabezado[campo])
            elif campo == "tipologia":
                texto = _texto(valor)
                encabezado[campo] = TIPOLOGIAS.get(normalizar(texto), None) if texto else ""
                if encabezado[campo] is None:
                    lector.error(HOJA_ENCABEZADO, numero, f"la tipología «{texto}» no existe.")
            else:
                encabezado[campo] = _texto(valor)
                opcional = campo in ("control_seccion", "control_cambio", "tipologia")
                if not encabezado[campo] and not opcional:
                    lector.error(HOJA_ENCABEZADO, numero, f"falta «{etiqueta}».")
        if encabezado.get("dependencia"):
            dependencia = Dependencia.objects.filter(codigo=encabezado["dependencia"]).first()
            if dependencia is None:
                numero = vistos.get("dependencia", (None,))[0]
                lector.error(
                    HOJA_ENCABEZADO, numero, f"no existe la dependencia con código «{encabezado['dependencia']}»."
                )
            encabezado["dependencia"] = dependencia

    contenido: dict = {"filas": [], "documentos": [], "requisitos": [], "riesgos": [], "cambios": [], "politicas": []}
    filas = []
    for numero, fila in lector.filas(HOJA_PHVA, [t for t, _k in COLUMNAS_PHVA], obligatoria=True):
        valores = {k: fila[t] for t, k in COLUMNAS_PHVA}
        etapa = ETAPAS.get(normalizar(_texto(valores["etapa"])))
        if etapa is None:
            lector.error(HOJA_PHVA, numero, "la etapa debe ser Planear, Hacer, Verificar o Actuar.")
        orden_texto = _texto(valores["orden"])
        if orden_texto and not orden_texto.isdigit():
            lector.error(HOJA_PHVA, numero, "el orden debe ser un número entero.")
        actividades = _lineas(valores["actividades"])
        if not actividades:
            lector.error(HOJA_PHVA, numero, "falta la actividad.")
        filas.append(
            (
                etapa or 0,
                int(orden_texto) if orden_texto.isdigit() else 10_000,
                numero,
                {
                    "etapa": etapa,
                    **{k: _lineas(valores[k]) for k in ("entradas", "responsables", "salidas")},
                    "actividades": actividades,
                    "partes": [
                        {"tipo": k, "texto": texto}
                        for _t, k in COLUMNAS_PHVA
                        if k not in ("etapa", "orden", "entradas", "actividades", "responsables", "salidas")
                        for texto in _lineas(valores[k])
                    ],
                },
            )
        )
    contenido["filas"] = [datos for *_orden, datos in sorted(filas, key=lambda f: f[:3])]
    for parte in (p for f in contenido["filas"] for p in f["partes"]):
        if len(parte["texto"]) > 300:
            lector.errores.append(
                f"Hoja «{HOJA_PHVA}»: el proveedor o cliente «{parte['texto'][:40]}…» pasa de 300 caracteres."
            )

    for numero, fila in lector.filas(HOJA_DOCUMENTOS, COLUMNAS_DOCUMENTOS[:3]):
        clase = CLASES.get(normalizar(_texto(fila["Clase"])))
        if clase is None:
            lector.error(HOJA_DOCUMENTOS, numero, "la clase debe ser «Del proceso» o «Asociado».")
        if not _texto(fila["Nombre"]):
            lector.error(HOJA_DOCUMENTOS, numero, "falta el nombre del documento.")
        contenido["documentos"].append(
            {"clase": clase or "proceso", "codigo": _texto(fila["Código"]), "nombre": _texto(fila["Nombre"])}
        )

    for numero, fila in lector.filas(HOJA_REQUISITOS, COLUMNAS_REQUISITOS):
        if not _texto(fila["Norma"]):
            lector.error(HOJA_REQUISITOS, numero, "falta la norma.")
        contenido["requisitos"].append(
            {
                "norma": _texto(fila["Norma"]),
                "articulo": _texto(fila["Artículo"]),
                "descripcion": _texto(fila["Descripción"]),
            }
        )

    for numero, fila in lector.filas(HOJA_RIESGOS, COLUMNAS_RIESGOS):
        if not _texto(fila["Descripción"]):
            lector.error(HOJA_RIESGOS, numero, "falta la descripción del riesgo.")
        contenido["riesgos"].append(
            {
                "codigo": _texto(fila["Código"]),
                "descripcion": _texto(fila["Descripción"]),
                "controles": _texto(fila["Controles"]),
            }
        )

    politicas = {p.numero: p for p in PoliticaMIPG.objects.all()}
    for numero, fila in lector.filas(HOJA_POLITICAS, COLUMNAS_POLITICAS):
        texto = _texto(fila["Número"])
        politica = politicas.get(int(texto)) if texto.isdigit() else None
        if politica is None:
            lector.error(HOJA_POLITICAS, numero, f"no existe la política MIPG número «{texto}».")
        elif politica not in contenido["politicas"]:
            contenido["politicas"].append(politica)

    mecanismos = []
    for campo in [c for _e, c in SEGUIMIENTO] + [c for _e, c in RECURSOS] + ["rol_lineas_defensa"]:
        encabezado[campo] = ""
    for numero, fila in lector.filas(HOJA_SEGUIMIENTO, COLUMNAS_SEGUIMIENTO):
        aspecto, texto = normalizar(_texto(fila["Aspecto"])), _texto(fila["Texto"])
        if aspecto == normalizar(ASPECTO_MECANISMO):
            mecanismos.append(texto)
        elif aspecto == normalizar(ASPECTO_LINEAS):
            encabezado["rol_lineas_defensa"] = texto
        elif aspecto in SEGUIMIENTO_POR_ETIQUETA:
            encabezado[SEGUIMIENTO_POR_ETIQUETA[aspecto]] = texto
        else:
            lector.error(HOJA_SEGUIMIENTO, numero, f"el aspecto «{_texto(fila['Aspecto'])}» no existe.")
    encabezado["mecanismos_seguimiento"] = mecanismos
    for numero, fila in lector.filas(HOJA_RECURSOS, COLUMNAS_RECURSOS):
        tipo = normalizar(_texto(fila["Tipo"]))
        if tipo not in RECURSOS_POR_ETIQUETA:
            lector.error(
                HOJA_RECURSOS, numero, "el tipo debe ser Humanos, Financieros, Tecnológicos o Infraestructura."
            )
        else:
            encabezado[RECURSOS_POR_ETIQUETA[tipo]] = _texto(fila["Valor"])

    for numero, fila in lector.filas(HOJA_CAMBIOS, COLUMNAS_CAMBIOS):
        fecha = _fecha(fila["Fecha"])
        if not _texto(fila["Versión"]):
            lector.error(HOJA_CAMBIOS, numero, "falta la versión.")
        if fecha is None:
            lector.error(HOJA_CAMBIOS, numero, "falta la fecha (use dd/mm/aaaa).")
        elif isinstance(fecha, str):
            lector.error(HOJA_CAMBIOS, numero, fecha)
            fecha = None
        if not _texto(fila["Sección modificada"]) or not _texto(fila["Cambio realizado"]):
            lector.error(HOJA_CAMBIOS, numero, "faltan la sección modificada o el cambio realizado.")
        contenido["cambios"].append(
            {
                "version": _texto(fila["Versión"]),
                "seccion": _texto(fila["Sección modificada"]),
                "cambio": _texto(fila["Cambio realizado"]),
                "fecha": fecha,
            }
        )
    return encabezado, contenido, lector.errores


CAMPOS_ENCABEZADO = [campo for _e, campo in ENCABEZADO if campo not in ("codigo", "dependencia", "estado")]


def importar(archivo, *, usuario=None) -> Resultado:
    """Create (or replace the content of) a draft from a workbook; everything or nothing.

    `usuario` None means the command line (trusted); from the web it must be the Administrador.
    """
    if usuario is not None and not permissions.can_importar(usuario):
        raise ErrorDeDominio("Solo el Administrador importa caracterizaciones.")
    try:
        with hojas.abrir(archivo) as libro:
            encabezado, contenido, errores = leer(libro)
    except hojas.HojaIlegible as error:
        raise ErrorDeImportacion([str(error)]) from error
    if errores:
        raise ErrorDeImportacion(errores)
    try:
        with transaction.atomic():
            return _guardar(encabezado, contenido, usuario)
    except ErrorDeImportacion:
        raise
    except ErrorDeDominio as error:
        raise ErrorDeImportacion([str(error)]) from error


def _guardar(encabezado: dict, contenido: dict, usuario) -> Resultado:
    codigo, version = encabezado["codigo"], encabezado["version"]
    proceso = Proceso.objects.select_for_update().filter(codigo=codigo).first()
    if proceso is None:
        proceso = Proceso(
            codigo=codigo,
            nombre=encabezado["nombre"],
            tipologia=encabezado["tipologia"],
            dependencia=encabezado["dependencia"],
        )
        historia(proceso)._history_user = usuario
        proceso.save()
    existente = Caracterizacion.objects.filter(proceso=proceso, version=version).first()
    if existente is not None and existente.estado != Caracterizacion.Estado.BORRADOR:
        raise ErrorDeImportacion(
            [
                f"Hoja «{HOJA_ENCABEZADO}»: la versión {version} de {codigo} ya existe y está "
                f"{existente.get_estado_display().lower()}; escriba otra versión para crear un borrador."
            ]
        )
    abiertos = Caracterizacion.objects.filter(proceso=proceso, estado__in=Caracterizacion.ABIERTOS)
    abierto = (abiertos if existente is None else abiertos.exclude(pk=existente.pk)).first()
    if abierto is not None:
        raise ErrorDeImportacion(
            [
                f"El proceso {codigo} ya tiene una versión en elaboración (v{abierto.version}); "
                "termínela o impórtela con esa versión."
            ]
        )
    c = existente or Caracterizacion(
        proceso=proceso,
        version_anterior=Caracterizacion.objects.filter(proceso=proceso, estado="vigente").first(),
    )
    for campo in CAMPOS_ENCABEZADO:
        setattr(c, campo, encabezado[campo])
    # A change-control row written in the workbook is kept as written; an empty one is computed from the differences.
    c.control_manual = bool(c.control_seccion or c.control_cambio)
    for campo in [c_ for _e, c_ in SEGUIMIENTO] + [c_ for _e, c_ in RECURSOS]:
        setattr(c, campo, encabezado[campo])
    c.rol_lineas_defensa = encabezado["rol_lineas_defensa"]
    c.mecanismos_seguimiento = encabezado["mecanismos_seguimiento"]
    c.dependencia = encabezado["dependencia"]
    historia(c)._history_user = usuario
    historia(c)._change_reason = "Importación desde Excel"
    c.save()
    escribir_contenido(
        caracterizacion=c, contenido=contenido, usuario=usuario, resolver=True, motivo="Importación desde Excel"
    )
    return Resultado(caracterizacion=c, creada=existente is None)

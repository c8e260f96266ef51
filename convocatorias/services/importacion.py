"""Import of the «Matriz de convocatorias» edited in Excel: all rows or none."""

from dataclasses import dataclass, field
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import ODS, Actor, Moneda, Usuario
from cooperacion.internacional.models import LineaPrioritaria

from .. import matriz, permissions
from ..models import Convocatoria, Modalidad
from .convocatorias import convocatoria_crear, convocatoria_editar


@dataclass
class ResultadoImportacion:
    creadas: list[Convocatoria] = field(default_factory=list)
    actualizadas: list[Convocatoria] = field(default_factory=list)
    sin_cambios: int = 0
    errores: list[str] = field(default_factory=list)
    # Rows of calls that no longer accept edits (presented, ended) and came back unchanged: skipped, and said so.
    omitidas: list[str] = field(default_factory=list)

    @property
    def exitosa(self) -> bool:
        return not self.errores


def _frase(mensaje: str) -> str:
    mensaje = str(mensaje).strip()
    return mensaje[:1].lower() + mensaje[1:] if mensaje else mensaje


class _Catalogos:
    """Every catalog a row may name, read once for the whole file."""

    def __init__(self, usuario: Usuario) -> None:
        self.actores: dict[str, Actor] = {}
        for actor in Actor.objects.all():
            self.actores.setdefault(actor.nombre.lower(), actor)
            if actor.sigla:
                self.actores.setdefault(actor.sigla.lower(), actor)
        self.modalidades: dict[str, Modalidad] = {}
        for modalidad in Modalidad.objects.all():
            self.modalidades[modalidad.nombre.lower()] = modalidad
            self.modalidades[modalidad.codigo.lower()] = modalidad
        self.monedas = {m.codigo: m for m in Moneda.objects.all()}
        self.ods = {o.numero: o for o in ODS.objects.all()}
        self.lineas = {linea.nombre.lower(): linea for linea in LineaPrioritaria.objects.all()}
        self.usuarios = {u.username.lower(): u for u in Usuario.objects.filter(is_active=True)}
        self.visibles = {c.pk: c for c in Convocatoria.objects.visibles_para(usuario).select_related("dependencia")}


def _leer_fila(fila: matriz.FilaLeida, catalogos: _Catalogos, usuario: Usuario) -> tuple[dict[str, Any], list[str]]:
    """The service's arguments for one row, and every problem found in it."""
    v = fila.valores
    errores: list[str] = []
    datos: dict[str, Any] = {}

    def requerido(clave: str, etiqueta: str) -> str:
        valor = matriz.texto(v.get(clave))
        if not valor:
            errores.append(_("falta %(c)s.") % {"c": etiqueta})
        return valor

    if "nombre" in v:
        datos["nombre"] = requerido("nombre", _("el nombre de la convocatoria"))
    if "cooperante" in v:
        nombre = requerido("cooperante", _("el cooperante"))
        if nombre:
            actor = catalogos.actores.get(nombre.lower())
            if actor is None:
                errores.append(_("el cooperante «%(n)s» no está en el catálogo de actores.") % {"n": nombre})
            datos["cooperante"] = actor
    if "fuente" in v:
        valor = requerido("fuente", _("la fuente"))
        if valor:
            datos["fuente"] = matriz.opcion(matriz.FUENTE, valor)
            if datos["fuente"] is None:
                errores.append(_("la fuente «%(f)s» no existe.") % {"f": valor})
    if "modalidad" in v:
        valor = requerido("modalidad", _("la modalidad"))
        if valor:
            datos["modalidad"] = catalogos.modalidades.get(valor.lower())
            if datos["modalidad"] is None:
                errores.append(_("la modalidad «%(m)s» no existe.") % {"m": valor})
    for clave in ("enlace", "lineas_tematicas", "actores_elegibles", "territorio", "impacto_esperado"):
        if clave in v:
            datos[clave] = matriz.texto(v[clave])
    if "elegibilidad" in v and matriz.texto(v["elegibilidad"]):
        datos["elegibilidad"] = matriz.opcion(matriz.ELEGIBILIDAD, v["elegibilidad"])
        if datos["elegibilidad"] is None:
            errores.append(_("«%(e)s» no es una forma de aplicar válida.") % {"e": matriz.texto(v["elegibilidad"])})
    if "nivel_impacto" in v and matriz.texto(v["nivel_impacto"]):
        datos["nivel_impacto"] = matriz.opcion(matriz.IMPACTO, v["nivel_impacto"])
        if datos["nivel_impacto"] is None:
            errores.append(_("el nivel de impacto debe ser Alto, Medio o Bajo."))
    if "ods" in v:
        numeros = [p.strip() for p in matriz.texto(v["ods"]).replace(";", ",").split(",") if p.strip()]
        ods = []
        for numero in numeros:
            objetivo = catalogos.ods.get(int(numero)) if numero.isdigit() else None
            if objetivo is None:
                errores.append(_("«%(o)s» no es un ODS (1 a 17).") % {"o": numero})
            else:
                ods.append(objetivo)
        datos["ods"] = ods
    if "lineas_prioritarias" in v:
        nombres = [p.strip() for p in matriz.texto(v["lineas_prioritarias"]).split(";") if p.strip()]
        lineas = []
        for nombre in nombres:
            linea = catalogos.lineas.get(nombre.lower())
            if linea is None:
                errores.append(_("la línea prioritaria «%(l)s» no existe.") % {"l": nombre})
            else:
                lineas.append(linea)
        datos["lineas_prioritarias"] = lineas
    for clave, etiqueta in (("monto", _("los recursos ofrecidos")), ("tasa_cop", _("la tasa COP"))):
        if clave in v:
            try:
                datos[clave] = matriz.decimal(v[clave])
            except ValueError as error:
                errores.append(_("%(c)s: %(e)s") % {"c": etiqueta, "e": error})
    if "moneda" in v:
        codigo = matriz.texto(v["moneda"]).upper()
        datos["moneda"] = catalogos.monedas.get(codigo) if codigo else None
        if codigo and datos["moneda"] is None:
            errores.append(_("la moneda «%(m)s» no existe.") % {"m": codigo})
    for clave, etiqueta in (("fecha_apertura", _("la apertura")), ("fecha_cierre", _("el cierre"))):
        if clave in v:
            try:
                datos[clave] = matriz.fecha_hora(v[clave])
            except ValueError as error:
                errores.append(_("%(c)s: %(e)s") % {"c": etiqueta, "e": _frase(str(error))})
            else:
                if datos[clave] is None:
                    errores.append(_("falta %(c)s.") % {"c": etiqueta})
    if "responsable" in v and matriz.texto(v["responsable"]):
        nombre = matriz.texto(v["responsable"]).lower()
        datos["responsable"] = catalogos.usuarios.get(nombre)
        if datos["responsable"] is None:
            errores.append(_("el usuario responsable «%(u)s» no existe o está inactivo.") % {"u": nombre})
    return datos, errores


def _cambia(convocatoria: Convocatoria, datos: dict[str, Any]) -> bool:
    """Whether a row's values differ from the stored call (dates to the minute, lists as sets)."""
    for campo, valor in datos.items():
        actual = getattr(convocatoria, campo)
        if campo in ("ods", "lineas_prioritarias", "necesidades"):
            if {o.pk for o in valor} != set(actual.values_list("pk", flat=True)):
                return True
        elif campo in ("fecha_apertura", "fecha_cierre"):
            if valor is None or actual is None or abs(valor - actual).total_seconds() >= 60:
                return True
        elif isinstance(actual, str) or actual is None:
            if (valor or "") != (actual or ""):
                return True
        elif valor != actual:
            return True
    return False


@transaction.atomic
def matriz_importar(*, usuario: Usuario, archivo: File[bytes]) -> ResultadoImportacion:
    """Rows with an ID update that call (if visible and still editable); rows without ID create calls in the
    user's dependencia. Any wrong row: nothing is saved and every error is listed by row."""
    if not permissions.can_importar_matriz(usuario):
        raise ErrorDeDominio(_("Solo un profesional o jefe de una dependencia, o el Administrador, importa la matriz."))
    resultado = ResultadoImportacion()
    try:
        filas = matriz.leer(archivo)
    except matriz.ArchivoIlegible as error:
        resultado.errores.append(str(error))
        return resultado
    if not filas:
        resultado.errores.append(_("El archivo no tiene filas de convocatorias."))
        return resultado
    catalogos = _Catalogos(usuario)
    for fila in filas:
        datos, errores = _leer_fila(fila, catalogos, usuario)
        identificador = fila.valores.get("id")
        convocatoria = None
        if matriz.texto(identificador):
            try:
                numero = matriz.decimal(identificador)
                convocatoria = catalogos.visibles.get(int(numero)) if numero is not None else None
            except (ValueError, TypeError):
                convocatoria = None
            if convocatoria is None or not permissions.es_de_la_oficina(usuario, convocatoria):
                errores.insert(
                    0, _("la convocatoria con ID %(id)s no existe o no está a su cargo.") % {"id": identificador}
                )
                convocatoria = None
            elif not convocatoria.editable:
                if not errores and not _cambia(convocatoria, datos):
                    resultado.omitidas.append(
                        _("Fila %(n)s: la convocatoria %(id)s está «%(e)s»; no se edita y no tenía cambios.")
                        % {"n": fila.numero, "id": convocatoria.pk, "e": convocatoria.get_estado_display()}
                    )
                    continue
                errores.insert(
                    0,
                    _("la convocatoria %(id)s está «%(e)s» y ya no se edita: deje la fila como se exportó.")
                    % {"id": convocatoria.pk, "e": convocatoria.get_estado_display()},
                )
        if not errores:
            try:
                with transaction.atomic():
                    if convocatoria is None:
                        datos.setdefault("responsable", usuario)
                        creada = convocatoria_crear(usuario=usuario, dependencia=usuario.dependencia, **datos)
                        resultado.creadas.append(creada)
                    else:
                        for campo in ("fecha_apertura", "fecha_cierre"):
                            # Excel keeps minutes, not microseconds: the same minute is no change.
                            valor = datos.get(campo)
                            if valor and abs(valor - getattr(convocatoria, campo)).total_seconds() < 60:
                                del datos[campo]
                        antes = convocatoria.history.count()
                        convocatoria_editar(convocatoria=convocatoria, usuario=usuario, **datos)
                        if convocatoria.history.count() > antes:
                            resultado.actualizadas.append(convocatoria)
                        else:
                            resultado.sin_cambios += 1
            except ErrorDeDominio as problema:
                errores.append(_frase(str(problema)))
        for mensaje in errores:
            resultado.errores.append(_("Fila %(n)s: %(e)s") % {"n": fila.numero, "e": _frase(mensaje)})
    if resultado.errores:
        transaction.set_rollback(True)
        resultado.creadas, resultado.actualizadas, resultado.sin_cambios, resultado.omitidas = [], [], 0, []
    return resultado

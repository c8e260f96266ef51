"""The one upload validator, and where uploaded files are stored.

Every file field of the product (model or form) carries `ValidadorDeArchivo`: an extension allowlist, the content's
signature checked against the extension, a size limit, and for archives (.docx, .xlsx) the entry count and the
declared inflated size, read from the archive's directory without inflating anything; for images the pixel count,
read from the header without decoding. Files live under MEDIA_ROOT, never under static, and are served only by
views that check the user's scope (`servir`).
"""

from __future__ import annotations

import mimetypes
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class TipoDeArchivo:
    extensiones: tuple[str, ...]
    nombre: str
    firmas: tuple[bytes, ...]
    miembro_zip: str = ""  # the entry an Office Open XML package must contain
    imagen: str = ""  # PIL format name


TIPOS = {
    "pdf": TipoDeArchivo(("pdf",), "PDF", (b"%PDF-",)),
    "docx": TipoDeArchivo(("docx",), "Word (.docx)", (b"PK\x03\x04",), miembro_zip="word/document.xml"),
    "xlsx": TipoDeArchivo(("xlsx",), "Excel (.xlsx)", (b"PK\x03\x04",), miembro_zip="xl/workbook.xml"),
    "pptx": TipoDeArchivo(("pptx",), "PowerPoint (.pptx)", (b"PK\x03\x04",), miembro_zip="ppt/presentation.xml"),
    "odt": TipoDeArchivo(("odt",), "OpenDocument texto (.odt)", (b"PK\x03\x04",), miembro_zip="content.xml"),
    "ods": TipoDeArchivo(("ods",), "OpenDocument hoja (.ods)", (b"PK\x03\x04",), miembro_zip="content.xml"),
    "png": TipoDeArchivo(("png",), "PNG", (b"\x89PNG\r\n\x1a\n",), imagen="PNG"),
    "jpg": TipoDeArchivo(("jpg", "jpeg"), "JPG", (b"\xff\xd8\xff",), imagen="JPEG"),
}
DOCUMENTOS = ("pdf", "docx", "xlsx", "png", "jpg")
DOCUMENTOS_DE_OFICINA = ("pdf", "docx", "xlsx", "pptx", "odt", "ods")
HOJAS = ("xlsx",)
IMAGENES = ("png", "jpg")

MEGABYTE = 1024 * 1024
TAMANO_MAXIMO = 10 * MEGABYTE
# Archives: entries and declared inflated size (a real 10 MB .docx inflates to well under 200 MB).
MAX_ENTRADAS_ZIP = 2000
MAX_INFLADO_ZIP = 200 * MEGABYTE
MAX_PIXELES = 40_000_000  # about 7,700 × 5,200: any photo or scan, never a decompression bomb


def extension_de(nombre: str) -> str:
    return PurePath(nombre or "").suffix.lower().lstrip(".")


def _cabecera_y_cola(archivo: File[bytes], n: int = 2048) -> tuple[bytes, bytes]:
    posicion = archivo.tell() if hasattr(archivo, "tell") else 0
    archivo.seek(0)
    cabecera = archivo.read(n)
    tamano = archivo.size or 0
    archivo.seek(max(tamano - n, 0))
    cola = archivo.read(n)
    archivo.seek(posicion)
    return cabecera, cola


def revisar_zip(
    archivo: File[bytes], *, miembro: str = "", max_entradas: int = MAX_ENTRADAS_ZIP, max_inflado: int = MAX_INFLADO_ZIP
) -> str:
    """'' when the archive's directory is sane, else the reason. Reads the central directory only."""
    posicion = archivo.tell() if hasattr(archivo, "tell") else 0
    try:
        archivo.seek(0)
        with zipfile.ZipFile(archivo) as paquete:
            entradas = paquete.infolist()
            if len(entradas) > max_entradas:
                return _("tiene demasiadas entradas (%(n)s; máximo %(max)s)") % {
                    "n": len(entradas),
                    "max": max_entradas,
                }
            inflado = sum(e.file_size for e in entradas)
            if inflado > max_inflado:
                return _("descomprimido ocuparía %(mb)s MB (máximo %(max)s MB)") % {
                    "mb": inflado // MEGABYTE,
                    "max": max_inflado // MEGABYTE,
                }
            if any(e.flag_bits & 0x1 for e in entradas):
                return _("está cifrado")
            if miembro and miembro not in {e.filename for e in entradas}:
                return _("no tiene la estructura de ese tipo de documento")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return _("no es un archivo comprimido válido")
    finally:
        archivo.seek(posicion)
    return ""


def revisar_imagen(archivo: File[bytes], formato: str, *, max_pixeles: int = MAX_PIXELES) -> str:
    """'' when the image header is of `formato` and its pixel count is within the limit, else the reason."""
    from PIL import Image, UnidentifiedImageError

    posicion = archivo.tell() if hasattr(archivo, "tell") else 0
    archivo.seek(0)
    try:
        # The limit is checked here, on the header; PIL's own bomb check is switched off for this open only.
        limite_anterior, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            with Image.open(archivo) as imagen:
                if imagen.format != formato:
                    return _("no es una imagen %(f)s") % {"f": formato}
                ancho, alto = imagen.size
                if ancho * alto > max_pixeles:
                    return _("mide %(a)s × %(h)s píxeles (máximo %(m)s millones de píxeles)") % {
                        "a": ancho,
                        "h": alto,
                        "m": max_pixeles // 1_000_000,
                    }
                imagen.verify()
        finally:
            Image.MAX_IMAGE_PIXELS = limite_anterior
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return _("no es una imagen válida")
    finally:
        archivo.seek(posicion)
    return ""


def ayuda_de(tipos: Iterable[str], tamano_maximo: int) -> str:
    nombres = [TIPOS[t].nombre for t in tipos]
    lista = ", ".join(nombres[:-1]) + _(" o ") + nombres[-1] if len(nombres) > 1 else nombres[0]
    return _("%(tipos)s; máximo %(mb)s MB.") % {"tipos": lista, "mb": tamano_maximo // MEGABYTE}


def acepta_de(tipos: Iterable[str]) -> str:
    return ",".join(f".{e}" for t in tipos for e in TIPOS[t].extensiones)


@deconstructible
class ValidadorDeArchivo:
    """Allowlist by extension AND content, size, archive and image limits. Stored files pass untouched."""

    def __init__(self, tipos: tuple[str, ...] = DOCUMENTOS, tamano_maximo: int = TAMANO_MAXIMO):
        self.tipos = tuple(tipos)
        self.tamano_maximo = tamano_maximo

    def __eq__(self, otro: object) -> bool:
        return isinstance(otro, ValidadorDeArchivo) and (otro.tipos, otro.tamano_maximo) == (
            self.tipos,
            self.tamano_maximo,
        )

    def __hash__(self) -> int:
        return hash((self.tipos, self.tamano_maximo))

    @property
    def ayuda(self) -> str:
        return ayuda_de(self.tipos, self.tamano_maximo)

    @property
    def acepta(self) -> str:
        return acepta_de(self.tipos)

    def __call__(self, archivo: File[bytes] | None) -> None:
        if archivo is None or not getattr(archivo, "name", ""):
            return
        if getattr(archivo, "_committed", False) and not hasattr(archivo, "content_type"):
            return  # a file already stored (an edit that does not replace it)
        nombre = PurePath(archivo.name or "").name
        extension = extension_de(nombre)
        tipo = next((TIPOS[t] for t in self.tipos if extension in TIPOS[t].extensiones), None)
        if tipo is None:
            raise ValidationError(
                _("El archivo «%(nombre)s» no es de un tipo permitido: %(ayuda)s")
                % {"nombre": nombre, "ayuda": self.ayuda},
                code="tipo",
            )
        tamano = archivo.size
        if not tamano:
            raise ValidationError(_("El archivo «%(nombre)s» está vacío.") % {"nombre": nombre}, code="vacio")
        if tamano > self.tamano_maximo:
            raise ValidationError(
                _("El archivo «%(nombre)s» pesa %(mb).1f MB; el máximo es %(max)s MB.")
                % {"nombre": nombre, "mb": tamano / MEGABYTE, "max": self.tamano_maximo // MEGABYTE},
                code="tamano",
            )
        cabecera, cola = _cabecera_y_cola(archivo)
        motivo = ""
        if not any(cabecera.startswith(f) for f in tipo.firmas):
            motivo = _("su contenido no corresponde a un archivo %(tipo)s") % {"tipo": tipo.nombre}
        elif extension == "pdf" and b"%%EOF" not in cola:
            motivo = _("el PDF está incompleto")
        elif tipo.miembro_zip:
            motivo = revisar_zip(archivo, miembro=tipo.miembro_zip)
        elif tipo.imagen:
            motivo = revisar_imagen(archivo, tipo.imagen)
        if motivo:
            raise ValidationError(
                _("El archivo «%(nombre)s» no se aceptó: %(motivo)s.") % {"nombre": nombre, "motivo": motivo},
                code="contenido",
            )


validar_documento = ValidadorDeArchivo(DOCUMENTOS)
validar_hoja = ValidadorDeArchivo(HOJAS)


def tiene_validador(campo: object) -> bool:
    return any(isinstance(v, ValidadorDeArchivo) for v in getattr(campo, "validators", ()))


def ruta_de_archivo(instancia: Model, nombre: str) -> str:
    """<app>/<model>/<yyyy>/<random>-<slug>.<ext>: unguessable, never overwritten, never under static."""
    base = PurePath(nombre)
    limpio = slugify(base.stem)[:60] or "archivo"
    opciones = instancia._meta
    return (
        f"{opciones.app_label}/{opciones.model_name}/{timezone.localdate():%Y}/"
        f"{uuid.uuid4().hex[:12]}-{limpio}{base.suffix.lower()}"
    )


def nombre_visible(ruta: str) -> str:
    """The name the user uploaded, without the folder and the random prefix."""
    nombre = PurePath(ruta or "").name
    prefijo, _guion, resto = nombre.partition("-")
    return resto if len(prefijo) == 12 and resto and all(c in "0123456789abcdef" for c in prefijo) else nombre


def servir(archivo: FieldFile, *, nombre: str = "", en_linea: bool = False) -> FileResponse:
    """A stored file as a download (after the caller checked the user's scope); 404 when it is missing."""
    if not archivo:
        raise Http404
    try:
        contenido = archivo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    nombre = nombre or nombre_visible(archivo.name or "")
    tipo = mimetypes.guess_type(nombre)[0] or "application/octet-stream"
    respuesta = FileResponse(contenido, as_attachment=not en_linea, filename=nombre, content_type=tipo)
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta


def limite_de_solicitud() -> int:
    """The largest request body accepted (uploads included); the proxy should refuse larger ones first."""
    return getattr(settings, "MAX_SOLICITUD_BYTES", TAMANO_MAXIMO + 2 * MEGABYTE)

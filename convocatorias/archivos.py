"""Uploaded files: the one validator (type by extension AND content, size) and where they are stored.

Files live under MEDIA_ROOT/convocatorias/<call>/..., never under static, and are served only by
`views.archivos.DescargarArchivoView`, which applies the call's scope.
"""

import io
import uuid
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

TAMANO_MAXIMO = 10 * 1024 * 1024
EXTENSIONES = ("pdf", "docx", "xlsx", "png", "jpg", "jpeg")
ACEPTA = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
AYUDA = "PDF, Word (.docx), Excel (.xlsx), PNG o JPG; máximo 10 MB."


def _extension(nombre: str) -> str:
    return PurePath(nombre or "").suffix.lower().lstrip(".")


def _es_zip_con(contenido: bytes, miembro: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(contenido)) as paquete:
            return miembro in paquete.namelist() and paquete.testzip() is None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _es_imagen(contenido: bytes, formato: str) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(contenido)) as imagen:
            imagen.verify()
            return imagen.format == formato
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return False


def _contenido_coincide(extension: str, contenido: bytes) -> bool:
    if extension == "pdf":
        return contenido.startswith(b"%PDF-") and b"%%EOF" in contenido[-2048:]
    if extension == "docx":
        return contenido.startswith(b"PK\x03\x04") and _es_zip_con(contenido, "word/document.xml")
    if extension == "xlsx":
        return contenido.startswith(b"PK\x03\x04") and _es_zip_con(contenido, "xl/workbook.xml")
    if extension == "png":
        return contenido.startswith(b"\x89PNG\r\n\x1a\n") and _es_imagen(contenido, "PNG")
    if extension in ("jpg", "jpeg"):
        return contenido.startswith(b"\xff\xd8\xff") and _es_imagen(contenido, "JPEG")
    return False


def validar_archivo(archivo) -> None:
    """Allowlist pdf, docx, xlsx, png, jpg of at most 10 MB, checking that the content is what the name says."""
    if archivo is None or not getattr(archivo, "name", ""):
        return
    if getattr(archivo, "_committed", False) and not hasattr(archivo, "content_type"):
        return  # a file already stored (an edit that does not replace it)
    extension = _extension(archivo.name)
    if extension not in EXTENSIONES:
        raise ValidationError(
            _("El archivo «%(nombre)s» no es de un tipo permitido: %(ayuda)s")
            % {"nombre": archivo.name, "ayuda": AYUDA},
            code="tipo",
        )
    if archivo.size is not None and archivo.size > TAMANO_MAXIMO:
        raise ValidationError(_("El archivo supera el tamaño máximo de 10 MB."), code="tamano")
    if not archivo.size:
        raise ValidationError(_("El archivo está vacío."), code="vacio")
    posicion = archivo.tell() if hasattr(archivo, "tell") else 0
    archivo.seek(0)
    contenido = archivo.read()
    archivo.seek(posicion)
    if not _contenido_coincide(extension, contenido):
        raise ValidationError(
            _("El contenido de «%(nombre)s» no corresponde a un archivo %(tipo)s válido.")
            % {"nombre": archivo.name, "tipo": extension.upper()},
            code="contenido",
        )


def ruta_de_archivo(instancia, nombre: str) -> str:
    """convocatorias/<call id>/<kind>/<random>-<slug>.<ext>: unguessable and never overwritten."""
    convocatoria_id = instancia.convocatoria_para_archivos().pk
    carpeta = instancia._meta.model_name
    base = PurePath(nombre)
    limpio = slugify(base.stem)[:60] or "archivo"
    return f"convocatorias/{convocatoria_id}/{carpeta}/{uuid.uuid4().hex[:12]}-{limpio}{base.suffix.lower()}"

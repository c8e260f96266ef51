"""Where the call pipeline's files are stored; they are validated by the core's upload validator.

Files live under MEDIA_ROOT/convocatorias/<call>/..., never under static, and are served only by
`views.archivos.DescargarArchivoView`, which applies the call's scope.
"""

import uuid
from pathlib import PurePath

from django.utils.text import slugify

from cooperacion.core.archivos import validar_documento

# The one validator of the core (extension and content, size, archive and image limits).
validar_archivo = validar_documento


def ruta_de_archivo(instancia, nombre: str) -> str:
    """convocatorias/<call id>/<kind>/<random>-<slug>.<ext>: unguessable and never overwritten."""
    convocatoria_id = instancia.convocatoria_para_archivos().pk
    carpeta = instancia._meta.model_name
    base = PurePath(nombre)
    limpio = slugify(base.stem)[:60] or "archivo"
    return f"convocatorias/{convocatoria_id}/{carpeta}/{uuid.uuid4().hex[:12]}-{limpio}{base.suffix.lower()}"

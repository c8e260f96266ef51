from .acciones import AccionAlianza, SeguimientoAccion
from .comisiones import Comision, CompromisoSesion, SesionComision
from .convenios import CompromisoConvenio, Convenio, RevisionConvenio
from .instrumentos import EstudioInstrumento, InstrumentoInternacional, MemoriaInstrumento
from .oit import MENSAJE_LIMITE_ANTERIOR, CasoOIT, CasoOITQuerySet, DocumentoCaso
from .prioridades import LineaPrioritaria, Necesidad

__all__ = [
    "MENSAJE_LIMITE_ANTERIOR",
    "AccionAlianza",
    "CasoOIT",
    "CasoOITQuerySet",
    "Comision",
    "CompromisoConvenio",
    "CompromisoSesion",
    "Convenio",
    "DocumentoCaso",
    "EstudioInstrumento",
    "InstrumentoInternacional",
    "LineaPrioritaria",
    "MemoriaInstrumento",
    "Necesidad",
    "RevisionConvenio",
    "SeguimientoAccion",
    "SesionComision",
]

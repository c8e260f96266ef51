from .convenios import CompromisoConvenio, Convenio, RevisionConvenio
from .oit import MENSAJE_LIMITE_ANTERIOR, CasoOIT, CasoOITQuerySet
from .prioridades import LineaPrioritaria, Necesidad

__all__ = [
    "MENSAJE_LIMITE_ANTERIOR",
    "CasoOIT",
    "CasoOITQuerySet",
    "CompromisoConvenio",
    "Convenio",
    "LineaPrioritaria",
    "Necesidad",
    "RevisionConvenio",
]

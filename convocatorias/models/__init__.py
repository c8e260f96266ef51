from .catalogos import Modalidad, PesosPriorizacion
from .convocatoria import Aviso, Compromiso, Convocatoria, Destinatario, VersionDocumento
from .proyecto import InformeEjecucion, MovimientoFinanciero, ParticipanteProyecto, Proyecto, SectorProyecto

__all__ = [
    "Aviso",
    "Compromiso",
    "Convocatoria",
    "Destinatario",
    "InformeEjecucion",
    "Modalidad",
    "MovimientoFinanciero",
    "ParticipanteProyecto",
    "PesosPriorizacion",
    "Proyecto",
    "SectorProyecto",
    "VersionDocumento",
]

from .ajuste import CambioAjuste, SolicitudAjuste
from .informe import RemisionInforme
from .plan import Actividad, Estrategia, Objetivo, Plan, RondaRevision, Vigencia
from .seguimiento import AvanceActividad, CalendarioSeguimiento, ObservacionControl, SeguimientoTrimestral

__all__ = [
    "Actividad",
    "AvanceActividad",
    "CalendarioSeguimiento",
    "CambioAjuste",
    "Estrategia",
    "Objetivo",
    "ObservacionControl",
    "Plan",
    "RemisionInforme",
    "RondaRevision",
    "SeguimientoTrimestral",
    "SolicitudAjuste",
    "Vigencia",
]

from .avisos import Notificacion, RecordatorioEnviado, TipoPlazo
from .base import CatalogoQuerySet
from .catalogos import ODS, Actor, Departamento, Moneda, Municipio, PoliticaMIPG
from .organizacion import Dependencia, Usuario
from .reportes import CorteTrimestral, ReporteGenerado

__all__ = [
    "ODS",
    "Actor",
    "CatalogoQuerySet",
    "CorteTrimestral",
    "Departamento",
    "Dependencia",
    "Moneda",
    "Municipio",
    "Notificacion",
    "PoliticaMIPG",
    "RecordatorioEnviado",
    "ReporteGenerado",
    "TipoPlazo",
    "Usuario",
]

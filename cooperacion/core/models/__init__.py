from .avisos import Notificacion, PlazoAbierto, RecordatorioEnviado, TipoPlazo
from .base import CatalogoQuerySet, ConVersion
from .catalogos import ODS, Actor, Departamento, Moneda, Municipio, PoliticaMIPG
from .guardas import Salida, TokenDeCreacion
from .organizacion import Dependencia, Usuario
from .reportes import CorteTrimestral, ReporteGenerado
from .tokens import TokenDeAPI

__all__ = [
    "ODS",
    "Actor",
    "CatalogoQuerySet",
    "ConVersion",
    "CorteTrimestral",
    "Departamento",
    "Dependencia",
    "Moneda",
    "Municipio",
    "Notificacion",
    "PlazoAbierto",
    "PoliticaMIPG",
    "RecordatorioEnviado",
    "ReporteGenerado",
    "Salida",
    "TipoPlazo",
    "TokenDeAPI",
    "TokenDeCreacion",
    "Usuario",
]

from .avisos import Notificacion, PlazoAbierto, RecordatorioEnviado, TipoPlazo
from .base import CatalogoQuerySet, ConVersion
from .catalogos import ODS, Actor, Departamento, Entidad, Moneda, Municipio, PoliticaMIPG, TipoOrganizacionIATI
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
    "Entidad",
    "Moneda",
    "Municipio",
    "Notificacion",
    "PlazoAbierto",
    "PoliticaMIPG",
    "RecordatorioEnviado",
    "ReporteGenerado",
    "Salida",
    "TipoOrganizacionIATI",
    "TipoPlazo",
    "TokenDeAPI",
    "TokenDeCreacion",
    "Usuario",
]

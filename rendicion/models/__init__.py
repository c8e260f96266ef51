from .acciones import AccionRendicion, AvanceAccion, MetricaDefinida, RegistroMetrica, ResponsableAccion
from .configuracion import TEXTO_CONSENTIMIENTO_INICIAL, Configuracion, TextoConsentimiento
from .dialogo import EspacioDialogo, ItemEncuesta, PreguntaCiudadana
from .estrategia import Elemento, ElementoEstrategia, Estrategia, Etapa, EtapaMURC, ObjetivoEstrategico
from .seguimiento import AccionMejora, Corte, EvaluacionAccion

__all__ = [
    "TEXTO_CONSENTIMIENTO_INICIAL",
    "AccionMejora",
    "AccionRendicion",
    "AvanceAccion",
    "Configuracion",
    "Corte",
    "Elemento",
    "ElementoEstrategia",
    "EspacioDialogo",
    "Estrategia",
    "Etapa",
    "EtapaMURC",
    "EvaluacionAccion",
    "ItemEncuesta",
    "MetricaDefinida",
    "ObjetivoEstrategico",
    "PreguntaCiudadana",
    "RegistroMetrica",
    "ResponsableAccion",
    "TextoConsentimiento",
]

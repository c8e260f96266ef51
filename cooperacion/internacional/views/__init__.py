from .oit import (
    AccionSobreCasoView,
    CasoCrearView,
    CasoDetalleView,
    CasoEditarView,
    CasoListaView,
    CasoReabrirView,
    CasoRespuestaView,
    CasoTransicionView,
)

__all__ = [
    "AccionSobreCasoView",
    "CasoCrearView",
    "CasoDetalleView",
    "CasoEditarView",
    "CasoListaView",
    "CasoReabrirView",
    "CasoRespuestaView",
    "CasoTransicionView",
]

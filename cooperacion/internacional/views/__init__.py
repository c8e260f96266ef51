from .oit import (
    AccionSobreCasoView,
    CasoCrearView,
    CasoDetalleView,
    CasoDocumentoView,
    CasoEditarView,
    CasoListaView,
    CasoReabrirView,
    CasoRespuestaView,
    CasoTransicionView,
    DocumentoCasoDescargarView,
)

__all__ = [
    "AccionSobreCasoView",
    "CasoCrearView",
    "CasoDetalleView",
    "CasoDocumentoView",
    "CasoEditarView",
    "CasoListaView",
    "CasoReabrirView",
    "CasoRespuestaView",
    "CasoTransicionView",
    "DocumentoCasoDescargarView",
]

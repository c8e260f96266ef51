"""Writes of the international-relations records, one module per kind of record."""

from .oit import (
    CAMPOS_EDITABLES,
    caso_cerrar,
    caso_crear,
    caso_editar,
    caso_reabrir,
    caso_registrar_respuesta,
    documento_caso_agregar,
)

__all__ = [
    "CAMPOS_EDITABLES",
    "caso_cerrar",
    "caso_crear",
    "caso_editar",
    "caso_reabrir",
    "caso_registrar_respuesta",
    "documento_caso_agregar",
]

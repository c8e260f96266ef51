"""Registry of what is linked to an actor: each app registers a provider that lists its records of one actor that a
user may see (calls, projects, agreements...), in a constant number of queries; the actor's page shows them with
their amounts added up by currency.

    vinculos.registrar(proveedor, orden=10)   # proveedor(actor, usuario) -> Seccion
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Vinculado:
    titulo: str
    url: str
    detalle: str = ""
    estado: str = ""
    monto: Decimal | None = None
    moneda: str = ""  # ISO code


@dataclass
class Seccion:
    titulo: str
    filas: list[Vinculado] = field(default_factory=list)
    etiqueta_monto: str = ""  # what the amount is ("Recursos ofrecidos", "Monto comprometido")

    @property
    def totales(self) -> list[tuple[str, Decimal]]:
        """The amounts of the section added up by currency, currencies in alphabetical order."""
        sumas: dict[str, Decimal] = {}
        for fila in self.filas:
            if fila.monto is not None and fila.moneda:
                sumas[fila.moneda] = sumas.get(fila.moneda, Decimal(0)) + fila.monto
        return sorted(sumas.items())


Proveedor = Callable[[object, object], Seccion]
_proveedores: list[tuple[int, Proveedor]] = []


def registrar(proveedor: Proveedor, *, orden: int = 50) -> None:
    if all(p is not proveedor for _o, p in _proveedores):
        _proveedores.append((orden, proveedor))
        _proveedores.sort(key=lambda x: x[0])


def secciones_de(actor: object, usuario: object) -> list[Seccion]:
    """Every app's records of this actor that the user may see, one section per kind of record."""
    return [proveedor(actor, usuario) for _orden, proveedor in _proveedores]

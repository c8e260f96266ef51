"""Lookups the exports use when they read related rows chunk by chunk."""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, ForeignObject, Lookup
from django.db.models.sql.compiler import SQLCompiler


class EnLote(Lookup[Any]):
    """`campo__en_lote=[ids]`: the rows whose integer `campo` is one of a chunk's ids.

    On PostgreSQL the ids travel as one array parameter (`campo = ANY(%s)`), not as one placeholder per id: an export
    of 100,000 rows asks 50 such questions of 2,000 ids each, and parsing a query of 2,000 placeholders, and
    preparing each id as an expression, cost more than the database's answer. Elsewhere it is a plain IN.
    """

    lookup_name = "en_lote"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[int]:
        return [int(valor) for valor in self.rhs]

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, tuple[Any, ...]]:
        ids = self.rhs
        if not ids:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, ids)
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", (*lhs_params, *ids)


# Every field (primary keys, integers) and foreign keys, whose lookups Django reads from ForeignObject down only.
Field.register_lookup(EnLote)
ForeignObject.register_lookup(EnLote)

"""What the models of the accountability strategy share: who sees which records."""

from cooperacion.core import roles


def es_personal(usuario) -> bool:
    return bool(usuario.is_authenticated and usuario.is_active and (usuario.is_superuser or usuario.roles))


def dependencia_de_trabajo(usuario) -> int | None:
    """The dependencia whose records a Profesional or Jefe works on; None for any other role."""
    if usuario.dependencia_id and usuario.tiene_rol(roles.JEFE, roles.PROFESIONAL):
        return usuario.dependencia_id
    return None

from django.conf import settings
from django.http import HttpRequest

from . import permissions, roles
from .menu import barra_para
from .models import Notificacion


def navegacion(request: HttpRequest) -> dict[str, object]:
    """What the layout needs: the user's roles for the menu and the unread count for the bell."""
    contexto: dict[str, object] = {"ENTIDAD_NOMBRE": settings.ENTIDAD_NOMBRE}
    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return contexto
    return {
        **contexto,
        "es_admin": usuario.tiene_rol(roles.ADMINISTRADOR),
        "es_personal": permissions.es_personal(usuario),
        "menu": barra_para(usuario),
        "roles_usuario": sorted(usuario.roles) or (["Superusuario"] if usuario.is_superuser else []),
        "notificaciones_sin_leer": lambda: Notificacion.objects.filter(usuario=usuario, leida_en__isnull=True).count(),
    }

from django.db import models


class CatalogoQuerySet(models.QuerySet):
    """Reference data: every member of staff may read it."""

    def visibles_para(self, usuario):
        if usuario.is_authenticated and usuario.is_active and (usuario.roles or usuario.is_superuser):
            return self.all()
        return self.none()

"""Activity 18: the quarterly follow-up report goes to Control Interno. When a whole-entity copy is ready (generated
at the cut-off, or asked for by Planeación), each Control Interno user is notified with its link, once."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from cooperacion.core import salidas
from cooperacion.core.models import ReporteGenerado

from ..models import RemisionInforme
from .comun import avisar, control_interno

REMITIR = "planes.remitir_informe"


def remision_encolar(generado: ReporteGenerado) -> None:
    """Queue the remission of a ready report (the outbox carries it out once, after commit)."""
    with transaction.atomic():
        salidas.encolar(REMITIR, generado.pk)


@salidas.efecto(REMITIR)
def remitir_informe(generado_id: int) -> int:
    """Record the remission and notify Control Interno; a repeat finds the row and notifies nobody again."""
    generado = ReporteGenerado.objects.filter(pk=generado_id, estado=ReporteGenerado.Estado.LISTO).first()
    if generado is None:
        return 0
    try:
        with transaction.atomic():
            remision = RemisionInforme.objects.create(generado=generado, periodo=generado.periodo)
            url = reverse("planes:informes")
            remision.notificados = avisar(
                control_interno(),
                titulo=_("Informe de seguimiento a planes de gestión %(p)s (%(f)s)")
                % {"p": generado.periodo, "f": generado.get_formato_display()},
                mensaje=_(
                    "La Oficina Asesora de Planeación remite el informe de seguimiento del trimestre (actividad 18 de "
                    "DE-PD-01). Descárguelo desde el enlace."
                ),
                url=url,
            )
            remision.save(update_fields=["notificados"])
    except IntegrityError:
        return 0  # already remitted
    return remision.notificados

"""A deadline provider for the engine's tests: the engine does not care what record a deadline belongs to,
so these deadlines hang on actors, with dates and responsibles set by each test."""

from cooperacion.core import plazos
from cooperacion.core.models import Actor

CODIGO = "plazo_de_prueba"


class PlazosDePrueba:
    def __init__(self):
        self.fechas: dict[int, tuple] = {}  # actor pk → (fecha, responsables, avisar_tambien)

    def agregar(self, actor, fecha, *responsables, avisar_tambien=()):
        self.fechas[actor.pk] = (fecha, tuple(responsables), tuple(avisar_tambien))

    def __call__(self, filtro: plazos.FiltroPlazos):
        for actor in Actor.objects.filter(pk__in=self.fechas).order_by("pk"):
            fecha, responsables, avisar = self.fechas[actor.pk]
            if filtro.responsable_id and filtro.responsable_id not in {u.pk for u in responsables}:
                continue
            dependencia = responsables[0].dependencia if responsables else None
            if filtro.dependencia_ids is not None and (
                dependencia is None or dependencia.pk not in filtro.dependencia_ids
            ):
                continue
            yield plazos.Plazo(
                tipo=CODIGO,
                objeto=actor,
                fecha=fecha,
                titulo=f"Informe para {actor.nombre}",
                url=actor.get_absolute_url(),
                responsables=responsables,
                dependencia=dependencia,
                avisar_tambien=avisar,
            )

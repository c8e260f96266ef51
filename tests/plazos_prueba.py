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
        plazos.sincronizar(CODIGO, {actor.pk})

    def quitar(self, actor):
        self.fechas.pop(actor.pk, None)
        plazos.sincronizar(CODIGO, {actor.pk})

    def __call__(self, ids):
        consulta = Actor.objects.filter(pk__in=self.fechas if ids is None else set(ids) & set(self.fechas))
        for actor in consulta.order_by("pk"):
            fecha, responsables, avisar = self.fechas[actor.pk]
            yield plazos.Plazo(
                tipo=CODIGO,
                objeto=actor,
                fecha=fecha,
                titulo=f"Informe para {actor.nombre}",
                url=actor.get_absolute_url(),
                responsables=responsables,
                dependencia=responsables[0].dependencia if responsables else None,
                avisar_tambien=avisar,
            )

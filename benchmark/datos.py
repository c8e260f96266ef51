"""Volume for the benchmark: calls, projects with their execution reports, ILO cases, and stored deadlines.

Everything is bulk-inserted (no signals, no history), then the open deadlines are computed the way production
computes them after a bulk load (`plazos.reconstruir`), except for the export-sized volume, whose deadline rows are
inserted directly (the deadlines report reads that table, whatever filled it).
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from convocatorias.models import Convocatoria, InformeEjecucion, Modalidad, Proyecto
from cooperacion.core import plazos, roles
from cooperacion.core.models import Actor, Dependencia, Moneda, PlazoAbierto, Usuario
from cooperacion.internacional.models import CasoOIT

ESTADOS = [
    Convocatoria.Estado.IDENTIFICADA,
    Convocatoria.Estado.PRIORIZADA,
    Convocatoria.Estado.VALIDADA,
    Convocatoria.Estado.INFORMADA,
    Convocatoria.Estado.EN_FORMULACION,
    Convocatoria.Estado.PRESENTADA,
    Convocatoria.Estado.NO_APLICADA,
    Convocatoria.Estado.EN_EJECUCION,
]


class Volumen:
    """The people and catalogs the generated records hang on."""

    def __init__(self):
        self.azar = random.Random(2026)  # noqa: S311  (reproducible volume, not a secret)
        self.ahora = timezone.now()
        self.hoy = timezone.localdate()
        self.dependencias = [
            Dependencia.objects.get_or_create(codigo=codigo, defaults={"nombre": nombre, "sigla": sigla})[0]
            for codigo, nombre, sigla in (
                ("9100", "Oficina de Cooperación (volumen)", "OCV"),
                ("9200", "Dirección de Empleo (volumen)", "DEV"),
                ("9300", "Dirección Territorial (volumen)", "DTV"),
                ("9400", "Dirección de Inspección (volumen)", "DIV"),
            )
        ]
        self.usuarios = {}
        for nombre, rol, dependencia in (
            ("bench_jefe", roles.JEFE, self.dependencias[0]),
            ("bench_profesional", roles.PROFESIONAL, self.dependencias[0]),
            ("bench_jefe_b", roles.JEFE, self.dependencias[1]),
            ("bench_admin", roles.ADMINISTRADOR, self.dependencias[0]),
        ):
            usuario, _creado = Usuario.objects.get_or_create(
                username=nombre, defaults={"first_name": nombre, "dependencia": dependencia, "is_staff": True}
            )
            usuario.groups.add(Group.objects.get(name=rol))
            self.usuarios[nombre] = usuario
        self.actores = list(Actor.objects.all()[:40]) or [
            Actor.objects.create(nombre=f"Cooperante de volumen {i}", sigla=f"CV{i}", tipo=Actor.Tipo.MULTILATERAL)
            for i in range(40)
        ]
        if len(self.actores) < 40:
            self.actores += [
                Actor.objects.create(nombre=f"Cooperante de volumen {i}", sigla=f"CV{i}", tipo=Actor.Tipo.ESAL)
                for i in range(len(self.actores), 40)
            ]
        self.modalidad = Modalidad.objects.order_by("pk").first()
        self.moneda = Moneda.objects.get_or_create(codigo="USD", defaults={"nombre": "Dólar", "decimales": 2})[0]
        self.contador = Convocatoria.objects.count()

    def convocatorias(self, cuantas: int, dependencia: Dependencia, responsable: Usuario, *, con_proyectos=True):
        """Bulk-insert calls in every state (a tenth in execution, with a project and its reports)."""
        nuevas = []
        for _i in range(cuantas):
            self.contador += 1
            estado = ESTADOS[self.contador % len(ESTADOS)] if con_proyectos else ESTADOS[self.contador % 6]
            cierre = self.ahora + timedelta(days=self.azar.randint(-60, 240), hours=self.azar.randint(0, 8))
            monto = Decimal(self.azar.randint(10, 900) * 1000)
            nuevas.append(
                Convocatoria(
                    cooperante=self.actores[self.contador % len(self.actores)],
                    nombre=f"Convocatoria de volumen número {self.contador} para el fortalecimiento institucional",
                    fuente=Convocatoria.Fuente.WEB,
                    modalidad=self.modalidad,
                    lineas_tematicas="Empleo; formalización; diálogo social",
                    territorio="Nacional",
                    monto=monto,
                    moneda=self.moneda,
                    tasa_cop=Decimal("4000"),
                    monto_cop=monto * 4000,
                    fecha_apertura=cierre - timedelta(days=60),
                    fecha_cierre=cierre,
                    impacto_esperado="Trabajadores y empleadores de las regiones con más informalidad",
                    responsable=responsable,
                    dependencia=dependencia,
                    creada_por=responsable,
                    estado=estado,
                    puntaje=self.azar.randint(0, 100),
                    motivo_validacion="Se aplica: responde a las líneas prioritarias."
                    if estado != "identificada"
                    else "",
                )
            )
        creadas = Convocatoria.objects.bulk_create(nuevas, batch_size=2000)
        if con_proyectos:
            self._proyectos([c for c in creadas if c.estado == Convocatoria.Estado.EN_EJECUCION], responsable)
        return creadas

    def _proyectos(self, convocatorias, supervisor):
        proyectos = Proyecto.objects.bulk_create(
            [
                Proyecto(
                    convocatoria=c,
                    codigo=f"PV-{c.pk}",
                    nombre=c.nombre,
                    modalidad=self.modalidad,
                    monto_comprometido=c.monto,
                    moneda=self.moneda,
                    tasa_cop=Decimal("4000"),
                    monto_comprometido_cop=c.monto_cop,
                    fecha_inicio=self.hoy - timedelta(days=180),
                    fecha_fin=self.hoy + timedelta(days=self.azar.randint(30, 400)),
                    dependencia=c.dependencia,
                    supervisor=supervisor,
                    periodicidad_meses=3,
                )
                for c in convocatorias
            ],
            batch_size=2000,
        )
        InformeEjecucion.objects.bulk_create(
            [
                InformeEjecucion(proyecto=p, numero=n, fecha_limite=p.fecha_inicio + timedelta(days=90 * n))
                for p in proyectos
                for n in range(1, 5)
            ],
            batch_size=4000,
        )

    def casos_oit(self, cuantos: int, dependencia: Dependencia, responsable: Usuario):
        CasoOIT.objects.bulk_create(
            [
                CasoOIT(
                    numero=f"V{self.contador}-{i}",
                    tipo=CasoOIT.Tipo.QUEJA_CLS,
                    convenios="C087, C098",
                    asunto="Alegatos de violación de la libertad sindical (volumen)",
                    organizacion_querellante="Central sindical",
                    fecha_recepcion=self.hoy - timedelta(days=30),
                    fecha_limite_respuesta=self.hoy + timedelta(days=self.azar.randint(-20, 120)),
                    dependencia=dependencia,
                    responsable=responsable,
                )
                for i in range(cuantos)
            ],
            batch_size=2000,
        )

    def reconstruir_plazos(self) -> int:
        plazos.reconstruir()
        return PlazoAbierto.objects.count()

    def plazos_sinteticos(self, cuantos: int, dependencia: Dependencia, responsable: Usuario) -> None:
        """Deadline rows for the deadlines report at export volume (the table the report reads)."""
        from django.contrib.contenttypes.models import ContentType

        tipo = ContentType.objects.get_for_model(Convocatoria)
        base = 10_000_000 + PlazoAbierto.objects.count()
        filas = PlazoAbierto.objects.bulk_create(
            [
                PlazoAbierto(
                    tipo="cierre_convocatoria",
                    content_type=tipo,
                    object_id=base + i,
                    fecha=self.hoy + timedelta(days=self.azar.randint(-90, 365)),
                    titulo=f"Convocatoria sintética {base + i}: fortalecimiento institucional",
                    detalle="Plazo generado para medir el reporte de plazos",
                    url=f"/convocatorias/{base + i}/",
                    dependencia=dependencia,
                )
                for i in range(cuantos)
            ],
            batch_size=5000,
        )
        Responsable = PlazoAbierto.responsables.through
        Responsable.objects.bulk_create(
            [Responsable(plazoabierto_id=f.pk, usuario_id=responsable.pk) for f in filas], batch_size=5000
        )

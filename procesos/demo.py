"""Demo data: the two seed characterizations, complete and in force, and a draft of PR-CRI's next version.

Idempotent: each characterization is looked up by process code and version before being created.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from cooperacion.core.models import PoliticaMIPG
from cooperacion.core.tipos import historia

from . import services
from .models import Caracterizacion, Etapa, Firma, ParteInteresada, Proceso, Tipologia
from .selectors import RECURSOS, SEGUIMIENTO

DATOS = Path(__file__).resolve().parent / "datos"
MOTIVO = "Carga de demostración desde el documento fuente"
ETAPAS = {"planear": Etapa.PLANEAR, "hacer": Etapa.HACER, "verificar": Etapa.VERIFICAR, "actuar": Etapa.ACTUAR}
PASOS = {"ELABORÓ": Firma.Paso.ELABORO, "REVISÓ": Firma.Paso.REVISO, "APROBÓ": Firma.Paso.APROBO}
T = ParteInteresada.Tipo


def leer_semilla(nombre: str) -> dict:
    return json.loads((DATOS / nombre).read_text(encoding="utf-8"))


def _fecha(iso: str) -> date:
    return date.fromisoformat(iso)


def _partes(fila: dict, columnas: dict) -> list[dict]:
    return [{"tipo": tipo, "texto": texto} for clave, tipo in columnas.items() for texto in fila.get(clave, [])]


def _politicas_por_nombre(nombres) -> list[PoliticaMIPG]:
    catalogo = {services.normalizar(p.nombre): p for p in PoliticaMIPG.objects.all()}
    return [catalogo[services.normalizar(n)] for n in nombres if services.normalizar(n) in catalogo]


def contenido_pr_cri(semilla: dict) -> tuple[dict, dict]:
    """(header fields, content) of PR-CRI v5.0 as `escribir_contenido` takes them."""
    h = semilla["header"]
    encabezado = {
        "version": h["version"],
        "fecha": _fecha(h["fecha_iso"]),
        "entidad": h["entidad"],
        "nombre": h["proceso"],
        "tipologia": "",
        "responsable": h["responsable"],
        "objetivo": h["objetivo"],
        "alcance": h["alcance"],
        "rol_lineas_defensa": semilla["rol_en_esquema_de_lineas_de_defensa"]["texto"],
        "mecanismos_seguimiento": list(semilla["mecanismos_de_seguimiento_y_medicion"]),
    }
    filas = [
        {
            "etapa": ETAPAS[f["stage"]],
            "entradas": f["entradas"],
            "actividades": f["actividades"],
            "responsables": [],
            "salidas": f["salidas"],
            "partes": _partes(f, {"fuentes_de_entradas": T.FUENTE, "receptores_de_salidas": T.RECEPTOR}),
        }
        for f in sorted(semilla["phva_rows"], key=lambda f: f["row"])
    ]
    contenido = {
        "filas": filas,
        "documentos": [{"clase": "proceso", **d} for d in semilla["documentos_del_proceso"]]
        + [{"clase": "asociado", **d} for d in semilla["documentos_asociados"]],
        "requisitos": [{"norma": r, "articulo": "", "descripcion": ""} for r in semilla["requisitos_legales"]],
        "riesgos": [{**r, "controles": ""} for r in semilla["riesgos_asociados"]],
        "politicas": _politicas_por_nombre(semilla["politicas_mipg_asociadas"]),
        "cambios": [],
    }
    return encabezado, contenido


def contenido_bogota(semilla: dict) -> tuple[dict, dict]:
    """(header fields, content) of 4212000-CR-040 v12 as `escribir_contenido` takes them."""
    h = semilla["header"]
    tipologias = {str(t.label): t.value for t in Tipologia}
    encabezado = {
        "version": h["version"],
        "fecha": _fecha(h["fecha_iso"]),
        "entidad": h["entidad"],
        "nombre": h["proceso"],
        "tipologia": tipologias[h["tipologia"]],
        "responsable": h["responsable"],
        "objetivo": h["objetivo"],
        "alcance": h["alcance"],
    }
    campos_seguimiento = dict(SEGUIMIENTO)
    for item in semilla["seguimiento_y_control"]:
        encabezado[campos_seguimiento[item["etiqueta"]]] = item["texto"]
    campos_recursos = dict(RECURSOS)
    for item in semilla["recursos"]["items"]:
        encabezado[campos_recursos[item["tipo"]]] = item["valor"]
    columnas = {
        "proveedor_externo": T.PROVEEDOR_EXTERNO,
        "proveedor_interno": T.PROVEEDOR_INTERNO,
        "cliente_interno": T.CLIENTE_INTERNO,
        "cliente_externo": T.CLIENTE_EXTERNO,
    }
    filas = [
        {
            "etapa": ETAPAS[f["stage"]],
            "entradas": f["entradas"],
            "actividades": [f["actividad"]],
            "responsables": f["responsable"],
            "salidas": f["salidas"],
            "partes": _partes(f, columnas),
        }
        for f in sorted(semilla["phva_rows"], key=lambda f: f["row"])
    ]
    contenido = {
        "filas": filas,
        "documentos": [],
        "requisitos": [],
        "riesgos": [],
        # "el proceso participa en la implementación de todas las políticas de gestión y desempeño del modelo"
        "politicas": list(PoliticaMIPG.objects.all()),
        "cambios": [
            {"version": c["version"], "seccion": c["seccion"], "cambio": c["cambio"], "fecha": _fecha(c["fecha_iso"])}
            for c in semilla["control_de_cambios"]
        ],
    }
    return encabezado, contenido


def _cargar(codigo: str, nombre_catalogo: str, tipologia: str, dependencia, encabezado: dict, contenido: dict):
    proceso, _creado = Proceso.objects.get_or_create(
        codigo=codigo, defaults={"nombre": nombre_catalogo, "tipologia": tipologia, "dependencia": dependencia}
    )
    existente = Caracterizacion.objects.filter(proceso=proceso, version=encabezado["version"]).first()
    if existente:
        return existente, False
    c = Caracterizacion(proceso=proceso, dependencia=dependencia, estado=Caracterizacion.Estado.VIGENTE, **encabezado)
    historia(c)._change_reason = MOTIVO
    c.save()
    services.escribir_contenido(caracterizacion=c, contenido=contenido, usuario=None, resolver=False, motivo=MOTIVO)
    return c, True


def cargar_demo(*, usuarios: dict, dependencias: dict) -> dict[str, Caracterizacion]:
    """Load PR-CRI v5.0 and 4212000-CR-040 v12 (both vigente, dependencia "1100") and the draft PR-CRI v6.0.

    `usuarios` and `dependencias` are the dicts of the core's `cargar_demo` (by username and by code).
    """
    dependencia = dependencias["1100"]
    with transaction.atomic():
        semilla = leer_semilla("pr_cri.json")
        encabezado, contenido = contenido_pr_cri(semilla)
        pr_cri, _creada = _cargar(
            "PR-CRI", "Cooperación y Relaciones Internacionales", "", dependencia, encabezado, contenido
        )

        semilla = leer_semilla("bogota_4212000_cr_040.json")
        encabezado, contenido = contenido_bogota(semilla)
        bogota, creada = _cargar(
            semilla["header"]["codigo"],
            semilla["header"]["proceso"],
            Tipologia.ESTRATEGICO,
            dependencia,
            encabezado,
            contenido,
        )
        if creada:
            for paso in semilla["aprobacion"]:
                for orden, cargo in enumerate(paso["cargos"], start=1):
                    firma = Firma(
                        caracterizacion=bogota,
                        paso=PASOS[paso["paso"]],
                        orden=orden,
                        cargo=cargo,
                        fecha=_fecha(paso["fecha_iso"]),
                    )
                    historia(firma)._change_reason = MOTIVO
                    firma.save()

        borrador = Caracterizacion.objects.filter(proceso=pr_cri.proceso, version="6.0").first()
        if borrador is None and pr_cri.estado == Caracterizacion.Estado.VIGENTE:
            profesional = usuarios["profesional"]
            borrador = services.caracterizacion_nueva_version(caracterizacion=pr_cri, usuario=profesional)
            riesgo = leer_semilla("pr_cri.json")["riesgos_asociados"][0]
            services.caracterizacion_guardar_contenido(
                caracterizacion=borrador,
                usuario=profesional,
                contenido={
                    "riesgos": [
                        {
                            **riesgo,
                            "controles": "Verificación semestral, con las dependencias y entidades del Sector, "
                            "de los convenios y acuerdos internacionales vigentes.",
                        }
                    ]
                },
            )
    return {"pr_cri": pr_cri, "bogota": bogota, "borrador": borrador}

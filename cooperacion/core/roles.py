"""The roles of the product. Each is a Django group created by a data migration."""

ADMINISTRADOR = "Administrador"
JEFE = "Jefe de oficina"
PROFESIONAL = "Profesional"
PLANEACION = "Planeación"
CONTROL_INTERNO = "Control Interno"

TODOS = (ADMINISTRADOR, JEFE, PROFESIONAL, PLANEACION, CONTROL_INTERNO)
# Roles that read every dependencia's records.
TRANSVERSALES = (ADMINISTRADOR, PLANEACION, CONTROL_INTERNO)

"""The state colours, in one place: the pages' badges (static/css/app.css and the apps' stylesheets, checked
against these values by tests/test_uso_diario.py), the charts and the PDFs read them from here."""

VERDE = "#1E7D34"  # a tiempo, cumplido, vigente
AMARILLO = "#C98A00"  # próximo a vencer, parcial (dark text on it)
ROJO = "#B02A37"  # vencido, no cumplido, rechazado
GRIS = "#52606D"  # sin meta, sin evaluar
NEUTRO = "#123B6D"  # a quantity that is no state (counts by type, amounts)

ESTADOS = (VERDE, AMARILLO, ROJO, GRIS)

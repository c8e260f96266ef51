"""Playwright on Debian's Chromium (Playwright's own browser download cannot work here)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = "/usr/bin/chromium"
ARGUMENTOS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGUMENTOS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Reduced motion: Bootstrap then skips its fades, so axe never measures an element halfway in.
    return {**browser_context_args, "locale": "es-CO", "timezone_id": "America/Bogota", "reduced_motion": "reduce"}


@pytest.fixture
def navegador(page, live_server, transactional_db):
    """A page pointed at the live server, failing the test on any console error (CSP violations included)."""
    errores = []
    page.on("console", lambda m: errores.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errores.append(str(e)))
    page.set_default_timeout(10_000)
    page.base = live_server.url
    yield page
    assert errores == [], f"Errores en la consola del navegador: {errores}"


_axe = Axe()


TELEFONO = {"width": 390, "height": 844}


def revisar_telefono(page) -> None:
    """The current page on a 390 px phone: the document is no wider than the screen (tables scroll in their box)."""
    tamano = page.viewport_size
    page.set_viewport_size(TELEFONO)
    try:
        page.wait_for_function("() => window.innerWidth === 390")
        ancho = page.evaluate("document.documentElement.scrollWidth")
        assert ancho <= TELEFONO["width"], f"{page.url} mide {ancho} px en un teléfono de {TELEFONO['width']} px"
    finally:
        page.set_viewport_size(tamano)


def revisar_accesibilidad(page) -> None:
    """axe-core on the current page: no serious or critical violations; and the page fits a phone.

    Every page a journey checks is measured at 390 px too, so the phone layout is walked by all journeys."""
    revisar_telefono(page)
    resultado = _axe.run(page)
    graves = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in resultado.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert graves == [], f"Violaciones de accesibilidad en {page.url}: {graves}"


def ingresar(page, usuario: str, contrasena: str) -> None:
    page.goto(page.base + "/ingresar/")
    revisar_accesibilidad(page)
    page.get_by_label("Nombre de usuario").fill(usuario)
    page.get_by_label("Contraseña").fill(contrasena)
    page.get_by_role("button", name="Ingresar").click()


def elegir(page, etiqueta: str, opcion, *, buscar: str = "") -> None:
    """Pick `opcion` (text or pattern) in a searchable list (tom-select over a <select>): type, click the option."""
    # The picker's own text box and dropdown (the hidden <select> keeps the same name for screen readers).
    caja = page.locator(f'.ts-wrapper input[aria-label="{etiqueta}"]')
    caja.click()
    caja.fill("")
    caja.press_sequentially(buscar or opcion[:12])
    page.locator(".ts-dropdown:visible").get_by_role("option", name=opcion, exact=isinstance(opcion, str)).click()

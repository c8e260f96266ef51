// Focus the first field with an error so keyboard users land where they must act.
document.addEventListener("DOMContentLoaded", () => {
  const invalido = document.querySelector(".is-invalid");
  if (invalido) invalido.focus();
});

// Numbers the Colombian way (thousands ".", decimals ","), as the server reads them (cooperacion/core/numeros.py).
// Returns null for empty or ambiguous text: the server explains those.
function leerNumero(texto) {
  let limpio = (texto || "").replace(/[\s$\u00a0\u202f]|COP|USD|EUR/gi, "");
  if (!limpio) return null;
  const negativo = limpio.startsWith("-");
  limpio = limpio.replace(/^[+-]/, "");
  if (!/^[\d.,]+$/.test(limpio)) return null;
  const comas = (limpio.match(/,/g) || []).length;
  if (comas > 1) return null;
  let entero = limpio;
  let decimales = "";
  if (comas === 1) [entero, decimales] = limpio.split(",");
  if (entero.includes(".")) {
    if (!/^\d{1,3}(\.\d{3})+$/.test(entero)) return null;
    entero = entero.replace(/\./g, "");
  }
  const valor = Number(entero + (decimales ? "." + decimales : ""));
  if (Number.isNaN(valor)) return null;
  return negativo ? -valor : valor;
}

const pesos = new Intl.NumberFormat("es-CO", { style: "currency", currency: "COP", maximumFractionDigits: 0 });

// An amount typed next to an exchange rate shows its COP equivalent as the user types (read by screen readers).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form").forEach((formulario) => {
    const tasa = formulario.querySelector("input[data-tasa]");
    formulario.querySelectorAll("input[data-monto]").forEach((monto) => {
      const fija = monto.dataset.tasaValor ? Number(monto.dataset.tasaValor) : null;
      if (!tasa && !fija) return;
      const aviso = document.createElement("div");
      aviso.className = "form-text equivalente-cop";
      aviso.setAttribute("aria-live", "polite");
      aviso.id = monto.id + "-cop";
      monto.insertAdjacentElement("afterend", aviso);
      monto.setAttribute("aria-describedby", [monto.getAttribute("aria-describedby"), aviso.id].filter(Boolean).join(" "));
      const actualizar = () => {
        const valor = leerNumero(monto.value);
        const factor = tasa ? leerNumero(tasa.value) : fija;
        aviso.textContent = valor !== null && factor ? "≈ " + pesos.format(valor * factor) : "";
      };
      monto.addEventListener("input", actualizar);
      if (tasa) tasa.addEventListener("input", actualizar);
      actualizar();
    });
  });
});

// A table wider than its column scrolls inside its own box (phones), never the whole page; a box that does scroll
// becomes a named, keyboard-reachable region so it can be scrolled without a mouse.
document.addEventListener("DOMContentLoaded", () => {
  const cajas = [...document.querySelectorAll("main .table-responsive")];
  document.querySelectorAll("main table").forEach((tabla) => {
    if (tabla.closest(".table-responsive, .tabla-desplazable") || tabla.classList.contains("tabla-tarjetas")) return;
    if (tabla.parentElement.closest("table")) return;
    const caja = document.createElement("div");
    caja.className = "tabla-desplazable";
    tabla.parentNode.insertBefore(caja, tabla);
    caja.appendChild(tabla);
    cajas.push(caja);
  });
  const marcar = () => {
    cajas.forEach((caja) => {
      // A box the template already named as a region keeps its own name and role.
      if (caja.getAttribute("role") === "region" && !caja.dataset.regionAutomatica) return;
      if (caja.scrollWidth > caja.clientWidth + 1) {
        const titulo = caja.querySelector("caption");
        caja.tabIndex = 0;
        caja.dataset.regionAutomatica = "1";
        caja.setAttribute("role", "region");
        caja.setAttribute("aria-label", titulo ? titulo.textContent.trim() : "Tabla desplazable horizontalmente");
      } else if (caja.dataset.regionAutomatica) {
        delete caja.dataset.regionAutomatica;
        caja.removeAttribute("tabindex");
        caja.removeAttribute("role");
        caja.removeAttribute("aria-label");
      }
    });
  };
  marcar();
  window.addEventListener("resize", marcar);
});

// Long lists (municipalities, actors, processes) get a search box: a <select> marked data-buscador, or with more
// than 25 options, becomes a tom-select picker (static/vendor/tom-select). Without script the <select> still works.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof TomSelect === "undefined") return;
  document.querySelectorAll("main select").forEach((lista) => {
    if (lista.tomselect || lista.dataset.sinBuscador !== undefined) return;
    if (lista.dataset.buscador === undefined && lista.options.length <= 25) return;
    const etiqueta = lista.labels && lista.labels[0];
    const nombre = etiqueta ? etiqueta.textContent.replace(/\*\s*$/, "").trim() : "";
    // tom-select points the <label> at its own text box; the hidden <select> keeps its name through the label.
    if (etiqueta) {
      if (!etiqueta.id) etiqueta.id = lista.id + "-etiqueta";
      lista.setAttribute("aria-labelledby", etiqueta.id);
    }
    const vacia = lista.querySelector('option[value=""]');
    let plugins = {};
    if (lista.multiple) plugins = { remove_button: { title: "Quitar" } };
    else if (vacia && !lista.required) plugins = { clear_button: { title: "Quitar la selección" } };
    const buscador = new TomSelect(lista, {
      plugins,
      maxOptions: 60,
      allowEmptyOption: false,
      placeholder: vacia && vacia.textContent.trim() ? vacia.textContent.trim() : "Escriba para buscar…",
      render: {
        no_results: () => '<div class="no-results">Sin resultados: pruebe con otra palabra.</div>',
      },
    });
    // The control's text box is named like the original field, for screen readers and for tests.
    if (nombre && buscador.control_input) buscador.control_input.setAttribute("aria-label", nombre);
    if (lista.classList.contains("is-invalid")) buscador.wrapper.classList.add("is-invalid");
    // In a list that takes several, the search text is cleared once an item is chosen, ready for the next one.
    if (lista.multiple) {
      buscador.on("item_add", () => {
        buscador.setTextboxValue("");
        buscador.refreshOptions(false);
      });
    }
  });
});

// Formsets of the characterization pages: add rows from the <template>, move them up and down (renumbering
// the ORDER fields), and pick suppliers/clients from the catalogs into the row's text areas.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-formset]").forEach((conjunto) => {
    const prefijo = conjunto.dataset.formset;
    const total = conjunto.querySelector(`input[name="${prefijo}-TOTAL_FORMS"]`);
    const filas = conjunto.querySelector("[data-formset-filas]");
    const plantilla = conjunto.querySelector("template[data-formset-plantilla]");

    const renumerar = () => {
      filas.querySelectorAll(":scope > [data-fila]").forEach((fila, indice) => {
        const orden = fila.querySelector("input[name$='-ORDER']");
        if (orden) orden.value = indice + 1;
        const numero = fila.querySelector("[data-numero]");
        if (numero) numero.textContent = indice + 1;
      });
    };

    conjunto.querySelector("[data-formset-agregar]").addEventListener("click", () => {
      const indice = parseInt(total.value, 10);
      filas.insertAdjacentHTML("beforeend", plantilla.innerHTML.replaceAll("__prefix__", String(indice)));
      total.value = indice + 1;
      renumerar();
      const primero = filas.lastElementChild.querySelector("textarea, input:not([type=hidden]), select");
      if (primero) primero.focus();
    });

    filas.addEventListener("click", (evento) => {
      const boton = evento.target.closest("[data-mover], [data-catalogo-agregar]");
      if (!boton) return;
      const fila = boton.closest("[data-fila]");
      if (boton.hasAttribute("data-catalogo-agregar")) {
        const valor = fila.querySelector("[data-catalogo-valor]");
        const destino = fila.querySelector("[data-catalogo-destino]").value;
        const area = fila.querySelector(`textarea[name$="-${destino}"]`);
        const texto = valor.value.trim();
        if (area && texto) {
          area.value = area.value.trim() ? `${area.value.trim()}\n${texto}` : texto;
          valor.value = "";
          area.focus();
        }
        return;
      }
      if (boton.dataset.mover === "arriba" && fila.previousElementSibling) {
        fila.parentNode.insertBefore(fila, fila.previousElementSibling);
      } else if (boton.dataset.mover === "abajo" && fila.nextElementSibling) {
        fila.parentNode.insertBefore(fila.nextElementSibling, fila);
      }
      renumerar();
      boton.focus();
    });
  });
});

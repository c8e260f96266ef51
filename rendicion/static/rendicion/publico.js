// Public question form: after an error, put the keyboard on the first field to fix (or on the error summary).
document.addEventListener("DOMContentLoaded", () => {
  const invalido = document.querySelector("#formulario-pregunta .is-invalid, #formulario-pregunta [role='alert']");
  if (invalido) {
    if (!invalido.matches("input, textarea, select")) invalido.setAttribute("tabindex", "-1");
    invalido.focus();
  }
});

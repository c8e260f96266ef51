// Focus the first field with an error so keyboard users land where they must act.
document.addEventListener("DOMContentLoaded", () => {
  const invalido = document.querySelector(".is-invalid");
  if (invalido) invalido.focus();
});

"""Text as people read it: summaries cut at a whole word, never in the middle of one."""


def resumir(texto: object, limite: int) -> str:
    """`texto` on one line, at most `limite` characters, cut at the last whole word with "…" when cut."""
    texto = " ".join(str(texto or "").split())
    if len(texto) <= limite:
        return texto
    corte = texto[: max(limite - 1, 1)]
    espacio = corte.rfind(" ")
    if espacio > limite // 2:
        corte = corte[:espacio]
    return corte.rstrip(" ,;:.-–—") + "…"

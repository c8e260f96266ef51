"""Small but valid PDF files for the demo data and the tests (minutes, proofs, reports), written without a renderer:
one helper in the core for every app (convocatorias, planes, rendición)."""

from django.core.files.uploadedfile import SimpleUploadedFile


def _escapar(texto: str) -> str:
    return texto.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_simple(titulo: str, lineas: list[str]) -> bytes:
    """A one-page A4 PDF with a title and some lines of text (Latin-1 Helvetica)."""
    contenido = ["BT", "/F1 15 Tf", "72 770 Td", f"({_escapar(titulo)}) Tj", "/F1 10 Tf", "0 -28 Td"]
    for linea in lineas:
        contenido += [f"({_escapar(linea)}) Tj", "0 -15 Td"]
    contenido.append("ET")
    flujo = "\n".join(contenido).encode("latin-1", "replace")
    objetos = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(flujo)).encode() + b" >>\nstream\n" + flujo + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    salida = bytearray(b"%PDF-1.4\n")
    posiciones = []
    for numero, objeto in enumerate(objetos, start=1):
        posiciones.append(len(salida))
        salida += f"{numero} 0 obj\n".encode() + objeto + b"\nendobj\n"
    inicio_xref = len(salida)
    salida += f"xref\n0 {len(objetos) + 1}\n0000000000 65535 f \n".encode()
    for posicion in posiciones:
        salida += f"{posicion:010d} 00000 n \n".encode()
    salida += f"trailer\n<< /Size {len(objetos) + 1} /Root 1 0 R >>\nstartxref\n{inicio_xref}\n%%EOF\n".encode()
    return bytes(salida)


def archivo_pdf(nombre: str, titulo: str, *lineas: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, pdf_simple(titulo, list(lineas)), content_type="application/pdf")

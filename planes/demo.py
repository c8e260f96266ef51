def cargar_demo(*, usuarios, dependencias, hoy):
    return None

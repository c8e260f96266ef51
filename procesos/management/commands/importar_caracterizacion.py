from django.core.management.base import BaseCommand, CommandError

from procesos.importacion import ErrorDeImportacion, importar


class Command(BaseCommand):
    help = (
        "Importa una caracterización desde el libro de Excel que descarga el botón «Excel»: crea un borrador "
        "(o reemplaza el contenido del borrador con el mismo código y versión). Con un error no guarda nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="Ruta del libro .xlsx")

    def handle(self, *args, **opciones):
        try:
            with open(opciones["archivo"], "rb") as archivo:
                resultado = importar(archivo)
        except FileNotFoundError as error:
            raise CommandError(f"No existe el archivo {opciones['archivo']}.") from error
        except ErrorDeImportacion as error:
            raise CommandError("No se guardó nada:\n" + "\n".join(error.errores)) from error
        accion = "Creado" if resultado.creada else "Actualizado"
        c = resultado.caracterizacion
        self.stdout.write(self.style.SUCCESS(f"{accion} el borrador {c} (id {c.pk})."))

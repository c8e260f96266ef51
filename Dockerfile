# Imagen de Cooperación: la misma sirve a web (gunicorn), worker y beat (Celery).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MEDIA_ROOT=/app/media

# Bibliotecas que WeasyPrint carga en tiempo de ejecución, fuentes para los PDF
# y curl para el healthcheck.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        curl \
    && rm -rf /var/lib/apt/lists/*

# Usuario sin privilegios que ejecuta todos los procesos.
RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# Solo lo que necesita la aplicación (ni .venv, ni .env, ni db.sqlite3 del equipo de desarrollo).
COPY --chown=app:app manage.py ./
COPY --chown=app:app cooperacion ./cooperacion
COPY --chown=app:app templates ./templates
COPY --chown=app:app static ./static

# /app/media pertenece a app: el volumen con nombre montado aquí hereda ese dueño la primera vez.
RUN mkdir -p /app/media /app/staticfiles && chown app:app /app/media /app/staticfiles

USER app

# collectstatic necesita cargar los settings; la clave solo vive en este paso y no queda en la imagen.
ARG BUILD_SECRET_KEY=solo-para-collectstatic-durante-el-build
RUN SECRET_KEY="$BUILD_SECRET_KEY" DEBUG=False python manage.py collectstatic --noinput

EXPOSE 8000

CMD ["gunicorn", "cooperacion.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

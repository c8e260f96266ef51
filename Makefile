# Two commands: `make run` (set up and serve with demo data) and `make test` (set up and run the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test setup lint check format worker beat clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.requisitos: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.requisitos-dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.requisitos

setup: $(VENV)/.requisitos
	DEBUG=$${DEBUG:-True} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-True} $(BIN)/python manage.py cargar_demo

run: setup
	@echo "Cooperación en http://$(HOST)/  (usuarios arriba; Ctrl+C para salir)"
	DEBUG=$${DEBUG:-True} $(BIN)/python manage.py runserver $(HOST)

# Browser tests need Debian's Chromium; PDF tests need poppler-utils (pdftotext, pdftoppm).
.paquetes-sistema:
	@if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
		else echo "Instale como root: apt-get install chromium poppler-utils"; exit 1; fi; \
	fi

# One pytest worker per core (pytest-xdist): each gets its own test database and live server.
PYTEST_ARGS ?= -n auto
test: $(VENV)/.requisitos-dev .paquetes-sistema
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.requisitos-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# Everything a commit must pass, fastest first: lint and format, templates, types, layers, migrations, deploy check.
PLANTILLAS := templates cooperacion procesos convocatorias planes rendicion indicadores
MYPY_PAQUETES ?= cooperacion indicadores procesos convocatorias planes rendicion
check: $(VENV)/.requisitos-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint $(PLANTILLAS) --lint
	$(BIN)/djlint $(PLANTILLAS) --check
	$(BIN)/mypy $(MYPY_PAQUETES)
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	env DEBUG=False SECRET_KEY="check-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
	  ALLOWED_HOSTS=cooperacion.example.gov.co DATABASE_URL="sqlite:////tmp/check-deploy.sqlite3" \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

format: $(VENV)/.requisitos-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djlint $(PLANTILLAS) --reformat --quiet

worker: $(VENV)/.requisitos
	$(BIN)/celery -A cooperacion worker -l info

beat: $(VENV)/.requisitos
	$(BIN)/celery -A cooperacion beat -l info

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache

# The engine at volume (a few minutes): figures against floors measured in the same run; never fails the build.
bench: $(VENV)/.requisitos-dev
	$(BIN)/python -m benchmark $(BENCH_ARGS)

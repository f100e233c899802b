# newsroom: `make run` serves the demo newsroom, `make test` runs the whole suite.
.DEFAULT_GOAL := help
.PHONY: help install run test lint format messages clean bench

PYTHON ?= python3.13
PORT ?= 8000
export PORT
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

help:
	@echo "make run    install, migrate, load the demo newsroom and serve on 127.0.0.1:$(PORT)"
	@echo "make test   run the whole test suite (DATABASE_URL picks the database)"
	@echo "make lint   ruff and djhtml checks"
	@echo "make messages  update and compile the French catalogue (locale/fr)"
	@echo "make bench  build a 100,000-article archive and measure the pages (docs/benchmarks.md)"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(VENV)/.synced

run: export DJANGO_DEBUG := 1
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: export DJANGO_DEBUG := 1
test: install
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

# After changing a translatable string: update locale/fr, translate, then compile.
messages: export DJANGO_DEBUG := 1
messages: install
	$(PY) manage.py makemessages -l fr --no-obsolete --ignore=.venv --ignore=.tools --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

# Production settings on a generated archive, served by gunicorn, loaded with wrk.
bench: install
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) $(TOOLS) staticfiles

# Digital Ready: `make run` sets everything up and serves the site; `make test` runs the suite.

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
DIGIREADY := $(BIN)/digiready
NHSUK := node_modules/nhsuk-frontend/dist/nhsuk
ASSETS := build/assets/nhsuk
HOST ?= 127.0.0.1
PORT ?= 8000

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test setup assets lint typecheck bench clean help

help:
	@echo "make run    set up (first time) and serve the site on http://$(HOST):$(PORT)"
	@echo "make test   set up and run every check and test"
	@echo "make lint   ruff, import contracts, template lint and migrations check only"
	@echo "make assets the environment and static files only (for production)"
	@echo "make bench  run the benchmarks; results in bench/results/"
	@echo "make clean  remove the environment, build output and local database"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON) --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

$(ASSETS)/.built: node_modules/.installed
	rm -rf $(ASSETS) && mkdir -p $(ASSETS)
	cp $(NHSUK)/nhsuk-frontend.min.css $(NHSUK)/nhsuk-frontend.min.css.map $(ASSETS)/
	cp $(NHSUK)/nhsuk-frontend.min.js $(NHSUK)/nhsuk-frontend.min.js.map $(ASSETS)/
	cp -r $(NHSUK)/assets $(ASSETS)/assets
	@touch $@

var/static/.collected: $(VENV)/.synced $(ASSETS)/.built $(shell find src/digiready/static -type f 2>/dev/null)
	$(DIGIREADY) collectstatic --noinput --verbosity 0
	@touch $@

assets: var/static/.collected

setup: $(VENV)/.synced var/static/.collected
	$(DIGIREADY) migrate --noinput --verbosity 0
	$(DIGIREADY) load-reference
	$(DIGIREADY) load-frameworks --examples
	$(DIGIREADY) demo-data
	$(DIGIREADY) learning demo
	$(DIGIREADY) assessment demo
	$(DIGIREADY) synth --preset demo --waves 3 --seed 1 --if-missing --weight
	$(DIGIREADY) analytics refresh --draw
	$(DIGIREADY) consultation demo
	$(DIGIREADY) consultation prepare-model

run: setup
	@echo
	@echo "Digital Ready is running at http://$(HOST):$(PORT)/  (press Ctrl+C to stop)"
	@echo
	@$(BIN)/gunicorn digiready.config.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile - --access-logformat '%(t)s "%(r)s" %(s)s %(b)s' --log-level warning

lint: $(VENV)/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/djlint --lint --profile=jinja --extension=jinja src/digiready
	$(DIGIREADY) makemigrations --check --dry-run --verbosity 0

typecheck: $(VENV)/.synced
	$(BIN)/mypy

test: $(VENV)/.synced var/static/.collected lint typecheck
	$(BIN)/pytest

bench: $(VENV)/.synced var/static/.collected
	$(BIN)/python bench/framework_import.py
	$(BIN)/python bench/redaction.py
	$(BIN)/python bench/themes.py
	$(BIN)/python bench/analytics.py
	$(BIN)/python bench/dashboards.py

clean:
	rm -rf $(VENV) $(TOOLS) node_modules build var .pytest_cache .mypy_cache .ruff_cache

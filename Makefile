# Two commands from a fresh clone: `make run` serves the catalogue, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := nhsdigital_catalogue.settings

.PHONY: run test lint check frontend browsers serve bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamps make the install run again only when the pins change.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

var:
	mkdir -p var

frontend: node_modules/.installed
	$(BIN)/python scripts/build_frontend.py

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: $(VENV)/.installed frontend | var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalogue --if-empty
	DEBUG=$${DEBUG:-false} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Installs Debian's Chromium for the browser tests when it is missing and we may (root with apt).
browsers:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)) \
	      && echo "installed /usr/bin/chromium"; \
	  else echo "Chromium is missing and cannot be installed here: browser tests will be skipped."; fi; \
	fi

test: $(VENV)/.installed-dev frontend browsers | var
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev | var
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

lock: | $(BIN)/python
	@echo "Install requirements-dev.in into a fresh venv, then split 'pip freeze' into the two lock files."

clean:
	rm -rf $(VENV) node_modules static/nhsuk static/vendor var/static

# Production-style serving: gunicorn with whitenoise; needs SECRET_KEY and ALLOWED_HOSTS in the environment.
serve: $(VENV)/.installed frontend | var
	DJANGO_ENV=production $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_ENV=production $(BIN)/python manage.py migrate --noinput
	DJANGO_ENV=production $(BIN)/gunicorn nhsdigital_catalogue.wsgi --bind 127.0.0.1:$(PORT) --workers $${WORKERS:-2} --access-logfile -

# wrk against gunicorn in production mode, each endpoint's p50 against the /robots.txt floor (docs/BENCHMARKS.md).
# e.g. make bench BENCH_ARGS="--programmes 100000 --database-url postgres://postgres@127.0.0.1:5432/x"
bench: $(VENV)/.installed frontend | var
	$(BIN)/python bench/run.py $(BENCH_ARGS)

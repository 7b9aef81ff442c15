# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: install system-packages demo test test-schema lint lock messages services-up services-down clean

# Debian libraries the Python packages load at run time: WeasyPrint (the licensing documents) needs Pango and
# HarfBuzz's subsetter; the documents are set in Noto CJK, which must be on the machine to be embedded.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: system-packages $(VENV)/.installed messages

system-packages:
	@scripts/ensure-packages $(SYSTEM_PACKAGES)

# Catalogs are compiled on every machine, never committed; gettext brings msgfmt.
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || scripts/ensure-packages gettext
	$(MANAGE) compilemessages --ignore=.venv --verbosity 0

demo: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# After a migration is added or changed, with PostgreSQL up: the schema the test databases are copied from.
test-schema: $(VENV)/.installed
	$(BIN)/python scripts/test_schema.py

lint: $(VENV)/.installed
	$(BIN)/ruff check .

# Regenerate the pinned set after changing pyproject.toml.
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra test --strip-extras --no-emit-find-links --output-file requirements.lock pyproject.toml

services-up:
	scripts/services up

services-down:
	scripts/services down

clean:
	rm -rf $(VENV) staticfiles

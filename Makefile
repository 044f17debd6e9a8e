# baoshe: the project's verbs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BAOSHE := $(BIN)/baoshe
PORT ?= 8000
export PORT
# Hashed locks made by `make lock` from pyproject.toml: runtime.txt is what a production install
# uses (runtime dependencies and the s3 extra), dev.txt adds the demo, test and dev extras.
RUNTIME_LOCK := requirements/runtime.txt
DEV_LOCK := requirements/dev.txt
LOCK_FLAGS ?=
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url \
	--no-emit-find-links $(LOCK_FLAGS)
# mplfonts is wanted for its font files only: its plotting stack stays out of the lock.
FONTS_ONLY := $(foreach p,matplotlib numpy contourpy cycler kiwisolver pyparsing fonttools \
	fire termcolor fontmeta,--unsafe-package $(p))

.DEFAULT_GOAL := help
.PHONY: help install run serve serve-prod demo test lint format check-deploy lock messages clean

help:  ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

install: $(VENV)/.installed  ## create .venv and install the locked dependencies (requirements/dev.txt)

# The dev lock pins every package, with hashes, so it is installed as it stands (--no-deps):
# that is also how mplfonts comes without its plotting stack (see docs/architecture.md). Then
# baoshe itself and, where present, the demo tooling in demo/ (package baoshe_demo).
$(VENV)/.installed: $(DEV_LOCK) pyproject.toml $(wildcard demo/pyproject.toml)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r $(DEV_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	if test -f demo/pyproject.toml; then $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e ./demo; fi
	touch $@

demo: install  ## migrate and load the demo newspaper (idempotent)
	$(BAOSHE) migrate --noinput
	$(BAOSHE) collectstatic --noinput --verbosity 0
	$(BAOSHE) load-demo

run: demo  ## install, migrate, load the demo paper, serve at http://127.0.0.1:$(PORT)
	@echo "示例日报: http://127.0.0.1:$(PORT)/   后台: http://127.0.0.1:$(PORT)/admin/"
	$(BAOSHE) serve

serve: install  ## serve (site, task worker, publishing scheduler) without reloading the demo
	$(BAOSHE) serve

# nginx in front (page cache, static files, media) of gunicorn, the worker and the scheduler;
# installs Debian's nginx when missing (as root). docs/serving.md.
serve-prod: install  ## production stack on :$(PORT): nginx + gunicorn (2×cores+1) + worker + scheduler
	$(BAOSHE) collectstatic --noinput --verbosity 0
	$(BAOSHE) serve-prod $(SERVE_PROD_FLAGS)

lint: install  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install  ## ruff format and fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install  ## the production settings pass `check --deploy`
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=news.example.com BAOSHE_BASE_URL=https://news.example.com \
	DJANGO_SETTINGS_MODULE=baoshe.settings.production \
	$(BIN)/python -m django check --deploy --fail-level WARNING

test: lint check-deploy  ## ruff, check --deploy, then the whole pytest suite (SQLite; PostgreSQL with BAOSHE_TEST_DATABASE_URL)
	$(BIN)/pytest

lock: install  ## re-resolve pyproject.toml into the hashed locks under requirements/ (LOCK_FLAGS=--upgrade to move pins)
	$(PIP_COMPILE) --extra s3 --output-file $(RUNTIME_LOCK) pyproject.toml
	$(PIP_COMPILE) --all-extras $(FONTS_ONLY) --output-file $(DEV_LOCK) pyproject.toml

# Apps with a catalogue of their own; `messages` extracts each one's strings from its own folder
# only, then compiles every catalogue, baoshe/locale's overrides of Wagtail's strings too. The
# extraction runs without settings: with them, LOCALE_PATHS would send every app's strings into
# baoshe/locale. Needs GNU gettext (xgettext, msgfmt); the compiled .mo files are committed so
# that `make run` needs neither.
LOCALE_APPS := core newsroom publishing engage epaper proofread workflow pagecache
messages: install  ## extract each app's strings into its zh_Hans catalogue and compile them (needs GNU gettext)
	for app in $(LOCALE_APPS); do \
	  (cd baoshe/$$app && mkdir -p locale && env -u DJANGO_SETTINGS_MODULE \
	    $(abspath $(BIN))/django-admin makemessages \
	    --locale zh_Hans --no-obsolete --add-location file --ignore 'migrations/*') || exit 1; \
	done
	cd baoshe && ../$(BIN)/python ../manage.py compilemessages --locale zh_Hans

clean:  ## remove the virtualenv and all local state (database, media)
	rm -rf $(VENV) var

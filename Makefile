# baoshe: the project's verbs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BAOSHE := $(BIN)/baoshe
PORT ?= 8000
export PORT

.DEFAULT_GOAL := help
.PHONY: help install run serve demo test lint format check-deploy lock clean

help:  ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

install: $(VENV)/.installed  ## create .venv and install the pinned dependencies

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . 2>/dev/null || $(BIN)/python -m pip install --quiet --no-deps -e .
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

lock:  ## re-resolve requirements.in into requirements.txt
	$(BIN)/python -m pip install --quiet -r requirements.in
	{ echo "# Pinned, complete dependency set (pip freeze of requirements.in). Regenerate with \`make lock\`."; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^pip=='; } > requirements.txt

clean:  ## remove the virtualenv and all local state (database, media)
	rm -rf $(VENV) var

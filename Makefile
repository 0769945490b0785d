# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
DEMO_PARTICIPANTS ?= 500
# Test processes (pytest-xdist): one per core; TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= auto
# Tests speak plain HTTP (the live server for browser tests too), so no HTTPS redirect.
TEST_ENV := SECRET_KEY=test-only-secret-key-not-for-production PASSWORD_LOGIN=true SECURE_SSL_REDIRECT=false SECURE_COOKIES=false

.PHONY: run test setup migrate demo lint format bench

setup:
	@scripts/setup

## Runs the app on the embedded defaults (SQLite, filesystem broker): web, worker and beat.
run: setup
	@DEBUG=true $(PY) manage.py migrate_with_progress --noinput
	@echo "Lager demodata …"
	@DEBUG=true $(PY) manage.py seed_demo --participants $(DEMO_PARTICIPANTS) --seed 2026 --today $$(date +%F)
	@echo "Starter nettside, worker og planlegger; adressen og demobrukerne kommer når de svarer …"
	@DEBUG=true APP_PORT=$(PORT) .venv/bin/honcho -f Procfile.dev start

## Runs the whole test suite (PostgreSQL and Redis when DATABASE_URL / CELERY_BROKER_URL say so).
test: setup
	@$(TEST_ENV) $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

## The benchmark (PostgreSQL + Redis on this machine); BENCH_ARGS=--national adds 10^6.
bench: setup
	@scripts/services-up
	@$(PY) bench/run.py $(BENCH_ARGS)

lint: setup
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .

format: setup
	@.venv/bin/ruff check --fix .
	@.venv/bin/ruff format .

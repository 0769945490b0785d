"""Every beat entry goes through the real broker to a real worker and runs to the end.

Generated from settings.CELERY_BEAT_SCHEDULE, so an entry added there is tested by being
added. Each is applied by beat's own Scheduler.apply_async (the code that logged "Couldn't
apply scheduled task reminders-sweep" when the sweep's limits were inconsistent), routed to
a queue only this test's worker reads.
"""

import pytest
from celery.beat import Scheduler
from django.conf import settings

from tests.celery_worker import Workers
from trondelag.celery import app

pytestmark = pytest.mark.broker

OUR_APPS = tuple(f"{name}." for name in settings.INSTALLED_APPS if "." not in name)


@pytest.fixture(scope="module")
def worker_queue(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        workers = Workers(log_dir=tmp_path_factory.mktemp("beat-worker"))
        workers.start()
    yield workers.queue
    workers.stop()


def _our_tasks():
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if name.startswith(OUR_APPS)}


# Celery's Django fixup closes database connections while it imports the task modules.
@pytest.mark.django_db
def test_every_task_has_a_soft_limit_below_its_hard_one_and_both_below_the_visibility_timeout():
    defaults = (app.conf.task_soft_time_limit, app.conf.task_time_limit)
    visibility = (app.conf.broker_transport_options or {}).get("visibility_timeout")
    tasks = _our_tasks()
    assert "reminders.tasks.sweep" in tasks
    for name, task in tasks.items():
        soft = task.soft_time_limit or defaults[0]
        hard = task.time_limit or defaults[1]
        assert soft < hard, name
        if app.conf.broker_url.startswith("redis"):
            assert hard < visibility, name


# The worker is another process: it needs a database it can share (PostgreSQL; the
# embedded SQLite test database lives in memory) and committed rows.
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_beat_entry_runs_through_the_broker_on_a_worker(name, worker_queue):
    scheduler = Scheduler(app, lazy=True)
    scheduler.setup_schedule()
    entry = scheduler.schedule[name]
    entry.options = {**entry.options, "queue": worker_queue}

    result = scheduler.apply_async(entry, advance=False)

    result.get(timeout=120)
    assert result.successful()

"""With the database unreachable the site says "back in a moment" (503), never a traceback,
and a form cut off half-way by a lost connection saves nothing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from events.models import EventPage
from tests.fixtures.events import VALID
from tests.support import free_port

ROOT = Path(__file__).resolve().parents[2]

# A process whose DATABASE_URL points at a closed port, asked for pages and a form post.
PROBE = r"""
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for path in ("/healthz", "/", "/library/", "/events/", "/fr/events/", "/events/calendar.ics",
             "/accounts/login/"):
    response = client.get(path)
    out[path] = [response.status_code, response.content.decode(), response.get("Retry-After")]
response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
out["POST /accounts/login/"] = [response.status_code, response.content.decode(),
                                response.get("Retry-After")]
print("RESULT" + json.dumps(out))
"""


def test_every_page_answers_a_friendly_503_while_the_database_is_unreachable():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pbexchange.settings.test",
           "DATABASE_URL": f"postgres://nobody@127.0.0.1:{free_port()}/nothing"}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT"))
    results = json.loads(line[len("RESULT"):])
    status, body, _retry = results.pop("/healthz")
    assert status == 503 and json.loads(body) == {"status": "unavailable", "database": False}
    for path, (status, body, retry_after) in results.items():
        assert status == 503, (path, status, body[:300])
        assert "PB Exchange is back in a moment" in body, path
        assert "it was not saved" in body, path
        assert retry_after == "5", path
        for leak in ("Traceback", "OperationalError", "psycopg", "127.0.0.1"):
            assert leak not in body, (path, leak)


def test_healthz_says_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}
    assert "no-cache" in response["Cache-Control"]


def _lose_connection_on(table):
    """Django's query hook: the connection 'drops' at the first write to `table`."""
    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE")) and f'"{table}"' in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)
    return wrapper


@pytest.mark.parametrize("table", ["wagtailcore_revision", "wagtailcore_workflowstate"])
def test_an_event_proposal_cut_off_half_way_is_refused_whole(member_client, events_index, table):
    pages_before = EventPage.objects.count()
    with connection.execute_wrapper(_lose_connection_on(table)):
        response = member_client.post("/events/propose/", VALID)
    assert response.status_code == 503
    assert "it was not saved: please send it again" in response.content.decode()
    # Nothing of the proposal was kept: no page, no revision, no moderation state.
    assert EventPage.objects.count() == pages_before
    assert not EventPage.objects.filter(title=VALID["title"]).exists()
    from wagtail.models import Revision, WorkflowState
    assert not WorkflowState.objects.exists()
    assert not Revision.objects.filter(content_type__model="eventpage").exists()
    # Sent again once the database is back, it is saved.
    response = member_client.post("/events/propose/", VALID)
    assert response.status_code == 302
    assert EventPage.objects.filter(title=VALID["title"]).count() == 1

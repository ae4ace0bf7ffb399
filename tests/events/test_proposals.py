"""Members propose events; staff approve or reject them in Wagtail's moderation, with a reason."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from events.models import EventPage
from tests.fixtures.email import body_text
from tests.fixtures.events import VALID


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"end": "2031-06-10T09:00"}, "end", "The event must end after it starts."),
    ({"time_zone": ""}, "time_zone", "This field is required."),
    ({"time_zone": "Mars/Olympus"}, "time_zone", "Select a valid choice."),
    ({"joining_link": "not a link at all"}, "joining_link", "Enter a valid URL."),
    ({"start": "yesterday"}, "start", "Enter a valid date/time."),
    ({"start": "2031-03-30T02:30", "end": "2031-03-30T04:00", "time_zone": "Europe/Paris"},
     "start", "does not exist in that time zone"),
])
def test_invalid_proposal_is_refused_with_messages_and_nothing_saved(
        member_client, events_index, changes, field, message):
    before = EventPage.objects.count()
    response = member_client.post("/events/propose/", {**VALID, **changes})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "The event was not sent" in html
    assert message in " ".join(response.context["form"].errors[field])
    # What the member typed is still there to correct.
    assert "Taller: seguimiento de obras" in html
    assert EventPage.objects.count() == before
    assert not WorkflowState.objects.exists()


def test_proposal_is_moderated_and_rejection_reason_is_emailed(
        mailbox, member_client, member, events_index, client, user_factory):
    response = member_client.post("/events/propose/", VALID, follow=True)
    assert "sent to the curators" in response.content.decode()
    page = EventPage.objects.get(title=VALID["title"])
    assert not page.live and page.proposed_by == member
    assert page.start.isoformat() == "2031-06-10T15:00:00+00:00"  # 10:00 in Bogota
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == member
    assert client.get("/events/").context["rows"] == []  # not public yet

    staff = user_factory(email="curator@example.org", is_staff=True, is_superuser=True)
    client.force_login(staff)
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=(page.pk, "reject", state.current_task_state.pk))
    client.post(url, {"comment": "Please add the registration deadline."})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    ours = [m for m in mailbox.wait_for(member.email) if "Not published" in m["Subject"]]
    assert ours and "Please add the registration deadline." in body_text(ours[0])
    page.refresh_from_db()
    assert not page.live


def test_approved_proposal_is_published_and_the_member_told(
        mailbox, member_client, member, events_index, client, user_factory):
    member_client.post("/events/propose/", VALID)
    page = EventPage.objects.get(title=VALID["title"])
    state = WorkflowState.objects.get(object_id=str(page.pk))
    staff = user_factory(email="curator@example.org", is_staff=True, is_superuser=True)
    client.force_login(staff)
    client.post(reverse("wagtailadmin_pages:workflow_action",
                        args=(page.pk, "approve", state.current_task_state.pk)), {"comment": ""})
    page.refresh_from_db()
    assert page.live
    ours = [m for m in mailbox.wait_for(member.email) if "Published" in m["Subject"]]
    assert ours and page.url in body_text(ours[0])
    client.logout()
    assert [row["event"].title for row in client.get("/events/?language=es").context["rows"]] == [
        VALID["title"]]

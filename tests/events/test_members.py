"""Following events, reminders 24 hours before (once), change notices, the personal feed."""

import datetime
from http import HTTPStatus

import icalendar
import pytest
from django.core.management import call_command

from events import services
from events.models import Participation
from tests.fixtures.email import body_text
from tests.fixtures.events import republish

NOW = datetime.datetime.now(datetime.UTC)


def test_member_marks_interest_from_the_event_page(member_client, member, make_event):
    event = make_event(title="Peer call")
    response = member_client.post(event.url + "follow/", {"status": "going"}, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert Participation.objects.get(user=member, event=event).status == "going"
    assert 'aria-pressed="true"' in response.content.decode()
    member_client.post(event.url + "follow/", {"status": ""})
    assert not Participation.objects.filter(user=member).exists()
    assert member_client.post(event.url + "follow/", {"status": "bribed"}).status_code == 302
    assert not Participation.objects.filter(user=member).exists()


def test_visitors_are_asked_to_log_in_to_follow(client, make_event):
    event = make_event()
    response = client.post(event.url + "follow/", {"status": "going"})
    assert response.status_code == HTTPStatus.FOUND and "/accounts/login/" in response["Location"]
    assert not Participation.objects.exists()


def test_reminders_are_sent_once_at_the_right_time_only_to_followers(
        mailbox, user_factory, make_event):
    event = make_event(title="Budget clinic", start=NOW + datetime.timedelta(hours=30))
    other = make_event(title="Another day", start=NOW + datetime.timedelta(days=5))
    going = user_factory(email="going@example.org")
    curious = user_factory(email="curious@example.org")
    user_factory(email="bystander@example.org")
    late = user_factory(email="other-event@example.org")
    services.set_participation(user=going, event=event, status="going")
    services.set_participation(user=curious, event=event, status="interested")
    services.set_participation(user=late, event=other, status="going")

    # 30 hours before: too early.
    assert services.send_due_reminders(now=NOW) == 0
    # 23 hours 59 minutes before: due, for the two followers of that event only.
    due = event.start - datetime.timedelta(hours=23, minutes=59)
    assert services.send_due_reminders(now=due) == 2
    assert len(mailbox.wait_for("going@example.org")) == 1
    assert len(mailbox.wait_for("curious@example.org")) == 1
    assert mailbox.to("bystander@example.org") == [] and mailbox.to("other-event@example.org") == []
    message = mailbox.to("going@example.org")[0]
    assert "Budget clinic" in message["Subject"]
    assert "(Europe/Paris)" in body_text(message) and event.url in body_text(message)
    # Running again (the periodic command) sends nothing more.
    call_command("send_event_reminders")
    assert services.send_due_reminders(now=due + datetime.timedelta(minutes=5)) == 0
    assert len(mailbox.messages) == 2


def test_no_reminder_for_a_cancelled_event(mailbox, member, make_event):
    event = make_event(start=NOW + datetime.timedelta(hours=10))
    services.set_participation(user=member, event=event, status="going")
    mailbox.clear()
    republish(event, cancelled=True)
    assert "Cancelled" in mailbox.wait_for(member.email)[0]["Subject"]
    mailbox.clear()
    assert services.send_due_reminders(now=NOW) == 0
    assert mailbox.to(member.email) == []


def test_followers_hear_when_the_time_changes_in_their_own_zone(mailbox, member, make_event):
    member.member.time_zone = "America/Bogota"
    member.member.save()
    start = datetime.datetime(2031, 3, 3, 15, 0, tzinfo=datetime.UTC)
    event = make_event(title="Moved call", start=start, hours=1)
    services.set_participation(user=member, event=event, status="interested")
    republish(event, summary="Only words changed")
    assert mailbox.to(member.email) == []
    republish(event, start=start + datetime.timedelta(hours=2),
              end=start + datetime.timedelta(hours=3))
    message = mailbox.wait_for(member.email)[0]
    assert message["Subject"].startswith("Changed: Moved call")
    assert "12:00–13:00 (America/Bogota)" in body_text(message)


def test_personal_feed_has_followed_events_and_can_be_revoked(member_client, member, make_event):
    followed = make_event(title="Mine", joining_link="https://meet.example.org/members",
                          joining_link_members_only=True)
    make_event(title="Not mine")
    services.set_participation(user=member, event=followed, status="going")
    page = member_client.get("/events/my/").content.decode()
    token = services.feed_token_for(user=member)
    assert f"/events/my/{token}.ics" in page

    anonymous = member_client.__class__()
    response = anonymous.get(f"/events/my/{token}.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Mine"]
    # The private feed may carry the members-only link: it is the member's own.
    assert "meet.example.org/members" in str(calendar.walk("VEVENT")[0]["location"])

    member_client.post("/events/my/")
    assert anonymous.get(f"/events/my/{token}.ics").status_code == HTTPStatus.NOT_FOUND
    new_token = services.feed_token_for(user=member)
    assert new_token != token
    assert anonymous.get(f"/events/my/{new_token}.ics").status_code == HTTPStatus.OK


def test_export_contains_event_marks(member, make_event):
    from network.services import export_personal_data

    event = make_event(title="Exported")
    services.set_participation(user=member, event=event, status="interested")
    data = export_personal_data(user=member)["event_participation"]
    assert data["events"][0]["event"] == "Exported"
    assert data["events"][0]["status"] == "interested"


@pytest.mark.parametrize("path", ["/events/my/", "/events/propose/"])
def test_member_pages_invite_visitors_to_log_in(client, events_index, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    assert "/accounts/login/?next=" in response.content.decode()


def test_personal_feed_has_the_member_cohort_sessions(client, member, make_event):
    from matching.models import Cohort, CohortMembership, CohortSession

    cohort = Cohort.objects.create(name="Stalled projects circle", status=Cohort.Status.ACTIVE)
    CohortMembership.objects.create(cohort=cohort, member=member.member,
                                    status=CohortMembership.Status.ACCEPTED)
    # London's clocks go back at 01:00 UTC that day: 01:30 local happens twice.
    start = datetime.datetime(2031, 10, 26, 1, 30, tzinfo=datetime.UTC)
    session = CohortSession.objects.create(
        cohort=cohort, title="Session 1", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2), time_zone="Europe/London",
        joining_link="https://meet.example.org/circle")
    token = services.feed_token_for(user=member)
    calendar = icalendar.Calendar.from_ical(client.get(f"/events/my/{token}.ics").content)
    (component,) = calendar.walk("VEVENT")
    assert str(component["summary"]) == "Session 1"
    assert str(session.uid) in str(component["uid"])
    assert component.decoded("dtstart").astimezone(datetime.UTC) == start
    assert component.decoded("dtend").astimezone(datetime.UTC) == start + datetime.timedelta(hours=2)
    assert "meet.example.org/circle" in str(component["location"])

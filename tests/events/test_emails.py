"""Proposed events: one email per step to each person concerned, in their language, signed."""

from email.header import decode_header, make_header

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState

from events.models import EventPage
from tests.fixtures.email import body_text as raw_body_text
from tests.fixtures.events import VALID, republish


def _propose(member_client):
    member_client.post("/events/propose/", VALID)
    page = EventPage.objects.get(title=VALID["title"])
    return page, WorkflowState.objects.get(object_id=str(page.pk))


def _curator(user_factory, **extra):
    curator = user_factory(email="curator@example.org", name="Carla Curator", is_staff=True,
                           is_superuser=True, **extra)
    curator.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    return curator


def subject(message):
    return str(make_header(decode_header(message["Subject"]))).replace("\r\n", "").replace("\n", "")


def body_text(message):
    return raw_body_text(message).replace("\r\n", "\n")


def test_a_proposal_sends_one_notice_to_each_curator_and_nothing_to_the_member(
        mailbox, member_client, member, events_index, user_factory):
    curator = _curator(user_factory)  # a superuser *and* a Moderator: still one notice
    moderator = user_factory(email="moderator@example.org", name="Mo Derator", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    moderator.member.interface_language = "fr"
    moderator.member.save()
    page, _state = _propose(member_client)

    [notice] = mailbox.wait_for(curator.email)
    [french] = mailbox.wait_for(moderator.email)
    text = body_text(notice)
    assert subject(notice) == f"Event to review: {VALID['title']}"
    assert text.startswith("Hello Carla Curator,")
    assert "Rosa Example proposed the event" in text
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in text
    assert "10:00–12:00 (America/Bogota)" in text
    assert "-- \nThe PB Exchange team\n" in text
    assert body_text(french).startswith("Bonjour Mo Derator,")
    assert "Événement à examiner" in subject(french)
    assert len(mailbox.messages) == 2  # no Wagtail "submitted" emails, nothing to the member
    assert mailbox.to(member.email) == []


def test_approval_sends_the_member_one_email_in_their_language(
        mailbox, member_client, member, events_index, client, user_factory):
    member.member.interface_language = "es"
    member.member.time_zone = "Europe/Madrid"
    member.member.save()
    page, state = _propose(member_client)
    client.force_login(_curator(user_factory))
    mailbox.clear()
    client.post(reverse("wagtailadmin_pages:workflow_action",
                        args=(page.pk, "approve", state.current_task_state.pk)), {"comment": ""})
    page.refresh_from_db()
    assert page.live

    [message] = mailbox.wait_for(member.email)
    text = body_text(message)
    assert subject(message) == f"Publicado: {VALID['title']}"
    assert text.startswith("Hola, Rosa Example:")
    assert "17:00–19:00 (Europe/Madrid)" in text  # 10:00 in Bogotá, in the member's zone
    assert page.url in text and "/admin/" not in text
    assert "El equipo de PB Exchange" in text
    assert len(mailbox.to(member.email)) == 1 and len(mailbox.messages) == 1


def test_rejection_sends_the_member_one_email_with_the_reason(
        mailbox, member_client, member, events_index, client, user_factory):
    page, state = _propose(member_client)
    client.force_login(_curator(user_factory))
    mailbox.clear()
    client.post(reverse("wagtailadmin_pages:workflow_action",
                        args=(page.pk, "reject", state.current_task_state.pk)),
                {"comment": "Please add the registration deadline."})
    [message] = mailbox.wait_for(member.email)
    text = body_text(message)
    assert subject(message) == f"Not published: {VALID['title']}"
    assert text.startswith("Hello Rosa Example,")
    assert "Please add the registration deadline." in text
    assert "The PB Exchange team" in text and "/admin/" not in text
    assert len(mailbox.messages) == 1


def test_a_change_tells_the_proposer_and_each_follower_once(
        mailbox, member_client, member, events_index, client, user_factory):
    from events import services

    page, state = _propose(member_client)
    client.force_login(_curator(user_factory))
    client.post(reverse("wagtailadmin_pages:workflow_action",
                        args=(page.pk, "approve", state.current_task_state.pk)), {"comment": ""})
    follower = user_factory(email="follower@example.org", name="Félix Follower")
    page.refresh_from_db()
    services.set_participation(user=follower, event=page, status="going")
    services.set_participation(user=member, event=page, status="interested")
    mailbox.clear()
    republish(page, venue="Sala 2", city="Bogotá", format="hybrid")

    [to_member] = mailbox.wait_for(member.email)
    [to_follower] = mailbox.wait_for(follower.email)
    assert len(mailbox.messages) == 2
    assert subject(to_follower) == f"Changed: {VALID['title']}"
    assert body_text(to_follower).startswith("Hello Félix Follower,")
    assert "Sala 2, Bogotá" in body_text(to_member)

"""The vetted-expert directory: filters by stage, region, language and context; members write to
an expert through the site without seeing their address."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from network.models import Expert
from tests.fixtures.email import body_text
from tests.network.helpers import give_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def experts(user_factory):
    def make(name, email, languages, **expertise):
        member = give_profile(user_factory(name=name, email=email), role="expert",
                              languages=languages)
        return Expert.objects.create(member=member, vetted=True, summary=f"{name} advises.",
                                     **expertise)

    return {
        "ballots": make("Bea Ballots", "bea@example.org", ["es", "en"],
                        stages=["project-selection"], regions=["latin-america"],
                        territorial_levels=["municipal"], decision_models=["direct-vote"]),
        "outreach": make("Omar Outreach", "omar@example.org", ["fr", "ar"], stages=["outreach"],
                         regions=["middle-east", "africa"], state_capacities=["weak"]),
    }


def _names(client, query):
    response = client.get(reverse("network_public:experts") + "?" + query)
    assert response.status_code == HTTPStatus.OK
    return {expert.member.name for expert in response.context["experts"]}


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"Bea Ballots", "Omar Outreach"}),
    ("stage=project-selection", {"Bea Ballots"}),
    ("region=africa", {"Omar Outreach"}),
    ("language=fr", {"Omar Outreach"}),
    ("context=model:direct-vote", {"Bea Ballots"}),
    ("context=capacity:weak&language=es", set()),
    ("stage=nonsense", {"Bea Ballots", "Omar Outreach"}),  # refused, and said so
])
def test_directory_filters(client, experts, query, expected):
    assert _names(client, query) == expected


def test_unknown_filter_is_reported(client, experts):
    html = client.get(reverse("network_public:experts") + "?context=level:galactic",
                      follow=True).content.decode()
    assert "Some filters were not understood and were ignored: context." in html


def test_member_writes_to_an_expert_through_the_site(client, experts, user_factory, mailbox):
    expert = experts["ballots"]
    expert.member.interface_language = "es"
    expert.member.save()
    page_url = reverse("network_public:expert", args=[expert.pk])
    anonymous = client.get(page_url).content.decode()
    assert "bea@example.org" not in anonymous and "Log in to write to this expert" in anonymous

    sender = user_factory(name="Sam Sender", email="sam@example.org")
    give_profile(sender, organisation="Ciudad Sur")
    client.force_login(sender)
    page = client.get(page_url).content.decode()
    assert "bea@example.org" not in page
    response = client.post(page_url, {"message": "Hello, we open our first vote in May: how "
                                                 "did you handle appeals?"}, follow=True)
    assert "Your message was sent to Bea Ballots." in response.content.decode()
    [message] = mailbox.wait_for("bea@example.org")
    text = body_text(message).replace("\r\n", "\n")
    assert message["Reply-To"] == "sam@example.org"
    assert text.startswith("Hola, Bea Ballots:")
    assert "how did you handle appeals?" in text.replace("\n", " ")
    assert "Ciudad Sur" in text and "El equipo de PB Exchange" in text
    assert len(mailbox.messages) == 1


def test_a_short_message_is_refused_and_kept(client, experts, user_factory, mailbox):
    client.force_login(user_factory(name="Sam Sender"))
    url = reverse("network_public:expert", args=[experts["ballots"].pk])
    html = client.post(url, {"message": "Hi?"}).content.decode()
    assert "Your message was not sent" in html and "Hi?" in html
    assert mailbox.messages == []

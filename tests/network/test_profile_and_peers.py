"""Members describe their PB process, opt in, and find peers like them with reasons."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from network import services
from tests.network.helpers import give_profile

pytestmark = pytest.mark.django_db


def test_profile_form_saves_context_stage_challenges_and_choices(member_client, member):
    response = member_client.post(reverse("network:my_account"), {
        "name": "Rosa E.", "role": "technical-specialist", "languages": ["es"],
        "time_zone": "America/Bogota", "territorial_level": "municipal",
        "state_capacity": "medium", "decision_model": "direct-vote", "stage": "project-selection",
        "challenges": ["limited-participation", "stakeholder-coordination"],
        "population": "250000", "years_running": "3", "meeting_format": "online",
        "consent_to_matching": "on", "show_email": "on", "telegram_handle": "@rosa_pb",
    })
    assert response.status_code == HTTPStatus.FOUND
    profile = member.member
    profile.refresh_from_db()
    assert profile.consent_to_matching and profile.show_email and not profile.show_organisation
    assert profile.challenges == ["limited-participation", "stakeholder-coordination"]
    assert profile.telegram_handle == "rosa_pb"
    assert profile.population == 250000


def test_profile_page_groups_fields_in_fieldsets(member_client):
    html = member_client.get(reverse("network:my_account")).content.decode()
    for legend in ("About you", "Your PB process", "What you need and offer",
                   "Matching and privacy"):
        assert f"<legend>{legend}</legend>" in html


def test_consent_is_off_by_default_and_needs_a_language_and_time_zone(member_client, member):
    assert member.member.consent_to_matching is False
    response = member_client.post(reverse("network:my_account"),
                                  {"name": "Rosa", "consent_to_matching": "on"})
    assert response.status_code == HTTPStatus.OK
    assert "Choose at least one language to be matched." in response.content.decode()
    member.member.refresh_from_db()
    assert member.member.consent_to_matching is False


def test_new_specialist_finds_sensible_peers_with_reasons(client, user_factory):
    """The issue's check: a municipal, medium-capacity, direct-vote specialist speaking Spanish."""
    me = user_factory(name="Nueva Especialista")
    give_profile(me)
    twin = give_profile(user_factory(name="Gemela Perfecta"))
    give_profile(user_factory(name="Otro Rol"), role="official", stage="outreach")
    give_profile(user_factory(name="Sin Consentimiento"), consent_to_matching=False)
    give_profile(user_factory(name="Solo Coreano"), languages=["ko"])
    client.force_login(me)
    response = client.get(reverse("network_public:peers"))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.index("Gemela Perfecta") < html.index("Otro Rol")
    assert "Sin Consentimiento" not in html and "Solo Coreano" not in html
    assert "same stage: Project selection" in html
    assert "same role: Technical specialist in a department" in html
    assert "Municipal" in html and "You can talk in: Spanish" in html
    assert twin.name in html


def _shown_scores(html):
    """(name, score shown, sum of the points shown under it) for each peer, in page order."""
    import re

    cards = html.split('<li class="card peer">')[1:]
    shown = []
    for card in cards:
        name = re.search(r"<h2>(.*?)</h2>", card).group(1)
        score = float(re.search(r"Score: ([0-9.]+) of 100", card).group(1))
        points = sum(float(p) for p in re.findall(r'class="points">\+([0-9.]+)<', card))
        shown.append((name, score, points))
    return shown


def test_peers_are_ordered_by_the_scores_shown_and_the_parts_add_up(client, user_factory):
    me = give_profile(user_factory(name="Me Myself"), challenges=["limited-participation"])
    # Same role, stage one step later (counts half), same context.
    give_profile(user_factory(name="Next Stage"), stage="project-implementation")
    # Different role, same stage, a neighbouring state capacity (counts half).
    give_profile(user_factory(name="Other Role"), role="official", state_capacity="strong")
    # Everything the same, a shared challenge too.
    give_profile(user_factory(name="Twin"), challenges=["limited-participation"])
    # Little in common but a language.
    give_profile(user_factory(name="Far Away"), role="funder", stage="annual-planning",
                 territorial_level="national", state_capacity="weak",
                 decision_model="consultative", political_structure="hybrid")
    client.force_login(me.user)
    html = client.get(reverse("network_public:peers")).content.decode()
    shown = _shown_scores(html)
    assert [name for name, _score, _points in shown][0] == "Twin"
    assert {name for name, *_ in shown} == {"Twin", "Next Stage", "Other Role", "Far Away"}
    scores = [score for _name, score, _points in shown]
    assert scores == sorted(scores, reverse=True)
    for name, score, points in shown:
        assert points == pytest.approx(score, abs=0.25), name  # each part is rounded to 0.1
    assert "neighbouring stage, counts half: Project implementation (yours: Project selection)" in html
    assert "close to yours, counts half: Strong state capacity" in html
    assert "shared challenges: Limited participation" in html


def test_find_peers_needs_login(client):
    response = client.get(reverse("network_public:peers"))
    assert response.status_code == HTTPStatus.FOUND


def test_network_home_explains_cohorts_to_visitors(client):
    html = client.get("/network/").content.decode()
    assert "How cohorts work" in html
    assert reverse("network_public:peers") in html and reverse("network_public:experts") in html
    with translation.override("en"):  # restore the thread's language after the French page
        assert client.get("/fr/network/").status_code == HTTPStatus.OK


def test_withdrawing_consent_removes_member_from_peer_suggestions(client, user_factory):
    me = give_profile(user_factory()).user
    other = give_profile(user_factory(name="Leaving Peer")).user
    client.force_login(other)
    client.post(reverse("network_public:withdraw_consent"))
    client.force_login(me)
    assert "Leaving Peer" not in client.get(reverse("network_public:peers")).content.decode()


def test_toolkit_can_save_priority_outcomes_and_bad_slugs_change_nothing(member):
    services.save_priority_outcomes(user=member, outcomes=["equity", "trust", "equity"])
    member.member.refresh_from_db()
    assert member.member.priority_outcomes == ["equity", "trust"]
    with pytest.raises(ValidationError):
        services.save_priority_outcomes(user=member, outcomes=["equity", "world-peace"])
    member.member.refresh_from_db()
    assert member.member.priority_outcomes == ["equity", "trust"]


def test_vetted_experts_are_listed_and_suggested_with_reasons(client, user_factory):
    from network.models import AdvisedProcess, Expert

    vetted = give_profile(user_factory(name="Vetted Adviser"), role="expert")
    expert = Expert.objects.create(member=vetted, vetted=True, summary="Ballots and appeals.",
                                   stages=["project-selection"], decision_models=["direct-vote"])
    AdvisedProcess.objects.create(expert=expert, name="Ward ballots", results="Fewer appeals.")
    unvetted = give_profile(user_factory(name="Not Yet Vetted"), role="expert")
    Expert.objects.create(member=unvetted, vetted=False, summary="x", stages=["project-selection"])
    html = client.get(reverse("network_public:experts")).content.decode()
    assert "Vetted Adviser" in html and "Not Yet Vetted" not in html
    page = client.get(reverse("network_public:expert", args=[expert.pk])).content.decode()
    assert "Ward ballots" in page and "Fewer appeals." in page
    me = give_profile(user_factory())
    client.force_login(me.user)
    account = client.get(reverse("network:my_account")).content.decode()
    assert "Vetted Adviser" in account and "knows your stage: Project selection" in account

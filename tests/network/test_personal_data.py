"""A member can take their data away and can erase it."""

import json
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from network.models import Member

pytestmark = pytest.mark.django_db


def test_export_contains_the_members_personal_data(member_client, member):
    member.member.organisation = "Barrio Norte Council"
    member.member.languages = ["es", "en"]
    member.member.save()
    response = member_client.post(reverse("network:export_data"))
    assert response.status_code == HTTPStatus.OK
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == "rosa@example.org"
    assert data["profile"]["name"] == "Rosa Example"
    assert data["profile"]["organisation"] == "Barrio Norte Council"
    assert data["profile"]["languages"] == ["es", "en"]


def test_export_is_not_available_by_get_or_to_visitors(client, member_client):
    assert member_client.get(reverse("network:export_data")).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    client.logout()
    response = client.post(reverse("network:export_data"))
    assert response.status_code == HTTPStatus.FOUND


def test_delete_asks_for_password_and_keeps_account_when_wrong(member_client, member):
    response = member_client.post(reverse("network:delete_account"), {"password": "nope"})
    assert response.status_code == HTTPStatus.OK
    assert "not correct" in response.content.decode()
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_delete_removes_account_and_personal_data(member_client, member):
    page = member_client.get(reverse("network:delete_account"))
    assert "cannot be undone" in page.content.decode()
    response = member_client.post(
        reverse("network:delete_account"), {"password": "correct-horse-battery"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert not get_user_model().objects.filter(email="rosa@example.org").exists()
    assert not Member.objects.filter(name="Rosa Example").exists()
    assert not EmailAddress.objects.filter(email="rosa@example.org").exists()
    assert "_auth_user_id" not in member_client.session

"""What the website and the bot do with members' accounts and profiles."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from network import personal_data
from network.models import Member


def get_member(*, user) -> Member:
    """The profile of `user`, created on first use."""
    member, _ = Member.objects.get_or_create(user=user, defaults={"name": user.get_full_name()})
    return member


def remember_language(*, user, language):
    """Store the interface language a logged-in member chose."""
    if language not in dict(settings.LANGUAGES):
        return
    Member.objects.filter(user=user).update(interface_language=language)


def export_personal_data(*, user) -> dict:
    """Everything the site holds about `user`, as a JSON-able dict."""
    return {
        "exported_at": timezone.now().isoformat(),
        "format": "pb-exchange-personal-data/1",
        **{source.key: source.export(user) for source in personal_data.sources()},
    }


@transaction.atomic
def delete_account(*, user):
    """Erase the member's personal data and the account itself."""
    for source in personal_data.sources():
        if source.erase is not None:
            source.erase(user)
    user.delete()


def export_filename(*, user) -> str:
    return f"pb-exchange-data-{datetime.date.today().isoformat()}.json"

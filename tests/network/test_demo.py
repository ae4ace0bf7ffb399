"""The demo network looks like a real one: unique, believable names from every region."""

import io
from collections import Counter

import pytest

from network import demo
from network.models import Member

pytestmark = pytest.mark.django_db


def test_demo_members_have_unique_names_spread_across_the_regions():
    demo.load(stdout=io.StringIO())
    members = list(Member.objects.exclude(name=""))
    assert len(members) >= demo.NETWORK_SIZE
    names = Counter(member.name for member in members)
    assert [name for name, count in names.items() if count > 1] == []
    regions = Counter(member.world_region for member in members if member.world_region)
    assert set(regions) >= {"africa", "asia-pacific", "europe", "latin-america", "middle-east",
                            "north-america"}
    assert min(regions.values()) >= 8
    countries = Counter(member.country.code for member in members)
    assert max(countries.values()) <= len(members) // 8
    # A name fits the member's country: Malagasy names in Madagascar, Korean ones in Korea.
    generated = [m for m in members if m.user.email.endswith("@peers.pb-exchange.example")]
    for member in generated:
        firsts, lasts = demo.NAMES_BY_COUNTRY[member.country.code]
        assert member.name.split(" ", 1)[0] in firsts, member.name

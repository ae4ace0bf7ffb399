"""Demo accounts: a staff curator, an ordinary member, and members across roles and regions."""

import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from network.models import Member
from pbexchange.vocabulary import Role

DEMO_PASSWORD = "pb-exchange-demo"  # demo only: printed by load_demo, never used in production
CURATOR_EMAIL = "curator@pb-exchange.example"
MEMBER_EMAIL = "member@pb-exchange.example"

# (name, country, languages) for people spread across the regions where PB runs.
PEOPLE = [
    ("Amara Rakotomalala", "MG", ["mg", "fr"]), ("Lucía Fernández", "ES", ["es", "en"]),
    ("Carlos Mendoza", "MX", ["es"]), ("Ji-woo Park", "KR", ["ko", "en"]),
    ("Beatriz Oliveira", "BR", ["pt", "es"]), ("Jean-Baptiste Rabe", "MG", ["mg", "fr"]),
    ("Sofía Ramírez", "MX", ["es", "en"]), ("Min-jun Kim", "KR", ["ko"]),
    ("Rafael Costa", "BR", ["pt"]), ("Élodie Martin", "FR", ["fr", "en"]),
    ("Kwame Mensah", "GH", ["en"]), ("Aisha Bello", "NG", ["en", "fr"]),
    ("Tomasz Nowak", "PL", ["pl", "en"]), ("Anna Kowalska", "PL", ["pl"]),
    ("Sarah Thompson", "US", ["en", "es"]), ("Daniel Okafor", "NG", ["en"]),
    ("Marta Sánchez", "ES", ["es", "pt"]), ("João Pereira", "PT", ["pt", "en"]),
    ("Claire Dubois", "CA", ["fr", "en"]), ("Mohamed Ait Ali", "MA", ["ar", "fr"]),
    ("Priya Raman", "IN", ["hi", "en"]), ("Wanjiru Kamau", "KE", ["sw", "en"]),
    ("Hannah Becker", "DE", ["de", "en"]), ("Giulia Rossi", "IT", ["it", "en"]),
    ("Pieter de Vries", "NL", ["nl", "en"]), ("Valentina Gómez", "CO", ["es"]),
    ("Andrés Torres", "PE", ["es", "en"]), ("Fernanda Lima", "BR", ["pt", "en"]),
    ("Hery Andriamanana", "MG", ["mg", "fr", "en"]), ("Seo-yeon Lee", "KR", ["ko", "en"]),
    ("Michael Chen", "US", ["en", "zh"]), ("Nomvula Dlamini", "ZA", ["en"]),
    ("Ana Silva", "PT", ["pt", "fr"]), ("Gabriel Rocha", "BR", ["pt", "es"]),
    ("Camille Laurent", "BE", ["fr", "nl"]), ("Diego Herrera", "AR", ["es"]),
    ("Fatou Diop", "SN", ["fr"]), ("Ivana Horvat", "HR", ["en"]),
    ("Laura Jiménez", "CL", ["es", "en"]), ("Oliver Brown", "GB", ["en"]),
]


def load(*, stdout):
    """Create the demo accounts once; re-running leaves them as they are."""
    rng = random.Random(20261123)
    roles = list(Role.values)
    _ensure_account(CURATOR_EMAIL, "Nadia Curator", staff=True,
                    profile={"organisation": "PB Exchange host team", "country": "FR",
                             "languages": ["en", "fr"], "role": Role.EXPERT})
    _ensure_account(MEMBER_EMAIL, "Rosa Member", staff=False,
                    profile={"organisation": "City of Valparaíso", "country": "CL",
                             "languages": ["es", "en"], "role": Role.PB_TEAM_LEAD})
    for index, (name, country, languages) in enumerate(PEOPLE):
        email = f"{name.split()[0].lower()}.{index}@members.pb-exchange.example"
        email = email.encode("ascii", "ignore").decode()
        _ensure_account(email, name, staff=False, profile={
            "organisation": f"{rng.choice(['City', 'District', 'Municipality', 'Network'])} team",
            "country": country,
            "languages": languages,
            "role": roles[index % len(roles)],
        })
    stdout.write(f"  {Member.objects.count()} member profiles")


def _ensure_account(email, name, *, staff, profile):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User.objects.create_user(
        username=email.split("@")[0][:150], email=email, password=DEMO_PASSWORD,
        is_staff=staff, is_superuser=staff,
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    Member.objects.filter(user=user).update(name=name, **profile)
    return user

"""The priority outcomes a toolkit walk can stand for; matching compares members on them."""

from django.utils.translation import gettext_lazy as _

OUTCOME_CHOICES = [
    ("broad-participation", _("Broad participation")),
    ("equity", _("Equity for underserved areas and groups")),
    ("trust", _("Trust between residents and government")),
    ("efficient-delivery", _("Efficient delivery")),
    ("civic-learning", _("Civic learning")),
]

"""Filters for the site's chrome: the window title and numbers written the visitor's way."""

from django import template
from django.utils.formats import number_format

register = template.Library()

SITE_NAME = "PB Exchange"


@register.filter(is_safe=True)
def with_site_name(title) -> str:
    """"Library · PB Exchange"; the site's name alone when the page is the site (the home page)."""
    title = " ".join(str(title).split())
    if not title or title == SITE_NAME:
        return SITE_NAME
    return f"{title} · {SITE_NAME}"


@register.filter
def grouped(number) -> str:
    """A large number with the language's digit grouping: 1,300,000 in English, 1 300 000 in
    French. (USE_THOUSAND_SEPARATOR would also group years and identifiers, hence a filter.)"""
    if number in (None, ""):
        return ""
    return number_format(number, force_grouping=True)

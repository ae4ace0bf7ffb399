from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (label, url name or path) for the header; each app owns the page the link leads to.
NAVIGATION = [
    (_("Library"), "/library/"),
    (_("Events"), "/events/"),
    (_("Network"), "/network/"),
    (_("Calculator"), "/calculator/"),
    (_("Toolkit"), "/toolkit/"),
]


def site_chrome(request):
    """Navigation, languages and contact details shown on every page."""
    from django.utils.translation import get_language

    language = get_language() or settings.LANGUAGE_CODE
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    items = []
    for label, path in NAVIGATION:
        href = prefix + path
        current = request.path.startswith(href) if request is not None else False
        items.append({"label": label, "href": href, "current": current})
    try:
        account_url = reverse("network:my_account")
    except NoReverseMatch:
        account_url = ""
    return {
        "nav_items": items,
        "site_languages": settings.LANGUAGES,
        "home_href": prefix + "/",
        "account_url": account_url,
        "contact_email": settings.CONTACT_EMAIL,
    }

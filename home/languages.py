"""The language a page's own text is written in, for the `lang` attribute around it.

Every language tree is synchronised from the default language's (wagtail-localize), so a page that
staff have not translated is an alias showing the default language's text; a translated page is in
its tree's language. Templates put this around a page's own text (titles, summaries, bodies) with
`{{ page|content_language }}`, so that screen readers switch voice and English-only content is marked
as such while the interface around it stays in the visitor's language.
"""

from django.conf import settings
from django.utils.translation import get_language


def content_language(page) -> str:
    if getattr(page, "alias_of_id", None):
        return settings.LANGUAGE_CODE
    # Listings and pages come from the active language's tree (see docs/architecture.md), so a
    # page that is not an alias is in that language; this costs no query per listed page.
    return get_language() or settings.LANGUAGE_CODE

"""Shipping ready-made translations of pages and snippets through wagtail-localize.

Staff translate content in the admin with wagtail-localize: a translation is a set of translated
strings, one per string (segment) of the English original, and the translated page or snippet is
built from them. `translate` fills those strings from a table of {English text: translation} and
builds the translation the same way, so what the demo and the default toolkit tree ship is edited,
and kept in step with the English original, exactly like a translation made by hand in the admin.
"""

from django.db import transaction
from wagtail.models import Locale, Page


def translate(instance, *, language_code, strings: dict[str, str], publish=True):
    """The `language_code` translation of `instance`, made (or refreshed) from `strings`.

    Strings of the original missing from the table keep their English text (wagtail-localize's
    fallback), so a partial table never fails; an untranslated page alias becomes a real page.
    """
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    if isinstance(instance, Page):
        instance = instance.specific
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    wanted = {_as_stored(english): _as_stored(text) for english, text in strings.items()}
    with transaction.atomic():
        source, _ = TranslationSource.update_or_create_from_instance(instance)
        translation, _ = Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": True})
        for segment in StringSegment.objects.filter(source=source).select_related("string"):
            text = wanted.get(" ".join(segment.string.data.split()))
            if text is None:
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string, locale=locale, context_id=segment.context_id,
                defaults={"data": text,
                          "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
        # wagtail-localize would publish when the outermost transaction commits, from a copy of
        # the page taken now; pages added under it meanwhile (load_demo runs in one transaction)
        # would then vanish from the tree. So save a draft and publish it at once instead.
        translation.save_target(publish=False)
        target = instance.get_translation(locale)
        if publish:
            target.get_latest_revision().publish()
    return target


def _as_stored(text: str) -> str:
    """A string as wagtail-localize stores it: plain text escaped (rich text paragraphs, which
    carry their inline tags, as they are), with whitespace collapsed."""
    from wagtail_localize.strings import StringValue

    if "<" not in text:
        text = StringValue.from_plaintext(text).data
    return " ".join(text.split())


def ensure_page_translations(page, translations: dict[str, dict[str, str]], *, stdout=None):
    """Give `page` a real translation in each language of `translations` ({code: strings}).

    A language that already has a real (non-alias) translation is left as it is, so re-running the
    demo loader changes nothing and never overwrites what staff translated.
    """
    made = []
    for code, strings in translations.items():
        existing = page.get_translations().filter(locale__language_code=code).first()
        if existing is not None and existing.alias_of_id is None:
            continue
        translate(page, language_code=code, strings=strings)
        made.append(code)
    if made and stdout is not None:
        stdout.write(f"  {page.title} translated into {', '.join(made)}")
    return made

"""Finding English interface text on a page served in another language.

A page is read as the text a visitor sees (and the accessible names a screen reader speaks), minus
every element marked with a `lang` other than the page's own: content that exists only in English is
marked `lang="en"` by the templates, which also tells screen readers to switch voice. What is left
must be in the page's language. Two signals catch English in it:

- an English interface string (a msgid of the project's catalogues whose translation differs) that
  makes up a whole text node, or a longer one (three words or more) anywhere in the text;
- English function words ("the", "and", "your"...) that French, Spanish and Portuguese never use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

import polib

from tests.support import ROOT

# Words that are English and not words of French, Spanish or Portuguese (so "on", "a", "as", "do",
# "no", "me", "or", "an" are left out on purpose).
ENGLISH_WORDS = frozenset(
    "the and of with your you for to is are this that from by will what which has have not it "
    "its their they we our be been was were how when where who why there here these those "
    "than then into about after before while should would could can't don't isn't".split()
)
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# Time-zone identifiers ("America/Port_of_Spain", shown as "America/Port of Spain") are data.
TIME_ZONE_ID = re.compile(r"^[A-Z][A-Za-z]+(?:/[A-Z][A-Za-z_' -]+)+$")
SKIPPED_ELEMENTS = {"script", "style", "template", "svg", "code", "pre"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                 "source", "track", "wbr"}
SPOKEN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


@dataclass(frozen=True)
class Finding:
    text: str
    reason: str


class _VisibleText(HTMLParser):
    """Text nodes and spoken attributes in the page's language (nearest `lang` decides)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page_language = ""
        self.stack: list[tuple[str, str, bool]] = []  # (tag, language, skipped)
        self.texts: list[str] = []
        self.title = ""
        self.other_language_texts: set[str] = set()  # text marked as another language

    @property
    def language(self):
        return self.stack[-1][1] if self.stack else self.page_language

    @property
    def skipped(self):
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # lang="" marks text whose language is unknown (written by members in their own words).
        language = (attrs["lang"].split("-")[0] or "unknown") if "lang" in attrs else self.language
        if tag == "html":
            self.page_language = language
            return
        skipped = self.skipped or tag in SKIPPED_ELEMENTS or "hidden" in attrs
        if not skipped and language == self.page_language:
            self.texts += [attrs[name] for name in SPOKEN_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.texts.append(attrs["value"])
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, language, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # Close up to the matching element; browsers forgive unclosed <p> and <li>, so do we.
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        text = " ".join(data.split())
        if self.skipped or not text:
            return
        if self.stack and self.stack[-1][0] == "title":
            self.title += text
        elif self.language == self.page_language:
            self.texts.append(text)
        else:
            self.other_language_texts.add(text)


def visible_texts(html: str) -> tuple[str, list[str]]:
    """The page's language and its texts that claim to be in it."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    texts = parser.texts
    # A <title> cannot carry `lang`; it names the page's content and the site, so an English
    # content title in it ("<title> · PB Exchange") counts as marked content, like the <h1>.
    title_parts = [part.strip() for part in parser.title.split("·")]
    texts += [part for part in title_parts if part and part not in parser.other_language_texts]
    return parser.page_language, texts


@cache
def english_interface_strings(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole-node strings, long strings) of the catalogues that `language` translates differently."""
    whole, long = set(), set()
    for po_path in ROOT.glob(f"*/locale/{language}/LC_MESSAGES/django.po"):
        _collect(po_path, whole, long)
    _collect(ROOT / "locale" / language / "LC_MESSAGES" / "django.po", whole, long)
    return frozenset(whole), tuple(sorted(long, key=len, reverse=True))


def _collect(po_path, whole, long):
    if not po_path.exists():
        return
    for entry in polib.pofile(str(po_path)).translated_entries():
        if entry.msgid_plural or "%" in entry.msgid or "{" in entry.msgid:
            continue
        msgid = " ".join(entry.msgid.split())
        if msgid.strip(".:…") == " ".join(entry.msgstr.split()).strip(".:…"):
            continue  # the same in both languages ("Contact", "Type", "Total")
        if not WORD.search(msgid):
            continue
        whole.add(msgid)
        if len(msgid.split()) >= 3:
            long.add(msgid)


def english_chrome(html: str) -> list[Finding]:
    """Interface text in English on a page whose language is not English."""
    language, texts = visible_texts(html)
    if language in ("", "en"):
        return []
    whole, long = english_interface_strings(language)
    findings = []
    for text in texts:
        if TIME_ZONE_ID.match(text):
            continue
        if text in whole or text.rstrip(".:") in whole:
            findings.append(Finding(text, "an English interface string"))
            continue
        found = next((msgid for msgid in long if msgid in text), None)
        if found:
            findings.append(Finding(text, f"contains the English interface string {found!r}"))
            continue
        words = [word.lower() for word in WORD.findall(text)]
        english = [word for word in words if word in ENGLISH_WORDS]
        # Two English function words (or one in a short label) mean an English phrase.
        if len(english) >= 2 or (english and len(words) <= 4):
            findings.append(Finding(text, f"English words {english}"))
    return findings

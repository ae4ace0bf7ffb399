"""The toolkit result as a PDF, drawn with fpdf2 (pure Python, no system libraries).

The built-in Helvetica font covers Latin-1, which is enough for English, French, Spanish and
Portuguese; typographic characters outside it are replaced by plain equivalents.
"""

import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF

REPLACEMENTS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                              "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u2192": "->",
                              "\u00a0": " ", "\u202f": " ", "\u2022": "-", "\u0153": "oe",
                              "\u0152": "OE", "\u20ac": "EUR"})


def latin1(text) -> str:
    return str(text).translate(REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def absolute(url, site_url) -> str:
    return url if url.startswith(("http://", "https://")) else site_url + url


def render_result(step, *, share_url, site_url) -> bytes:
    """A PDF of a result Step (services.step): answers, then each recommendation with its links."""
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(_("PB design toolkit: your recommendations")))
    pdf.set_author("PB Exchange")
    pdf.set_lang(get_language() or "en")
    pdf.set_creation_date(datetime.datetime.now(datetime.UTC))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw

    def write(text, *, size=10.5, style="", height=5.5, link=""):
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(width, height, latin1(text), link=link, new_x="LMARGIN", new_y="NEXT")

    write("PB Exchange - " + _("Design toolkit"), size=9, style="I")
    write(_("Your design recommendations"), size=18, style="B", height=9)
    pdf.ln(2)
    write(_("Your answers"), size=13, style="B", height=7)
    for question, answer in step.summary:
        write(f"{question}  {answer}", size=10)
    pdf.ln(3)
    for number, recommendation in enumerate(step.recommendations, start=1):
        write(f"{number}. {recommendation.title}", size=13, style="B", height=7)
        write(_("Why it helps"), style="B")
        write(recommendation.why)
        if recommendation.pitfalls:
            write(_("Pitfalls to avoid"), style="B")
            write(recommendation.pitfalls)
        if recommendation.calculator_rule:
            write(f"{_('Calculator rule that fits:')} {recommendation.calculator_label}")
        for link in recommendation.links:
            url = absolute(link.url, site_url)
            pdf.set_text_color(11, 93, 75)
            write(f"{link.label}: {url}", size=9.5, link=url)
            pdf.set_text_color(0, 0, 0)
        pdf.ln(3)
    write(_("See this result online:"), size=9, style="B")
    write(share_url, size=9, link=share_url)
    return bytes(pdf.output())

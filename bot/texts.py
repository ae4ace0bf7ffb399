"""Everything the bot says, translated with Django's gettext into the user's language.

Messages are lazy constants; :func:`say` renders one in a language. Replies use Telegram's
HTML parse mode, so every value coming from people or content goes through :func:`esc`.
"""

from __future__ import annotations

import html

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}
MAX_MESSAGE = 4000  # Telegram's limit is 4096 characters


def esc(value) -> str:
    return html.escape(str(value), quote=False)


def say(lang: str, message, **params) -> str:
    """``message`` in ``lang``, with ``params`` substituted."""
    with translation.override(lang if lang in LANGUAGES else "en"):
        text = str(message)
        return text % params if params else text


def pick_language(code: str | None) -> str:
    """One of the site's languages from Telegram's ``language_code`` (``pt-br`` → ``pt``)."""
    base = (code or "").split("-")[0].lower()
    return base if base in LANGUAGES else "en"


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


GREETING = _(
    "Hello %(name)s! I am the PB Exchange bot, for people who run participatory budgeting.\n\n"
    "Ask me anything in plain words (or /ask) and I answer from the PB Exchange library.\n"
    "/tally runs a quick count of a vote (Rank and Rearrange, greedy or Equal Shares).\n"
    "/events lists the next events, /cohort shows your learning cohort, /toolkit helps you "
    "design a process.\n"
    "/language changes my language, /help shows this again, /cancel stops what we are doing."
)
LINK_HINT = _(
    "To link this chat to your PB Exchange account, create a code on the website (%(url)s) "
    "and send it to me as /start CODE."
)
LINKED_AS = _("This chat is linked to the PB Exchange account of %(name)s.")
LINK_DONE = _("Done: this chat is now linked to the PB Exchange account of %(name)s.")
LINK_UNKNOWN = _("This link code is not valid. Create a new one on the website: %(url)s")
LINK_USED = _("This link code has already been used. Create a new one on the website: %(url)s")
LINK_EXPIRED = _(
    "This link code has expired (codes last 15 minutes). Create a new one on the website: %(url)s"
)
CHOOSE_LANGUAGE = _("Which language should I use?")
LANGUAGE_SET = _("I will speak English from now on.")
CANCELLED = _("Stopped. Send /help to see what I can do.")
APOLOGY = _("Sorry, something went wrong on my side. Please try again in a moment.")

# Questions
NO_QUESTION = _("Ask your question after /ask, for example: /ask how do we reach young people?")
ANSWER_INTRO = _("From the PB Exchange library:")
FAQ_INTRO = _("Our team's answer:")
NOTHING_FOUND = _(
    "I found nothing in the library for “%(question)s”. Try other words, or browse by stage "
    "of the PB cycle:"
)
DID_YOU_MEAN = _("Did you mean “%(suggestion)s”? I searched for that too.")
MORE_RESULTS = _("%(count)s resources match; see them all: %(url)s")
FILTER_HINT = _("Narrow the answer by stage or by language:")
STAGE_RESULTS = _("Resources for the stage “%(stage)s”:")
ANY_LANGUAGE = _("Any language")
ASK_AGAIN = _("Send me your question again, I have lost track of it.")

# Tally
TALLY_START = _(
    "Let's count a vote. Choose the rule, or upload a .pb (Pabulib) or .csv file at any time."
)
ASK_BUDGET = _("%(rule)s. What is the budget? Send a number, for example 480000.")
ASK_PROJECTS = _(
    "Budget: %(budget)s. Now send the projects, one per line as name; cost, for example:\n"
    "Playground; 100000\nBike lanes; 280000"
)
ASK_BALLOTS = _(
    "%(count)s projects. Now send the ballots, one per line, projects in order of preference "
    "separated by commas (for example: %(example)s). Start a line with “12 x” for 12 identical "
    "ballots; use name:points for points ballots."
)
TRY_AGAIN = _("%(error)s\nPlease send it again, or /cancel.")
UPLOAD_TOO_BIG = _(
    "The file is %(size)s KB; the limit is 1024 KB. Send a smaller file, or type the projects "
    "and ballots instead."
)
RESULT_TITLE = _("Result with %(rule)s")
RESULT_BUDGET = _("Budget %(budget)s, %(voters)s ballots counted.")
FUNDED_HEADING = _("Funded:")
FUNDED_LINE = _("%(order)s. %(name)s: %(amount)s")
PARTIAL_LINE = _("%(order)s. %(name)s: %(amount)s of %(cost)s (the delegate accepts the offer)")
NOTHING_FUNDED = _("No project is funded.")
LEFTOVER = _("Left over: %(amount)s.")
DONATION = _("%(amount)s goes to %(name)s.")
SCORES_HEADING = _("Support (%(unit)s):")
SCORE_LINE = _("%(name)s: %(score)s")
MORE_PROJECTS = _("… and %(count)s more projects.")
TIES_HEADING = _("Ties a person must decide (this count used the order of project ids):")
REJECTED_HEADING = _("%(count)s ballots rejected:")
REJECTED_LINE = _("ballot %(voter)s: %(reason)s")
STEPS_HEADING = _("How it was decided:")
HISTOGRAM_CAPTION = _("How many voters got 0, 1, 2, … of the projects they supported funded.")
WHY_HEADING = _("Why each project was or was not funded:")
MONEY_LEFT_HEADING = _("The money left:")
CHART_CAPTION = _("Points and funded amounts against the budget of %(budget)s.")
DECLINE_BUTTON = _("Delegate of %(name)s declines")
SHARE_BUTTON = _("Share what is left")
ASK_RECIPIENTS = _(
    "Who shares the %(amount)s left? Send one name per line (for example two local charities)."
)
NO_RECIPIENTS = _("Send at least one name, one per line.")
TALLY_EXPIRED = _("This count is no longer open. Send /tally to start a new one.")

# Events, cohort, toolkit
EVENTS_HEADING = _("Next events:")
EVENTS_NONE = _("No upcoming event in these languages. See the calendar: %(url)s")
EVENT_LINE = _("%(date)s: %(title)s\n%(url)s")
ICS_BUTTON = _("Calendar file: %(title)s")
COHORT_NOT_LINKED = _(
    "Cohorts are small groups of implementers who learn together. Link this chat to your PB "
    "Exchange account first (%(url)s), then join a cohort from your profile on the website."
)
COHORT_NONE = _(
    "You are not in an active cohort yet. Ask to be matched with peers from your profile: %(url)s"
)
COHORT_HEADING = _("Your cohort: %(name)s")
COHORT_NEXT = _("Next session: %(date)s")
COHORT_NO_SESSION = _("No session is planned yet.")
COHORT_PEERS = _("Peers:")
TOOLKIT_INTRO = _("Design your PB process: answer a few questions.")
TOOLKIT_DONE = _("Here is what we suggest for your process: %(url)s")
WEB_ONLY = _("This part is on the website for now: %(url)s")

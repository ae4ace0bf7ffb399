"""Inline keyboards and their callback-data prefixes (callback data is at most 64 bytes)."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from pbexchange.vocabulary import Stage

LANGUAGE = "lang:"
ASK_STAGE = "ask:stage:"
ASK_LANGUAGE = "ask:lang:"
BROWSE_STAGE = "browse:"
RULE = "tally:rule:"
RERUN = "tally:rerun:"
DECLINE = "tally:decline:"
SHARE = "tally:share"
EVENTS_LANGUAGE = "events:lang:"
EVENT_ICS = "events:ics:"
TOOLKIT = "toolkit:"


def _rows(buttons, width=2):
    return [buttons[i:i + width] for i in range(0, len(buttons), width)]


def languages() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(_rows([
        InlineKeyboardButton(texts.LANGUAGE_NAMES[code], callback_data=LANGUAGE + code)
        for code in texts.LANGUAGES
    ]))


def stages(lang: str, prefix: str) -> list[list[InlineKeyboardButton]]:
    return _rows([
        InlineKeyboardButton(texts.say(lang, label), callback_data=prefix + value)
        for value, label in Stage.choices
    ], width=1)


def answer_filters(lang: str) -> InlineKeyboardMarkup:
    """Stage buttons, then content-language buttons, under an answer."""
    language_row = [InlineKeyboardButton(texts.LANGUAGE_NAMES[code],
                                         callback_data=ASK_LANGUAGE + code)
                    for code in texts.LANGUAGES]
    language_row.append(InlineKeyboardButton(texts.say(lang, texts.ANY_LANGUAGE),
                                             callback_data=ASK_LANGUAGE + "any"))
    return InlineKeyboardMarkup(stages(lang, ASK_STAGE) + _rows(language_row, width=3))


def browse_stages(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(stages(lang, BROWSE_STAGE))


def rules(choices, prefix: str = RULE) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=prefix + name)]
                                 for name, label in choices])


def after_result(lang: str, *, choices, current: str, offers, leftover: bool):
    """Decline buttons for partial offers, "share what is left", then the other rules."""
    rows = [[InlineKeyboardButton(texts.say(lang, texts.DECLINE_BUTTON, name=label[:40]),
                                  callback_data=f"{DECLINE}{index}")]
            for index, label in offers]
    if leftover:
        rows.append([InlineKeyboardButton(texts.say(lang, texts.SHARE_BUTTON),
                                          callback_data=SHARE)])
    rows += [[InlineKeyboardButton(label, callback_data=RERUN + name)]
             for name, label in choices if name != current]
    return InlineKeyboardMarkup(rows)


def event_actions(lang: str, events) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(texts.say(lang, texts.ICS_BUTTON, title=e.title[:40]),
                                  callback_data=f"{EVENT_ICS}{e.id}")] for e in events]
    rows += _rows([InlineKeyboardButton(texts.LANGUAGE_NAMES[code],
                                        callback_data=EVENTS_LANGUAGE + code)
                   for code in texts.LANGUAGES], width=4)
    return InlineKeyboardMarkup(rows)

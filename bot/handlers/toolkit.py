"""/toolkit: the design decision tree with inline-keyboard answers (toolkit.services)."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from bot import keyboards, services, texts
from bot.handlers.common import call, language, reply

ANSWERS_KEY = "toolkit_answers"
OPTIONS_KEY = "toolkit_options"


def _next(*, answers, lang):
    """The next question as (text, [(answer token, label)]), or the result as
    ([(title, why)], shareable URL) once the walk is over."""
    from toolkit import services as toolkit

    step = toolkit.step(answers=answers, language=lang)
    if step.is_result:
        recommendations = [(r.title, r.why) for r in step.recommendations]
        return None, (recommendations,
                      toolkit.result_url(answers=list(step.answers), language=lang))
    return (step.text, [(o.value, o.label) for o in step.options]), None


async def _ask(update, context, lang):
    answers = context.user_data.get(ANSWERS_KEY, [])
    try:
        question, result = await call(_next, answers=answers, lang=lang)
    except Exception:  # noqa: BLE001 - no published tree (or no toolkit): the website explains
        web = await call(services.page_url, "/toolkit/", language=lang)
        await reply(update, texts.say(lang, texts.WEB_ONLY, url=texts.esc(web)))
        return
    if question is None:
        recommendations, url = result
        lines = [f"<b>{texts.esc(title)}</b>\n{texts.esc(texts.shorten(why, 300))}"
                 for title, why in recommendations]
        lines.append(texts.say(lang, texts.TOOLKIT_DONE, url=texts.esc(url)))
        await reply(update, "\n\n".join(lines))
        return
    text, options = question
    buttons = [[InlineKeyboardButton(label[:60], callback_data=f"{keyboards.TOOLKIT}{index}")]
               for index, (_token, label) in enumerate(options)]
    context.user_data[OPTIONS_KEY] = [token for token, _label in options]
    await reply(update, texts.esc(text), reply_markup=InlineKeyboardMarkup(buttons))


async def toolkit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/toolkit: start the decision tree."""
    lang = await language(update, context)
    context.user_data[ANSWERS_KEY] = []
    await reply(update, texts.say(lang, texts.TOOLKIT_INTRO))
    await _ask(update, context, lang)


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An answer button: record it and ask the next question."""
    query = update.callback_query
    await query.answer()
    lang = await language(update, context)
    index = query.data.removeprefix(keyboards.TOOLKIT)
    options = context.user_data.get(OPTIONS_KEY) or []
    if index.isdigit() and int(index) < len(options):
        context.user_data.setdefault(ANSWERS_KEY, []).append(options[int(index)])
        await query.edit_message_reply_markup(reply_markup=None)
    await _ask(update, context, lang)


HANDLERS = [
    CommandHandler("toolkit", toolkit),
    CallbackQueryHandler(answer, pattern=f"^{keyboards.TOOLKIT}"),
]

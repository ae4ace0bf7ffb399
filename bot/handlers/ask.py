"""Questions: plain text or /ask TEXT, answered from the library and the staff FAQ."""

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot import keyboards, services, texts
from bot.handlers.common import language, read, reply
from pbexchange.vocabulary import Stage

QUESTION_KEY = "question"
FILTERS_KEY = "question_filters"


def format_answer(lang: str, answer: services.Answer) -> str:
    """The reply: FAQ answer first, then up to three resources with summary and link."""
    parts = []
    if answer.suggestion:
        parts.append(texts.say(lang, texts.DID_YOU_MEAN, suggestion=texts.esc(answer.suggestion)))
    if answer.faq is not None:
        faq = f"<b>{texts.say(lang, texts.FAQ_INTRO)}</b>\n{texts.esc(answer.faq.answer)}"
        if answer.faq.link:
            faq += f"\n{texts.esc(answer.faq.link)}"
        parts.append(faq)
    if answer.resources:
        lines = [f"<b>{texts.say(lang, texts.ANSWER_INTRO)}</b>"]
        for hit in answer.resources:
            summary = texts.shorten(hit.summary, 350)
            lines.append(f"\n<b>{texts.esc(hit.title)}</b>\n{texts.esc(summary)}\n"
                         f"{texts.esc(hit.url)}")
        if answer.total > len(answer.resources):
            count = answer.total if answer.complete else f"{answer.total}+"
            lines.append("\n" + texts.say(lang, texts.MORE_RESULTS, count=count,
                                          url=texts.esc(answer.browse_url)))
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


async def respond(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    """Answer ``question`` with the filters chosen so far."""
    lang = await language(update, context)
    chosen = context.user_data.get(FILTERS_KEY) or {}
    answer = await read(services.answer_question, text=question, language=lang,
                        stage=chosen.get("stage"), content_language=chosen.get("language"))
    text = format_answer(lang, answer)
    if not answer.resources:
        nothing = texts.say(lang, texts.NOTHING_FOUND, question=texts.esc(question[:200]))
        text = f"{text}\n\n{nothing}" if text else nothing
        await reply(update, text, reply_markup=keyboards.browse_stages(lang))
        return
    text += "\n\n" + texts.say(lang, texts.FILTER_HINT)
    await reply(update, text, reply_markup=keyboards.answer_filters(lang))


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask TEXT, or any plain text: answer a question."""
    question = " ".join(context.args) if context.args is not None else update.message.text
    question = (question or "").strip()
    if not question:
        lang = await language(update, context)
        await reply(update, texts.say(lang, texts.NO_QUESTION))
        return
    context.user_data[QUESTION_KEY] = question[:500]
    context.user_data[FILTERS_KEY] = {}
    await respond(update, context, question)


async def refine(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A stage or language button under an answer: answer the same question again, filtered."""
    query = update.callback_query
    await query.answer()
    question = context.user_data.get(QUESTION_KEY)
    if not question:
        lang = await language(update, context)
        await reply(update, texts.say(lang, texts.ASK_AGAIN))
        return
    chosen = dict(context.user_data.get(FILTERS_KEY) or {})
    if query.data.startswith(keyboards.ASK_STAGE):
        stage = query.data.removeprefix(keyboards.ASK_STAGE)
        chosen["stage"] = stage if stage in Stage.values else None
    else:
        code = query.data.removeprefix(keyboards.ASK_LANGUAGE)
        chosen["language"] = code if code in texts.LANGUAGES else None
    context.user_data[FILTERS_KEY] = chosen
    await respond(update, context, question)


async def browse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A stage button after an unanswered question: the newest resources of that stage."""
    query = update.callback_query
    await query.answer()
    lang = await language(update, context)
    stage = query.data.removeprefix(keyboards.BROWSE_STAGE)
    if stage not in Stage.values:
        return
    answer = await read(services.resources_for_stage, stage=stage, language=lang)
    label = texts.say(lang, dict(Stage.choices)[stage])
    heading = texts.say(lang, texts.STAGE_RESULTS, stage=texts.esc(label))
    body = format_answer(lang, answer) or texts.say(lang, texts.NOTHING_FOUND, question=label)
    await reply(update, f"{heading}\n\n{body}")


HANDLERS = [
    CommandHandler("ask", ask),
    CallbackQueryHandler(refine, pattern=r"^ask:"),
    CallbackQueryHandler(browse, pattern=f"^{keyboards.BROWSE_STAGE}"),
]
# Registered last: any plain text that no conversation is waiting for is a question.
QUESTION = MessageHandler(filters.TEXT & ~filters.COMMAND, ask)

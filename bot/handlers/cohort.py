"""/cohort: a linked member's cohort, next session and peers; how to join for others."""

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes

from bot import services, texts
from bot.handlers.common import call, language, read, reply


async def cohort(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cohort"""
    lang = await language(update, context)
    summary = await read(services.cohort_summary, telegram_user_id=update.effective_user.id,
                         language=lang)
    if not summary.linked:
        url = await call(services.link_page_url, language=lang)
        await reply(update, texts.say(lang, texts.COHORT_NOT_LINKED, url=texts.esc(url)))
        return
    if not summary.name:
        url = await call(services.page_url, "/account/", language=lang)
        await reply(update, texts.say(lang, texts.COHORT_NONE, url=texts.esc(url)))
        return
    lines = [f"<b>{texts.say(lang, texts.COHORT_HEADING, name=texts.esc(summary.name))}</b>"]
    if summary.next_session:
        lines.append(texts.say(lang, texts.COHORT_NEXT, date=texts.esc(summary.next_session)))
    else:
        lines.append(texts.say(lang, texts.COHORT_NO_SESSION))
    if summary.peers:
        lines += ["", texts.say(lang, texts.COHORT_PEERS)]
        lines += ["• " + texts.esc(peer) for peer in summary.peers]
    await reply(update, "\n".join(lines))


HANDLERS = [CommandHandler("cohort", cohort)]

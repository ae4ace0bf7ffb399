"""/events: the next five events in the member's languages, with .ics files on request."""

from telegram import InputFile, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from bot import keyboards, services, texts
from bot.handlers.common import call, language, read, reply


async def show_events(update: Update, context: ContextTypes.DEFAULT_TYPE,
                      languages=None) -> None:
    """List the next events (in the member's languages unless ``languages`` is given)."""
    lang = await language(update, context)
    events = await read(services.next_events, telegram_user_id=update.effective_user.id,
                        language=lang, languages=languages)
    calendar = await call(services.page_url, "/events/", language=lang)
    if not events:
        await reply(update, texts.say(lang, texts.EVENTS_NONE, url=texts.esc(calendar)),
                    reply_markup=keyboards.event_actions(lang, []))
        return
    lines = [f"<b>{texts.say(lang, texts.EVENTS_HEADING)}</b>"]
    lines += [texts.say(lang, texts.EVENT_LINE, date=texts.esc(e.when),
                        title=f"<b>{texts.esc(e.title)}</b>", url=texts.esc(e.url))
              for e in events]
    await reply(update, "\n\n".join(lines), reply_markup=keyboards.event_actions(lang, events))


async def events_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/events"""
    await show_events(update, context)


async def events_in_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A language button: the next events in that language."""
    query = update.callback_query
    await query.answer()
    code = query.data.removeprefix(keyboards.EVENTS_LANGUAGE)
    await show_events(update, context, languages=[code] if code in texts.LANGUAGES else None)


async def send_calendar(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A calendar button: send the event's .ics file."""
    query = update.callback_query
    await query.answer()
    event_id = query.data.removeprefix(keyboards.EVENT_ICS)
    found = await read(services.event_calendar, event_id=int(event_id)) \
        if event_id.isdigit() else None
    if found is not None:
        name, content = found
        await update.effective_chat.send_document(InputFile(content, filename=name))


HANDLERS = [
    CommandHandler("events", events_command),
    CallbackQueryHandler(events_in_language, pattern=f"^{keyboards.EVENTS_LANGUAGE}"),
    CallbackQueryHandler(send_calendar, pattern=f"^{keyboards.EVENT_ICS}"),
]

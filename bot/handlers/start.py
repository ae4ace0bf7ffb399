"""/start (with an optional link code), /help, /language and /cancel outside conversations."""

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from bot import keyboards, services, texts
from bot.handlers.common import LANG_KEY, call, language, read, reply


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the user; `/start CODE` links the chat to a website account."""
    lang = await language(update, context)
    user = update.effective_user
    url = await call(services.link_page_url, language=lang)
    if context.args:
        try:
            account = await call(services.redeem_link_code, code=context.args[0],
                                 telegram_user_id=user.id, chat_id=update.effective_chat.id,
                                 language=lang)
        except services.LinkCodeError as error:
            message = {"used": texts.LINK_USED, "expired": texts.LINK_EXPIRED}.get(
                error.reason, texts.LINK_UNKNOWN)
            await reply(update, texts.say(lang, message, url=texts.esc(url)))
            return
        name = await call(services.display_name, account)
        await reply(update, texts.say(lang, texts.LINK_DONE, name=texts.esc(name)))
        return
    greeting = texts.say(lang, texts.GREETING, name=texts.esc(user.first_name or ""))
    account = await read(services.linked_user, telegram_user_id=user.id)
    if account is None:
        footer = texts.say(lang, texts.LINK_HINT, url=texts.esc(url))
    else:
        name = await call(services.display_name, account)
        footer = texts.say(lang, texts.LINKED_AS, name=texts.esc(name))
    await reply(update, f"{greeting}\n\n{footer}")


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List what the bot can do."""
    lang = await language(update, context)
    await reply(update, texts.say(lang, texts.GREETING,
                                  name=texts.esc(update.effective_user.first_name or "")))


async def choose_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer the four interface languages."""
    lang = await language(update, context)
    await reply(update, texts.say(lang, texts.CHOOSE_LANGUAGE), reply_markup=keyboards.languages())


async def set_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Save the language picked with a button."""
    query = update.callback_query
    await query.answer()
    lang = query.data.removeprefix(keyboards.LANGUAGE)
    if lang not in texts.LANGUAGES:
        lang = "en"
    await call(services.set_language, telegram_user_id=update.effective_user.id,
               chat_id=update.effective_chat.id, language=lang)
    context.user_data[LANG_KEY] = lang
    await query.edit_message_text(texts.say(lang, texts.LANGUAGE_SET))


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel when no conversation is running."""
    lang = await language(update, context)
    await reply(update, texts.say(lang, texts.CANCELLED))


HANDLERS = [
    CommandHandler("start", start),
    CommandHandler("help", help_command),
    CommandHandler("language", choose_language),
    CallbackQueryHandler(set_language, pattern=f"^{keyboards.LANGUAGE}"),
]
CANCEL = CommandHandler("cancel", cancel)

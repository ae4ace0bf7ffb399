"""/tally: a guided count of a vote with the shared calculator (typed, or a .pb/.csv upload)."""

from __future__ import annotations

import asyncio
import io
import warnings

from django.conf import settings
from django.utils import translation
from telegram import InputFile, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import keyboards, texts
from bot.handlers.common import call, language, read, reply
from tally import charts, counts, explained
from tally import services as tally

CHOOSING_RULE, ENTERING_BUDGET, ENTERING_PROJECTS, ENTERING_BALLOTS, REVIEWING, \
    ENTERING_RECIPIENTS = range(6)
DATA_KEY = "tally"
SHOWN_ROWS = 15
SHOWN_REJECTIONS = 5
SHOWN_STEPS = 12


def _data(context) -> dict:
    return context.user_data.setdefault(DATA_KEY, {})


async def _try_again(update: Update, lang: str, error: Exception) -> None:
    await reply(update, texts.say(lang, texts.TRY_AGAIN, error=texts.esc(error)))


async def start_tally(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/tally: forget the previous count and ask for the rule."""
    lang = await language(update, context)
    context.user_data[DATA_KEY] = {}
    await reply(update, texts.say(lang, texts.TALLY_START),
                reply_markup=keyboards.rules(_rule_choices(lang)))
    return CHOOSING_RULE


def _rule_choices(lang: str):
    with translation.override(lang):
        return [(name, str(label)) for name, label in tally.rule_choices()]


async def remind_rule(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Text while a rule is expected: show the rule buttons again."""
    lang = await language(update, context)
    await reply(update, texts.say(lang, texts.TALLY_START),
                reply_markup=keyboards.rules(_rule_choices(lang)))
    return CHOOSING_RULE


async def choose_rule(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A rule button: remember it and ask for the budget."""
    query = update.callback_query
    await query.answer()
    lang = await language(update, context)
    rule = query.data.removeprefix(keyboards.RULE)
    if rule not in tally.TALLY_RULES:
        return CHOOSING_RULE
    _data(context)["rule"] = rule
    label = dict(_rule_choices(lang))[rule]
    await query.edit_message_reply_markup(reply_markup=None)
    await reply(update, texts.say(lang, texts.ASK_BUDGET, rule=texts.esc(label)))
    return ENTERING_BUDGET


async def enter_budget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The budget: a number above 0."""
    lang = await language(update, context)
    try:
        budget = await call(_in_language, lang=lang, func=tally.parse_budget,
                            args=(update.message.text,))
    except tally.TallyInputError as error:
        await _try_again(update, lang, error)
        return ENTERING_BUDGET
    _data(context)["budget"] = str(budget)
    await reply(update, texts.say(lang, texts.ASK_PROJECTS, budget=tally.exact_money(budget)))
    return ENTERING_PROJECTS


async def enter_projects(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The projects, one ``name; cost`` per line."""
    lang = await language(update, context)
    try:
        projects = await call(_in_language, lang=lang, func=tally.parse_projects,
                              args=(update.message.text,))
    except tally.TallyInputError as error:
        await _try_again(update, lang, error)
        return ENTERING_PROJECTS
    _data(context)["projects"] = update.message.text
    example = ", ".join(name for name, _cost in projects[:3])
    await reply(update, texts.say(lang, texts.ASK_BALLOTS, count=len(projects),
                                  example=texts.esc(example)))
    return ENTERING_BALLOTS


async def enter_ballots(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The ballots: count the vote and show the result."""
    data = _data(context)
    data["ballots"] = update.message.text
    data.pop("declined", None)
    data.pop("recipients", None)
    return await _count(update, context, state_on_error=ENTERING_BALLOTS)


async def upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A .pb or .csv file, at any point: count it with the chosen (or a fitting) rule."""
    lang = await language(update, context)
    document = update.message.document
    data = context.user_data.setdefault(DATA_KEY, {})
    state = _current_state(data)
    if document.file_size and document.file_size > tally.MAX_UPLOAD_BYTES:
        await reply(update, texts.say(lang, texts.UPLOAD_TOO_BIG,
                                      size=(document.file_size + 1023) // 1024))
        return state
    if not (document.file_name or "").lower().endswith(tally.UPLOAD_TYPES):
        error = await call(_upload_error, lang=lang, name=document.file_name or "")
        await _try_again(update, lang, error)
        return state
    data.update({"file": {"id": document.file_id, "name": document.file_name}})
    for key in ("declined", "recipients", "vote", "ids"):
        data.pop(key, None)
    return await _count(update, context, state_on_error=state)


def _upload_error(*, lang, name):
    try:
        tally.election_from_upload(filename=name, data=b"", budget=None)
    except tally.TallyInputError as error:
        return error
    return None


def _current_state(data: dict) -> int:
    if "projects" in data:
        return ENTERING_BALLOTS
    if "budget" in data:
        return ENTERING_PROJECTS
    return ENTERING_BUDGET if "rule" in data else CHOOSING_RULE


async def rerun(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Count the same vote again with another rule, or with a delegate declining an offer."""
    query = update.callback_query
    await query.answer()
    data = context.user_data.get(DATA_KEY) or {}
    lang = await language(update, context)
    if not data.get("file") and not data.get("ballots"):
        await reply(update, texts.say(lang, texts.TALLY_EXPIRED))
        return ConversationHandler.END
    if query.data.startswith(keyboards.RERUN):
        rule = query.data.removeprefix(keyboards.RERUN)
        if rule in tally.TALLY_RULES:
            data["rule"] = rule
            data.pop("declined", None)
    elif query.data.startswith(keyboards.DECLINE):
        index = query.data.removeprefix(keyboards.DECLINE)
        data.setdefault("declined", []).append(int(index) if index.isdigit() else -1)
    await query.edit_message_reply_markup(reply_markup=None)
    return await _count(update, context, state_on_error=REVIEWING)


async def ask_recipients(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """"Share what is left": ask who receives the leftover."""
    query = update.callback_query
    await query.answer()
    lang = await language(update, context)
    await query.edit_message_reply_markup(reply_markup=None)
    await reply(update, texts.say(lang, texts.ASK_RECIPIENTS,
                                  amount=_data(context).get("leftover", "")))
    return ENTERING_RECIPIENTS


async def enter_recipients(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Names sharing the leftover, one per line: count again."""
    names = [line.strip() for line in update.message.text.splitlines() if line.strip()]
    if not names:
        lang = await language(update, context)
        await reply(update, texts.say(lang, texts.NO_RECIPIENTS))
        return ENTERING_RECIPIENTS
    _data(context)["recipients"] = names[:10]
    return await _count(update, context, state_on_error=REVIEWING)


async def _count(update: Update, context, *, state_on_error: int) -> int:
    """Store the vote, start its count (the service picks the rule if none was chosen), then
    send text and chart when it is done; a long count first gets "counting…"."""
    lang = await language(update, context)
    data = _data(context)
    content = None
    if data.get("file") and not data.get("vote"):
        file = await context.bot.get_file(data["file"]["id"])
        content = bytes(await file.download_as_bytearray())
    try:
        started = await call(start_count, lang=lang, data=data, content=content,
                             telegram_user_id=update.effective_user.id)
    except tally.TallyInputError as error:
        data.pop("file", None)
        data.pop("vote", None)
        await _try_again(update, lang, error)
        return state_on_error
    except counts.LimitReached as limit:
        await reply(update, texts.esc(limit))
        return state_on_error
    data["vote"] = started["vote"]
    shown = await _wait_for_result(update, lang=lang, key=started["count"])
    if shown.get("failure"):
        await _try_again(update, lang, shown["failure"])
        return state_on_error
    data.update(shown["remember"])
    await update.effective_chat.send_photo(
        photo=InputFile(io.BytesIO(shown["png"]), filename="tally.png"),
        caption=shown["caption"],
    )
    await _send_explained(update, lang=lang, key=started["count"])
    markup = keyboards.after_result(lang, choices=_rule_choices(lang), current=data["rule"],
                                    offers=shown["offers"], leftover=shown["can_share"])
    await reply(update, shown["text"], reply_markup=markup)
    return REVIEWING


async def _wait_for_result(update: Update, *, lang: str, key: str) -> dict:
    """The finished count ``key`` rendered; says "counting…" once it takes a while."""
    loop = asyncio.get_running_loop()
    started, pause, said = loop.time(), 0.1, False
    while True:
        shown = await read(render_count, lang=lang, key=key)
        if shown is not None:
            return shown
        if not said and loop.time() - started >= settings.TALLY_INLINE_WAIT:
            await reply(update, texts.esc(texts.say(lang, counts.COUNTING,
                                                    seconds=settings.TALLY_TIME_LIMIT)))
            said = True
        await asyncio.sleep(pause)
        pause = min(pause * 2, 2.0)


def _in_language(*, lang, func, args=()):
    with translation.override(lang):
        return func(*args)


def start_count(*, lang: str, data: dict, content: bytes | None, telegram_user_id: int) -> dict:
    """Store the vote described by ``data`` (a file's ``content`` or the typed text; a file
    already stored is reused) and start its count; returns the keys of the vote and count."""
    with translation.override(lang):
        visitor = counts.visitor_for_telegram(telegram_user_id=telegram_user_id)
        budget = data.get("budget", "")
        vote = counts.stored_vote(key=data.get("vote", "")) if data.get("file") else None
        if vote is None and content is not None:
            name = data["file"]["name"]
            election = tally.election_from_upload(
                filename=name, data=content,
                budget=tally.parse_budget(budget) if budget else None)
            vote = counts.store_vote(visitor=visitor, data=content, filename=name,
                                     vote_type=election.vote_type)
        elif vote is None and data.get("file"):
            raise tally.TallyInputError(str(counts.VOTE_NO_LONGER_KEPT))
        elif vote is None:
            election = tally.election_from_text(
                budget=tally.parse_budget(budget), projects_text=data.get("projects", ""),
                ballots_text=data.get("ballots", ""), rule=data.get("rule") or tally.AUTO_RULE)
            vote = counts.store_typed_vote(visitor=visitor, budget=budget,
                                           projects=data.get("projects", ""),
                                           ballots=data.get("ballots", ""),
                                           vote_type=election.vote_type)
        rule, options = data.get("rule"), {}
        if not rule:
            rule, options = tally.rule_for_ballots(vote.vote_type)
        ids = data.get("ids", [])
        if rule == "rank-and-rearrange":
            options["declined"] = [ids[i] for i in data.get("declined", []) if 0 <= i < len(ids)]
            options["leftover_recipients"] = data.get("recipients", [])
        # A typed budget replaces a .csv file's missing one (a .pb file has its own).
        file_budget = budget if not vote.typed and vote.filename.lower().endswith(".csv") else ""
        count = counts.start_count(visitor=visitor, vote=vote, rule=rule, options=options,
                                   budget=file_budget, language=lang)
        return {"vote": vote.key if not vote.typed else "", "count": count.key}


def render_count(*, lang: str, key: str) -> dict | None:
    """The finished count ``key`` rendered in ``lang`` (text, chart, buttons), ``{"failure":
    why}`` if it stopped, or ``None`` while it runs."""
    count = counts.count_by_key(key)
    if count is None or not count.finished:
        return None
    with translation.override(lang):
        if count.status != count.Status.DONE:
            return {"failure": counts.failure_message(count)}
        election = counts.election_from_summary(count.result["election"])
        allocation = counts.allocation_from_dict(count.result["allocation"])
        label = tally.rule_label(count.rule)
        chart = charts.chart_from_allocation(
            election=election, allocation=allocation,
            title=texts.say(lang, texts.RESULT_TITLE, rule=label), notes=support_notes(count))
        ids = list(election.projects)
        offers = [(ids.index(pid), election.projects[pid].label) for pid in allocation.partial]
        voters = count.result["election"]["num_voters"]
        return {
            "text": format_result(lang, election, allocation, label, voters=voters),
            "png": charts.render_png(chart),
            "caption": texts.say(lang, texts.CHART_CAPTION, budget=chart.money(chart.budget)),
            "offers": offers,
            "can_share": count.rule == "rank-and-rearrange" and allocation.leftover > 0,
            "remember": {"rule": count.rule, "ids": ids,
                         "leftover": chart.money(allocation.leftover)},
        }


def support_notes(count) -> dict[str, str]:
    """Each project's effective support (Equal Shares), written beside its bar."""
    data = explained.explained_count(count)
    return explained.support_notes(data) if data.get("status") == "done" else {}


async def _send_explained(update: Update, *, lang: str, key: str) -> None:
    """After a result: the voters' satisfaction histogram and every project's explanation."""
    shown = await read(render_explained, lang=lang, key=key)
    if shown is None:
        return
    await update.effective_chat.send_photo(
        photo=InputFile(io.BytesIO(shown["png"]), filename="voters.png"), caption=shown["caption"])
    for text in shown["messages"]:
        await reply(update, text)


def render_explained(*, lang: str, key: str) -> dict | None:
    """The histogram (PNG) and the explanations (HTML messages under Telegram's length limit)
    of the finished count ``key`` in ``lang``; None when it has none."""
    count = counts.count_by_key(key)
    if count is None or count.status != count.Status.DONE:
        return None
    with translation.override(lang):
        data = explained.explained_count(count)
        if data.get("status") != "done" or not data["projects"]:
            return None
        election = counts.election_from_summary(count.result["election"])
        names = {pid: project.name for pid, project in election.projects.items()}
        lines = [f"<b>{texts.esc(texts.say(lang, texts.WHY_HEADING))}</b>"]
        for row in explained.project_rows(data, names):
            line = row["sentence"] + (f" {row['would_win']}" if row["would_win"] else "")
            if row["effective_support"]:
                line += f" ({explained.support_text(row['effective_support'])})"
            lines.append("• " + texts.esc(line))
        lines += ["", f"<b>{texts.esc(texts.say(lang, texts.MONEY_LEFT_HEADING))}</b>",
                  texts.esc(explained.leftover_sentence(data, names))]
        histogram = charts.histogram_from_distribution(data["outcomes"]["distribution"])
        return {"png": charts.render_png(histogram),
                "caption": texts.say(lang, texts.HISTOGRAM_CAPTION),
                "messages": _messages(lines)}


def _messages(lines: list[str], limit: int = 4000) -> list[str]:
    """Lines joined into as few messages as Telegram's 4,096-character limit allows."""
    messages, current = [], ""
    for line in lines:
        line = line[:limit]
        if current and len(current) + 1 + len(line) > limit:
            messages.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current.strip():
        messages.append(current)
    return messages


def format_result(lang, election, allocation, label, *, voters) -> str:
    """The result as HTML text: funded projects, leftover, support, ties, rejections, steps."""
    def money(amount):
        return tally.exact_money(amount, allocation.currency)

    esc, say = texts.esc, texts.say
    rows = tally.result_rows(election=election, allocation=allocation)
    lines = [f"<b>{esc(say(lang, texts.RESULT_TITLE, rule=label))}</b>",
             say(lang, texts.RESULT_BUDGET, budget=money(allocation.budget),
                 voters=voters), ""]
    funded = [row for row in rows if row.status != "not-funded"]
    if funded:
        lines.append(f"<b>{say(lang, texts.FUNDED_HEADING)}</b>")
        for row in funded[:SHOWN_ROWS]:
            message = texts.PARTIAL_LINE if row.status == "partial" else texts.FUNDED_LINE
            lines.append(say(lang, message, order=row.order, name=esc(row.label),
                             amount=money(row.amount), cost=money(row.cost)))
        if len(funded) > SHOWN_ROWS:
            lines.append(say(lang, texts.MORE_PROJECTS, count=len(funded) - SHOWN_ROWS))
    else:
        lines.append(say(lang, texts.NOTHING_FUNDED))
    for name, amount in allocation.donations.items():
        lines.append(say(lang, texts.DONATION, amount=money(amount), name=esc(name)))
    lines += [say(lang, texts.LEFTOVER, amount=money(allocation.leftover)), ""]
    unit = charts.score_unit(allocation)
    lines.append(f"<b>{say(lang, texts.SCORES_HEADING, unit=unit)}</b>")
    by_score = sorted(rows, key=lambda r: -r.score)
    for row in by_score[:SHOWN_ROWS]:
        lines.append(say(lang, texts.SCORE_LINE, name=esc(row.label),
                         score=charts.format_number(row.score)))
    if len(rows) > SHOWN_ROWS:
        lines.append(say(lang, texts.MORE_PROJECTS, count=len(rows) - SHOWN_ROWS))
    if allocation.ties:
        lines += ["", f"<b>{say(lang, texts.TIES_HEADING)}</b>"]
        names = {pid: p.label for pid, p in election.projects.items()}
        lines += ["• " + esc(", ".join(names.get(p, p) for p in group))
                  for group in allocation.ties]
    if allocation.rejected_ballots:
        heading = say(lang, texts.REJECTED_HEADING, count=len(allocation.rejected_ballots))
        lines += ["", f"<b>{heading}</b>"]
        lines += ["• " + say(lang, texts.REJECTED_LINE, voter=esc(voter), reason=esc(reason))
                  for voter, reason in allocation.rejected_ballots[:SHOWN_REJECTIONS]]
        if len(allocation.rejected_ballots) > SHOWN_REJECTIONS:
            lines.append("…")
    if allocation.steps:
        lines += ["", f"<b>{say(lang, texts.STEPS_HEADING)}</b>"]
        lines += ["• " + esc(step) for step in allocation.steps[:SHOWN_STEPS]]
        if len(allocation.steps) > SHOWN_STEPS:
            lines.append("…")
    return "\n".join(lines)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/cancel: leave the count."""
    lang = await language(update, context)
    context.user_data.pop(DATA_KEY, None)
    await reply(update, texts.say(lang, texts.CANCELLED))
    return ConversationHandler.END


TEXT = filters.TEXT & ~filters.COMMAND
UPLOAD = MessageHandler(filters.Document.ALL, upload)
RERUN = CallbackQueryHandler(rerun, pattern=f"^({keyboards.RERUN}|{keyboards.DECLINE})")


def make_conversation(*, persistent: bool) -> ConversationHandler:
    """The /tally conversation (persistent when the application has a persistence)."""
    with warnings.catch_warnings():
        # Buttons belong to the user's one running count, so per-chat tracking is what we want.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        return ConversationHandler(
            name="tally",
            persistent=persistent,
            allow_reentry=True,
            entry_points=[CommandHandler("tally", start_tally), UPLOAD],
            states={
                CHOOSING_RULE: [CallbackQueryHandler(choose_rule, pattern=f"^{keyboards.RULE}"),
                                MessageHandler(TEXT, remind_rule)],
                ENTERING_BUDGET: [MessageHandler(TEXT, enter_budget)],
                ENTERING_PROJECTS: [MessageHandler(TEXT, enter_projects)],
                ENTERING_BALLOTS: [MessageHandler(TEXT, enter_ballots)],
                REVIEWING: [
                    RERUN,
                    CallbackQueryHandler(ask_recipients, pattern=f"^{keyboards.SHARE}$"),
                ],
                ENTERING_RECIPIENTS: [MessageHandler(TEXT, enter_recipients)],
            },
            fallbacks=[CommandHandler("cancel", cancel), CommandHandler("tally", start_tally),
                       UPLOAD, RERUN],
        )

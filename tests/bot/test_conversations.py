"""End to end, twice: by long polling and through the webhook view (the `chat` fixture)."""

import time

import pytest

from tests.bot.conftest import Chat
from tests.bot.standin import TOKEN, Fault

SCENARIO_2_PROJECTS = "A; 100000\nB; $280,000\nC; 125k\nD; 50000"
SCENARIO_2_BALLOTS = "5 x A, B, C, D\n3 x B, A, C\n2 x C > D"
SCENARIO_2_PB = """META
key;value
description;San Jose District 2 rulebook, scenario 2
num_projects;4
num_votes;10
budget;480000
currency;USD
vote_type;ordinal
max_length;5
PROJECTS
project_id;cost;name
A;100000;Playground
B;280000;Bike lanes
C;125000;Street lights
D;50000;Murals
VOTES
voter_id;vote
1;A,B,C,D
2;A,B,C,D
3;A,B,C,D
4;A,B,C,D
5;A,B,C,D
6;B,A,C
7;B,A,C
8;B,A,C
9;C,D
10;C,D
"""


def test_start_greets_and_explains_linking(chat):
    reply = chat.ask("/start")
    assert "Hello Ana" in reply.text
    assert "/tally" in reply.text and "/language" in reply.text
    assert "/telegram/link/" in reply.text


def test_start_speaks_the_users_language(chat):
    chat.language_code = "es"
    reply = chat.ask("/start")
    assert "/es/telegram/link/" in reply.text
    assert "Hello" not in reply.text


def test_linking_with_a_one_time_code(chat, member, client):
    client.force_login(member)
    client.post("/telegram/link/")
    page = client.get("/telegram/link/").content.decode()
    code = page.split("/start ")[1].split('"')[0]

    assert "Rosa Example" in chat.ask(f"/start {code}").text
    assert "already been used" in chat.ask(f"/start {code}").text
    assert "Rosa Example" in chat.ask("/start").text
    assert "A Telegram account has been linked" in client.get("/telegram/link/").content.decode()


def test_full_tally_of_rulebook_scenario_2_with_the_delegate_accepting(chat):
    prompt = chat.ask("/tally")
    assert "tally:rule:rank-and-rearrange" in [b["callback_data"] for b in prompt.buttons()]
    assert "budget" in chat.reply(chat.press("tally:rule:rank-and-rearrange")).text

    assert "must be more than 0" in chat.ask("0").text
    assert "“lots” is not a number" in chat.ask("lots").text
    assert "one per line as name; cost" in chat.ask("$480,000").text

    assert "Line 2: The cost “cheap” is not a number" in chat.ask("A; 100000\nB; cheap").text
    assert "The project list is empty" in chat.ask(" \n").text
    assert "4 projects" in chat.ask(SCENARIO_2_PROJECTS).text

    assert "“E” is not one of the projects" in chat.ask("A, E").text
    mark = chat.say(SCENARIO_2_BALLOTS)
    chart = chat.reply(mark, method="sendPhoto")
    result = chat.reply(mark, containing="Funded")
    assert chart.files["photo"][1].startswith(b"\x89PNG")
    assert "1. A: $100,000" in result.text
    assert "2. B: $280,000" in result.text
    assert "3. C: $100,000 of $125,000 (the delegate accepts the offer)" in result.text
    assert "80% ≥ 75%" in result.text
    assert "Left over: $0." in result.text
    assert "A: 37" in result.text and "D: 18" in result.text

    decline = next(b for b in result.buttons() if "declines" in b["text"])
    rerun = chat.reply(chat.press(decline["callback_data"]), containing="Funded")
    assert "C: $100,000" not in rerun.text
    assert "D: $50,000" in rerun.text
    assert "Left over: $50,000." in rerun.text


def test_tally_of_an_uploaded_pabulib_file(chat):
    mark = chat.upload("scenario-2.pb", SCENARIO_2_PB.encode())
    result = chat.reply(mark, containing="Funded")
    assert chat.reply(mark, method="sendPhoto")
    assert "Rank and Rearrange" in result.text
    assert "Street lights: $100,000 of $125,000" in result.text
    assert "10 ballots counted" in result.text

    greedy = chat.reply(chat.press("tally:rerun:greedy"), containing="Greedy")
    assert "Street lights" not in greedy.text.split("Support")[0]


@pytest.mark.parametrize("filename, data, size, reason", [
    ("broken.pb", SCENARIO_2_PB.replace("125000", "a lot").encode(), None,
     "Line 14: cost of project 'C' is not a number: 'a lot'."),
    ("notes.docx", b"PK\x03\x04", None, "neither a .pb nor a .csv file"),
    ("huge.pb", b"META\n", 3 * 1024 * 1024, "the limit is 1024 KB"),
])
def test_a_malformed_upload_is_answered_with_its_reason(chat, filename, data, size, reason):
    reply = chat.reply(chat.upload(filename, data, size=size))
    assert reason in reply.text
    # The conversation goes on: a good file is still counted.
    assert "Funded" in chat.reply(chat.upload("good.pb", SCENARIO_2_PB.encode()),
                                  containing="Funded").text


def test_cancel_leaves_the_tally(chat):
    chat.ask("/tally")
    chat.reply(chat.press("tally:rule:greedy"))
    assert "Stopped" in chat.ask("/cancel").text
    # Text is a question again, not a budget.
    assert "budget" not in chat.ask("480000").text.lower()[:40]


def test_a_429_with_retry_after_is_honoured(chat):
    chat.standin.faults.append(Fault("sendMessage", status=429, retry_after=1))
    mark = chat.say("/help")
    refused, retried = chat.standin.wait_for("sendMessage", since=mark, count=2)
    assert retried.at - refused.at >= 1.0
    assert "/tally" in retried.text


def test_sharing_what_is_left_of_a_tally(chat):
    chat.ask("/tally")
    chat.reply(chat.press("tally:rule:rank-and-rearrange"))
    chat.ask("500000")
    chat.ask("A; 100000\nB; 280000")
    result = chat.ask("3 x A, B\n2 x B", containing="Funded")
    assert "Left over: $120,000." in result.text
    share = next(b for b in result.buttons() if b["text"] == "Share what is left")

    assert "Who shares the $120,000 left?" in chat.reply(chat.press(share["callback_data"])).text
    assert "at least one name" in chat.ask(" \n ").text
    shared = chat.ask("Food bank\n\nYouth club", containing="Funded")
    assert "$60,000 goes to Food bank." in shared.text
    assert "$60,000 goes to Youth club." in shared.text
    assert "Left over: $0." in shared.text
    assert "1. B: $280,000" in shared.text and "2. A: $100,000" in shared.text


def test_a_tally_goes_on_when_each_step_reaches_another_web_worker(standin, transactional_db):
    # Behind a load balancer every web worker runs its own application; here two of them take
    # turns. The second must know where the first left the chat (and the reverse).
    from bot.webhook import WebhookRunner

    workers = [WebhookRunner(token=TOKEN, base_url=standin.url) for _ in range(2)]
    ids = iter(range(30_000, 31_000))
    turn = iter(range(100))

    def deliver(update):
        worker = workers[next(turn) % 2]
        worker.submit({"update_id": next(ids), **update}).result(timeout=30)

    chat = Chat(standin, deliver, user_id=77)
    try:
        chat.ask("/tally")
        assert "budget" in chat.reply(chat.press("tally:rule:rank-and-rearrange")).text
        assert "one per line as name; cost" in chat.ask("$480,000").text
        assert "4 projects" in chat.ask(SCENARIO_2_PROJECTS).text
        result = chat.reply(chat.say(SCENARIO_2_BALLOTS), containing="Funded")
        assert "3. C: $100,000 of $125,000" in result.text
        assert "Left over: $0." in result.text
    finally:
        for worker in workers:
            worker.stop()


def test_the_webhook_under_asgi_answers_and_keeps_the_tally_going(standin, transactional_db,
                                                                  settings):
    # Served through Django's ASGI handler, as uvicorn workers serve it in production: the
    # update's database calls must not wait for the request thread that waits for the update.
    from asgiref.sync import async_to_sync
    from django.test import AsyncClient

    from bot.webhook import stop_runner

    settings.TELEGRAM_BOT_TOKEN = TOKEN
    settings.TELEGRAM_API_URL = standin.url
    settings.TELEGRAM_WEBHOOK_SECRET = "webhook-secret"
    client = AsyncClient()
    ids = iter(range(40_000, 41_000))

    def post(update):
        response = async_to_sync(client.post)(
            "/bot/webhook/", {"update_id": next(ids), **update}, content_type="application/json",
            headers={"X-Telegram-Bot-Api-Secret-Token": "webhook-secret"})
        assert response.status_code == 200

    chat = Chat(standin, post, user_id=78)
    try:
        started = time.monotonic()
        chat.ask("/tally")
        assert "budget" in chat.reply(chat.press("tally:rule:rank-and-rearrange")).text
        assert "one per line as name; cost" in chat.ask("$480,000").text
        assert time.monotonic() - started < 20
    finally:
        stop_runner()


APPROVAL_PB = """META
key;value
description;Two playgrounds and a library
num_projects;3
num_votes;6
budget;300
currency;USD
vote_type;approval
PROJECTS
project_id;cost;name
1;100;Playground
2;200;Library
3;150;Benches
VOTES
voter_id;vote
1;1,2
2;1,2
3;1,2
4;3
5;2
6;2
"""


def test_a_result_comes_with_both_pictures_and_every_projects_explanation(chat):
    mark = chat.upload("approval.pb", APPROVAL_PB.encode())
    chat.reply(mark, containing="Funded")  # approval ballots: Equal Shares with add1
    bars, histogram = (chat.reply(mark, method="sendPhoto", containing=words)
                       for words in ("budget", "voters got"))
    assert bars.files["photo"][1].startswith(b"\x89PNG")
    assert histogram.files["photo"][1].startswith(b"\x89PNG")
    assert bars.files["photo"][1] != histogram.files["photo"][1]
    why = chat.reply(mark, containing="Why each project")
    # Each voter starts with $74 (add1 raised $50): Library wins round 1 at $40 each, then
    # Playground round 2; Benches' one supporter still holds $74 after the last round.
    assert "Library (2) was funded in round 1 of 2" in why.text
    assert "Playground (1) was funded in round 2 of 2" in why.text
    assert "Benches (3) was not funded by the Equal Shares rounds" in why.text
    assert "its 1 supporter still held $74, $76 short of its $150 cost" in why.text
    assert "effective support 49.3%" in why.text
    assert "It would have won at a cost of $74 or less" in why.text
    assert "The whole budget was granted." in why.text

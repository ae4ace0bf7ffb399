"""The demo site under hostile requests: list pages with odd query strings, every form with odd
values, and CSRF on every form. Runs against the shared ``demo_site`` (its own process)."""

import random
import urllib.parse
from html.parser import HTMLParser
from http import HTTPStatus

import pytest

from network.demo import DEMO_PASSWORD, MEMBER_EMAIL
from tests.hardening.fuzzing import HOSTILE_SCALARS
from tests.support import START, Visitor, crawl

LIST_PAGES = ["/library/", "/events/", "/events/archive/", "/events/month/", "/network/experts/",
              "/network/peers/", "/api/library/", "/library/feed/", "/events/calendar.ics",
              "/toolkit/", "/calculator/", "/fr/library/", "/es/events/"]
PARAMS = ["page", "q", "stage", "phase", "role", "region", "language", "challenge", "format",
          "topic", "type", "year", "month", "sort", "order", "a", "format", "limit", "offset",
          "country", "tag", "status", "from", "to", "zone", "tz"]
QUERY_VALUES = HOSTILE_SCALARS + ["-1", "0", "1" * 40, "2147483648", "99999999999999999999999",
                                  "-9223372036854775809", "unknown-slug", "../../etc/passwd",
                                  "%00", "%", "1 OR 1=1", "' OR ''='", "\u0000", "x" * 3000]
# Forms that change accounts or sign in: allauth's own, rate-limited per address (fuzzing them
# would lock the shared demo site's IP out), tested in tests/network/test_accounts.py.
NOT_FUZZED = ("/accounts/", "/account/delete/", "/i18n/setlang/", "/network/consent/withdraw/",
              "/leave/", "/decline/")


class FormParser(HTMLParser):
    """Every <form> with its method, action and fields (name -> candidate values)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(),
                          "action": attrs.get("action") or "", "fields": {},
                          "enctype": attrs.get("enctype", "")}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select", "option"):
            if tag == "option":
                if self._select:
                    self._form["fields"][self._select].append(attrs.get("value", ""))
                return
            name = attrs.get("name")
            if not name:
                return
            values = self._form["fields"].setdefault(name, [])
            self._select = name if tag == "select" else None
            if attrs.get("type") == "file":
                values.append(("file",))
            elif attrs.get("value") is not None:
                values.append(attrs["value"])

    _select = None

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(visitor, paths):
    found = {}
    for path in paths:
        status, url, html = visitor.get(path)
        if status != HTTPStatus.OK:
            continue
        parser = FormParser()
        parser.feed(html)
        page = urllib.parse.urlparse(url).path
        for form in parser.forms:
            action = urllib.parse.urljoin(url, form["action"] or url)
            action_path = urllib.parse.urlparse(action).path
            key = (form["method"], action_path, tuple(sorted(form["fields"])))
            found.setdefault(key, {**form, "page": page, "action": action_path})
    return list(found.values())


@pytest.fixture(scope="module")
def member_visitor(demo_site):
    visitor = Visitor(demo_site.url)
    visitor.log_in(MEMBER_EMAIL, DEMO_PASSWORD)
    return visitor


@pytest.fixture(scope="module")
def site_forms(demo_site, member_visitor):
    """POST forms a visitor and a member meet on the demo site (a bounded crawl)."""
    paths = set(crawl(Visitor(demo_site.url), START, limit=80))
    paths |= set(crawl(member_visitor, START + ["/account/", "/network/cohorts/"], limit=120))
    forms = forms_on(member_visitor, sorted(paths)) + forms_on(Visitor(demo_site.url),
                                                              ["/accounts/signup/",
                                                               "/accounts/login/"])
    return [form for form in forms if form["method"] == "post"]


def test_every_post_form_carries_a_csrf_token_and_is_refused_without_it(site_forms,
                                                                        member_visitor):
    assert len(site_forms) >= 8, [f["action"] for f in site_forms]
    actions = {form["action"] for form in site_forms}
    for expected in ("/accounts/login/", "/accounts/signup/", "/account/", "/calculator/"):
        assert expected in actions, actions
    for form in site_forms:
        assert "csrfmiddlewaretoken" in form["fields"], form["page"]
        data = {name: (values[0] if values and isinstance(values[0], str) else "x")
                for name, values in form["fields"].items() if name != "csrfmiddlewaretoken"}
        status = _post(member_visitor, form, data)
        assert status == HTTPStatus.FORBIDDEN, (form["action"], status)


def _post(visitor, form, data) -> int:
    """POST ``data`` (a dict or pairs) to the form's action from its page; the status code."""
    request = urllib.request.Request(
        visitor.base + form["action"], data=urllib.parse.urlencode(data).encode(),
        headers={"Referer": visitor.base + form["page"]})
    try:
        return visitor.opener.open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code


def _hostile(rng, values):
    choices = [v for v in values if isinstance(v, str)]
    pool = QUERY_VALUES + choices * 3
    return rng.choice(pool)


def test_every_form_survives_hostile_values(site_forms, member_visitor):
    """Odd values in every field, twice per form: an answer with a message, never a 5xx."""
    rng = random.Random(10)
    fuzzed = 0
    for form in site_forms:
        if form["action"].startswith(NOT_FUZZED) or any(
                part in form["action"] for part in NOT_FUZZED):
            continue
        fuzzed += 1
        for _attempt in range(3):
            status, _, html = member_visitor.get(form["page"])
            parser = FormParser()
            parser.feed(html)
            token = next((f["fields"]["csrfmiddlewaretoken"][0] for f in parser.forms
                          if "csrfmiddlewaretoken" in f["fields"]), None)
            data = [("csrfmiddlewaretoken", token)]
            for name, values in form["fields"].items():
                if name == "csrfmiddlewaretoken" or ("file",) in values:
                    continue
                data += [(name, _hostile(rng, values)) for _ in range(rng.choice([1, 1, 2]))]
            status = _post(member_visitor, form, data)
            assert status < 500, (form["action"], status, data)
    assert fuzzed >= 5


@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "member"])
def test_list_pages_survive_hostile_query_strings(demo_site, member_visitor, logged_in):
    visitor = member_visitor if logged_in else Visitor(demo_site.url)
    rng = random.Random(4 + logged_in)
    for path in LIST_PAGES:
        for _attempt in range(6):
            query = [(rng.choice(PARAMS), rng.choice(QUERY_VALUES))
                     for _ in range(rng.randint(1, 5))]
            query.append(("page", rng.choice(["-1", "0", "NaN", "1e9", "99999999", "2", "ü"])))
            status, _, _ = visitor.get(path + "?" + urllib.parse.urlencode(query))
            assert status < 500, (path, status, query)

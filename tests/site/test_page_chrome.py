"""What every page wears: its title, the words for logging in and joining, greetings by name,
numbers written the visitor's way, the structural pages in each language, and `./dev run --port`."""

import re
import subprocess
from http import HTTPStatus

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.support import ROOT, Visitor

pytestmark = pytest.mark.django_db


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_the_home_page_title_names_the_site_once(client, home_page):
    assert title(client.get("/")) == "PB Exchange"
    assert title(client.get("/fr/")) == "PB Exchange"
    assert title(client.get("/privacy/")) == "Privacy · PB Exchange"
    assert title(client.get("/fr/accounts/login/")) == "Se connecter · PB Exchange"


@pytest.mark.parametrize(("prefix", "log_in", "join"), [
    ("", "Log in", "Join"),
    ("/fr", "Se connecter", "Adhérer"),
    ("/es", "Iniciar sesión", "Unirse"),
    ("/pt", "Iniciar sessão", "Aderir"),
])
def test_logging_in_and_joining_use_the_same_words_on_every_page(client, home_page, prefix,
                                                                  log_in, join):
    header = client.get(f"{prefix}/").content.decode()
    login = client.get(f"{prefix}/accounts/login/").content.decode()
    signup = client.get(f"{prefix}/accounts/signup/").content.decode()
    assert f">{log_in}</a>" in header and f">{join}</a>" in header
    assert re.search(rf"<h1>\s*{log_in}\s*</h1>", login)
    assert re.search(rf"<button[^>]*>\s*{log_in}\s*</button>", login)
    assert re.search(rf"<button[^>]*>\s*{join}\s*</button>", signup)
    if not prefix:
        for page in (login, signup):
            assert "Sign In" not in page and "Sign Up" not in page and "Signup" not in page


def test_logging_in_greets_the_member_by_name(client, user_factory, home_page):
    user_factory(email="ana@example.org", name="Ana Pereira", password="a-long-unusual-pass-42")
    response = client.post("/fr/accounts/login/",
                           {"login": "ana@example.org", "password": "a-long-unusual-pass-42"},
                           follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "Bon retour parmi nous, Ana Pereira." in response.content.decode()
    response = client.post("/fr/accounts/logout/", follow=True)
    assert "Vous êtes déconnecté·e." in response.content.decode()


@pytest.mark.parametrize(("language", "written"), [
    ("en", "1,300,000"), ("fr", "1\xa0300\xa0000"), ("es", "1\xa0300\xa0000"), ("pt", "1.300.000"),
])
def test_large_numbers_are_grouped_the_way_the_language_writes_them(language, written):
    template = Template("{% load site_chrome %}{{ population|grouped }} {{ year }}")
    with translation.override(language):
        assert template.render(Context({"population": 1_300_000, "year": 2019})) == (
            f"{written} 2019")  # years are never grouped


@pytest.mark.parametrize(("path", "heading", "lead"), [
    ("/fr/library/", "Bibliothèque", "Des ressources pour chaque étape du cycle"),
    ("/es/events/", "Eventos", "Talleres, conferencias y seminarios web"),
    ("/pt/privacidade/", "Privacidade", "O PB Exchange guarda apenas o que precisa"),
    ("/es/contacto/", "Contacto", "PB Exchange está a cargo de una organización anfitriona"),
    ("/fr/network/experts/", "Experts validés", "Aide les communes aux moyens limités"),
])
def test_structural_pages_of_the_demo_are_real_translations(demo_site, path, heading, lead):
    status, _url, html = Visitor(demo_site.url).get(path)
    assert status == HTTPStatus.OK
    assert re.search(rf"<h1[^>]*>\s*{heading}\s*</h1>", html), path
    assert lead in html.replace("&#x27;", "'")


def test_the_demo_home_page_links_each_language_to_its_own_privacy_page(demo_site):
    _status, _url, html = Visitor(demo_site.url).get("/pt/")
    assert 'href="/pt/privacidade/"' in html and 'href="/pt/contacto/"' in html
    assert "Últimos recursos" in html or "Recursos mais recentes" in html


def test_dev_run_refuses_a_port_that_is_not_a_number():
    result = subprocess.run([str(ROOT / "dev"), "run", "--port", "eighty"], capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 2
    assert "The port must be a number from 1 to 65535 (got 'eighty')." in result.stderr

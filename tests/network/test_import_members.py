"""Host organisations import an existing network from CSV: good rows in, bad rows reported."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from network.importing import import_members
from network.models import Member

pytestmark = pytest.mark.django_db

CSV = """email,name,role,country,languages,stage,territorial_level,consent_to_matching
ana@example.org,Ana Ruiz,PB team lead,Mexico,es;EN,project-selection,Municipal,yes
bad-email,No Email,pb-team-lead,MX,es,outreach,,
luc@example.org,Luc Martin,TECHNICAL-SPECIALIST,fr,French,Project selection,,no
kim@example.org,Kim Lee,emperor,KR,ko,outreach,,
,Missing Email,official,BR,pt,outreach,,
ana@example.org,Ana Twice,official,MX,es,outreach,,
"""


def test_import_keeps_good_rows_and_reports_bad_ones_by_line():
    report = import_members(CSV)
    assert (report.created, report.updated) == (2, 0)
    lines = dict(report.errors)
    assert set(lines) == {3, 5, 6, 7}
    assert "not a valid email" in lines[3]
    assert "emperor" in lines[5] and "role" in lines[5]
    assert "already appears on line 2" in lines[7]
    ana = Member.objects.get(user__email="ana@example.org")
    assert (ana.name, ana.role, ana.country.code, ana.languages, ana.stage) == (
        "Ana Ruiz", "pb-team-lead", "MX", ["es", "en"], "project-selection")
    assert ana.territorial_level == "municipal" and ana.consent_to_matching
    luc = Member.objects.get(user__email="luc@example.org")
    assert luc.role == "technical-specialist" and luc.languages == ["fr"]
    assert not luc.consent_to_matching


def test_reimporting_the_same_file_creates_no_duplicates():
    import_members(CSV)
    report = import_members(CSV)
    assert (report.created, report.updated) == (0, 2)
    assert Member.objects.filter(user__email="ana@example.org").count() == 1


def test_file_without_required_columns_imports_nothing():
    report = import_members("mail,fullname\nx@example.org,X\n")
    assert report.imported == 0
    assert "missing column(s): email, name" in report.errors[0][1]


def test_import_command_prints_each_bad_line(tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(CSV, encoding="utf-8")
    out = StringIO()
    call_command("import_members", str(path), stdout=out)
    text = out.getvalue()
    assert "line 5: role: “emperor”" in text
    assert "2 members created, 0 updated, 4 rows rejected." in text


# As host spreadsheets write countries and time zones: names in four languages, codes,
# abbreviations, odd case, offsets and Etc/GMT zones.
HOST_CSV = """email,name,role,country,languages,stage,time_zone
maria@example.org,María Gómez,PB team lead,Estados Unidos,es;en,outreach,EST
john@example.org,John Smith,official,United States,en,outreach,America/Chicago
amy@example.org,Amy Clarke,official,UK,en,outreach,Europe/London
kofi@example.org,Kofi Mensah,civil-society-organiser,Ghana,en,outreach,GMT
awa@example.org,Awa Koné,official,Côte d'Ivoire,fr,outreach,UTC+0
yao@example.org,Yao Kouassi,official,Ivory Coast,fr,outreach,
joao@example.org,João Silva,official,Brasil,pt,outreach,UTC-3
ines@example.org,Inês Costa,official,Costa do Marfim,pt;fr,outreach,Etc/GMT
carlos@example.org,Carlos Pérez,official,México,es,outreach,UTC-6
elena@example.org,Elena Ruiz,official,Espagne,es,outreach,Europe/Madrid
thandi@example.org,Thandi Nkosi,official,South Africa,en,outreach,UTC+2
pieter@example.org,Pieter de Vries,official,the netherlands,en,outreach,Etc/GMT-1
minji@example.org,Min-ji Park,official,South Korea,ko;en,outreach,KST
ravi@example.org,Ravi Kumar,official,IND,en,outreach,+05:30
ana@example.org,Ana Sousa,official,Moçambique,pt,outreach,Africa/Maputo
luis@example.org,Luis Vargas,official,BOLIVIA,es,outreach,GMT-4
nguyen@example.org,Nguyen Van An,official,Vietnam,en,outreach,UTC+7
pierre@example.org,Pierre Dubois,official,RDC,fr,outreach,Africa/Kinshasa
kim@example.org,Kim Lee,official,Korea,ko,outreach,UTC+9
sam@example.org,Sam Obi,official,Nigeria,en,outreach,Mars/Olympus
"""


def test_host_spreadsheet_spellings_of_countries_and_time_zones_are_accepted():
    report = import_members(HOST_CSV)
    assert (report.created, len(report.errors)) == (18, 2)
    errors = dict(report.errors)
    assert "country: “Korea” could be more than one country" in errors[20]
    assert "North Korea (KP)" in errors[20] and "South Korea (KR)" in errors[20]
    assert "time_zone: “Mars/Olympus” is not a time zone we recognise" in errors[21]
    stored = {member.user.email.split("@")[0]: (member.country.code, member.time_zone)
              for member in Member.objects.select_related("user")}
    assert stored == {
        "maria": ("US", "America/New_York"), "john": ("US", "America/Chicago"),
        "amy": ("GB", "Europe/London"), "kofi": ("GH", "UTC"), "awa": ("CI", "Africa/Abidjan"),
        "yao": ("CI", ""), "joao": ("BR", "America/Sao_Paulo"), "ines": ("CI", "UTC"),
        "carlos": ("MX", "America/Mexico_City"), "elena": ("ES", "Europe/Madrid"),
        "thandi": ("ZA", "Africa/Johannesburg"), "pieter": ("NL", "Europe/Amsterdam"),
        "minji": ("KR", "Asia/Seoul"), "ravi": ("IN", "Asia/Kolkata"),
        "ana": ("MZ", "Africa/Maputo"), "luis": ("BO", "America/La_Paz"),
        "nguyen": ("VN", "Asia/Ho_Chi_Minh"), "pierre": ("CD", "Africa/Kinshasa"),
    }
    notes = dict(report.notes)
    assert notes[8] == "time_zone: “UTC-3” was stored as America/Sao_Paulo, a zone at UTC−03:00 " \
                       "all year round."
    assert "“Etc/GMT-1” was stored as Europe/Amsterdam" in notes[13]
    assert notes[2] == "time_zone: “EST” was read as America/New_York."
    assert 3 not in notes  # an IANA name needs no note


def test_import_report_says_which_zone_an_offset_became(tmp_path, client, user_factory):
    path = tmp_path / "members.csv"
    path.write_text(HOST_CSV, encoding="utf-8")
    out = StringIO()
    call_command("import_members", str(path), stdout=out)
    text = out.getvalue()
    assert "line 12: time_zone: “UTC+2” was stored as Africa/Johannesburg" in text
    assert "18 members created, 0 updated, 2 rows rejected." in text

    staff = user_factory(email="host@example.org", is_staff=True, is_superuser=True)
    client.force_login(staff)
    upload = SimpleUploadedFile("members.csv", HOST_CSV.encode(), content_type="text/csv")
    html = client.post(reverse("network_import_members"), {"csv_file": upload}).content.decode()
    assert "0 members created, 18 updated, 2 rows rejected." in html
    assert "How some values were read" in html
    assert "“UTC+2” was stored as Africa/Johannesburg" in html

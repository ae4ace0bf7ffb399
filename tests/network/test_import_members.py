"""Host organisations import an existing network from CSV: good rows in, bad rows reported."""

from io import StringIO

import pytest
from django.core.management import call_command

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

"""Hostile files and typed text: every parser answers with its own validation error naming the
line or field, never a crash. ``benchmarks/fuzz.py`` runs the same checks 10,000 times each."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings

from tests.hardening import fuzzing

FAST = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


@FAST
@given(fuzzing.pabulib_text())
def test_pb_files_are_read_or_refused_with_a_line(text):
    fuzzing.check_pabulib(text)


@FAST
@given(fuzzing.csv_pair())
def test_csv_files_are_read_or_refused_with_file_and_line(pair):
    fuzzing.check_load_csv(*pair)


@FAST
@given(fuzzing.typed_vote())
def test_typed_votes_are_counted_or_refused_with_a_line(vote):
    fuzzing.check_typed_vote(*vote)


@FAST
@given(fuzzing.upload())
def test_uploaded_votes_are_counted_or_refused_clearly(upload):
    fuzzing.check_upload(*upload)


@pytest.mark.django_db
@settings(FAST, max_examples=60)
@given(fuzzing.member_csv())
def test_member_import_rejects_bad_rows_by_line(text):
    with transaction.atomic():
        fuzzing.check_member_import(text)
        transaction.set_rollback(True)

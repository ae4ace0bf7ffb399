"""Hostile input at volume: at least 10,000 Hypothesis-generated inputs per parser.

    .venv/bin/python benchmarks/fuzz.py [--examples 10000] [--only pabulib,csv,...]

Parsers: the .pb reader (``calculator.parse_pabulib_text``), the CSV reader
(``calculator.load_csv``), typed ballots (``tally.services.election_from_text`` then a greedy
tally), uploads (``tally.services.election_from_upload`` then a greedy tally) and the member
CSV import (``network.importing.import_members``, each input rolled back). The generators and
checks are ``tests/hardening/fuzzing.py``, shared with the test suite.

Prints, per parser: inputs, accepted, rejected with a validation error naming the line or field,
and crashes (any other exception, or a message naming no line or field; must be 0), then the
first crashing inputs. Exits 1 if anything crashed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbexchange.settings.test")


def run(name, strategy, check, examples, *, atomic=False):
    from django.db import transaction
    from hypothesis import HealthCheck, Phase, given, settings

    counts, crashes = Counter(), []

    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(value):
        args = value if isinstance(value, tuple) else (value,)
        counts["inputs"] += 1
        try:
            if atomic:
                with transaction.atomic():
                    counts[check(*args)] += 1
                    transaction.set_rollback(True)
            else:
                counts[check(*args)] += 1
        except Exception as error:  # noqa: BLE001 - counting is the point
            counts["crashes"] += 1
            if len(crashes) < 5:
                crashes.append((repr(value)[:300], f"{type(error).__name__}: {error}"[:300]))

    started = time.monotonic()
    one()
    return name, counts, crashes, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--only", default="")
    options = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from tests.hardening import fuzzing

    parsers = {
        "pabulib": (fuzzing.pabulib_text(), fuzzing.check_pabulib, False),
        "csv": (fuzzing.csv_pair(), fuzzing.check_load_csv, False),
        "typed": (fuzzing.typed_vote(), fuzzing.check_typed_vote, False),
        "upload": (fuzzing.upload(), fuzzing.check_upload, False),
        "members": (fuzzing.member_csv(), fuzzing.check_member_import, True),
    }
    chosen = [p for p in options.only.split(",") if p] or list(parsers)
    if "members" in chosen:
        connection.creation.create_test_db(verbosity=0)
    print(f"{'parser':<10} {'inputs':>7} {'accepted':>9} {'rejected':>9} {'crashes':>8} "
          f"{'seconds':>8}")
    failed = False
    for key in chosen:
        strategy, check, atomic = parsers[key]
        name, counts, crashes, seconds = run(key, strategy, check, options.examples, atomic=atomic)
        print(f"{name:<10} {counts['inputs']:>7} {counts['accepted']:>9} {counts['rejected']:>9} "
              f"{counts['crashes']:>8} {seconds:>8.1f}", flush=True)
        for value, error in crashes:
            failed = True
            print(f"    crash: {error}\n      input: {value}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

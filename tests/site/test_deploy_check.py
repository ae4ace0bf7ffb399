"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys

from tests.support import ROOT


def test_check_deploy_under_production_settings_prints_no_warnings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "pbexchange.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-0123456789-abcdef",
        "DJANGO_ALLOWED_HOSTS": "pb-exchange.example",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/pbx-deploy-check.sqlite3"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update({"DJANGO_SETTINGS_MODULE": "pbexchange.settings.production",
                "DJANGO_ALLOWED_HOSTS": "pb-exchange.example"})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr

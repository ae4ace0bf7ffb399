"""Time `manage.py import_resources` on a generated collection, in a fresh SQLite database.

    .venv/bin/python benchmarks/import_resources.py [--rows 1000] [--keep DIR]

Writes a CSV of `--rows` resources (every type, a sixth of them case studies with their context,
vocabulary written as slugs and as labels in the four languages, plain-text bodies of three
paragraphs, half of them with a link), migrates a fresh SQLite database with the site's home page
and an empty library, then times the import, a second import of the same file (nothing to change)
and an export. Prints wall-clock and CPU seconds of each command.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")

SETUP = r"""
import io
from home import demo as home_demo
from library.models import ResourceIndexPage
home = home_demo.load(stdout=io.StringIO())
index = ResourceIndexPage(title="Library", slug="library")
home.add_child(instance=index)
index.save_revision().publish()
home_demo.synchronize_locales(stdout=io.StringIO())
"""

STAGES = ["annual-planning", "Outreach and civic engagement", "sélection des projets",
          "Desarrollo y revisión de proyectos", "project-implementation"]
TYPES = ["guide", "Research", "outil ou modèle", "Material de formação", "video", "case-study"]
THEMES = ["unclear-fit", "Digital participation", "Suivi et évaluation", "Llegar a los grupos marginados",
          "selecting-winning-projects"]
REGIONS = ["global", "Europe", "Afrique", "América Latina y el Caribe", "north-america"]
LANGUAGES = ["en", "French", "español", "português", "de"]
WORDS = ("budget residents vote project council outreach committee ballot proposal district "
         "feasibility cost delegate assembly neighbourhood school youth monitoring evaluation").split()


def generate(path, rows, seed=7):
    rng = random.Random(seed)
    columns = ["title", "summary", "body", "languages", "regions", "stages", "type", "themes",
               "publication_date", "authors", "url", "reviewed", "political_structure", "state_capacity",
               "territorial_level", "decision_model", "resources", "country", "population",
               "years_running"]
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for n in range(rows):
            case = n % 6 == 5
            words = lambda k: " ".join(rng.choice(WORDS) for _ in range(k))  # noqa: E731
            writer.writerow({
                "title": f"{words(5).capitalize()} {n}",
                "summary": words(40).capitalize() + ".",
                "body": "\n\n".join(words(60).capitalize() + "." for _ in range(3)),
                "languages": ";".join(rng.sample(LANGUAGES, 2)),
                "regions": rng.choice(REGIONS),
                "stages": ";".join(rng.sample(STAGES, 2)),
                "type": "Estudio de caso" if case else rng.choice(TYPES[:-1]),
                "themes": ";".join(rng.sample(THEMES, 2)),
                "publication_date": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/"
                                    f"{rng.randint(2015, 2025)}",
                "authors": "Benchmark collection",
                "url": f"https://example.org/resources/{n}" if n % 2 else "",
                "reviewed": rng.choice(["yes", "no", "oui", "não"]),
                "political_structure": "consolidated-democracy" if case else "",
                "state_capacity": "Fuerte" if case else "",
                "territorial_level": "municipal" if case else "",
                "decision_model": "Vote direct (en ligne ou sur place)" if case else "",
                "resources": "project-only" if case else "",
                "country": rng.choice(["Brasil", "FR", "Mozambique", "Corée du Sud"]) if case else "",
                "population": "120 000" if case else "",
                "years_running": "4" if case else "",
            })


def run(args, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--keep", help="directory to keep the database and files in")
    options = parser.parse_args()
    directory = Path(options.keep or tempfile.mkdtemp(prefix="pbx-import-"))
    directory.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "pbexchange.settings.dev"}
    source = directory / "collection.csv"
    generate(source, options.rows)
    run(["migrate", "-v0"], env)
    run(["shell", "-c", SETUP], env)
    for label, args in (("import", ["import_resources", str(source)]),
                        ("import again (no change)", ["import_resources", str(source)]),
                        ("export", ["export_resources", str(directory / "export.csv")])):
        wall, cpu, output = run(args, env)
        last = output.strip().splitlines()[-1] if output.strip() else ""
        print(f"{label}: {wall:.1f} s wall, {cpu:.1f} s CPU  | {last}")


if __name__ == "__main__":
    main()

"""Demo content of the design toolkit: the default decision tree (also loaded by a migration)."""

from toolkit import services


def load(*, stdout):
    if services.ensure_default_tree():
        stdout.write("  created the default design decision tree")
    else:
        stdout.write("  the design decision tree is already there")

"""Background tasks: staff start a matching round from the admin without waiting for it."""

from django_tasks import task

from matching import services


@task()
def run_matching_round(full: bool = False) -> str:
    """Run a round and return its report."""
    summary = services.run_round(full=full)
    return "\n".join(summary.lines())

"""Background tasks of the calculator: run a stored count, delete expired ones."""

from django_tasks import task

from tally import counts


@task()
def run_count(key: str) -> str:
    """Run the queued count ``key`` (stopped at ``TALLY_TIME_LIMIT``); returns its status."""
    return counts.run_count(key=key)


@task()
def delete_expired_counts() -> str:
    """Delete counts and stored votes past their expiry."""
    deleted_counts, deleted_votes = counts.delete_expired()
    return f"{deleted_counts} counts and {deleted_votes} stored votes deleted"

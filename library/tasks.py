"""Background tasks of the library (django-tasks)."""

from django_tasks import task


@task()
def send_weekly_digest():
    """Send the weekly digest of new resources to every member who opted in."""
    from library.services import send_digests

    return send_digests()

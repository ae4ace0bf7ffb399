"""Background work of the events calendar, run by the task backend (a `db_worker` in production)."""

from django_tasks import task


@task()
def send_event_reminders() -> int:
    """Send the reminders due now (24 hours before each followed event)."""
    from events import services

    return services.send_due_reminders()


@task()
def notify_event_followers(translation_key: str, change: str) -> int:
    """Tell the followers of an event that it changed or was cancelled."""
    from events import services

    return services.notify_followers(translation_key=translation_key, change=change)


@task()
def notify_curators_of_proposal(page_id: int) -> int:
    """Tell the curators that a member proposed an event."""
    from events import services

    return services.notify_curators(page_id=page_id)

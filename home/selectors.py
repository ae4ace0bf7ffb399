"""Reads the home page needs from other apps, in one place."""


def latest_resources(*, limit):
    """The newest published library resources in the active language's tree."""
    from library.selectors import latest_resources as newest_resources

    return newest_resources(limit=limit)


def next_events(*, limit):
    """The next upcoming, not cancelled events of the active language's tree."""
    from events.selectors import upcoming_events

    return upcoming_events(limit=limit)

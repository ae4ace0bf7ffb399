"""Logging filters used by settings.LOGGING."""

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    """A refused request (403) is logged as one line: its traceback says nothing useful and lets
    anyone who knocks on a staff page fill the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True

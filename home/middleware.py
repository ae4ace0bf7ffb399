"""Turns a lost database connection into a friendly 503 instead of a stack trace."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import get_template

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) and _is_connection_error(
            exception
        ):
            logger.warning("Database unavailable while serving %s: %s", request.path, exception)
            response = HttpResponse(get_template("503.html").render({}), status=503)
            response["Retry-After"] = "5"
            return response
        return None


def _is_connection_error(exception: DatabaseError) -> bool:
    """True for 'server went away' errors, not for e.g. a constraint problem."""
    if isinstance(exception, InterfaceError):
        return True
    text = str(exception).lower()
    markers = ("connection", "server closed", "terminating", "could not connect", "shutting down",
               "the database system is", "database is locked")
    return any(marker in text for marker in markers)

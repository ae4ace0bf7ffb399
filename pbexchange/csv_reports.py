"""What the member and resource imports share: checking a CSV file's columns, and printing an
import report from a management command."""

from django.utils.translation import gettext as _


def check_columns(columns, *, required, known, report) -> bool:
    """Record in ``report`` the required columns that are missing (an error: nothing can be
    imported; returns False) and the unknown ones (a warning: they are ignored)."""
    missing = [c for c in required if c not in columns]
    if missing:
        report.errors.append((1, _("missing column(s): %(columns)s; nothing was imported.")
                              % {"columns": ", ".join(missing)}))
        return False
    unknown = [c for c in columns if c not in known]
    if unknown:
        report.warnings.append(_("ignored unknown column(s): %(columns)s")
                               % {"columns": ", ".join(unknown)})
    return True


def write_report(command, report) -> None:
    """Print an import report's warnings, refused rows and notes the way every import command does."""
    for warning in report.warnings:
        command.stdout.write(command.style.WARNING(warning))
    for line, reason in report.errors:
        command.stdout.write(command.style.ERROR(f"line {line}: {reason}"))
    for line, note in report.notes:
        command.stdout.write(command.style.NOTICE(f"line {line}: {note}"))

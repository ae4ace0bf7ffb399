"""Named placeholders in customisable templates: `{municipality}`; `{{` and `}}` stand for braces."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

NAME = re.compile(r"[a-z][a-z0-9_]{0,49}\Z")
TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|\{|\}")


class PlaceholderError(ValueError):
    """The template text or its placeholder declarations cannot be used."""


@dataclass(frozen=True)
class Placeholder:
    name: str
    label: str


def parse_declarations(text):
    """Placeholders declared one per line as `name | label shown to members`."""
    declared = []
    seen = set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        name, _sep, label = line.partition("|")
        name = name.strip().strip("{}")
        if not NAME.match(name):
            raise PlaceholderError(
                _(
                    "Line %(line)d: “%(name)s” is not a valid placeholder name (lower-case letters, "
                    "digits and underscores, starting with a letter)."
                )
                % {"line": number, "name": name}
            )
        if name in seen:
            raise PlaceholderError(
                _("Line %(line)d: “%(name)s” is declared twice.") % {"line": number, "name": name}
            )
        seen.add(name)
        declared.append(
            Placeholder(name=name, label=label.strip() or name.replace("_", " ").capitalize())
        )
    return declared


def used_names(text):
    """The placeholder names a template uses, in order of first use; raises on unbalanced braces."""
    names = []
    for match in TOKEN.finditer(text or ""):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if token in ("{", "}"):
            raise PlaceholderError(
                _("Unbalanced brace at character %(position)d: write {{ or }} for a literal brace.")
                % {"position": match.start() + 1}
            )
        name = match.group(1).strip()
        if not NAME.match(name):
            raise PlaceholderError(_("“%(token)s” is not a valid placeholder.") % {"token": token})
        if name not in names:
            names.append(name)
    return names


def check_template(text, declarations):
    """Raise PlaceholderError unless every placeholder used in `text` is declared and braces balance."""
    declared = {placeholder.name for placeholder in parse_declarations(declarations)}
    unknown = [name for name in used_names(text) if name not in declared]
    if unknown:
        raise PlaceholderError(
            _("Unknown placeholders: %(names)s. Declare them below or fix their spelling.")
            % {"names": ", ".join(f"{{{name}}}" for name in unknown)}
        )


def fill_template(text, values):
    """The template text with every placeholder replaced by `values[name]`."""

    def replace(match):
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        return str(values[match.group(1).strip()])

    used_names(text)  # validates
    return TOKEN.sub(replace, text)

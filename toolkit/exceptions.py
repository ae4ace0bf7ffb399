"""Errors of the design toolkit."""


class ToolkitError(Exception):
    """Base class of the toolkit's errors."""


class InvalidTree(ToolkitError):
    """The decision tree has structural problems (cycle, dead end, orphan question...)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.kind} {p.question}{':' + p.option if p.option else ''}"
                                   f"{' -> ' + p.target if p.target else ''}" for p in problems))


class NoTree(ToolkitError):
    """No published decision tree exists yet."""


class IncompleteResult(ToolkitError):
    """The answers do not reach a result, so there is nothing to save."""

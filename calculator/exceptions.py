"""Errors raised by the calculator. Every one is a :class:`CalculatorError`."""


class CalculatorError(Exception):
    """Base class of every error the calculator raises on purpose."""


class PabulibFormatError(CalculatorError):
    """A .pb file cannot be read; the message names the line."""

    def __init__(self, line: int, problem: str):
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


class CsvFormatError(CalculatorError):
    """A projects or ballots CSV file cannot be read; the message names the file and line."""

    def __init__(self, source: str, line: int, problem: str):
        self.source = source
        self.line = line
        self.problem = problem
        super().__init__(f"{source}, line {line}: {problem}")


class InvalidElectionError(CalculatorError):
    """An election built in code is inconsistent (no budget, duplicate project, bad cost...)."""


class UnknownRuleError(CalculatorError):
    """``allocate`` was asked for a rule that is not in ``RULES``."""


class InvalidOptionError(CalculatorError):
    """A rule option is unknown or has a value of the wrong type."""


class RuleNotApplicableError(CalculatorError):
    """The rule cannot run on this election (for example ranked rules on approval ballots)."""

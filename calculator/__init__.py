"""Participatory-budgeting allocation calculator: exact, explained rules in plain Python.

Used alike by the website, the bot and the command line; it imports nothing from the
project, Django or Telegram. Money is :class:`decimal.Decimal`; Equal Shares computes with
:class:`fractions.Fraction`.

    >>> from calculator import load_pabulib, allocate
    >>> election = load_pabulib("file.pb")
    >>> result = allocate(election, rule="rank-and-rearrange", threshold="0.75")
"""

from .csvio import load_csv
from .exceptions import (
    CalculatorError,
    CsvFormatError,
    InvalidElectionError,
    InvalidOptionError,
    PabulibFormatError,
    RuleNotApplicableError,
    UnknownRuleError,
)
from .model import BallotGroup, Election, Instance, Project, make_election
from .modification import ModificationCheck, check_modification
from .money import currency_symbol, format_money
from .pabulib import load_pabulib, parse_pabulib_text
from .registry import RULES, OptionSpec, RuleSpec, allocate
from .result import Allocation
from .rules.district import allocate_districts
from .serialize import result_to_csv, result_to_dict
from .tiebreaking import BY_PROJECT_ID, TieBreaking, explicit_order

__all__ = [
    "BY_PROJECT_ID",
    "RULES",
    "Allocation",
    "BallotGroup",
    "CalculatorError",
    "CsvFormatError",
    "Election",
    "Instance",
    "InvalidElectionError",
    "InvalidOptionError",
    "ModificationCheck",
    "OptionSpec",
    "PabulibFormatError",
    "Project",
    "RuleNotApplicableError",
    "RuleSpec",
    "TieBreaking",
    "UnknownRuleError",
    "allocate",
    "allocate_districts",
    "check_modification",
    "currency_symbol",
    "explicit_order",
    "format_money",
    "load_csv",
    "load_pabulib",
    "make_election",
    "parse_pabulib_text",
    "result_to_csv",
    "result_to_dict",
]

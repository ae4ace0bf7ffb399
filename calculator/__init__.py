"""Participatory-budgeting allocation calculator: exact, explained rules in plain Python.

Used alike by the website, the bot and the command line; it imports nothing from the
project, Django or Telegram. Money is :class:`decimal.Decimal`; Equal Shares computes with
:class:`fractions.Fraction`.

    >>> from calculator import load_pabulib, allocate
    >>> election = load_pabulib("file.pb")
    >>> result = allocate(election, rule="rank-and-rearrange", threshold="0.75")
"""

from .checks import UploadWarning, upload_warnings
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
from .explain import Explanation, ExplanationError, ProjectExplanation, explain, explanation_to_dict
from .model import BallotGroup, Election, Instance, Project, make_election
from .modification import ModificationCheck, check_modification
from .money import currency_symbol, format_money
from .outcomes import OutcomeMeasures, outcome_measures, outcomes_to_dict
from .pabulib import load_pabulib, parse_pabulib_text
from .registry import RULES, OptionSpec, RuleSpec, allocate
from .result import Allocation
from .rules.district import allocate_districts
from .serialize import election_to_pabulib, result_to_csv, result_to_dict
from .tiebreaking import BY_PROJECT_ID, TieBreaking, explicit_order

__all__ = [
    "Allocation",
    "BY_PROJECT_ID",
    "BallotGroup",
    "CalculatorError",
    "CsvFormatError",
    "Election",
    "Explanation",
    "ExplanationError",
    "Instance",
    "InvalidElectionError",
    "InvalidOptionError",
    "ModificationCheck",
    "OptionSpec",
    "OutcomeMeasures",
    "PabulibFormatError",
    "Project",
    "ProjectExplanation",
    "RULES",
    "RuleNotApplicableError",
    "RuleSpec",
    "TieBreaking",
    "UnknownRuleError",
    "UploadWarning",
    "allocate",
    "allocate_districts",
    "check_modification",
    "currency_symbol",
    "election_to_pabulib",
    "explain",
    "explanation_to_dict",
    "explicit_order",
    "format_money",
    "load_csv",
    "load_pabulib",
    "make_election",
    "outcome_measures",
    "outcomes_to_dict",
    "parse_pabulib_text",
    "result_to_csv",
    "result_to_dict",
    "upload_warnings",
]

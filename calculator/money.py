"""Money formatting for explanations: ``$125,000``, ``€1,250.50``, ``PLN 40,000``."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

SYMBOLS = {"USD": "$", "CAD": "$", "AUD": "$", "EUR": "€", "GBP": "£", "BRL": "R$"}
CENT = Decimal("0.01")


def currency_symbol(code: str | None) -> str:
    """The symbol for a currency code (``USD`` → ``$``), the code itself followed by a space
    for others (``PLN`` → ``PLN ``), or ``$`` when nothing is known."""
    if not code:
        return "$"
    code = code.strip()
    if code.upper() in SYMBOLS:
        return SYMBOLS[code.upper()]
    if code.isalpha() and len(code) == 3:
        return code.upper() + " "
    return code


def format_money(amount: Decimal | Fraction | int, symbol: str = "$") -> str:
    """``$125,000`` for whole amounts, ``$99,500.50`` otherwise, every digit of an exact
    amount shown (``$500.015``). Only a fraction with no finite decimal form (a third) is
    rounded to the cent, and then prefixed with "about"."""
    prefix = ""
    if isinstance(amount, Fraction):
        exact = amount
        amount = Decimal(amount.numerator) / Decimal(amount.denominator)
        if Fraction(amount) != exact:
            prefix = "about "
            amount = amount.quantize(CENT)
    amount = Decimal(amount)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount == amount.to_integral_value():
        text = f"{int(amount):,}"
    elif amount == amount.quantize(CENT):
        text = f"{amount.quantize(CENT):,.2f}"
    else:
        text = f"{amount.normalize():,f}"
    return f"{prefix}{sign}{symbol}{text}"


def format_percent(part: Decimal, whole: Decimal) -> str:
    """``part / whole`` as a percentage rounded down to two decimals: ``80%``, ``74.99%``."""
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(CENT, rounding=ROUND_DOWN)
    text = f"{value:f}".rstrip("0").rstrip(".")
    return f"{text}%"


def split_to_the_cent(amount: Decimal, recipients: list[str]) -> dict[str, Decimal]:
    """Split ``amount`` equally among ``recipients``; leftover cents go one each to the first
    recipients in the given order so the parts add up exactly (sub-cent dust is not split)."""
    cents = int((amount / CENT).to_integral_value(rounding=ROUND_DOWN))
    share, extra = divmod(cents, len(recipients))
    return {
        name: (share + (1 if index < extra else 0)) * CENT
        for index, name in enumerate(recipients)
    }

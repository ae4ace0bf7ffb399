"""One chart of a tally result, drawn as SVG for the website and as PNG for the bot.

:func:`chart_from_allocation` builds a :class:`Chart` (plain data); :func:`layout` turns it into
shapes (rectangles and text) once; :func:`render_svg` and :func:`render_png` only paint those
shapes, so both pictures always agree. The chart shows, per project, its support (points or
votes) and its cost with the amount granted, plus one bar of the whole budget split into
grants and what is left.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from calculator import Allocation, Election
from tally.services import exact_money

COLOURS = {
    "score": "#3b5b92",
    "cost": "#d9dde3",
    "funded": "#2e7d4f",
    "partial": "#c27c0e",
    "leftover": "#eef0f3",
    "budget": "#9b2c2c",
    "text": "#1d2430",
    "muted": "#5b6472",
    "background": "#ffffff",
}
ROW = 46
LABEL_WIDTH = 190
PADDING = 16


@dataclass(frozen=True)
class Bar:
    """One project in the chart."""

    label: str
    score: Decimal
    cost: Decimal
    amount: Decimal
    status: str  # "funded", "partial" or "not-funded"
    note: str = ""  # e.g. the effective support, written after the score


@dataclass(frozen=True)
class Chart:
    """Everything a picture of one result needs, already in the reader's language."""

    title: str
    budget: Decimal
    leftover: Decimal
    currency: str
    score_label: str
    bars: tuple[Bar, ...]

    def money(self, amount) -> str:
        return exact_money(amount, self.currency)

    def summary(self) -> str:
        """The chart as sentences, for screen readers and captions."""
        parts = [
            _("Budget %(budget)s, %(left)s left.")
            % {"budget": self.money(self.budget), "left": self.money(self.leftover)}
        ]
        for bar in self.bars:
            parts.append(
                _("%(label)s: %(score)s %(unit)s, costs %(cost)s, gets %(amount)s.")
                % {"label": bar.label, "score": format_number(bar.score), "unit": self.score_label,
                   "cost": self.money(bar.cost), "amount": self.money(bar.amount)}
            )
        return " ".join(parts)


@dataclass(frozen=True)
class Shape:
    """A rectangle (``kind="rect"``) or a line of text (``kind="text"``) in pixels."""

    kind: str
    x: float
    y: float
    width: float = 0
    height: float = 0
    colour: str = COLOURS["text"]
    text: str = ""
    anchor: str = "start"  # "start" or "end"
    size: int = 13


def format_number(value) -> str:
    """``1,234`` for whole numbers, ``12.50`` otherwise."""
    value = Decimal(value)
    return f"{int(value):,}" if value == value.to_integral_value() else f"{value:,.2f}"


def score_unit(allocation: Allocation) -> str:
    """What the scores of a result count: points (ranked or points ballots) or votes."""
    if allocation.rule == "rank-and-rearrange" or any(
            not isinstance(score, int) for score in allocation.scores.values()):
        return _("points")
    return _("votes")


def chart_from_allocation(*, election: Election, allocation: Allocation, title: str = "",
                          limit: int = 20, notes: dict[str, str] | None = None) -> Chart:
    """The chart of a result: funded projects first, then the best supported (``limit`` bars);
    ``notes`` ({project id: text}, e.g. effective support) are written after the scores."""
    order = {pid: i for i, pid in enumerate(allocation.selected)}
    ids = sorted(
        election.projects,
        key=lambda pid: (pid not in order, order.get(pid, 0),
                         -Decimal(allocation.scores.get(pid, 0)), pid),
    )[:limit]
    bars = []
    for pid in ids:
        status = "not-funded"
        if pid in allocation.funded:
            status = "partial" if pid in allocation.partial else "funded"
        bars.append(Bar(
            label=election.projects[pid].label,
            score=Decimal(allocation.scores.get(pid, 0)),
            cost=election.projects[pid].cost,
            amount=allocation.funded.get(pid, Decimal(0)),
            status=status,
            note=(notes or {}).get(pid, ""),
        ))
    return Chart(
        title=title or _("Tally result"),
        budget=allocation.budget,
        leftover=allocation.leftover,
        currency=allocation.currency,
        score_label=score_unit(allocation),
        bars=tuple(bars),
    )


def layout(chart: Chart, *, width: int = 860) -> tuple[list[Shape], int]:
    """The shapes of ``chart`` and the picture's height."""
    shapes: list[Shape] = []
    plot = width - LABEL_WIDTH - 2 * PADDING
    half = (plot - PADDING) / 2
    score_x = PADDING + LABEL_WIDTH
    money_x = score_x + half + PADDING
    y = PADDING
    shapes.append(Shape("text", PADDING, y + 16, text=chart.title, size=17))
    y += 34
    # The whole budget: grants in order, then what is left.
    shapes.append(Shape("text", PADDING, y + 15, text=_("Budget"), colour=COLOURS["muted"]))
    x = score_x
    total = chart.budget or Decimal(1)
    for bar in chart.bars:
        if bar.amount > 0:
            span = float(bar.amount / total) * plot
            shapes.append(Shape("rect", x, y, span, 20, COLOURS[bar.status]))
            x += span
    shapes.append(Shape("rect", x, y, max(score_x + plot - x, 0), 20, COLOURS["leftover"]))
    y += 38
    shapes.append(Shape("text", score_x, y, text=chart.score_label.capitalize(),
                        colour=COLOURS["muted"]))
    shapes.append(Shape("text", money_x, y, text=_("Cost and amount granted"),
                        colour=COLOURS["muted"]))
    y += 10
    top_score = max((bar.score for bar in chart.bars), default=Decimal(0)) or Decimal(1)
    top_money = max([bar.cost for bar in chart.bars] + [chart.budget]) or Decimal(1)
    rows_top = y
    for bar in chart.bars:
        shapes.append(Shape("text", PADDING, y + 20, text=_shorten(bar.label, 26)))
        score_span = float(bar.score / top_score) * (half - 70)
        shapes.append(Shape("rect", score_x, y + 7, score_span, 18, COLOURS["score"]))
        shapes.append(Shape("text", score_x + score_span + 6, y + 21, text=format_number(bar.score),
                            size=12))
        if bar.note:
            shapes.append(Shape("text", score_x, y + 40, text=bar.note, size=11,
                                colour=COLOURS["muted"]))
        cost_span = float(bar.cost / top_money) * (half - 10)
        shapes.append(Shape("rect", money_x, y + 7, cost_span, 18, COLOURS["cost"]))
        if bar.amount > 0:
            shapes.append(Shape("rect", money_x, y + 7,
                                float(bar.amount / top_money) * (half - 10), 18,
                                COLOURS[bar.status]))
        caption = chart.money(bar.amount) + " / " + chart.money(bar.cost)
        shapes.append(Shape("text", money_x, y + 40, text=caption, size=11,
                            colour=COLOURS["muted"]))
        y += ROW
    # The budget line across the cost column: a cost beyond it can never be funded in full.
    budget_x = money_x + float(chart.budget / top_money) * (half - 10)
    shapes.append(Shape("rect", budget_x - 1, rows_top, 2, y - rows_top, COLOURS["budget"]))
    shapes.append(Shape("text", min(budget_x + 4, width - PADDING - 70), y + 4, size=11,
                        colour=COLOURS["budget"], text=_("Budget line")))
    y += 8
    shapes.append(Shape("text", PADDING, y + 18, size=12, colour=COLOURS["muted"],
                        text=_("Left over: %(left)s of %(budget)s")
                        % {"left": chart.money(chart.leftover),
                           "budget": chart.money(chart.budget)}))
    return shapes, int(y + 34)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _layout_any(chart, width: int) -> tuple[list[Shape], int]:
    if isinstance(chart, Histogram):
        return layout_histogram(chart, width=width)
    if isinstance(chart, RoundsChart):
        return layout_rounds(chart, width=width)
    return layout(chart, width=width)


def render_svg(chart, *, width: int = 860, id_prefix: str = "tally-chart") -> str:
    """An accessible SVG (role="img", title and description) with no inline styles, of a
    :class:`Chart`, :class:`Histogram` or :class:`RoundsChart`."""
    shapes, height = _layout_any(chart, width)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'class="tally-chart">',
        f'<title id="{id_prefix}-title">{escape(chart.title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(chart.summary())}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="{COLOURS["background"]}"/>',
    ]
    for shape in shapes:
        if shape.kind == "rect":
            parts.append(f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.width:.1f}" '
                         f'height="{shape.height:.1f}" fill="{shape.colour}" aria-hidden="true"/>')
        else:
            parts.append(f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" fill="{shape.colour}" '
                         f'font-family="sans-serif" font-size="{shape.size}" '
                         f'text-anchor="{shape.anchor}" aria-hidden="true">'
                         f'{escape(shape.text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def render_png(chart, *, width: int = 860) -> bytes:
    """The same chart as a PNG image (Pillow), for the bot."""
    from PIL import Image, ImageDraw, ImageFont

    shapes, height = _layout_any(chart, width)
    image = Image.new("RGB", (width, height), COLOURS["background"])
    draw = ImageDraw.Draw(image)
    fonts: dict[int, object] = {}
    for shape in shapes:
        if shape.kind == "rect":
            if shape.width > 0:
                draw.rectangle([shape.x, shape.y, shape.x + shape.width, shape.y + shape.height],
                               fill=shape.colour)
            continue
        font = fonts.get(shape.size)
        if font is None:
            font = fonts[shape.size] = _png_font(ImageFont, shape.size)
        anchor = "rs" if shape.anchor == "end" else "ls"
        draw.text((shape.x, shape.y), shape.text, fill=shape.colour, font=font, anchor=anchor)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


PNG_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
"""Debian's fonts-dejavu-core: draws accents, other scripts and currency signs that Pillow's
built-in font lacks; the built-in font stands in when it is missing."""


def _png_font(image_font, size: int):
    try:
        return image_font.truetype(PNG_FONT, size=size)
    except OSError:
        return image_font.load_default(size=size)


# --- Voters' satisfaction -------------------------------------------------------------------

@dataclass(frozen=True)
class Histogram:
    """How many voters got 0, 1, 2, … of the projects they supported funded."""

    title: str
    counts: tuple[tuple[int, int], ...]  # (projects funded, voters)

    def summary(self) -> str:
        return " ".join(
            ngettext("%(voters)s voters got %(k)s of their projects funded.",
                     "%(voters)s voters got %(k)s of their projects funded.", voters)
            % {"voters": f"{voters:,}", "k": k} for k, voters in self.counts)


def histogram_from_distribution(distribution, *, title: str = "") -> Histogram:
    """The satisfaction histogram of ``distribution`` ({k: voters}, keys may be strings)."""
    counts = tuple(sorted((int(k), int(v)) for k, v in dict(distribution).items()))
    return Histogram(title=title or _("Voters by number of their projects funded"), counts=counts)


def layout_histogram(chart: Histogram, *, width: int = 860) -> tuple[list[Shape], int]:
    """Vertical bars, one per number of projects funded, with the voters above each."""
    shapes = [Shape("text", PADDING, PADDING + 16, text=chart.title, size=17)]
    top = PADDING + 40
    plot_height = 220
    bars = max(len(chart.counts), 1)
    step = (width - 2 * PADDING) / bars
    bar_width = min(step * 0.7, 90)
    most = max((voters for _k, voters in chart.counts), default=0) or 1
    base = top + plot_height
    for index, (k, voters) in enumerate(chart.counts):
        height = voters / most * (plot_height - 20)
        x = PADDING + index * step + (step - bar_width) / 2
        shapes.append(Shape("rect", x, base - height, bar_width, height, COLOURS["score"]))
        shapes.append(Shape("text", x, base - height - 6, text=f"{voters:,}", size=12))
        shapes.append(Shape("text", x, base + 18, text=str(k), size=12, colour=COLOURS["muted"]))
    shapes.append(Shape("rect", PADDING, base, width - 2 * PADDING, 1, COLOURS["muted"]))
    shapes.append(Shape("text", PADDING, base + 40, size=12, colour=COLOURS["muted"],
                        text=_("Projects funded among those a voter supported; bars: voters")))
    return shapes, int(base + 56)


# --- Equal Shares rounds --------------------------------------------------------------------

@dataclass(frozen=True)
class RoundStep:
    """One Equal Shares round: the money voters held before it and what the winner took."""

    label: str
    held: Decimal
    paid: Decimal
    most: str


@dataclass(frozen=True)
class RoundsChart:
    """The voters' money round by round: what the supporters of each winner paid."""

    title: str
    currency: str
    start: Decimal
    rounds: tuple[RoundStep, ...]

    def money(self, amount) -> str:
        return exact_money(Decimal(amount).quantize(Decimal("0.01")), self.currency)

    def summary(self) -> str:
        return " ".join(
            _("%(label)s: voters held %(held)s; its supporters paid %(paid)s.")
            % {"label": step.label, "held": self.money(step.held), "paid": self.money(step.paid)}
            for step in self.rounds)


def layout_rounds(chart: RoundsChart, *, width: int = 860) -> tuple[list[Shape], int]:
    """One row per round: the whole of the voters' starting money, what had been spent, what
    this round's supporters paid, and what the voters still held."""
    shapes = [Shape("text", PADDING, PADDING + 16, text=chart.title, size=17)]
    plot = width - LABEL_WIDTH - 2 * PADDING
    x0 = PADDING + LABEL_WIDTH
    y = PADDING + 34
    total = chart.start or Decimal(1)
    for step in chart.rounds:
        spent = chart.start - step.held
        shapes.append(Shape("text", PADDING, y + 15, text=_shorten(step.label, 26), size=12))
        spent_span = float(spent / total) * plot
        paid_span = float(step.paid / total) * plot
        shapes.append(Shape("rect", x0, y, spent_span, 20, COLOURS["cost"]))
        shapes.append(Shape("rect", x0 + spent_span, y, paid_span, 20, COLOURS["funded"]))
        shapes.append(Shape("rect", x0 + spent_span + paid_span, y,
                            max(plot - spent_span - paid_span, 0), 20, COLOURS["leftover"]))
        shapes.append(Shape("text", x0, y + 34, size=11, colour=COLOURS["muted"],
                            text=_("paid %(paid)s (at most %(most)s each); held before: %(held)s")
                            % {"paid": chart.money(step.paid), "most": step.most,
                               "held": chart.money(step.held)}))
        y += ROW
    shapes.append(Shape("text", PADDING, y + 12, size=12, colour=COLOURS["muted"],
                        text=_("Grey: paid in earlier rounds. Green: paid in this round. Light: "
                               "still held by the voters.")))
    return shapes, int(y + 30)

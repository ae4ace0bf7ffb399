"""The priority outcomes a toolkit walk can stand for; matching compares members on them."""

from pbexchange.vocabulary import PriorityOutcome

# The toolkit asks about the first five outcomes of the shared vocabulary.
OUTCOME_CHOICES = [
    (outcome.value, outcome.label)
    for outcome in (
        PriorityOutcome.BROAD_PARTICIPATION,
        PriorityOutcome.EQUITY,
        PriorityOutcome.TRUST,
        PriorityOutcome.EFFICIENT_DELIVERY,
        PriorityOutcome.CIVIC_LEARNING,
    )
]

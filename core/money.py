"""Pounds as people write them: "£250 million", "£1.2 billion", and the exact figure "£250,000,000".

Sources state round sums in words ("£250 million", "more than £1 billion a year"); the catalogue
stores the exact ``Decimal`` and shows it the way the source wrote it, with the exact figure
beside it where the two differ. Plain helpers: no model, no query.
"""

from __future__ import annotations

from decimal import Decimal

NOT_STATED = "Not stated"
"""The one wording for a fact the sources do not give (a funder, a date, a stream...)."""

_SCALES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def pounds(amount: Decimal) -> str:
    """The exact figure: ``£1,234,567``, with pence only when there are any."""
    return f"£{amount:,.2f}".removesuffix(".00")


def pounds_as_written(amount: Decimal) -> str:
    """The amount as a source would write it: ``£250 million``, ``£1 billion``, ``£2.5 million``.

    Only a sum that is a whole number of millions (or of billions) to at most two decimal places
    is put in words; any other sum (``£140,000,000.50``, ``£40,500``) is the exact figure.
    """
    for scale, word in _SCALES:
        if amount >= scale:
            count = amount / scale
            if count == count.quantize(Decimal("0.01")):
                text = f"{count:,.2f}".rstrip("0").rstrip(".")
                return f"£{text} {word}"
    return pounds(amount)

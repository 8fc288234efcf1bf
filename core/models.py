"""Choices shared by several apps; the shared abstract models live beside the data they need."""

from django.db import models


class AmountQualifier(models.TextChoices):
    """How a stated figure bounds the real one: "£79 million", "more than £1 billion", "up to 5 million"."""

    EXACT = "exact", "Exactly"
    AT_LEAST = "at_least", "At least"
    MORE_THAN = "more_than", "More than"
    UP_TO = "up_to", "Up to"
    APPROXIMATELY = "approximately", "Approximately"

    @property
    def is_lower_bound(self) -> bool:
        """True for figures that say only how low the real value can be."""
        return self in {AmountQualifier.AT_LEAST, AmountQualifier.MORE_THAN}


QUALIFIER_WORDS = {
    AmountQualifier.EXACT: "",
    AmountQualifier.AT_LEAST: "at least ",
    AmountQualifier.MORE_THAN: "more than ",
    AmountQualifier.UP_TO: "up to ",
    AmountQualifier.APPROXIMATELY: "about ",
}

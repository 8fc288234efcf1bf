"""Partial dates keep the precision their source gives and print as written."""

import pytest

from core.partial_dates import DateQualifier, PartialDate


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (PartialDate(2019, 4), "April 2019"),
        (PartialDate(2024, qualifier=DateQualifier.BY), "by 2024"),
        (PartialDate(2020, 1, 21), "21 January 2020"),
        (PartialDate(2019), "2019"),
        (PartialDate(2020, 1, qualifier=DateQualifier.ABOUT), "about January 2020"),
    ],
)
def test_it_prints_as_the_source_wrote_it(value, expected):
    assert str(value) == expected


def test_it_reports_its_precision():
    assert PartialDate(2019).precision == "year"
    assert PartialDate(2019, 4).precision == "month"
    assert PartialDate(2019, 4, 1).precision == "day"


def test_it_parses_iso_text_at_each_precision():
    assert PartialDate.parse("2019") == PartialDate(2019)
    assert PartialDate.parse("2019-04") == PartialDate(2019, 4)
    assert PartialDate.parse("2020-01-21").iso() == "2020-01-21"


@pytest.mark.parametrize("text", ["", "19-4", "2019-13", "2019-02-30", "2019/04", "April 2019"])
def test_it_rejects_text_that_is_not_a_real_partial_date(text):
    with pytest.raises(ValueError, match=r"."):
        PartialDate.parse(text)


def test_a_day_without_a_month_is_refused():
    with pytest.raises(ValueError, match="A day needs a month"):
        PartialDate(2019, None, 3).validate()


def test_dates_sort_by_what_they_can_mean_earliest():
    assert sorted([PartialDate(2020, 1, 22), PartialDate(2019), PartialDate(2019, 7), PartialDate(2020, 1)]) == [
        PartialDate(2019),
        PartialDate(2019, 7),
        PartialDate(2020, 1),
        PartialDate(2020, 1, 22),
    ]

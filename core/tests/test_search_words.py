"""How text becomes searchable words (``core.search_words``): the same for records and queries."""

import pytest

from core.search_words import amount_word, compact, document, names_document, stem, words


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [("labs", "lab"), ("lab", "lab"), ("centres", "centre"), ("centre", "centre"), ("funding", "fund"),
     ("funded", "fund"), ("funds", "fund"), ("technologies", "technology"), ("business", "business"),
     ("ai", "ai"), ("nhs", "nhs"), ("status", "status")],
)
def test_word_forms_meet_on_one_stem(word, stemmed):
    assert stem(word) == stemmed


@pytest.mark.parametrize(
    "written", ["£250m", "£250 million", "£250,000,000", "£250000000.00", "£ 250M", "£0.25bn", "£0.25 billion"]
)
def test_every_way_of_writing_an_amount_is_one_word(written):
    assert words(written) == ["gbp250000000"]


def test_a_number_without_a_pound_sign_is_not_an_amount():
    assert words("250 million logins") == ["250", "million", "login"]


def test_a_malformed_amount_gives_no_word():
    assert amount_word("1,2.3.4") == ""


def test_a_hyphenated_word_is_kept_split_and_joined():
    assert words("NHS-X i-CAIRD") == ["nhs", "x", "nhsx", "i", "caird", "icaird"]


def test_case_does_not_matter():
    assert words("NHS App") == words("nhs app") == words("NHS APP")


def test_a_name_of_several_words_is_also_stored_as_one():
    assert compact("HDR UK") == "hdruk"
    stored = names_document("Health Data Research UK", "HDR UK")

    assert stored == " health data research uk hdr uk healthdataresearchuk hdruk "


def test_a_document_is_space_delimited_so_whole_words_can_be_asked_for():
    assert document("AI Lab") == " ai lab "
    assert document("") == ""

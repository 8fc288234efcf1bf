"""A record's URL from a route reversed once is exactly what ``reverse()`` gives (core.reversing)."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.reversing import url_for


@pytest.fixture
def script_prefix():
    """Restore the default script prefix after a test that serves the site under a path."""
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize(
    ("viewname", "kwargs"),
    [
        ("programmes:programme-list", {}),
        ("programmes:programme-detail", {"slug": "ai-lab"}),
        ("programmes:programme-detail", {"slug": "A_1-b"}),
        ("funding:award-detail", {"pk": 7}),
        ("funding:award-detail", {"pk": "7"}),
        ("api:programme-detail", {"slug": "ai-lab"}),
        ("api:fundingaward-detail", {"pk": 12}),
    ],
)
def test_it_gives_what_reverse_gives(viewname, kwargs):
    assert url_for(viewname, **kwargs) == reverse(viewname, kwargs=kwargs)


def test_it_follows_the_script_prefix_of_the_request(script_prefix):
    url_for("programmes:programme-detail", slug="warm-the-cache")
    script_prefix("/catalogue/")

    assert url_for("programmes:programme-detail", slug="ai-lab") == "/catalogue/programmes/ai-lab/"
    assert url_for("programmes:programme-list") == "/catalogue/programmes/"


def test_a_value_that_needs_quoting_goes_through_reverse():
    # A str route would take it; the slug route refuses it, as reverse() does.
    with pytest.raises(NoReverseMatch):
        url_for("programmes:programme-detail", slug="a b")
    with pytest.raises(NoReverseMatch):
        url_for("funding:award-detail", pk="seven")
    with pytest.raises(NoReverseMatch):
        url_for("funding:award-detail", pk=-1)


def test_a_missing_route_raises_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        url_for("programmes:no-such-page", slug="x")
    with pytest.raises(NoReverseMatch):
        url_for("programmes:no-such-page")

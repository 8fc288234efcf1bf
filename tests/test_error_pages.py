"""With DEBUG off an unhandled error shows the styled 500 page, never a traceback, and is logged."""

import logging

import pytest
from django.urls import path

from nhsdigital_catalogue.urls import urlpatterns as site_urlpatterns

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.test_error_pages")]

SECRET_DETAIL = "database password is hunter2"


def broken_view(request):
    raise RuntimeError(SECRET_DETAIL)


# This module is the URLconf of its tests: the whole site plus a view that always fails.
urlpatterns = [path("test-only/broken/", broken_view), *site_urlpatterns]
handler404 = "catalogue.views.page_not_found"
handler500 = "catalogue.views.server_error"


@pytest.fixture
def request_log(caplog):
    """Records of the ``django.request`` logger, which does not propagate to caplog's root handler."""
    logger = logging.getLogger("django.request")
    logger.addHandler(caplog.handler)
    yield caplog
    logger.removeHandler(caplog.handler)


def test_an_unhandled_error_shows_the_styled_page_without_a_traceback(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False

    response = client.get("/test-only/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert 'class="nhsuk-header' in html
    for leak in ("Traceback", "RuntimeError", SECRET_DETAIL, "broken_view", "settings.py"):
        assert leak not in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_an_unhandled_error_is_logged_with_its_traceback(client, settings, request_log):
    settings.DEBUG = False
    client.raise_request_exception = False

    client.get("/test-only/broken/")

    [record] = [record for record in request_log.records if record.name == "django.request"]
    assert record.levelno == logging.ERROR
    assert record.exc_info[0] is RuntimeError
    assert "/test-only/broken/" in record.getMessage()


def test_the_logging_settings_send_request_errors_to_a_handler(settings):
    logger = settings.LOGGING["loggers"]["django.request"]

    assert logger["level"] == "ERROR"
    assert logger["handlers"]


def test_a_missing_page_shows_the_styled_404_without_debug_details(client, settings):
    settings.DEBUG = False

    response = client.get("/test-only/missing/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Using the URLconf" not in html

"""WSGI entry point, used by gunicorn (``make serve``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhsdigital_catalogue.settings")
# This process answers web requests: PostgreSQL's statement timeout applies (settings).
os.environ.setdefault("CATALOGUE_WEB_PROCESS", "true")

application = get_wsgi_application()

"""The Swagger UI page at /api/docs/, made to work under the site's strict Content-Security-Policy.

drf-spectacular's page starts Swagger UI with an inline script and styles itself with an inline
``<style>``; both are refused by a policy without ``'unsafe-inline'``. Our template
(``core/templates/core/swagger_ui.html``) gives the script the request's CSP nonce and links the
styles from ``core/static/core/swagger-ui.css`` instead.
"""

from __future__ import annotations

from csp.constants import SELF
from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerView

# Swagger UI's stylesheet draws its icons as data: URIs; nothing else on the site needs them.
DOCS_CSP_UPDATE = {"img-src": [SELF, "data:"]}


class CatalogueSwaggerView(SpectacularSwaggerView):
    """Swagger UI with a nonce for its start-up script, and the site's opener policy.

    drf-spectacular sends ``Cross-Origin-Opener-Policy: unsafe-none`` so that an OAuth2 sign-in
    pop-up can report back; the API has no OAuth2, so the page keeps ``same-origin`` like the rest.
    """

    template_name = "core/swagger_ui.html"

    @extend_schema(exclude=True)
    @method_decorator(csp_update(DOCS_CSP_UPDATE))
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return response

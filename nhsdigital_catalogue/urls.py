"""Root URLs: the public pages of each app, the JSON API under /api/, and the admin."""

from django.contrib import admin
from django.urls import include, path

from core.sign_in import admin_login

urlpatterns = [
    path("", include("catalogue.urls")),
    path("", include("organisations.urls")),
    path("", include("programmes.urls")),
    path("", include("funding.urls")),
    path("", include("sources.urls")),
    path("api/", include("catalogue.api.urls")),
    # The admin's own sign-in, except that an unsafe ?next= falls back to the admin (core.sign_in).
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
]

handler400 = "core.resilience.bad_request"
handler404 = "catalogue.views.page_not_found"
# JSON under /api/, and a 503 with Retry-After when the database is the problem.
handler500 = "core.resilience.server_error"

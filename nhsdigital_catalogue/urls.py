"""Root URLs: the public pages of each app, the JSON API under /api/, and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("catalogue.urls")),
    path("", include("organisations.urls")),
    path("", include("programmes.urls")),
    path("", include("funding.urls")),
    path("", include("sources.urls")),
    path("api/", include("catalogue.api.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "catalogue.views.page_not_found"
handler500 = "catalogue.views.server_error"

"""The JSON API: one router over every app's viewsets, plus search, the schema, its docs and sign-in."""

from django.urls import include, path, re_path, reverse
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import APIRootView, DefaultRouter

from catalogue.api.views import SearchView, api_not_found
from catalogue.downloads import DATA_PACKAGE_FILE, GRANTS_FILE
from core.api.docs import CatalogueSwaggerView
from core.api.tokens import StaffTokenView
from funding.api.views import FundingAwardViewSet, FundingStreamViewSet
from organisations.api.views import OrganisationViewSet, PersonViewSet
from programmes.api.views import EventViewSet, MetricViewSet, MissionViewSet, ProgrammeViewSet
from sources.api.views import ClaimViewSet, SourceViewSet

# The site pages the API root links to as well (absolute, like its own links): open data, downloads, changes.
SITE_LINKS = {
    "data": ("catalogue:data", ()),
    "data-package": ("catalogue:data-download", (DATA_PACKAGE_FILE,)),
    "grants-360giving": ("catalogue:data-download", (GRANTS_FILE,)),
    "changes": ("catalogue:changes", ()),
    "changes-feed": ("catalogue:changes-feed", ()),
}


class CatalogueAPIRootView(APIRootView):
    """The API root: every list, then the site's open data, its downloads, the changes and their feed."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        for key, (url_name, args) in SITE_LINKS.items():
            response.data[key] = request.build_absolute_uri(reverse(url_name, args=args))
        return response


class CatalogueRouter(DefaultRouter):
    """The default router, whose browsable root also lists search and the site's open data and changes."""

    APIRootView = CatalogueAPIRootView

    def get_api_root_view(self, api_urls=None):
        api_root_dict = {prefix: self.routes[0].name.format(basename=basename) for prefix, _, basename in self.registry}
        api_root_dict["search"] = "search"
        return self.APIRootView.as_view(api_root_dict=api_root_dict)


router = CatalogueRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("funding-awards", FundingAwardViewSet, basename="fundingaward")
router.register("funding-streams", FundingStreamViewSet, basename="fundingstream")
router.register("missions", MissionViewSet, basename="mission")
router.register("people", PersonViewSet, basename="person")
router.register("events", EventViewSet, basename="event")
router.register("metrics", MetricViewSet, basename="metric")
router.register("sources", SourceViewSet, basename="source")
router.register("claims", ClaimViewSet, basename="claim")

app_name = "api"
urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", CatalogueSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Staff sign in to the browsable API here (namespace api:rest_framework), or get a token.
    path("auth/token/", StaffTokenView.as_view(), name="token"),
    path("auth/", include("rest_framework.urls")),
    path("", include(router.urls)),
    # [\s\S], not ".": an address with an encoded newline (%0A) is an API 404 too.
    re_path(r"^(?P<path>[\s\S]*)\Z", api_not_found),
]

"""Site-wide pages: home, timeline, discrepancies, search, open data, changes and feeds, sitemap, robots.txt."""

from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from catalogue import views
from catalogue.feeds import ChangesFeed, RecordChangesFeed
from catalogue.sitemaps import sitemaps

app_name = "catalogue"
# Read when the URLs load, after every app has registered its sitemap.
SITEMAPS = sitemaps()
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("discrepancies/", views.DiscrepanciesView.as_view(), name="discrepancies"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("changes/feed/", ChangesFeed(), name="changes-feed"),
    path("changes/feed/<str:kind>/<int:pk>/", RecordChangesFeed(), name="record-changes-feed"),
    path("data/", views.DataView.as_view(), name="data"),
    path("data/<str:filename>", views.data_download, name="data-download"),
    path("about/", views.AboutView.as_view(), name="about"),
    path(
        "accessibility/",
        views.ServicePageView.as_view(template_name="catalogue/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", views.ServicePageView.as_view(template_name="catalogue/privacy.html"), name="privacy"),
    path("licence/", views.LicenceView.as_view(), name="licence"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "catalogue:sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
]

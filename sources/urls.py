"""Public pages of sources."""

from django.urls import path

from sources import views

app_name = "sources"
urlpatterns = [
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"),
]

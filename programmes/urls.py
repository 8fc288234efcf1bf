"""Public pages of programmes, missions and events."""

from django.urls import path

from programmes import views

app_name = "programmes"
urlpatterns = [
    path("programmes/", views.ProgrammeListView.as_view(), name="programme-list"),
    path("programmes/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme-detail"),
    path("missions/", views.MissionListView.as_view(), name="mission-list"),
    path("missions/<slug:slug>/", views.MissionDetailView.as_view(), name="mission-detail"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
]

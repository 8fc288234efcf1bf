"""Public pages of funding awards."""

from django.urls import path

from funding import views

app_name = "funding"
urlpatterns = [
    path("funding/", views.FundingAwardListView.as_view(), name="award-list"),
    path("funding/<int:pk>/", views.FundingAwardDetailView.as_view(), name="award-detail"),
]

"""Template context shared by every page."""

from django.conf import settings


def site(request):
    """Site-wide switches the base template needs (no database query)."""
    return {"show_nhs_logo": settings.CATALOGUE_SHOW_NHS_LOGO, "feedback_email": settings.CATALOGUE_FEEDBACK_EMAIL}

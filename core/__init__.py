"""Site-wide pieces shared by every app: partial dates, base models, home and search pages."""

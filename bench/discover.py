"""Print, as JSON, what bench/run.py needs to know about the database being served.

Run by ``bench/run.py`` in a child process with the same environment as the server (so the
same ``DATABASE_URL``), never imported: it sets Django up itself. Costs a handful of queries,
the heaviest a ``GROUP BY`` over programme roles to find the busiest organisation.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhsdigital_catalogue.settings")

SAMPLE = 5000
"""Programme names read to choose the search word."""


def main() -> None:
    import django

    django.setup()
    from django.db.models import Count

    from bench.run import pick_word
    from funding.models import FundingAward
    from organisations.models import Organisation
    from programmes.models import Programme

    programmes = Programme.objects.count()
    names = list(Programme.objects.order_by("pk").values_list("name", flat=True)[:SAMPLE])
    slugs = Programme.objects.order_by("pk").values_list("slug", flat=True)
    busiest = (
        Organisation.objects.annotate(role_count=Count("programme_roles"))
        .order_by("-role_count", "pk")
        .values("slug", "role_count")
        .first()
    )
    print(
        json.dumps(
            {
                "programmes": programmes,
                "synthetic_programmes": Programme.objects.filter(slug__startswith="syn-").count(),
                "organisations": Organisation.objects.count(),
                "funding_awards": FundingAward.objects.count(),
                "word": pick_word(names),
                "programme_slug": slugs[programmes // 2] if programmes else None,
                "organisation_slug": busiest["slug"] if busiest else None,
                "organisation_roles": busiest["role_count"] if busiest else 0,
            }
        )
    )


if __name__ == "__main__":
    main()

"""Render the same programme table with Django's template engine and with Jinja2, to weigh a move.

    .venv/bin/python bench/template_engines.py --repeat 200

The table is the body of ``/programmes/``: 25 rows, each with a link, two choice labels, the
lead organisations, a partial date and the topics, escaped the same way by both engines. The
rows are fetched once (``Programme.objects.for_listing()``) and each engine renders them
``--repeat`` times; the median per render is printed, as markdown. Read-only; Jinja2 comes
with the development requirements.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhsdigital_catalogue.settings")

DJANGO_TABLE = "".join([
    "{% load catalogue %}<table>{% for programme in programmes %}<tr>",
    '<th><a href="{{ programme.get_absolute_url }}">{{ programme.name }}</a></th>',
    '<td><strong class="nhsuk-tag">{{ programme.get_kind_display }}</strong></td>',
    "<td>{{ programme.get_status_display }}</td>",
    '<td>{% for organisation in programme.leads %}<a href="{{ organisation.get_absolute_url }}">',
    "{{ organisation.acronym|default:organisation.name }}</a>{% if not forloop.last %}, {% endif %}",
    "{% empty %}Not stated{% endfor %}</td>",
    "<td>{% if programme.announced %}{{ programme.announced|partial_date }}{% else %}Not stated{% endif %}</td>",
    '<td>{% for topic in programme.topics.all %}<a href="?topic={{ topic.slug }}">{{ topic.name }}</a>',
    "{% if not forloop.last %}, {% endif %}{% endfor %}</td>",
    "</tr>{% endfor %}</table>",
])

JINJA_TABLE = "".join([
    "<table>{% for programme in programmes %}<tr>",
    '<th><a href="{{ programme.get_absolute_url() }}">{{ programme.name }}</a></th>',
    '<td><strong class="nhsuk-tag">{{ programme.get_kind_display() }}</strong></td>',
    "<td>{{ programme.get_status_display() }}</td>",
    '<td>{% for organisation in programme.leads() %}<a href="{{ organisation.get_absolute_url() }}">',
    "{{ organisation.acronym or organisation.name }}</a>{% if not loop.last %}, {% endif %}",
    "{% else %}Not stated{% endfor %}</td>",
    "<td>{% if programme.announced %}{{ programme.announced|partial_date }}{% else %}Not stated{% endif %}</td>",
    '<td>{% for topic in programme.topics.all() %}<a href="?topic={{ topic.slug }}">{{ topic.name }}</a>',
    "{% if not loop.last %}, {% endif %}{% endfor %}</td>",
    "</tr>{% endfor %}</table>",
])


def median_ms(render, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        render()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200, help="Renders per engine (default 200).")
    parser.add_argument("--rows", type=int, default=25, help="Rows in the table (default 25, a page).")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.rows < 1:
        parser.error("--repeat and --rows must be at least 1.")
    import django

    django.setup()
    import jinja2
    from django.template import engines

    from core.templatetags.catalogue import partial_date
    from programmes.models import Programme

    programmes = list(Programme.objects.for_listing().order_by("name")[: args.rows])
    django_template = engines["django"].from_string(DJANGO_TABLE)
    environment = jinja2.Environment(autoescape=True)
    environment.filters["partial_date"] = partial_date
    jinja_template = environment.from_string(JINJA_TABLE)
    django_html = django_template.render({"programmes": programmes})
    jinja_html = jinja_template.render(programmes=programmes)
    django_ms = median_ms(lambda: django_template.render({"programmes": programmes}), args.repeat)
    jinja_ms = median_ms(lambda: jinja_template.render(programmes=programmes), args.repeat)
    print(f"{len(programmes)} rows, median of {args.repeat} renders each\n")
    print("| engine | ms per render | bytes |")
    print("| --- | ---: | ---: |")
    print(f"| Django templates | {django_ms:.2f} | {len(django_html):,} |")
    print(f"| Jinja2 | {jinja_ms:.2f} | {len(jinja_html):,} |")
    print(f"\nJinja2 takes {jinja_ms / django_ms:.0%} of Django's time for this table.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

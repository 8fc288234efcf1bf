"""What a record's page adds to its head: schema.org JSON-LD and the link to the feed of its changes.

Load with ``{% load record_head %}``; detail templates include ``includes/record_head.html``.

- ``{% structured_data record %}``: the record as schema.org JSON-LD, as its app describes it
  (``core.registry.register_structured_data``); nothing for a record no app describes.
- ``{% changes_feed_url record %}``: the address of the Atom feed of the record's changes.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from core.jsonld import as_script
from core.registry import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context, record):
    describe = registry.structured_data.get(type(record))
    if describe is None:
        return ""
    return as_script(describe(record, context["request"]))


@register.simple_tag
def changes_feed_url(record) -> str:
    return reverse("catalogue:record-changes-feed", kwargs={"kind": record._meta.model_name, "pk": record.pk})

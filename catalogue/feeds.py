"""Atom feeds of the catalogue's changes: of everything (``/changes/feed/``) and of one record."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from catalogue.changes import FEED_SIZE, Change, change_kinds, change_rows, describe_changes


def describe(change: Change) -> str:
    """What an edit did, in a sentence."""
    if change.action == "Changed":
        return f"Changed: {', '.join(change.fields)}." if change.fields else "Saved with no published field changed."
    return f"{change.action}."


class ChangesFeed(Feed):
    """The latest edits to the catalogue, newest first (as ``/changes/``: two queries per kind of record in it)."""

    feed_type = Atom1Feed
    title = "Changes to the NHS digital and AI programmes catalogue"
    subtitle = "Every record added, changed or deleted, newest first."

    def get_object(self, request, *args, **kwargs):
        return None

    def link(self):
        return reverse("catalogue:changes")

    def items(self, obj):
        return describe_changes(change_rows()[:FEED_SIZE])

    def item_title(self, item: Change) -> str:
        return f"{item.kind_label} {item.action.lower()}: {item.title}"

    def item_description(self, item: Change) -> str:
        return describe(item)

    def item_link(self, item: Change) -> str:
        return item.url or reverse("catalogue:changes") + f"?kind={item.kind}#{item.anchor}"

    def item_guid(self, item: Change) -> str:
        return f"{reverse('catalogue:changes')}#{item.anchor}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: Change):
        return item.when

    def item_pubdate(self, item: Change):
        return item.when

    def item_author_name(self, item: Change) -> str | None:
        return item.editor


class RecordChangesFeed(ChangesFeed):
    """The edits to one record, newest first (three queries: its history rows, and the rows before them)."""

    def get_object(self, request, kind: str, pk: int):
        if kind not in change_kinds():
            raise Http404("No such kind of record.")
        changes = describe_changes(change_rows(kind, pk)[:FEED_SIZE])
        if not changes:
            raise Http404("No changes to this record.")
        return changes

    def title(self, obj: list[Change]) -> str:
        return f"Changes to {obj[0].title}"

    def subtitle(self, obj: list[Change]) -> str:
        return f"Every change to this {obj[0].kind_label.lower()} in the catalogue, newest first."

    def link(self, obj: list[Change]) -> str:
        return obj[0].url or reverse("catalogue:changes") + f"?kind={obj[0].kind}"

    def items(self, obj: list[Change]) -> list[Change]:
        return obj

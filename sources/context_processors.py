"""Template context of provenance: each page rendering gets its own numbered references."""

from __future__ import annotations

from sources.references import References


def references(request) -> dict:
    """A fresh :class:`~sources.references.References` for ``{% cite %}`` and ``{% references %}`` (no query)."""
    return {"references": References()}

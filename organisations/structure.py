"""The organisation structure as a picture: the nested hierarchy (``views.build_tree``) drawn as a tree.

The drawing is ``core.charts.tree_diagram``; this module only turns tree nodes (anything with
``organisation`` and ``children``, as ``views.TreeNode``) into its boxes. No query: the nodes
carry their organisations, kinds included.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString

from core.charts import DiagramNode, tree_diagram


def diagram_nodes(nodes: Sequence, current=None) -> tuple[DiagramNode, ...]:
    """The boxes of ``nodes`` and their children; ``current`` (an organisation) is drawn filled."""
    return tuple(
        DiagramNode(
            label=str(node.organisation),
            detail=node.organisation.get_kind_display(),
            children=diagram_nodes(node.children, current),
            current=current is not None and node.organisation.pk == current.pk,
        )
        for node in nodes
    )


def structure_diagram(nodes: Sequence, *, title: str, chart_id: str, current=None) -> SafeString:
    """The tree of ``nodes`` as accessible SVG, every organisation named with its kind and parent."""
    return tree_diagram(
        diagram_nodes(nodes, current),
        title=title,
        description="Each organisation is drawn under the one it is part of.",
        chart_id=chart_id,
    )

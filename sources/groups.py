"""The editorial groups: who may add, rank and delete sources and claims.

* **Contributor**: may add and change sources and claims, but not delete them and not rank a
  claim (mark it preferred or deprecated, which decides a dispute).
* **Editor**: a contributor who may also rank claims and delete sources and claims.

The groups are kept in step with this module after every ``migrate`` (``post_migrate``), so a
new database has them and a changed definition reaches an existing one; members are added in
the admin (Authentication and Authorization, then Groups). Each member also needs ``is_staff`` to
sign in.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS

from sources.models import RANK_PERMISSION_CODENAME

CONTRIBUTOR = "Contributor"
EDITOR = "Editor"

_CONTRIBUTOR_CODENAMES = (
    "view_source",
    "add_source",
    "change_source",
    "view_citation",
    "add_citation",
    "change_citation",
)
GROUP_PERMISSIONS: dict[str, tuple[str, ...]] = {
    CONTRIBUTOR: _CONTRIBUTOR_CODENAMES,
    EDITOR: (*_CONTRIBUTOR_CODENAMES, "delete_source", "delete_citation", RANK_PERMISSION_CODENAME),
}


def ensure_editorial_groups(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Create the groups if missing and give each exactly its permissions (a few queries; idempotent)."""
    from django.contrib.auth.models import Group, Permission

    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = Permission.objects.using(using).filter(content_type__app_label="sources", codename__in=codenames)
        group.permissions.set(permissions)

"""Who may write through the API: an active staff member holding the model permission.

Reads are open to everyone. A write needs both what the admin needs (an active staff account,
``is_staff``) and the model permission (``add_``, ``change_``, ``delete_``), checked on every
request: a colleague who is no longer staff, or whose account is deactivated, keeps no
write access through a session or an API token made while they were staff.
"""

from __future__ import annotations

from rest_framework import permissions


class StaffModelPermissionsOrAnonReadOnly(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """``DjangoModelPermissionsOrAnonReadOnly``, whose writes also need ``is_staff`` and ``is_active``.

    No query beyond the model permission check (the user is already loaded). Anonymous
    writers get 401 (DRF's challenge), signed-in users who are not staff 403.
    """

    message = "Writing needs an active staff account holding the model permission."

    def has_permission(self, request, view) -> bool:
        if request.method not in permissions.SAFE_METHODS:
            user = request.user
            if not (user and user.is_authenticated and user.is_active and user.is_staff):
                return False
        return super().has_permission(request, view)

"""API sign-in: a staff member exchanges a username and password for their API token.

The password check goes through ``authenticate(request=...)``, so django-axes counts each
failure and refuses a locked username at that address. DRF wraps Django's request, so axes
marks the wrapper, not the request its middleware sees; this view turns that mark into a
JSON 429 itself. Tokens are revoked by deleting them in the admin (Auth Token > Tokens).
"""

from __future__ import annotations

import math

from axes.conf import settings
from axes.helpers import get_cool_off
from axes.utils import reset
from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.api.parsers import DepthLimitedJSONParser
from core.api.schema import CatalogueAutoSchema
from core.security import lockout_message


class SignInLockedOut(APIException):
    """429: the username is locked at this address; ``wait`` becomes the ``Retry-After`` header."""

    status_code = 429
    default_code = "locked_out"

    def __init__(self, detail: str, wait: int | None):
        super().__init__(detail)
        self.wait = wait


class StaffTokenSerializer(AuthTokenSerializer):
    """DRF's username and password, the username no longer than an account's can be.

    A longer one names no account, and refusing it before ``authenticate`` keeps it out of
    axes' 255-character column (on PostgreSQL such an insert was a 500).
    """

    username = serializers.CharField(
        label="Username",
        write_only=True,
        max_length=get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length,
    )


class StaffTokenView(ObtainAuthToken):
    """``POST username, password`` → ``{"token": ...}``, the staff member's token (made on first use).

    Four queries on success with nothing to forget: axes' count of failures, the user, the
    failures to reset, the token (one more to create it). A failure costs axes' bookkeeping.
    """

    # Credentials come in the body: no session (so no CSRF check) and no token to sign in with.
    authentication_classes = ()
    # ObtainAuthToken switches throttling off; the anonymous rate also caps guessing across usernames.
    throttle_classes = api_settings.DEFAULT_THROTTLE_CLASSES
    parser_classes = (FormParser, MultiPartParser, DepthLimitedJSONParser)
    serializer_class = StaffTokenSerializer
    schema = CatalogueAutoSchema()
    error_descriptions = {
        "400": "The username and password do not match an active account (``non_field_errors``), or a "
        "field is missing or malformed (the field is named). The schema cannot tell which accounts "
        "exist, so a well-formed body can get this answer.",
    }

    @extend_schema(
        summary="Get your API token",
        description="Staff accounts only. Send the token as `Authorization: Token <key>`. After "
        "five failed attempts for a username from one address, signing in with it from there is "
        "refused (429) until the cool-off passes.",
        request=StaffTokenSerializer,
        responses={200: inline_serializer("APIToken", {"token": serializers.CharField()})},
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            if getattr(request, "axes_locked_out", False):
                cool_off = get_cool_off(request)
                wait = math.ceil(cool_off.total_seconds()) if cool_off else None
                raise SignInLockedOut(lockout_message(cool_off), wait)
            raise ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        if not user.is_staff:
            raise PermissionDenied("Only staff accounts may hold an API token.")
        # A successful sign-in forgets this address's failures for the username, as a session
        # sign-in does through axes' user_logged_in handler (which this view does not send: it
        # would open a session for a client that uses a token).
        ip_address = getattr(request, "axes_ip_address", None)
        if settings.AXES_ENABLED and settings.AXES_RESET_ON_SUCCESS and ip_address:
            reset(ip=ip_address, username=user.get_username())
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})

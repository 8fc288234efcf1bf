"""OpenAPI details drf-spectacular cannot infer: links, error answers, expansions and formats.

Every operation documents the error answers the API really gives (400 with a JSON body
naming the field, 403, 404, 409 for a delete others depend on, 429 with ``Retry-After``),
so clients and schemathesis can rely on the schema for failures as well as successes.
Reads and writes of one record document their ``ETag`` and ``If-Match`` headers and the 412
answer to a stale ``If-Match`` (see :mod:`core.api.versioning`).
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import permissions, serializers

from core.api.versioning import IF_MATCH_PATTERN

_ERROR_BODY = {
    "type": "object",
    "additionalProperties": True,
    "description": "What went wrong: ``detail`` for the request as a whole, otherwise the name of "
    "each offending field or parameter with a list of reasons.",
}

_ERRORS = {
    "400": "Invalid input: a filter, ordering, page size or expansion was refused; the body names "
    "each parameter and the reason. A well-formed slug that names no record (``?organisation=xyz``) "
    "is refused too, so a mistyped slug is never taken for an empty list.",
    "401": "The ``Authorization`` token is unknown or revoked, or a write was sent without credentials.",
    "403": "Signed in, but not as an active staff account holding the model permission for this write.",
    "413": "The body is too large, or has too many form fields.",
    "404": "No record with that slug or id, or no such page.",
    "405": "This method is not offered here.",
    "406": "None of the accepted formats can be produced.",
    "409": "The record is referred to by others (listed in ``referenced_by``); remove or re-point them first.",
    "412": "The record has changed since the version named in ``If-Match``; nothing was written. "
    "``current_version`` (and the ``ETag`` header) name the current version.",
    "415": "The body's content type is not JSON, a form or multipart.",
    "429": "Too many anonymous requests; retry after the number of seconds in ``Retry-After``.",
}


# What a 400 means depends on what the request carries: parameters (above), a body, or only a header.
_BAD_BODY = (
    "Invalid input: the body names each refused field and the reason. A body of the right shape can "
    'still be refused: a related record\'s slug that names no record (``"parent": "xyz"``), a slug '
    "already taken, a rule across fields (years given for a one-off amount), text holding a control "
    "character. A malformed ``If-Match`` is refused too."
)
_BAD_DELETE = "A malformed ``If-Match``: ``*`` or quoted entity tags only."


_PRECONDITION_FAILED_BODY = {
    "type": "object",
    "required": ["detail", "current_version"],
    "properties": {
        "detail": {"type": "string", "description": "When and by whom the record was last saved."},
        "current_version": {"type": "string", "description": "The record's current ETag."},
    },
}

# "*" or a comma-separated list of entity tags (RFC 9110), which is what core.api.versioning parses.

# What core.validators.reject_control_characters refuses in stored text, as a JSON Schema pattern.
NO_CONTROL_CHARACTERS = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"

_ETAG_DESCRIPTION = (
    'The record\'s version, e.g. ``"programme-12-345"``; send it back in ``If-Match`` to write '
    "only if nobody has changed the record since."
)


class LinkSerializer(serializers.Serializer):
    """A related record by slug, with its name and API URL."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.URLField()


class IdLinkSerializer(serializers.Serializer):
    """A related record by id (funding awards have no slug), with its name and API URL."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.URLField()


class LinkFieldExtension(OpenApiSerializerFieldExtension):
    """``LinkField``: a slug (or id) in requests, a :class:`LinkSerializer` object in responses."""

    target_class = "core.api.serializers.LinkField"

    def map_serializer_field(self, auto_schema, direction):
        by_id = self.target.lookup_field == "pk"
        if direction == "request":
            if by_id:
                return {**build_basic_type(OpenApiTypes.INT), "minimum": 1, "description": "Id of the record."}
            return {
                **build_basic_type(OpenApiTypes.STR),
                "pattern": r"^[-a-zA-Z0-9_]+$",
                "maxLength": 120,
                "description": "Slug of the record.",
            }
        component = auto_schema.resolve_serializer(IdLinkSerializer if by_id else LinkSerializer, direction)
        return component.ref


class CatalogueAutoSchema(AutoSchema):
    """Adds the ``expand`` and ``format`` parameters of lists and every error answer."""

    def get_auth(self):
        auths = super().get_auth()
        anonymous_reads = any(
            isinstance(permission, permissions.DjangoModelPermissionsOrAnonReadOnly)
            for permission in self.view.get_permissions()
        )
        if anonymous_reads and self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})  # anyone may read
        return auths

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        view = self.view
        if self._is_list_view() and self.method == "GET" and getattr(view, "action", None) == "list":
            expansions = view.expansion_names()
            if expansions:
                parameters.append(
                    OpenApiParameter(
                        "expand",
                        str,
                        many=True,
                        explode=False,
                        # "" too: an empty name is ignored (``?expand=`` cannot tell [] from [""]).
                        enum=[*expansions, ""],
                        description="Comma-separated extra parts to include in each row: "
                        + ", ".join(expansions)
                        + ". Empty names are ignored.",
                    )
                )
        action = getattr(view, "action", None)
        if action in {"retrieve", "update", "partial_update"}:
            parameters.append(
                OpenApiParameter("ETag", str, OpenApiParameter.HEADER, response=["200"], description=_ETAG_DESCRIPTION)
            )
        if action in {"update", "partial_update", "destroy"}:
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    {"type": "string", "pattern": IF_MATCH_PATTERN},
                    OpenApiParameter.HEADER,
                    description="The ETag of the version this write is based on: if the record has "
                    "changed since, nothing is written and the answer is 412. Without it the write "
                    'goes ahead whatever the current version. ``*`` or quoted tags (``"..."``, '
                    '``W/"..."``), comma-separated; anything else, empty included, is a 400.',
                )
            )
        if self.method == "GET" and any(renderer.format == "csv" for renderer in view.get_renderers()):
            parameters.append(
                OpenApiParameter(
                    "format",
                    str,
                    enum=["json", "csv", "json-download"],
                    description="csv: the same data as CSV, nested values flattened into dotted columns; "
                    "json-download: a whole list as one page of JSON, to save as a file (both export a list "
                    "whole, not paginated).",
                )
            )
        return parameters

    def _get_filter_parameters(self):
        """django-filter's parameters, with the bounds the FilterSet's form fields enforce.

        Without them a client (or schemathesis) cannot tell that ``year=0`` will be refused.
        """
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is None:
            return parameters
        form_fields = filterset_class().form.fields
        for parameter in parameters:
            field = form_fields.get(parameter.get("name"))
            schema = parameter.get("schema", {})
            # As on the website's forms, an empty choice means "any" (?period= filters nothing)
            # and an empty ordering the default order.
            for choices in (schema, schema.get("items", {})):
                if "enum" in choices and "" not in choices["enum"]:
                    choices["enum"] = [*choices["enum"], ""]
            if field is None or schema.get("type") not in {"integer", "number", "string"}:
                continue
            if getattr(field, "min_value", None) is not None:
                schema["minimum"] = field.min_value
            if getattr(field, "max_value", None) is not None:
                schema["maximum"] = field.max_value
            if schema["type"] == "string" and getattr(field, "max_length", None) is not None and "enum" not in schema:
                schema["maxLength"] = field.max_length
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404", "406", "429"]  # 404 too for an unknown ?format=
        if self.method in {"POST", "PUT", "PATCH"}:
            codes += ["413", "415"]
        if self.method == "DELETE":
            codes.append("409")
        if getattr(self.view, "action", None) in {"update", "partial_update", "destroy"}:
            codes.append("412")
        for code in codes:
            if code in responses:
                continue
            response = {
                "description": self._error_description(code),
                "content": {
                    "application/json": {"schema": _PRECONDITION_FAILED_BODY if code == "412" else _ERROR_BODY}
                },
            }
            if code == "412":
                response["headers"] = {"ETag": {"schema": {"type": "string"}, "description": _ETAG_DESCRIPTION}}
            if code == "429":
                response["headers"] = {
                    "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
                }
            responses[code] = response
        return responses

    def _error_description(self, code: str) -> str:
        """What the answer ``code`` means for this operation; a view may say it in its own words.

        A view's ``error_descriptions`` (``{"400": "..."}``) wins, e.g. the token endpoint's 400
        for a wrong username or password.
        """
        own = getattr(self.view, "error_descriptions", {})
        if code in own:
            return own[code]
        if code == "400" and self.method in {"POST", "PUT", "PATCH"}:
            return _BAD_BODY
        if code == "400" and self.method == "DELETE":
            return _BAD_DELETE
        return _ERRORS[code]


def document_text_rules(result, generator, request, public):
    """``POSTPROCESSING_HOOKS``: request bodies' free text refuses control characters, as the API does.

    Adds :data:`NO_CONTROL_CHARACTERS` as the ``pattern`` of each plain string property of a
    request component (not enums, formats or properties with a pattern of their own).
    """
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Request"):
            continue
        for prop in component.get("properties", {}).values():
            if prop.get("type") == "string" and not {"enum", "format", "pattern"} & prop.keys():
                prop["pattern"] = NO_CONTROL_CHARACTERS
    return result

"""The OpenAPI document, adjusted to what the server really answers.

FastAPI documents a 422 for validation errors, but this API answers 400 with
``{"error": ...}``; and the enum-like parameters are plain strings in the code
but closed lists in the store, so their accepted values are written into the
schema (the docs page then offers them, and fuzzers try them).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from crossroads.web.vocab import Vocabulary

_ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}


def build_openapi(app: FastAPI, vocab: Vocabulary) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            responses.setdefault(
                "400",
                {"description": "Invalid parameter", "content": {"application/json": {"schema": _ERROR_REF}}},
            )
            for param in operation.get("parameters", []):
                accepted = vocab.enum_for(param["name"])
                if accepted is None:
                    continue
                target = param["schema"]
                for option in target.get("anyOf", [target]):
                    if option.get("type") == "string":
                        option["enum"] = list(accepted)
                        option.pop("maxLength", None)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    app.openapi_schema = schema
    return schema

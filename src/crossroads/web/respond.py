"""Turn query results (DataFrames, dataclasses, dicts) into JSON responses.

One encoder for every endpoint, so NaN always becomes null, arrays become lists
and dates become ISO strings the same way in every answer (and in the analyses
added later).
"""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import date, datetime
from typing import Any

import pandas as pd
from fastapi import Response

from crossroads.store.export import records


def to_jsonable(value: Any) -> Any:
    """A plain JSON-ready value: frames become lists of records, NaN becomes None."""
    if isinstance(value, pd.DataFrame):
        return [to_jsonable(row) for row in records(value)]
    if isinstance(value, pd.Series):
        return to_jsonable(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return to_jsonable(value.tolist())
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def json_bytes(payload: Any) -> bytes:
    return json.dumps(to_jsonable(payload), ensure_ascii=False, allow_nan=False, default=str).encode()


def json_response(payload: Any, status: int = 200) -> Response:
    """A JSON response built without FastAPI's per-field validation (the models only document)."""
    return Response(json_bytes(payload), status_code=status, media_type="application/json")

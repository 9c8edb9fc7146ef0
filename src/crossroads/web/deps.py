"""Request dependencies shared by every router: the store pool and the vocabularies.

Both are ``async`` on purpose: FastAPI runs sync dependencies on a worker thread
that may differ from the handler's, so handlers call ``pool.get()`` themselves to
use the store opened for their own thread.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import QueryParams

from crossroads.web.errors import ApiError
from crossroads.web.models import ErrorBody
from crossroads.web.stores import StorePool
from crossroads.web.vocab import Vocabulary


async def get_pool(request: Request) -> StorePool:
    pool: StorePool = request.app.state.pool
    return pool


async def get_vocab(request: Request) -> Vocabulary:
    vocab: Vocabulary = request.app.state.vocab
    return vocab


INTEGER_PARAMS = frozenset({"limit", "offset", "boot", "seed"})
BOOLEAN_PARAMS = frozenset({"kashmir"})
_DIGITS = re.compile(r"^\d+$")


async def strict_query(request: Request) -> None:
    """The dependency form of ``check_strict``."""
    check_strict(request.query_params)


def check_strict(params: QueryParams) -> None:
    """Refuse what the OpenAPI document forbids but lenient parsing would let through.

    Each parameter may appear once; integers are written as digits (not ``+0.0``);
    booleans as true/false (or 1/0). Without this, ``seed=+0.0`` or a repeated
    ``seed`` would be answered as if they were valid.
    """
    for name in set(params.keys()):
        values = params.getlist(name)
        if len(values) > 1:
            raise ApiError(400, f"{name} is given {len(values)} times; give it once")
        value = values[0]
        if name in INTEGER_PARAMS and not _DIGITS.match(value):
            raise ApiError(400, f"{name}={value[:40]!r} is not a whole number; write it with digits only, e.g. 0")
        if name in BOOLEAN_PARAMS and value.lower() not in {"true", "false", "1", "0"}:
            raise ApiError(400, f"{name}={value[:40]!r} is not a boolean; use true or false")


PoolDep = Annotated[StorePool, Depends(get_pool)]
VocabDep = Annotated[Vocabulary, Depends(get_vocab)]

ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {
        "model": ErrorBody,
        "description": "A parameter is invalid; the message names the accepted values.",
    },
    500: {"model": ErrorBody, "description": "Unexpected server error (details only in the server log)."},
}

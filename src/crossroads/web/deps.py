"""Request dependencies shared by every router: the store pool and the vocabularies.

Both are ``async`` on purpose: FastAPI runs sync dependencies on a worker thread
that may differ from the handler's, so handlers call ``pool.get()`` themselves to
use the store opened for their own thread.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from crossroads.web.models import ErrorBody
from crossroads.web.stores import StorePool
from crossroads.web.vocab import Vocabulary


async def get_pool(request: Request) -> StorePool:
    pool: StorePool = request.app.state.pool
    return pool


async def get_vocab(request: Request) -> Vocabulary:
    vocab: Vocabulary = request.app.state.vocab
    return vocab


PoolDep = Annotated[StorePool, Depends(get_pool)]
VocabDep = Annotated[Vocabulary, Depends(get_vocab)]

ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {
        "model": ErrorBody,
        "description": "A parameter is invalid; the message names the accepted values.",
    },
    500: {"model": ErrorBody, "description": "Unexpected server error (details only in the server log)."},
}

"""Arrow arrays and scalars made from NumPy arrays or Python strings, and read back, through their buffers.

pyarrow imports pandas, when it is installed, the first time it converts a Python or NumPy
value itself (``pa.array``, ``pa.scalar``, ``Array.to_numpy``, a Python constant handed to a
compute function). An ingest never needs pandas, and that import cost every run 0.15-0.19
CPU-s and 33 MiB (measured). Built from buffers, the same arrays cost nothing more; only
flat arrays of fixed-width values, booleans and strings are needed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]

_NUMPY = {pa.int32(): np.int32, pa.int64(): np.int64, pa.float64(): np.float64, pa.date32(): np.int32}
"""The NumPy type whose values are the Arrow type's (a date32 is days since 1970 as int32)."""


def _validity(valid: npt.NDArray[np.bool_] | None) -> tuple[Any, int]:
    """The validity bitmap (None when nothing is NULL) and the number of NULLs."""
    if valid is None or valid.all():
        return None, 0
    return pa.py_buffer(np.packbits(valid, bitorder="little")), int(valid.size - np.count_nonzero(valid))


def numbers(values: npt.NDArray[Any], kind: pa.DataType, valid: npt.NDArray[np.bool_] | None = None) -> pa.Array:
    """A NumPy array as an Arrow array of ``kind`` (int32, int64, float64 or date32), NULL where ``valid``
    is False."""
    data = np.ascontiguousarray(values, dtype=_NUMPY[kind])
    validity, nulls = _validity(valid)
    return pa.Array.from_buffers(kind, len(data), [validity, pa.py_buffer(data)], null_count=nulls)


def booleans(values: npt.NDArray[np.bool_]) -> pa.Array:
    """A NumPy boolean array as an Arrow boolean array."""
    bits = pa.py_buffer(np.packbits(values, bitorder="little"))
    return pa.Array.from_buffers(pa.bool_(), len(values), [None, bits], null_count=0)


def strings(values: Sequence[str | None]) -> pa.Array:
    """Python strings (None: NULL) as an Arrow string array."""
    encoded = [b"" if v is None else v.encode("utf-8") for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, encoded), np.int64, len(encoded)), out=offsets[1:])
    if offsets[-1] >= 2**31:
        raise ValueError("more than 2 GiB of strings in one array")
    validity, nulls = _validity(np.fromiter((v is not None for v in values), bool, len(values)))
    buffers = [validity, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(pa.string(), len(encoded), buffers, null_count=nulls)


def string_scalar(value: str | None) -> pa.Scalar:
    """A string (None: a NULL string) as an Arrow scalar, for a compute function."""
    return strings([value])[0]


def number_scalar(value: float, kind: pa.DataType) -> pa.Scalar:
    """A number as an Arrow scalar of ``kind``, for a compute function."""
    return numbers(np.array([value]), kind)[0]


def to_numpy(array: pa.Array) -> npt.NDArray[Any]:
    """The values of a flat array without NULLs: booleans as a new, writable ``bool`` array; the types of
    ``numbers`` as their NumPy type (a read-only view of the Arrow buffer)."""
    if array.null_count:
        raise ValueError("an array with NULLs has no NumPy values here")
    n, offset = len(array), array.offset
    if pa.types.is_boolean(array.type):
        if not n:
            return np.zeros(0, dtype=bool)
        bits = np.frombuffer(array.buffers()[1], dtype=np.uint8)
        return np.unpackbits(bits, count=offset + n, bitorder="little")[offset:].astype(bool)
    dtype = _NUMPY[array.type]
    if not n:
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(array.buffers()[1], dtype=dtype, count=offset + n)[offset:]

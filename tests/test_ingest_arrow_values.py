"""Arrow values built from buffers (ingest/arrow_values.py) equal pyarrow's own conversions, and a GDELT
ingest on the Arrow path never imports pandas."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from crossroads.ingest.arrow_values import booleans, number_scalar, numbers, string_scalar, strings, to_numpy

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"
SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (np.array([3, -1, 2**31 - 1], dtype=np.int64), pa.int32()),
        (np.array([0, 2**40, -(2**40)], dtype=np.int64), pa.int64()),
        (np.array([0.5, -10.0, 1e300]), pa.float64()),
        (np.array([0, 19_000, -25_000]), pa.date32()),
    ],
)
def test_numbers_with_and_without_nulls_equal_pyarrows_conversion(values: np.ndarray, kind: pa.DataType) -> None:
    valid = np.array([True, False, True])
    plain = pa.array(values.tolist(), pa.int32() if kind == pa.date32() else kind).cast(kind)
    assert numbers(values, kind).equals(plain)
    expected = pa.array([v if ok else None for v, ok in zip(plain.to_pylist(), valid, strict=True)], kind)
    built = numbers(values, kind, valid)
    assert built.equals(expected)
    assert built.null_count == 1


def test_strings_keep_nulls_empty_strings_and_non_ascii_text() -> None:
    values = ["PAK", None, "", "Côte d'Ivoire", "北京"]
    built = strings(values)
    assert built.equals(pa.array(values, pa.string()))
    assert built.to_pylist() == values
    assert strings([]).equals(pa.array([], pa.string()))


def test_scalars_compare_like_python_constants() -> None:
    column = pa.array(["", "0", None, "x"], pa.string())
    assert string_scalar("").equals(pa.scalar("", pa.string()))
    assert not string_scalar(None).is_valid
    assert number_scalar(-10.0, pa.float64()).as_py() == -10.0
    assert number_scalar(8, pa.int32()).equals(pa.scalar(8, pa.int32()))
    assert column.to_pylist()[0] == string_scalar("").as_py()


def test_booleans_and_back_through_numpy_including_a_slice() -> None:
    flags = np.array([True, False, True, True, False, False, True, False, True, True, False])
    built = booleans(flags)
    assert built.equals(pa.array(flags))
    assert np.array_equal(to_numpy(built), flags)
    assert np.array_equal(to_numpy(built.slice(3, 6)), flags[3:9])  # an offset inside a byte
    ints = numbers(np.arange(20), pa.int64())
    assert np.array_equal(to_numpy(ints.slice(5, 7)), np.arange(5, 12))
    assert to_numpy(booleans(np.zeros(0, dtype=bool))).size == 0
    with pytest.raises(ValueError, match="NULL"):
        to_numpy(numbers(np.arange(3), pa.int64(), np.array([True, False, True])))


def test_a_gdelt_ingest_on_the_arrow_path_never_imports_pandas(tmp_path: Path) -> None:
    # pandas costs every run 0.15-0.19 CPU-s and 33 MiB when pyarrow imports it for a conversion
    source, db = str(FIX / "gdelt2_synth.export.CSV"), str(tmp_path / "s.ingest.duckdb")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from crossroads.ingest.load import ingest\n"
        f"s = ingest([Path({source!r})], db=Path({db!r}))\n"
        "assert s.rows_loaded == 300, s\n"
        "print('pandas' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"

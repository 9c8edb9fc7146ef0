"""The GDELT checks and harmonisation as Arrow compute over a whole block: the rows that surely pass.

This is the fast lane of :mod:`crossroads.ingest.fast`. It accepts a row only when every
check of the line reader (:class:`crossroads.ingest.gdelt.GdeltReader`) surely passes,
and produces for it exactly the values the line reader would: look-ups are hash
look-ups in C++ (``index_in``), dates are checked and converted by integer arithmetic
over the column, numbers are cast by Arrow (whose accepted spellings Python's ``float``
also accepts, with the same value). Every other row is only *suspect*: the
SQL checks then decide it (loaded, or quarantined with its reason and detail), so the
reasons never depend on this lane. Keeping the lane strict is what makes it safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from crossroads.ingest.arrow_values import booleans, number_scalar, numbers, string_scalar, strings, to_numpy
from crossroads.ingest.harmonise import CAMEO_REGIONS, cameo_codebook, country_map
from crossroads.ingest.rows import FIRST_YEAR, LAST_YEAR

GOOD_COLUMNS = (
    "event_id", "date", "year", "source_actor", "source_country", "target_actor", "target_country", "cameo",
    "cameo_root", "quad_class", "goldstein", "tone", "mentions", "action_country", "plover", "line",
)  # fmt: skip
"""The columns of a checked block, in ``ingested_events`` order (id, origin and the file are added in SQL)."""


@dataclass(frozen=True)
class _Lookups:
    codes: pa.Array
    roots: pa.Array
    quads: pa.Array
    plovers: pa.Array
    countries: pa.Array
    """CAMEO country and region codes; ``country_iso`` is aligned (NULL for a region)."""
    country_iso: pa.Array
    fips: pa.Array
    fips_iso: pa.Array


@cache
def _lookups() -> _Lookups:
    book, cm = cameo_codebook(), country_map()
    countries = list(cm.by_cameo) + sorted(CAMEO_REGIONS - set(cm.by_cameo))
    return _Lookups(
        codes=strings(list(book)),
        roots=strings([c.root for c in book.values()]),
        quads=numbers(np.array([c.quad_class for c in book.values()]), pa.int32()),
        plovers=strings([c.plover for c in book.values()]),
        countries=strings(countries),
        country_iso=strings([cm.by_cameo.get(c) for c in countries]),
        fips=strings(list(cm.by_fips)),
        fips_iso=strings(list(cm.by_fips.values())),
    )


_EMPTY, _ZERO, _NULL = string_scalar(""), string_scalar("0"), string_scalar(None)
_FALSE = booleans(np.zeros(1, dtype=bool))[0]
_EIGHT = number_scalar(8, pa.int32())
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _dates(text: pa.Array) -> tuple[pa.Array, pa.Array]:
    """GDELT SQLDATEs (``YYYYMMDD``) as dates and years, NULL where the line reader would refuse the date
    (not 8 ASCII digits, a year outside the range, not a calendar day): integer arithmetic over the
    whole column, no string parsing per row."""
    digits = pc.and_(pc.equal(pc.binary_length(text), _EIGHT), pc.ascii_is_decimal(text))
    number = to_numpy(pc.cast(pc.if_else(digits, text, _ZERO), pa.int64()))
    year, rest = np.divmod(number, 10_000)
    month, day = np.divmod(rest, 100)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last = _MONTH_DAYS[np.clip(month, 0, 12)] + (leap & (month == 2))
    valid = to_numpy(digits)
    valid &= (year >= FIRST_YEAR) & (year <= LAST_YEAR) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= last)
    # days since 1970-01-01 (H. Hinnant's days_from_civil), for valid dates only
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    epoch_days = era * 146_097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719_468
    return (
        numbers(np.where(valid, epoch_days, 0), pa.date32(), valid),
        numbers(year, pa.int32(), valid),
    )


def _nullif_empty(col: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(col, _EMPTY), _NULL, col)


def _number(col: pa.Array, kind: pa.DataType, limit: float) -> tuple[pa.Array, pa.Array]:
    """The values (NULL for an empty cell) and whether each cell surely passes (empty, or within ±limit)."""
    values = pc.cast(_nullif_empty(col), kind)  # raises on text Arrow cannot read: the block goes to SQL
    low, high = number_scalar(-limit, kind), number_scalar(limit, kind)
    inside = pc.and_(pc.greater_equal(values, low), pc.less_equal(values, high))  # NaN is outside
    return values, pc.or_kleene(pc.equal(col, _EMPTY), inside)


def check_block(table: pa.Table, ix: dict[str, str], lines: pa.Array) -> tuple[pa.Table, pa.Array] | None:
    """The rows of a block of GDELT strings (columns named by ``ix``) that surely pass every check,
    harmonised, and the mask of those rows; None when a number column holds text Arrow cannot cast
    (then every row of the block is suspect)."""
    k = _lookups()

    def col(name: str) -> pa.Array:
        return table.column(ix[name]).combine_chunks()

    eid, code, mentions = col("GLOBALEVENTID"), col("EventCode"), col("NumMentions")
    a1, a2 = col("Actor1CountryCode"), col("Actor2CountryCode")
    date, year = _dates(col("SQLDATE"))
    at = pc.index_in(code, value_set=k.codes)
    at1, at2 = pc.index_in(a1, value_set=k.countries), pc.index_in(a2, value_set=k.countries)
    digits = pc.ascii_is_decimal(mentions)
    try:
        goldstein, g_ok = _number(col("GoldsteinScale"), pa.float64(), 10.0)
        tone, t_ok = _number(col("AvgTone"), pa.float64(), 100.0)
        counts = pc.cast(pc.if_else(digits, mentions, _NULL), pa.int32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    ok = pc.and_kleene(pc.ascii_is_decimal(eid), pc.is_valid(date))
    for cond in (
        pc.is_valid(at),
        pc.or_kleene(pc.equal(mentions, _EMPTY), digits),
        pc.or_kleene(pc.equal(a1, _EMPTY), pc.is_valid(at1)),
        pc.or_kleene(pc.equal(a2, _EMPTY), pc.is_valid(at2)),
        g_ok,
        t_ok,
    ):
        ok = pc.and_kleene(ok, cond)
    ok = pc.fill_null(ok, _FALSE)
    good = pa.table(
        [
            eid, date, year, _nullif_empty(col("Actor1Code")), pc.take(k.country_iso, at1),
            _nullif_empty(col("Actor2Code")), pc.take(k.country_iso, at2), code, pc.take(k.roots, at),
            pc.take(k.quads, at), goldstein, tone, counts,
            pc.take(k.fips_iso, pc.index_in(col("ActionGeo_CountryCode"), value_set=k.fips)),
            pc.take(k.plovers, at), lines,
        ],
        names=list(GOOD_COLUMNS),
    )  # fmt: skip
    return good, ok

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
        codes=pa.array(list(book), pa.string()),
        roots=pa.array([c.root for c in book.values()], pa.string()),
        quads=pa.array([c.quad_class for c in book.values()], pa.int32()),
        plovers=pa.array([c.plover for c in book.values()], pa.string()),
        countries=pa.array(countries, pa.string()),
        country_iso=pa.array([cm.by_cameo.get(c) for c in countries], pa.string()),
        fips=pa.array(list(cm.by_fips), pa.string()),
        fips_iso=pa.array(list(cm.by_fips.values()), pa.string()),
    )


_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _dates(text: pa.Array) -> tuple[pa.Array, pa.Array]:
    """GDELT SQLDATEs (``YYYYMMDD``) as dates and years, NULL where the line reader would refuse the date
    (not 8 ASCII digits, a year outside the range, not a calendar day): integer arithmetic over the
    whole column, no string parsing per row."""
    digits = pc.and_(pc.equal(pc.binary_length(text), 8), pc.ascii_is_decimal(text))
    number = pc.cast(pc.if_else(digits, text, "0"), pa.int64()).to_numpy()
    year, rest = np.divmod(number, 10_000)
    month, day = np.divmod(rest, 100)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last = _MONTH_DAYS[np.clip(month, 0, 12)] + (leap & (month == 2))
    valid = digits.to_numpy(zero_copy_only=False)
    valid &= (year >= FIRST_YEAR) & (year <= LAST_YEAR) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= last)
    # days since 1970-01-01 (H. Hinnant's days_from_civil), for valid dates only
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    epoch_days = era * 146_097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719_468
    invalid = ~valid
    return (
        pa.array(np.where(valid, epoch_days, 0).astype(np.int32), pa.date32(), mask=invalid),
        pa.array(year.astype(np.int32), pa.int32(), mask=invalid),
    )


def _nullif_empty(col: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(col, ""), pa.scalar(None, pa.string()), col)


def _number(col: pa.Array, kind: pa.DataType, limit: float) -> tuple[pa.Array, pa.Array]:
    """The values (NULL for an empty cell) and whether each cell surely passes (empty, or within ±limit)."""
    values = pc.cast(_nullif_empty(col), kind)  # raises on text Arrow cannot read: the block goes to SQL
    inside = pc.and_(pc.greater_equal(values, -limit), pc.less_equal(values, limit))  # NaN is outside
    return values, pc.or_kleene(pc.equal(col, ""), inside)


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
        counts = pc.cast(pc.if_else(digits, mentions, pa.scalar(None, pa.string())), pa.int32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    ok = pc.and_kleene(pc.ascii_is_decimal(eid), pc.is_valid(date))
    for cond in (
        pc.is_valid(at),
        pc.or_kleene(pc.equal(mentions, ""), digits),
        pc.or_kleene(pc.equal(a1, ""), pc.is_valid(at1)),
        pc.or_kleene(pc.equal(a2, ""), pc.is_valid(at2)),
        g_ok,
        t_ok,
    ):
        ok = pc.and_kleene(ok, cond)
    ok = pc.fill_null(ok, False)
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

"""Recipe: US aid obligations to every recipient by fiscal year (USAID Foreign Aid Explorer).

Transaction type 2 (Obligations), current and constant dollars as published
(constant = FY2024 dollars: the file's FY2024 current and constant amounts are
equal). The 1976 transition quarter (``1976tq``, July-September 1976, when the
fiscal year start moved from July to October) is added to FY1976, as the
Greenbook does, so the series has one row per fiscal year; the amounts added
are listed in the provenance. Recipient codes are kept as published: ISO3 for
countries, USAID region codes (e.g. ``SAN``, ``ASN``) and ``WLD`` (aid not
specific to a country, *not* a world total) for the rest, ``CS-KM`` for
Kosovo before its own code. The file has no zero rows: a recipient-year it does
not list is left missing, never 0. No economic/military split here (see
``aid_pakistan``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crossroads.recipes.provenance import Provenance
from crossroads.recipes.tables import long_form, write_series

RAW = Path("usaid_foreign_aid_explorer/us_foreign_aid_country.csv")
SOURCE = "usaid-foreign-aid-explorer"
CITATION = (
    "U.S. Agency for International Development and U.S. Department of State. Foreign Aid Explorer / "
    "ForeignAssistance.gov, us_foreign_aid_country.csv (country summary). U.S. federal government data."
)


def obligations(raw: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Obligations by recipient and fiscal year (transition quarter folded into FY1976), and the TQ rows."""
    frame = pd.read_csv(raw / RAW, usecols=range(11), dtype=str)  # the header has 3 stray empty columns
    frame = frame[(frame["Transaction Type ID"] == "2") & frame["Country Code"].notna()]
    frame = frame.rename(columns={"Country Code": "target_actor", "Fiscal Year": "fy"})
    for col in ("current_amount", "constant_amount"):
        frame[col] = frame[col].astype(float)
    tq = frame[frame["fy"] == "1976tq"]
    frame["year"] = frame["fy"].str.removesuffix("tq").astype(int)
    summed = frame.groupby(["target_actor", "year"], as_index=False)[["current_amount", "constant_amount"]].sum()
    summed["source_actor"] = "USA"
    return summed, tq


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``series/us_aid.csv``."""
    summed, tq = obligations(raw)
    tq_text = ", ".join(
        f"{r.target_actor} {r.current_amount:,.0f} (constant {r.constant_amount:,.0f})" for r in tq.itertuples()
    )
    prov = Provenance(
        table="us_aid",
        source="USAID Foreign Aid Explorer country summary, transaction type 2 (Obligations)",
        citation=CITATION,
        version="ltadikonda2007/Personal-data-set-project commit 6aaa8012 (2025-12-05); FY1946-FY2025, "
        "FY2025 partial; constant dollars = FY2024 dollars",
        transformation="Rows of transaction type 2 (Obligations); first 11 columns (the header has three "
        "stray empty columns); fiscal year '1976tq' (transition quarter, Jul-Sep 1976) added to FY1976 for "
        f"{len(tq)} recipients (USD current, constant in brackets: {tq_text}). "
        "USA -> recipient, directed. Amounts as published "
        "in dollars. The file lists no zero rows: recipient-years not listed are absent (missing), never 0. "
        "Recipient codes as published (ISO3, USAID region codes, WLD = not country-specific, not a world "
        "total). FY2025 is partial in this vintage.",
        terms="U.S. federal government data; no licence text travels with the file.",
    )
    prov.add_raw(raw / RAW, raw)
    frames = [
        long_form(
            summed,
            variable="us_aid_obligations_current",
            value="current_amount",
            unit="USD current",
            source=SOURCE,
            directed=True,
        ),
        long_form(
            summed,
            variable="us_aid_obligations_constant",
            value="constant_amount",
            unit="USD constant FY2024",
            source=SOURCE,
            directed=True,
        ),
    ]
    return [write_series(frames, out, "us_aid", prov)]

"""Recipe: DSCA Foreign Military Sales (FMS) by recipient, FY2020-FY2024 only.

The Historical Sales Book prints one column for FY1950-FY2019 combined and one
per year from FY2020, so only FY2020-FY2024 become yearly rows; the FY1950-FY2019
lump sums go into the provenance notes, never spread over years. Values are the
authorized value of implemented FMS cases in current dollars, as printed
(negative values are downward revisions in the source). ``dsca_fms_total`` is the
book's Total line (FMS plus FMS funded with FMF).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crossroads.recipes.countries import codes
from crossroads.recipes.provenance import Provenance
from crossroads.recipes.tables import long_form, write_series

RAW = Path("dsca_historical_sales_book/hsb_fy2024_focus_countries.csv")
PDF = Path("dsca_historical_sales_book/FY_2024_HISTORICAL_SALES_BOOK_COMPLETE.pdf")
SOURCE = "dsca-historical-sales-book"
LINES = {"FMS": "dsca_fms", "FMS funded with FMF": "dsca_fms_fmf", "Total": "dsca_fms_total"}
CITATION = (
    "Defense Security Cooperation Agency, U.S. Department of Defense. Historical Sales Book, Fiscal Years "
    "1950-2024 (FY2024 edition)."
)


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``series/dsca_fms.csv``."""
    frame = pd.read_csv(raw / RAW)
    cc = codes(raw)
    frame["target_actor"] = frame["country"].map(cc.iso3_of_name)
    frame["source_actor"] = "USA"
    lump = frame[(frame["period"] == "FY1950-FY2019") & (frame["line"] == "Total")]
    yearly = frame[frame["period"].str.fullmatch(r"FY\d{4}")].copy()
    yearly["year"] = yearly["period"].str[2:].astype(int)
    lumps = "; ".join(f"{r.target_actor} ${r.value_usd_current:,}" for r in lump.itertuples())
    prov = Provenance(
        table="dsca_fms",
        source="DSCA Historical Sales Book FY2024: FMS and FMF-funded FMS, authorized value of implemented "
        "cases, Afghanistan, China, India, Pakistan",
        citation=CITATION,
        version="FY2024 edition (ltadikonda2007/Personal-data-set-project commit 6aaa8012)",
        transformation="Single fiscal years FY2020-FY2024 only, values as printed (current USD, negatives "
        "kept). Not yearly, so not rows: the FY1950-FY2019 column is one lump sum per country, Total line "
        f"FY1950-FY2019: {lumps}. FY2020-FY2024 and FY1950-FY2024 sums dropped (derivable).",
        terms="U.S. government publication.",
    )
    prov.add_raw(raw / RAW, raw)
    prov.add_raw(raw / PDF, raw)
    frames = [
        long_form(
            yearly[yearly["line"] == line],
            variable=name,
            value="value_usd_current",
            unit="USD current",
            source=SOURCE,
            directed=True,
        )
        for line, name in LINES.items()
    ]
    return [write_series(frames, out, "dsca_fms", prov)]

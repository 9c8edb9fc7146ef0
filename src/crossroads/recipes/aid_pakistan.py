"""Recipe: US economic vs military aid to Pakistan, from two sources that measure different things.

* Greenbook (``us_aid_pakistan_split/``): obligations, FY1948 and FY1951-FY2019,
  USD million current, split by the Greenbook's Economic/Military category. No
  Coalition Support Funds (CSF). Large cells were stored to 2 significant digits
  by the R package the figures were read from, so single years may be off by a
  few percent. Military 0 in 14 years means the Greenbook has no military account
  row for Pakistan that year: a zero of the source, kept.
* CRS (``crs_pakistan_aid/``): appropriations plus CSF reimbursements, FY2008-FY2018,
  USD million current, security-related vs economic-related vs CSF. Each year is
  read from the one CRS version that prints it as a single-year column without
  overlap: FY2008 from the 2013-10-24 version, FY2009-FY2013 from 2014-03-06,
  FY2014-FY2018 from 2019-03-12. Cells CRS prints as C, a dash or a bare footnote
  letter (CSF FY2017-FY2018) are missing, not 0. CSF for FY2002-FY2007 exists only
  as a six-year sum (2013-10-24 version, the one FY2008 is read from, so the two do
  not overlap); it is kept as one row, ``crs_coalition_support_funds_sum_fy2002_2007``
  in year 2007, for analyses that need CSF over the whole war on terror.

The two disagree by design (obligations vs appropriations, CSF in or out);
:func:`greenbook_vs_crs` puts them side by side.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crossroads.recipes.provenance import Provenance
from crossroads.recipes.tables import long_form, write_series

GREENBOOK = Path("us_aid_pakistan_split/us_aid_pakistan_economic_military.csv")
CRS = Path("crs_pakistan_aid/crs_direct_overt_aid_pakistan.csv")
GREENBOOK_SOURCE = "usaid-greenbook"
CRS_SOURCE = "crs-pakistan-aid"
UNIT = "USD million current"

# The CRS version read for each single fiscal year (the non-overlapping reading of SOURCES.md).
CRS_VERSION_OF_YEAR = (
    {2008: "crs_2013-10-24"}
    | dict.fromkeys(range(2009, 2014), "crs_2014-03-06")
    | dict.fromkeys(range(2014, 2019), "crs_2019-03-12")
)
CRS_VARIABLES = {
    "Total Security-Related": "crs_security_aid",
    "Total Economic-Related": "crs_economic_aid",
    "CSF Reimbursements": "crs_coalition_support_funds",
    "Grand Total": "crs_total_aid",
}

CITATION = (
    "USAID, U.S. Overseas Loans and Grants: Obligations and Loan Authorizations (Greenbook), as packaged "
    "in Flynn, M. E. (2021), greenbook: Tools for Analyzing US Foreign Policy Spending Data, R package "
    "v0.1.0, github.com/meflynn/greenbook (data/greenbook.aid.rda). Congressional Research Service, "
    "Direct Overt U.S. Aid Appropriations for and Military Reimbursements to Pakistan (K. Alan Kronstadt, "
    "Susan B. Epstein), versions of 2013-10-24, 2014-03-06 and 2019-03-12."
)


def greenbook(raw: Path) -> pd.DataFrame:
    """Greenbook economic and military obligations to Pakistan, long form."""
    frame = pd.read_csv(raw / GREENBOOK).rename(columns={"fiscal_year": "year"})
    frame = frame.assign(source_actor="USA", target_actor="PAK")
    return pd.concat(
        [
            long_form(
                frame,
                variable=f"us_aid_{kind}_greenbook",
                value=f"{kind}_aid",
                unit=UNIT,
                source=GREENBOOK_SOURCE,
                directed=True,
            )
            for kind in ("economic", "military")
        ]
    )


def crs(raw: Path) -> pd.DataFrame:
    """CRS security, economic, CSF and grand totals for Pakistan, one version per year, long form."""
    frame = pd.read_csv(raw / CRS)
    single = frame[(frame["fy_start"] == frame["fy_end"]) & (frame["is_request"] == 0)]
    single = single[single["account"].isin(CRS_VARIABLES)]
    chosen = single[single["source_id"] == single["fy_start"].map(CRS_VERSION_OF_YEAR)]
    chosen = chosen.assign(source_actor="USA", target_actor="PAK", year=chosen["fy_start"])
    return pd.concat(
        [
            long_form(
                chosen[chosen["account"] == account],
                variable=name,
                value="value_musd",
                unit=UNIT,
                source=CRS_SOURCE,
                directed=True,
            )
            for account, name in CRS_VARIABLES.items()
        ]
    )


CSF_SUM = ("crs_2013-10-24", 2002, 2007)
"""The one multi-year CSF column read (version, first and last fiscal year)."""


def crs_csf_sum(raw: Path) -> pd.DataFrame:
    """CSF reimbursements FY2002-FY2007 as one sum (no CRS version prints those years singly)."""
    frame = pd.read_csv(raw / CRS)
    version, first, last = CSF_SUM
    row = frame[
        (frame["source_id"] == version)
        & (frame["account"] == "CSF Reimbursements")
        & (frame["fy_start"] == first)
        & (frame["fy_end"] == last)
        & (frame["is_request"] == 0)
    ]
    row = row.assign(source_actor="USA", target_actor="PAK", year=last)
    return long_form(
        row,
        variable=f"crs_coalition_support_funds_sum_fy{first}_{last}",
        value="value_musd",
        unit=f"USD million current, sum of FY{first}-FY{last}",
        source=CRS_SOURCE,
        directed=True,
    )


def greenbook_vs_crs(series: pd.DataFrame) -> pd.DataFrame:
    """Greenbook military obligations beside CRS security appropriations (and CSF) for the shared years.

    ``series`` is the long table ``us_aid_pakistan.csv``. The gap is the point: CRS counts appropriations
    and CSF reimbursements, the Greenbook counts obligations and no CSF.
    """
    wide = series.pivot_table(index="year", columns="variable", values="value", aggfunc="first")
    cols = ["us_aid_military_greenbook", "crs_security_aid", "crs_coalition_support_funds"]
    both = wide[cols].dropna(subset=cols[:2])
    return both.assign(military_minus_security=both[cols[0]] - both[cols[1]], ratio=both[cols[0]] / both[cols[1]])


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``series/us_aid_pakistan.csv``."""
    prov = Provenance(
        table="us_aid_pakistan",
        source="USAID Greenbook economic/military obligations to Pakistan (via the greenbook R package) and "
        "CRS tables of aid appropriations and CSF reimbursements to Pakistan",
        citation=CITATION,
        version="greenbook package head f1db7331 (2021-10-04); CRS versions 2013-10-24, 2014-03-06, 2019-03-12",
        transformation="Greenbook: economic_aid and military_aid columns as published (USD million current, "
        "FY1948, FY1951-FY2019; transition quarter merged into FY1976 by the package; no CSF; cells >= $10 m "
        "stored to 2 significant digits by the package; military 0 where the source has no military row). "
        "CRS: rows 'Total Security-Related', 'Total Economic-Related', 'CSF Reimbursements', 'Grand Total'; "
        "single-year, non-request columns only, each year from one version: FY2008 from crs_2013-10-24, "
        "FY2009-FY2013 from crs_2014-03-06, FY2014-FY2018 from crs_2019-03-12; multi-year sums "
        "(FY2002-FY2007/2008/2013) and requests dropped, except CSF FY2002-FY2007 from crs_2013-10-24, kept "
        "as one row (crs_coalition_support_funds_sum_fy2002_2007, year 2007, the six-year sum: no version "
        "prints those years singly); cells printed as C, dash or a bare footnote letter left missing (CSF "
        "FY2017-FY2018).",
        terms="U.S. government works (USAID data; CRS products).",
    )
    prov.add_raw(raw / GREENBOOK, raw)
    prov.add_raw(raw / CRS, raw)
    return [write_series([greenbook(raw), crs(raw), crs_csf_sum(raw)], out, "us_aid_pakistan", prov)]

"""Recipe: SIPRI arms deliveries (trend-indicator values), supplier -> recipient and by recipient.

* ``sipri_tiv`` (directed, supplier -> recipient): the 2016 SIPRI importer tables for
  Pakistan, India, Afghanistan and China, 1950-2015, TIV million at constant 1990
  prices. For each supplier that appears in a recipient's table, an empty cell in
  1950-2015 means "no deliveries identified" and is written as a real 0; SIPRI's
  own printed '0' (deliveries under 0.5 m) is also 0, so the two cannot be told
  apart (7 cells). Pairs not in the tables, and years after 2015, are absent: the
  trade register gives delivery years without the number per year, so no exact
  yearly supplier -> recipient series can be rebuilt after 2015 from it.
  The Soviet Union (to 1991) and Russia (from 1992) are both RUS; "Unknown
  country" suppliers are dropped (listed in the provenance).
* ``sipri_tiv_imports_total`` (monadic: source_actor = target_actor = the recipient,
  directed False): all suppliers combined, SIPRI file of 13 Oct 2024, 1950-2023.
  Only printed cells are kept (a printed 0 means 0-0.5; an empty cell may mean "no deliveries" or "not a
  state yet"); rows whose name is not a state in reference/country_codes.csv
  (e.g. rebel groups, "Total world import") are dropped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crossroads.recipes.countries import codes
from crossroads.recipes.provenance import Provenance
from crossroads.recipes.tables import long_form, write_series

DYADIC = Path("sipri_arms_transfers/tiv_supplier_recipient_year_1950_2015.csv")
TABLES = [
    Path(f"sipri_arms_transfers/tiv_tables_2016/TIV-Import-{c}-1950-2015.csv") for c in ("AFG", "CHI", "IND", "PAK")
]
TOTALS = Path("sipri_arms_transfers/import-export-values_1950-2024.csv")
SOURCE = "sipri-arms-transfers"
UNIT = "TIV million (1990 prices)"
FIRST, LAST = 1950, 2015
CITATION = (
    "Stockholm International Peace Research Institute. SIPRI Arms Transfers Database. Importer TIV tables "
    "generated 24 July 2016; Volume of transfers of major arms generated 13 Oct 2024. (c) SIPRI."
)


def dyadic(raw: Path) -> tuple[pd.DataFrame, list[str]]:
    """Supplier -> recipient TIV per year, zeros filled inside 1950-2015 for pairs in the tables."""
    frame = pd.read_csv(raw / DYADIC)
    cc = codes(raw)
    frame["source_actor"] = frame["supplier"].map(cc.iso3_of_name)
    frame["target_actor"] = frame["recipient"].map(cc.iso3_of_name)
    dropped = sorted(frame.loc[frame["source_actor"].isna(), "supplier"].unique())
    frame = frame.dropna(subset=["source_actor"])
    summed = frame.groupby(["source_actor", "target_actor", "year"])["tiv_musd_1990"].sum()
    pairs = summed.reset_index()[["source_actor", "target_actor"]].drop_duplicates()
    full = pd.MultiIndex.from_tuples(
        [(s, t, y) for s, t in pairs.itertuples(index=False) for y in range(FIRST, LAST + 1)],
        names=["source_actor", "target_actor", "year"],
    )
    filled = summed.reindex(full, fill_value=0.0).reset_index()
    return long_form(
        filled, variable="sipri_tiv", value="tiv_musd_1990", unit=UNIT, source=SOURCE, directed=True
    ), dropped


def totals(raw: Path) -> pd.DataFrame:
    """TIV imports of each state from all suppliers, as printed (1950-2023)."""
    lines = (raw / TOTALS).read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,"))
    frame = pd.read_csv(raw / TOTALS, skiprows=header, dtype=str).rename(columns={"Recipient": "name"})
    years = [c for c in frame.columns if c.isdigit()]
    long = frame.melt(id_vars="name", value_vars=years, var_name="year", value_name="tiv").dropna()
    long["tiv"] = long["tiv"].str.strip()
    long = long[long["tiv"] != ""]
    long["iso3"] = long["name"].map(codes(raw).iso3_of_name)
    long = long.dropna(subset=["iso3"]).assign(source_actor=lambda f: f["iso3"], target_actor=lambda f: f["iso3"])
    long["year"] = long["year"].astype(int)
    long["tiv"] = long["tiv"].astype(float)
    long = long.groupby(["source_actor", "target_actor", "year"])["tiv"].sum().reset_index()
    return long_form(long, variable="sipri_tiv_imports_total", value="tiv", unit=UNIT, source=SOURCE, directed=False)


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``series/sipri_arms.csv``."""
    pairs, dropped = dyadic(raw)
    prov = Provenance(
        table="sipri_arms",
        source="SIPRI Arms Transfers Database: 2016 importer TIV tables (PAK, IND, AFG, CHN) "
        "and the Oct 2024 "
        "volume-of-transfers file",
        citation=CITATION,
        version="TIV tables generated 2016-07-24 (mauhai/weaponstradeanalysis e156d0d3); import values "
        "generated 2024-10-13 (MJHofmann/SIPRI_BRICS bfc9be19)",
        transformation="sipri_tiv: long form of the four 2016 tables (their Total row dropped), "
        "suppliers and "
        "recipients mapped to ISO3 through reference/country_codes.csv (Soviet Union and Russia -> RUS, "
        f"summed per year; dropped suppliers without a state: {dropped}); "
        "for each supplier-recipient pair in "
        "the tables, years 1950-2015 without a cell filled with 0 (SIPRI: empty = no deliveries identified); "
        "other pairs and years after 2015 absent. sipri_tiv_imports_total: monadic rows (source_actor = "
        "target_actor = recipient), printed cells only, 1950-2023, names not in reference/country_codes.csv "
        "dropped.",
        terms="Copyright SIPRI as stated in the files.",
    )
    for path in [DYADIC, *TABLES, TOTALS]:
        prov.add_raw(raw / path, raw)
    return [write_series([pairs, totals(raw)], out, "sipri_arms", prov)]

"""The one country table: every code the shipped data and the samples use maps, and it agrees with COW."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pandas as pd
import pytest

from crossroads.ingest.harmonise import CAMEO_REGIONS, CountryMap, norm_name
from crossroads.paths import data_dir
from tests.conftest import RAW, needs_shared

REF = data_dir() / "reference"
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return pd.read_csv(REF / "country_codes.csv", dtype=str, keep_default_na=False)


def test_the_disputed_codes_have_one_answer_with_validity_years(table: pd.DataFrame) -> None:
    cow = table[table["origin"] == "cow"]
    periods = {
        c: list(cow.loc[cow["ccode"] == c, ["iso3", "valid_from", "valid_to"]].itertuples(index=False, name=None))
        for c in ("345", "365", "511", "678", "680", "816", "817", "260", "265")
    }
    assert periods["345"] == [("YUG", "1878", "2002"), ("SCG", "2003", "2005"), ("SRB", "2006", "2016")]
    assert periods["365"][1] == ("SUN", "1922", "1991") and periods["365"][-1][0] == "RUS"
    assert periods["816"] == [("VDR", "1954", "1976"), ("VNM", "1977", "2016")]
    assert periods["678"] == [("YEM", "1926", "1990")] and periods["680"] == [("YMD", "1967", "1990")]
    assert periods["260"][0][0] == "DEU" and periods["265"][0][0] == "DDR"
    assert periods["511"][0][0] == "" and periods["817"][0][0] == ""  # no ISO code ever
    harmonised = dict(zip(cow["ccode"], cow["harmonised"], strict=False))
    assert harmonised["365"] == "RUS" and harmonised["345"] == "SRB"
    gw = dict(zip(cow["iso3"], cow["gwcode"], strict=False))
    assert gw["SRB"] == "340" and gw["YUG"] == "345"


def test_every_cameo_code_in_the_table_is_a_cameo_country(table: pd.DataFrame) -> None:
    actors = pd.read_csv(REF / "actors.csv", dtype=str, keep_default_na=False)
    cameo_countries = set(actors.loc[actors["kind"] == "country", "code"])
    used = {c for cell in table["cameo"] for c in cell.split("|") if c}
    assert used - cameo_countries <= {"BAG", "IMY"}, used - cameo_countries  # CAMEO place codes GDELT writes
    assert "KSV" not in used


def test_every_country_code_in_the_shipped_data_maps(table: pd.DataFrame) -> None:
    countries = CountryMap()
    known = set(table["harmonised"]) - {""}
    actors = pd.read_csv(REF / "actors.csv", dtype=str, keep_default_na=False)
    for code in actors.loc[actors["kind"] == "country", "code"]:
        assert code in CAMEO_REGIONS or countries.by_cameo.get(code) or countries.by_iso3.get(code), code
    # us_aid.csv keeps USAID's recipient codes as published (regions such as SAN, WLD), by design.
    for path in sorted(p for p in (data_dir() / "series").glob("*.csv") if p.name != "us_aid.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["source_actor", "target_actor"])
        codes = set(frame["source_actor"]) | set(frame["target_actor"])
        assert codes <= known, f"{path.name}: {sorted(codes - known)}"


def test_every_country_in_the_ingest_fixtures_maps() -> None:
    countries = CountryMap()
    with (FIXTURES / "icews_constructed.tab").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    names = {r[k] for r in rows for k in ("Source Country", "Target Country") if r[k] not in ("", "NA")}
    unmapped = {n for n in names if countries.by_name.get(norm_name(n)) is None}
    # the fixture carries one deliberately unknown country name (quarantined, with the name)
    assert len(unmapped) <= 1, unmapped


@needs_shared
@pytest.mark.shared
def test_table_agrees_with_the_cow_state_list(table: pd.DataFrame) -> None:
    states = pd.read_csv(RAW / "peacesciencer" / "cow_states.csv")
    spans = states.groupby("ccode").agg(abb=("stateabb", "first"), start=("styear", "min"), end=("endyear", "max"))
    cow = table[table["origin"] == "cow"]
    assert set(cow["ccode"].astype(int)) == set(spans.index)
    for ccode, rows in cow.groupby(cow["ccode"].astype(int)):
        ref = spans.loc[ccode]
        assert set(rows["stateabb"]) == {ref["abb"]}, ccode
        years = [(int(a), int(b)) for a, b in zip(rows["valid_from"], rows["valid_to"], strict=True)]
        assert years[0][0] == ref["start"] and years[-1][1] == ref["end"], ccode
        assert all(b[0] == a[1] + 1 for a, b in itertools.pairwise(years)), ccode  # contiguous


@needs_shared
@pytest.mark.shared
def test_every_country_in_the_real_samples_maps() -> None:
    countries = CountryMap()
    events = RAW / "events"
    icews = pd.read_csv(events / "icews" / "events.2018.sample.tab", sep="\t", dtype=str, keep_default_na=False)
    names = set(icews["Source Country"]) | set(icews["Target Country"])
    assert {n for n in names - {"", "NA"} if countries.by_name.get(norm_name(n)) is None} == set()
    codes: set[str] = set()
    for path in (events / "gdelt").glob("*"):
        if path.suffix.lower() not in (".csv", ".txt") or "Header" in path.name or "schema" in path.name:
            continue
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                f = line.rstrip("\n").split("\t")
                if len(f) >= 57:
                    codes |= {f[7], f[17]}
    assert {c for c in codes - {""} if c not in CAMEO_REGIONS and c not in countries.by_cameo} == set()

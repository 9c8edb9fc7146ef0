"""Ingestion on the committed synthetic fixtures: formats, inputs, quarantine, counts, dedup, harmonisation.

These run without ../shared (CI); the real samples are covered in test_ingest_real.py.
"""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from crossroads.analysis.event_index import event_index
from crossroads.cli.app import app
from crossroads.ingest import synth
from crossroads.ingest.formats import Format, FormatError, detect
from crossroads.ingest.harmonise import country_map
from crossroads.ingest.load import IngestSummary, ingest
from crossroads.store.schema import ingest_db_path
from crossroads.store.store import Store

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"
runner = CliRunner()


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every ingest table, sorted (ingest_log without its timestamps)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "events": con.execute("SELECT * FROM ingested_events ORDER BY ALL").fetchall(),
            "quarantine": con.execute("SELECT * FROM ingest_quarantine ORDER BY ALL").fetchall(),
            "log": con.execute("SELECT * EXCLUDE (started, finished) FROM ingest_log ORDER BY ALL").fetchall(),
        }
    finally:
        con.close()


def adds_up(s: IngestSummary) -> bool:
    per_file = all(f.rows_read == f.rows_loaded + f.rows_quarantined + f.rows_duplicate for f in s.files)
    return per_file and s.rows_read == s.rows_loaded + s.rows_quarantined + s.rows_duplicate


def quarantine(db: Path) -> list[tuple[int, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [(int(r[0]), str(r[1])) for r in con.execute(
            "SELECT line, reason FROM ingest_quarantine ORDER BY line"
        ).fetchall()]  # fmt: skip
    finally:
        con.close()


# formats ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gdelt2_synth.export.CSV", Format.gdelt2),
        ("gdelt1_synth_mixed.csv", Format.gdelt1),
        ("icews_constructed.tab", Format.icews),
        ("polecat_constructed.txt", Format.polecat),
        ("polecat_headline_header.txt", Format.polecat),
        ("cameo_constructed.csv", Format.cameo_csv),
    ],
)
def test_auto_detection_recognises_each_format(name: str, expected: Format) -> None:
    first = (FIX / name).read_text(encoding="utf-8").splitlines()[0]
    assert detect(first, name) is expected


def test_unrecognised_file_named_explicitly_is_an_error(tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\tworld\n")
    with pytest.raises(FormatError, match="--format"):
        ingest([odd], db=tmp_path / "i.duckdb")


def test_a_file_that_is_not_event_data_is_rejected_whole_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "README.txt").write_text("column list\n")
    (folder / "20150218231500.export.CSV").write_text("<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>\n")
    with zipfile.ZipFile(folder / "20150218233000.export.CSV.zip", "w") as archive:
        archive.writestr("notes.txt", "not an event file\n")
    (folder / "a.CSV").write_bytes((FIX / "gdelt2_synth.export.CSV").read_bytes())
    (folder / "b.CSV.gz").write_bytes(b"this is not gzip")
    db = tmp_path / "i.duckdb"
    s = ingest([folder], db=db)
    assert s.rows_loaded == 300 and adds_up(s)
    why = {Path(label.split("!")[0]).name: reason for label, reason in s.rejected}
    assert set(why) == {"README.txt", "20150218231500.export.CSV", "20150218233000.export.CSV.zip", "b.CSV.gz"}
    assert "HTML or XML page" in why["20150218231500.export.CSV"] and "gzip" in why["b.CSV.gz"].lower()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM ingest_rejected").fetchall()[0][0] == 4
    con.close()


def test_format_option_overrides_detection(tmp_path: Path) -> None:
    s = ingest([FIX / "gdelt1_synth_mixed.csv"], db=tmp_path / "i.duckdb", fmt=Format.gdelt2)
    assert s.rows_loaded == 0 and s.rows_quarantined == 240, "58/57-column rows are not GDELT 2.0"
    assert {r for _, r in quarantine(tmp_path / "i.duckdb")} == {"column_count"}


# inputs -----------------------------------------------------------------------------------------


def test_gz_zip_folder_and_glob_inputs_read_the_same_rows(tmp_path: Path) -> None:
    src = FIX / "gdelt2_synth.export.CSV"
    gz = tmp_path / "a" / "x.export.CSV.gz"
    gz.parent.mkdir()
    gz.write_bytes(gzip.compress(src.read_bytes()))
    zipped = tmp_path / "b" / "x.export.CSV.zip"
    zipped.parent.mkdir()
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(src, "20150219000000.export.CSV")
    plain = ingest([src], db=tmp_path / "plain.duckdb")
    for i, inputs in enumerate([[gz], [zipped], [tmp_path / "a"], [tmp_path / "b" / "*.zip"]]):
        db = tmp_path / f"in{i}.duckdb"
        s = ingest(inputs, db=db)
        assert s.counts() == plain.counts()
        assert [r[:18] for r in dump(db)["events"]] == [r[:18] for r in dump(tmp_path / "plain.duckdb")["events"]]
    assert "!20150219000000.export.CSV" in ingest([zipped], db=tmp_path / "z2.duckdb").files[0].source_file


def test_mixed_gdelt1_widths_load_both_layouts(tmp_path: Path) -> None:
    s = ingest([FIX / "gdelt1_synth_mixed.csv"], db=tmp_path / "i.duckdb")
    assert s.rows_loaded == 240 and s.files[0].format == "gdelt1"


# quarantine -------------------------------------------------------------------------------------


def _bad_file(tmp_path: Path) -> Path:
    good = (FIX / "gdelt2_synth.export.CSV").read_text(encoding="utf-8").splitlines()[:5]
    rows = [
        good[0],  # line 1 ok
        "\t".join(good[1].split("\t")[:60]),  # line 2: 60 fields
        synth.line(GLOBALEVENTID="7", SQLDATE="20151340", EventCode="042"),  # line 3: month 13
        synth.line(GLOBALEVENTID="8", SQLDATE="20150301", EventCode="13y"),  # line 4: not a CAMEO code
        synth.line(GLOBALEVENTID="9", SQLDATE="20150301", EventCode="042", Actor1CountryCode="QQQ"),  # 5
        synth.line(GLOBALEVENTID="10", SQLDATE="20150301", EventCode="042", AvgTone="abc"),  # line 6
        synth.line(GLOBALEVENTID="11", SQLDATE="20150301", EventCode="042", SOURCEURL="x" * 5000),  # 7
        good[2],  # line 8 ok
    ]
    data = "\n".join(rows).encode() + b"\n"
    data += synth.line(GLOBALEVENTID="12", SQLDATE="20150301", EventCode="042").encode()[:-1] + b"\xff\xfe\n"
    data += (good[3] + "\n").encode()  # line 10 ok
    path = tmp_path / "bad.export.CSV"
    path.write_bytes(data)
    return path


def test_each_malformed_row_is_quarantined_with_its_reason_and_the_ingest_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "i.duckdb"
    s = ingest([_bad_file(tmp_path)], db=db)
    assert s.counts() == {
        "rows_read": 10, "rows_loaded": 3, "rows_quarantined": 7, "rows_duplicate": 0, "rows_in_store": 3,
    }  # fmt: skip
    assert quarantine(db) == [
        (2, "column_count"), (3, "bad_date"), (4, "bad_code"), (5, "bad_code"), (6, "bad_number"),
        (7, "oversize_field"), (9, "invalid_utf8"),
    ]  # fmt: skip
    con = duckdb.connect(str(db), read_only=True)
    detail, raw = con.execute("SELECT detail, raw_line FROM ingest_quarantine WHERE line = 9").fetchall()[0]
    assert "invalid UTF-8" in detail and raw.endswith("\\xff\\xfe")
    assert con.execute("SELECT list(line ORDER BY line) FROM ingested_events").fetchall()[0][0] == [1, 8, 10]
    con.close()


@pytest.mark.parametrize(
    ("name", "read", "loaded", "quarantined", "duplicate"),
    [
        ("icews_constructed.tab", 10, 6, 3, 1),
        ("polecat_constructed.txt", 7, 4, 2, 1),
        ("polecat_headline_header.txt", 4, 4, 0, 0),
        ("cameo_constructed.csv", 8, 4, 3, 1),
        ("gdelt2_synth.export.CSV", 300, 300, 0, 0),
    ],
)
def test_counts_add_up_per_format(
    tmp_path: Path, name: str, read: int, loaded: int, quarantined: int, duplicate: int
) -> None:
    s = ingest([FIX / name], db=tmp_path / "i.duckdb")
    assert (s.rows_read, s.rows_loaded, s.rows_quarantined, s.rows_duplicate) == (
        read, loaded, quarantined, duplicate,
    )  # fmt: skip
    assert adds_up(s) and s.rows_in_store == loaded


def test_reingesting_adds_nothing_and_counts_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "i.duckdb"
    everything = sorted(p for p in FIX.iterdir() if p.suffix != ".py")
    first = ingest(everything, db=db)
    before = dump(db)
    again = ingest(everything, db=db)
    after = dump(db)
    assert adds_up(first) and adds_up(again)
    assert again.rows_loaded == 0 and again.rows_in_store == first.rows_in_store
    assert again.rows_duplicate == first.rows_loaded + first.rows_duplicate
    assert again.rows_quarantined == first.rows_quarantined, "bad rows are still reported"
    assert after["events"] == before["events"] and after["quarantine"] == before["quarantine"]
    assert len(after["log"]) == 2 * len(before["log"]), "each run is logged"
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) = count(DISTINCT id) FROM ingested_events").fetchall()[0][0]
    con.close()


def test_a_copy_of_a_file_is_a_duplicate_not_new_rows(tmp_path: Path) -> None:
    copy = tmp_path / "copy.CSV"
    copy.write_bytes((FIX / "gdelt2_synth.export.CSV").read_bytes())
    s = ingest([FIX / "gdelt2_synth.export.CSV", copy], db=tmp_path / "i.duckdb")
    assert (s.rows_loaded, s.rows_duplicate) == (300, 300)
    assert [f.rows_duplicate for f in s.files] == [0, 300]


# harmonisation ----------------------------------------------------------------------------------


def test_one_country_map_covers_cameo_iso3_cow_fips_and_names() -> None:
    cm = country_map()
    assert cm.cameo("PAK") == cm.iso3("PAK") == cm.cow("770") == cm.fips("PK") == cm.name("Pakistan") == "PAK"
    assert cm.cameo("ROM") == "ROU" and cm.cameo("TMP") == "TLS" and cm.cameo("SAS") is None
    assert cm.fips("RS") == "RUS" and cm.fips("IN") == "IND" and cm.fips("UK") == "GBR"
    assert cm.fips("AU") == "AUT", "FIPS AU is Austria, not Australia (AS)"
    assert cm.name("Russian Federation") == cm.cow("365") == "RUS"
    assert cm.name("Occupied Palestinian Territory") == "PSE"
    assert cm.name("Moldova, Republic of") == "MDA"


def test_rows_are_harmonised_to_iso3_across_datasets(tmp_path: Path) -> None:
    db = tmp_path / "i.duckdb"
    path = tmp_path / "geo.export.CSV"
    path.write_text(
        synth.line(GLOBALEVENTID="1", SQLDATE="20150301", EventCode="042", Actor1CountryCode="ROM",
                   Actor2CountryCode="SAS", ActionGeo_CountryCode="AS") + "\n",
        encoding="utf-8",
    )  # fmt: skip
    ingest([path, FIX / "icews_constructed.tab", FIX / "polecat_constructed.txt"], db=db)
    con = duckdb.connect(str(db), read_only=True)
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT id, source_country, target_country, action_country FROM ingested_events"
    ).fetchall()}  # fmt: skip
    con.close()
    assert rows["gdelt2:1"] == ("ROU", None, "AUS"), "CAMEO ROM→ROU, region SAS→none, FIPS AS→Australia"
    assert rows["icews:90000003:2018-06-02"] == ("RUS", "USA", "RUS")
    assert rows["icews:90000004:2018-06-02"] == ("PSE", None, "PSE")
    assert rows["polecat:pc-0003"][:2] == ("PAK", "IND"), "COW 770 when the ISO-3 cell is None"
    assert rows["polecat:pc-0004"][:2] == ("PAK", "USA"), "first of 'PAK; AFG'"


# series -----------------------------------------------------------------------------------------


def _tiny(tmp_path: Path) -> Path:
    rows = [
        dict(GLOBALEVENTID="1", SQLDATE="20010913", Actor1CountryCode="USA", Actor2CountryCode="PAK",
             EventCode="042", AvgTone="2.0", NumMentions="10"),
        dict(GLOBALEVENTID="2", SQLDATE="20010920", Actor1CountryCode="PAK", Actor2CountryCode="USA",
             EventCode="190", AvgTone="-6.0", NumMentions="2"),
        dict(GLOBALEVENTID="3", SQLDATE="20011005", Actor1CountryCode="USA", Actor2CountryCode="PAK",
             EventCode="071", AvgTone="1.0", NumMentions="4"),
        dict(GLOBALEVENTID="4", SQLDATE="20010914", Actor1CountryCode="IND", Actor2CountryCode="PAK",
             EventCode="111", AvgTone="-3.0", NumMentions="1"),
        dict(GLOBALEVENTID="1", SQLDATE="20010913", Actor1CountryCode="USA", Actor2CountryCode="PAK",
             EventCode="042", AvgTone="2.0", NumMentions="10"),
        dict(GLOBALEVENTID="5", SQLDATE="20010925", Actor1CountryCode="USA", Actor2CountryCode="PAK",
             EventCode="112", AvgTone="-1.0", NumMentions="1"),
        dict(GLOBALEVENTID="6", SQLDATE="20030101", Actor1CountryCode="CHN", Actor2CountryCode="IND",
             EventCode="042", AvgTone="0.5", NumMentions="1"),
    ]  # fmt: skip
    path = tmp_path / "tiny.export.CSV"
    path.write_text("".join(synth.line(**r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_dyad_month_series_checked_by_hand(tmp_path: Path) -> None:
    db = tmp_path / "i.duckdb"
    s = ingest([_tiny(tmp_path)], db=db)
    assert (s.rows_loaded, s.rows_duplicate) == (6, 1)
    series = Store.ingested_only(db).dyad_month("PAK", "USA").to_dict(orient="records")
    assert len(series) == 2
    sep, oct_ = series
    # September 2001: USA→PAK 042 (+1.9, tone 2), PAK→USA 190 (−10, tone −6), USA→PAK 112 (−2, tone −1)
    assert (sep["year"], sep["month"], sep["events"]) == (2001, 9, 3)
    assert (sep["verbal_coop"], sep["material_coop"], sep["verbal_conflict"], sep["material_conflict"]) == (
        1, 0, 1, 1,
    )  # fmt: skip
    assert sep["goldstein_mean"] == pytest.approx((1.9 - 10 - 2) / 3)
    assert sep["tone_mean"] == pytest.approx((2 - 6 - 1) / 3)
    assert (oct_["month"], oct_["events"], oct_["material_coop"], oct_["goldstein_mean"]) == (10, 1, 1, 7.4)
    directed = Store.ingested_only(db).dyad_month("USA", "PAK", directed=True)
    assert directed["events"].tolist() == [2, 1]


def test_gdelt_yearly_index_checked_by_hand(tmp_path: Path) -> None:
    db = tmp_path / "i.duckdb"
    ingest([_tiny(tmp_path)], db=db)
    index = event_index(Store.ingested_only(db)).set_index("year")
    assert index.index.tolist() == [2001, 2003], "2002 has no GDELT data at all: absent, not zero"
    y2001, y2003 = index.loc[2001], index.loc[2003]
    assert y2001["events"] == 4
    assert y2001["goldstein_weighted"] == pytest.approx((1.9 * 10 - 10 * 2 + 7.4 * 4 - 2 * 1) / 17)
    assert y2001["coop_balance"] == pytest.approx((2 - 2) / 4)
    assert y2003["events"] == 0 and y2003.isna()["goldstein_weighted"], "covered year, no dyad event"


# command line -----------------------------------------------------------------------------------


def test_cli_ingest_json_counts_and_chosen_format(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    result = runner.invoke(app, ["ingest", str(FIX / "icews_constructed.tab"), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts == {
        "rows_read": 10, "rows_loaded": 6, "rows_quarantined": 3, "rows_duplicate": 1, "rows_in_store": 6,
    }  # fmt: skip
    assert "format icews (recognised)" in result.output
    assert ingest_db_path(db).exists() and not db.exists(), "ingest writes beside the store, not into it"


def test_cli_ingest_summary_dyad_and_index(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    result = runner.invoke(app, ["ingest", str(_tiny(tmp_path)), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "read 7 = loaded 6 + quarantined 0 + duplicate 1" in result.output
    result = runner.invoke(app, ["ingest", "--db", str(db), "--dyad", "usa-pak", "--json"])
    assert result.exit_code == 0, result.output
    assert [r["events"] for r in json.loads(result.stdout)] == [3, 1]
    result = runner.invoke(app, ["ingest", "--db", str(db), "--index"])
    assert result.exit_code == 0 and "goldstein_weighted" in result.output


def test_cli_ingest_errors_are_clear(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "absent.CSV"), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1 and "no such file" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1 and "PATH" in result.output
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "s.duckdb"), "--dyad", "US-PK"])
    assert result.exit_code == 1


def test_parquet_output_is_partitioned_and_deduplicated(tmp_path: Path) -> None:
    out = tmp_path / "pq"
    first = ingest([FIX / "gdelt2_synth.export.CSV", FIX / "icews_constructed.tab"], parquet=out)
    again = ingest([FIX / "gdelt2_synth.export.CSV"], parquet=out)
    assert adds_up(first) and adds_up(again)
    assert again.rows_loaded == 0 and again.rows_duplicate == 300 and again.rows_in_store == first.rows_in_store
    assert (out / "events" / "origin=icews" / "year=2018").is_dir()
    assert not list(out.glob(".*")), "no staging files left behind"
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{out}/events/**/*.parquet')").fetchall()[0][0]
    assert n == first.rows_loaded == 306


def test_a_file_of_only_bad_rows_is_quarantined_chunk_by_chunk(tmp_path: Path) -> None:
    path = tmp_path / "bad.export.CSV"
    good = synth.line(GLOBALEVENTID="1", SQLDATE="20150301", EventCode="042").encode()
    path.write_bytes(b"".join(good + b"\xff\n" for _ in range(2_500)))
    s = ingest([path], db=tmp_path / "i.duckdb", chunk_rows=1_000)
    assert (s.rows_read, s.rows_quarantined, s.rows_loaded) == (2_500, 2_500, 0)
    assert len(quarantine(tmp_path / "i.duckdb")) == 2_500


def test_arrow_path_quarantines_exactly_as_the_line_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = (FIX / "gdelt2_synth.export.CSV").read_text(encoding="utf-8").splitlines()
    bad = [
        synth.line(GLOBALEVENTID="7", SQLDATE="20151340", EventCode="042"),
        synth.line(GLOBALEVENTID="7x", SQLDATE="20150301", EventCode="042"),
        synth.line(GLOBALEVENTID="8", SQLDATE="18990301", EventCode="042"),
        synth.line(GLOBALEVENTID="8", SQLDATE="2015031", EventCode="042"),
        synth.line(GLOBALEVENTID="8", SQLDATE="20150301", EventCode="13y"),
        synth.line(GLOBALEVENTID="9", SQLDATE="20150301", EventCode="042", Actor1CountryCode="QQQ"),
        synth.line(GLOBALEVENTID="9", SQLDATE="20150301", EventCode="042", Actor2CountryCode="O'K"),
        synth.line(GLOBALEVENTID="9", SQLDATE="20150301", EventCode="042", NumMentions="x1"),
        synth.line(GLOBALEVENTID="10", SQLDATE="20150301", EventCode="042", AvgTone="abc"),
        synth.line(GLOBALEVENTID="10", SQLDATE="20150301", EventCode="042", AvgTone="-101"),
        synth.line(GLOBALEVENTID="10", SQLDATE="20150301", EventCode="042", GoldsteinScale="nan"),
        synth.line(GLOBALEVENTID="11", SQLDATE="20150301", EventCode="042", SOURCEURL="é" * 4097),
        synth.line(GLOBALEVENTID="11", SQLDATE="20150301", EventCode="042", SOURCEURL="é" * 3000),  # bytes, not chars
    ]
    path = tmp_path / "mixed.export.CSV"
    path.write_text("\n".join(good[:20] + bad + good[20:40]) + "\n", encoding="utf-8")

    def run(db: Path) -> tuple[dict[str, int], list[tuple[object, ...]], list[tuple[object, ...]]]:
        s = ingest([path], db=db)
        con = duckdb.connect(str(db), read_only=True)
        try:
            q = con.execute("SELECT line, reason, detail, raw_line FROM ingest_quarantine ORDER BY line").fetchall()
            rows = con.execute("SELECT * EXCLUDE (run_id) FROM ingested_events ORDER BY line").fetchall()
        finally:
            con.close()
        return s.counts(), q, rows

    import crossroads.ingest.load as load

    used: list[object] = []
    real = load.gdelt_fast
    monkeypatch.setattr(load, "gdelt_fast", lambda *args: used.append(r := real(*args)) or r)
    fast = run(tmp_path / "fast.duckdb")
    assert used and used[0] is not None, "the Arrow path read the file"
    monkeypatch.setattr(load, "gdelt_fast", lambda *args: None)
    lines = run(tmp_path / "lines.duckdb")
    assert fast == lines
    assert fast[0]["rows_quarantined"] == len(bad) - 1
    details = [d for _, _, d, _ in fast[1]]
    assert "Actor1CountryCode 'QQQ' is not a CAMEO country or region code" in details, "the unmapped code is named"
    assert 'Actor2CountryCode "O\'K" is not a CAMEO country or region code' in details


def _both_paths(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **kwargs: int
) -> tuple[dict[str, list[tuple[object, ...]]], dict[str, list[tuple[object, ...]]], list[object]]:
    """Everything stored by the Arrow path and by the line reader for one file, and what the Arrow path gave."""
    import crossroads.ingest.load as load

    used: list[object] = []
    real = load.gdelt_fast
    monkeypatch.setattr(load, "gdelt_fast", lambda *args: used.append(r := real(*args)) or r)
    ingest([path], db=tmp_path / "fast.duckdb", **kwargs)
    monkeypatch.setattr(load, "gdelt_fast", lambda *args: None)
    ingest([path], db=tmp_path / "lines.duckdb", **kwargs)
    return dump(tmp_path / "fast.duckdb"), dump(tmp_path / "lines.duckdb"), used


def test_arrow_path_matches_the_line_reader_across_block_boundaries_and_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = synth.write(tmp_path / "base.export.CSV", 3_000, seed=11).read_text(encoding="utf-8").splitlines()
    odd = [
        synth.line(GLOBALEVENTID=str(9_000_000 + i), SQLDATE=day, EventCode="042")
        for i, day in enumerate(
            ["20000229", "19000229", "21001231", "21010101", "20150431", "19000101", "20151301", "18991231"]
        )
    ]
    odd.append(synth.line(GLOBALEVENTID="9100000", SQLDATE="20150301", EventCode="042", SOURCEURL="x" * 70_000))
    odd.append(good[5])  # a duplicate inside the file: the first occurrence stays
    lines = good[:700] + odd[:3] + good[700:1900] + odd[3:6] + good[1900:] + odd[6:]
    path = tmp_path / "blocks.export.CSV"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # blocks of 80 kB: many boundaries, and one line (70,000 characters) that spans a whole block
    fast, slow, used = _both_paths(path, tmp_path, monkeypatch, chunk_rows=1_000)
    assert used and used[0] is not None, "the Arrow path read the file"
    assert fast == slow
    reasons = [(r[3], r[4]) for r in fast["quarantine"]]
    assert sorted(reasons) == [(702, "bad_date"), (1904, "bad_date"), (1905, "bad_date"), (3007, "bad_date"),
                               (3008, "bad_date"), (3009, "oversize_field")]  # fmt: skip
    assert fast["log"][0][-4:] == (len(lines), len(lines) - 7, 6, 1)


def test_a_gdelt_file_with_an_empty_line_is_read_line_by_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = (FIX / "gdelt2_synth.export.CSV").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "gap.export.CSV"
    path.write_text("\n".join([*good[:10], "", *good[10:20]]) + "\n", encoding="utf-8")
    fast, slow, used = _both_paths(path, tmp_path, monkeypatch)
    assert used == [None], "Arrow would read the empty line as a row of empty fields: the line reader reads the file"
    assert fast == slow
    assert [(r[3], r[4]) for r in fast["quarantine"]] == [(11, "column_count")]

"""The shipped chronology: complete, even across eras, every event sourced and codebook-consistent."""

from __future__ import annotations

from collections import Counter

import pytest

from crossroads.model.loading import Chronology, load_chronology
from crossroads.model.reference import DIMENSIONS, STANCES

MIN_EVENTS = 400
MIN_PER_ERA = 30


@pytest.fixture(scope="module")
def chron() -> Chronology:
    return load_chronology()  # raises DataError, naming every bad record, if any is invalid


def test_chronology_has_at_least_400_events(chron: Chronology) -> None:
    assert len(chron.events) >= MIN_EVENTS


def test_every_era_has_its_coverage_floor(chron: Chronology) -> None:
    per_era = Counter(chron.era_of(e) for e in chron.events)
    assert None not in per_era, "an event falls outside every era"
    thin = {era.id: per_era[era.id] for era in chron.reference.eras if per_era[era.id] < MIN_PER_ERA}
    assert not thin, f"eras under {MIN_PER_ERA} events: {thin}"


def test_every_dimension_is_covered(chron: Chronology) -> None:
    per_dim = Counter(d for e in chron.events for d in e.dimensions)
    missing = [d for d in DIMENSIONS if per_dim[d] < 5]
    assert not missing, f"dimensions with fewer than 5 events: {missing}"


def test_ids_are_unique_and_start_with_the_recorded_date(chron: Chronology) -> None:
    ids = [e.id for e in chron.events]
    assert len(ids) == len(set(ids))
    assert all(e.id.startswith(e.date) for e in chron.events)


def test_every_citation_resolves_and_every_source_is_cited(chron: Chronology) -> None:
    cited = {k for e in chron.events for k in e.sources}
    assert cited <= set(chron.sources)
    assert set(chron.sources) <= cited, "bibliography entries no event cites"


def test_goldstein_and_plover_follow_the_cameo_codebook(chron: Chronology) -> None:
    for event in chron.events:
        code = chron.reference.cameo[event.cameo]
        assert event.goldstein == code.goldstein, event.id
        assert event.plover is None or event.plover in chron.reference.plover_options(event.cameo)


def test_dates_lie_in_the_period_and_end_dates_follow_starts(chron: Chronology) -> None:
    low, high = chron.reference.period
    for event in chron.events:
        assert event.when.end >= low and event.when.start <= high, event.id
        if event.until:
            assert event.until.end >= event.when.start, event.id


def test_no_two_records_describe_the_same_event(chron: Chronology) -> None:
    keys = Counter((e.date, frozenset(e.actors), e.cameo) for e in chron.events)
    assert [k for k, n in keys.items() if n > 1] == []


def test_kashmir_events_carry_outside_stances(chron: Chronology) -> None:
    kashmir = [e for e in chron.events if "kashmir" in e.dimensions]
    with_stance = [e for e in kashmir if e.kashmir_stances]
    assert len(kashmir) >= 60
    assert len(with_stance) >= 40, "the Kashmir prospects measure needs coded stances"
    assert {s for e in with_stance for s in e.kashmir_stances.values()} == set(STANCES)


@pytest.mark.parametrize(
    ("date", "dimension"),
    [
        ("1947-10-26", "kashmir"),  # Instrument of Accession
        ("1948-04-21", "kashmir"),  # UNSC resolution 47
        ("1954-05-19", "military_aid"),  # Mutual Defense Assistance Agreement
        ("1954-09-08", "alliance"),  # Manila Pact (SEATO)
        ("1959-03-05", "alliance"),  # bilateral Agreement of Cooperation
        ("1960-09-19", "development"),  # Indus Waters Treaty
        ("1966-01-10", "kashmir"),  # Tashkent Declaration
        ("1971-07-09", "china_channel"),  # Kissinger in Peking
        ("1972-07-02", "kashmir"),  # Simla Agreement
        ("1998-05-28", "nuclear"),  # Pakistan's tests
        ("2003-11-26", "kashmir"),  # LoC ceasefire
        ("2019-08-05", "kashmir"),  # Article 370
        ("2021-02-25", "kashmir"),  # 2021 ceasefire understanding
        ("2021-08-30", "afghanistan"),  # end of the US withdrawal
    ],
)
def test_landmark_events_are_present(chron: Chronology, date: str, dimension: str) -> None:
    assert any(e.date == date and dimension in e.dimensions for e in chron.events)


def test_most_dates_are_known_to_the_day_and_the_rest_say_so(chron: Chronology) -> None:
    precision = Counter(e.precision for e in chron.events)
    assert precision["day"] / len(chron.events) > 0.8
    assert precision["month"] + precision["year"] > 0, "no reduced precision: suspiciously exact"


def _record_rows(name: str) -> list[dict[str, str]]:
    """The rows of one of the chronology's check records (data/chronology/*.csv)."""
    import csv

    from crossroads.paths import data_dir

    with (data_dir() / "chronology" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_second_pass_record_names_shipped_sources_and_says_what_was_done(chron: Chronology) -> None:
    """Every source the second checker flagged carries an action; every key is still in the bibliography."""
    rows = _record_rows("second_pass.csv")
    assert rows, "the second-pass record is empty"
    assert {r["source_key"] for r in rows} <= set(chron.sources), "the record names a source no longer shipped"
    flagged = [r for r in rows if r["finding"] != "supports"]
    assert all(r["action"] in {"corrected", "kept", "open"} and r["detail"] for r in flagged)


@pytest.mark.parametrize(
    ("name", "size"), [("recheck_sample.csv", 40), ("recheck_sample_2.csv", 30), ("recheck_sample_3.csv", 30)]
)
def test_the_random_sample_rechecks_name_shipped_events_and_say_what_was_done(
    chron: Chronology, name: str, size: int
) -> None:
    """Each random re-check (40 events, then 30 and 30 more): events still shipped, flags acted on."""
    rows = _record_rows(name)
    assert len(rows) == size and len({r["event_id"] for r in rows}) == size
    assert {r["event_id"] for r in rows} <= {e.id for e in chron.events}, "the record names an event no longer shipped"
    flagged = [r for r in rows if r["finding"] != "correct"]
    assert all(r["action"] in {"corrected", "kept", "open"} and r["detail"] for r in flagged)


def test_each_random_recheck_draws_no_event_an_earlier_one_checked() -> None:
    """Each later sample was drawn from the events no earlier one had checked, so together they cover 100 events."""
    names = ["recheck_sample.csv", "recheck_sample_2.csv", "recheck_sample_3.csv"]
    samples = [{r["event_id"] for r in _record_rows(name)} for name in names]
    assert len(set().union(*samples)) == sum(len(s) for s in samples)


def test_the_second_pass_on_audit_events_names_shipped_events_and_says_what_was_done(chron: Chronology) -> None:
    """Every event the second checker flagged carries an action; every event named is still shipped."""
    rows = _record_rows("second_pass_events.csv")
    assert len(rows) >= 236 and len({r["event_id"] for r in rows}) == len(rows)
    assert {r["event_id"] for r in rows} <= {e.id for e in chron.events}, "the record names an event no longer shipped"
    flagged = [r for r in rows if r["finding"] != "supports"]
    assert all(r["action"] in {"corrected", "kept", "open"} and r["detail"] for r in flagged)


def test_the_check_of_citations_added_to_existing_events_names_shipped_citations_and_says_what_was_done(
    chron: Chronology,
) -> None:
    """Each row is a citation the chronology still makes; every page not reopened says so; every flag is acted on."""
    rows = _record_rows("citation_check.csv")
    cites = {(e.id, key) for e in chron.events for key in e.sources}
    assert rows and {(r["event_id"], r["source_key"]) for r in rows} <= cites, "a row names a citation no longer made"
    assert len({(r["event_id"], r["source_key"]) for r in rows}) == len(rows)
    assert {r["finding"] for r in rows} <= {"supports", "partial", "misclassified", "does_not_support", "not_reopened"}
    assert all((r["reopened"] == "no") == (r["finding"] == "not_reopened") for r in rows)
    flagged = [r for r in rows if r["finding"] in {"partial", "misclassified", "does_not_support"}]
    assert all(r["action"] in {"corrected", "kept", "open"} and r["detail"] for r in flagged)

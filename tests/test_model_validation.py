"""Loading rejects each kind of bad record with the file, line, record, field and what is expected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crossroads.model.dates import PartialDate
from crossroads.model.errors import DataError
from crossroads.model.loading import load_chronology
from tests.conftest import append_event


def only_problem(root: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_chronology(root)
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0])


def test_valid_mini_chronology_loads_sorted_by_date(mini_data: Path) -> None:
    chron = load_chronology(mini_data)
    assert [e.id for e in chron.events] == [
        "1948-04-21-unsc-resolution-47",
        "1954-05-19-mutual-defense-assistance-agreement",
        "1965-09-us-arms-suspension",
    ]
    assert chron.events[0].kashmir_stances == {"UNSC": "internationalize", "USA": "internationalize"}
    assert chron.era_of(chron.events[2]) == "e3"


def test_missing_field_names_file_line_record_and_field(edit_events: Callable[..., Path]) -> None:
    root = edit_events('  cameo: "057"\n', "")
    message = only_problem(root)
    assert "mini.yaml:1" in message
    assert "1954-05-19-mutual-defense-assistance-agreement" in message
    assert "field 'cameo'" in message and "required field is missing" in message


def test_bad_date_is_reported_with_the_expected_shapes(edit_events: Callable[..., Path]) -> None:
    root = edit_events('date: "1954-05-19"', 'date: "1954-02-30"')
    message = only_problem(root)
    assert "mini.yaml:2" in message and "field 'date'" in message
    assert "day is out of range" in message


def test_unparseable_date_explains_the_accepted_forms(edit_events: Callable[..., Path]) -> None:
    message = only_problem(edit_events('date: "1954-05-19"', 'date: "May 1954"'))
    assert "YYYY-MM-DD, YYYY-MM or YYYY" in message


def test_unknown_actor_code_points_to_the_actor_table(edit_events: Callable[..., Path]) -> None:
    message = only_problem(edit_events("actors: [PAK, USA]", "actors: [PAK, XYZ]"))
    assert "field 'actors'" in message and "XYZ" in message and "actors.csv" in message


def test_unknown_cameo_code_is_rejected(edit_events: Callable[..., Path]) -> None:
    message = only_problem(edit_events('cameo: "057"', 'cameo: "0579"'))
    assert "field 'cameo'" in message and "not a CAMEO event code" in message


def test_goldstein_must_match_the_cameo_code(edit_events: Callable[..., Path]) -> None:
    message = only_problem(edit_events("goldstein: 8.0", "goldstein: 5.0"))
    assert "does not match CAMEO 057" in message and "8.0" in message


def test_checks_across_fields_point_at_the_field_line_without_library_prefixes(
    edit_events: Callable[..., Path],
) -> None:
    """A goldstein or precision mismatch names the field's own line, and no "Value error," from the validator."""
    goldstein = only_problem(edit_events("goldstein: 8.0", "goldstein: 5.0"))
    assert "field 'goldstein'" in goldstein and "Value error" not in goldstein
    text = (edit_events("goldstein: 5.0", "goldstein: 8.0") / "chronology" / "mini.yaml").read_text(encoding="utf-8")
    record_line = text.splitlines().index("- id: 1954-05-19-mutual-defense-assistance-agreement") + 1
    assert f"mini.yaml:{record_line}," not in goldstein, "the error points at the record's first line"
    precision = only_problem(edit_events("precision: day", "precision: month"))
    assert "field 'precision'" in precision and "Value error" not in precision


def test_dangling_citation_key_is_rejected(edit_events: Callable[..., Path]) -> None:
    message = only_problem(edit_events("sources: [unsc-res-47]", "sources: [unsc-res-4700]"))
    assert "field 'sources'" in message and "unsc-res-4700" in message and "bibliography" in message


def test_duplicate_id_names_the_first_use(mini_data: Path) -> None:
    append_event(
        mini_data,
        """\
        - id: 1954-05-19-mutual-defense-assistance-agreement
          date: "1954-05"
          precision: month
          actors: [USA, PAK]
          cameo: "0332"
          goldstein: 5.2
          dimensions: [military_aid]
          description: A second record that reuses the id of the first one.
          sources: [avalon-mdaa-1954]
        """,
    )
    message = only_problem(mini_data)
    assert "field 'id'" in message and "duplicate id; first used at" in message and "mini.yaml:1" in message


def test_two_records_of_the_same_event_are_rejected(mini_data: Path) -> None:
    append_event(
        mini_data,
        """\
        - id: 1954-05-19-mdaa-again
          date: "1954-05-19"
          precision: day
          actors: [USA, PAK]
          cameo: "057"
          goldstein: 8.0
          dimensions: [agreement]
          description: The same signing recorded a second time with the actors reversed.
          sources: [avalon-mdaa-1954]
        """,
    )
    message = only_problem(mini_data)
    assert "same date, actors and CAMEO code" in message


def test_precision_must_agree_with_the_date(edit_events: Callable[..., Path]) -> None:
    message = only_problem(edit_events("precision: day", "precision: month"))
    assert "precision is 'month'" in message


def test_dates_outside_the_period_are_rejected(edit_events: Callable[..., Path]) -> None:
    message = only_problem(edit_events('date: "1954-05-19"', 'date: "1946-05-19"'))
    assert "outside the period" in message


def test_end_date_before_date_is_rejected(edit_events: Callable[..., Path]) -> None:
    message = only_problem(edit_events("precision: day\n", 'precision: day\n  end_date: "1954-05-01"\n'))
    assert "end_date 1954-05-01 is before date 1954-05-19" in message


def test_stance_for_a_party_to_the_dispute_is_rejected(edit_events: Callable[..., Path]) -> None:
    message = only_problem(edit_events("USA: internationalize}", "PAK: internationalize}"))
    assert "party to the dispute" in message


def test_unknown_field_is_rejected_not_ignored(edit_events: Callable[..., Path]) -> None:
    message = only_problem(edit_events("  precision: day\n", "  precision: day\n  precison: day\n"))
    assert "field 'precison'" in message and "unknown field" in message


def test_yaml_syntax_error_reports_the_line(edit_events: Callable[..., Path]) -> None:
    with pytest.raises(DataError) as caught:
        load_chronology(edit_events("  actors: [PAK, USA]", "  actors: [PAK, USA"))
    assert "YAML syntax error" in str(caught.value) and "mini.yaml:" in str(caught.value)


def test_conflicting_citation_keys_are_rejected(mini_data: Path) -> None:
    extra = mini_data / "bibliography" / "other.yaml"
    extra.write_text(
        "- key: unsc-res-47\n  issuer: Someone Else\n  title: Another document\n"
        "  url: https://example.org/x\n  type: reference\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_chronology(mini_data)
    assert "already defined differently" in str(caught.value)


def test_all_problems_are_reported_together(edit_events: Callable[..., Path]) -> None:
    edit_events("actors: [PAK, USA]", "actors: [PAK, XYZ]")
    root = edit_events('cameo: "0355"', 'cameo: "9999"')
    with pytest.raises(DataError) as caught:
        load_chronology(root)
    assert len(caught.value.problems) == 2


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("1971-12-16", "day", "1971-12-16", "1971-12-16"),
        ("1972-02", "month", "1972-02-01", "1972-02-29"),
        ("1959", "year", "1959-01-01", "1959-12-31"),
    ],
)
def test_partial_dates_cover_their_whole_span(text: str, precision: str, first: str, last: str) -> None:
    parsed = PartialDate.parse(text)
    assert parsed.precision == precision
    assert (parsed.start.isoformat(), parsed.end.isoformat()) == (first, last)


def test_a_source_must_give_the_address_of_the_document(mini_data: Path) -> None:
    path = mini_data / "bibliography" / "mini.yaml"
    path.write_text(path.read_text().replace("https://digitallibrary.un.org/record/111955", "https://archive.org/"))
    with pytest.raises(DataError) as caught:
        load_chronology(mini_data)
    assert "field 'url'" in str(caught.value)


def test_a_copy_on_a_document_sharing_site_must_be_flagged_as_a_mirror(mini_data: Path) -> None:
    path = mini_data / "bibliography" / "mini.yaml"
    copy = "https://www.docslib.org/doc/123/resolution-47"
    path.write_text(path.read_text().replace("https://digitallibrary.un.org/record/111955", copy))
    message = only_problem(mini_data)
    assert "unsc-res-47" in message and "docslib.org" in message and "mirror: true" in message
    path.write_text(
        path.read_text().replace(
            f"url: {copy}\n  type: un_resolution\n", f"url: {copy}\n  type: un_resolution\n  mirror: true\n"
        )
    )
    chron = load_chronology(mini_data)
    assert chron.sources["unsc-res-47"].kind == "mirror"

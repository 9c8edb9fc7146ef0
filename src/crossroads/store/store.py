"""Read access to the store: the query functions shared by the CLI, the API and the report.

No door computes its own version of the data: every interface calls these
methods. The connection is read-only and every query is parameterized.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from crossroads.model.errors import StoreMissingError
from crossroads.model.reference import Calendar, Era


@dataclass(frozen=True)
class EventFilter:
    """Filters for listing events; every field optional."""

    start: date | None = None
    end: date | None = None
    era: str | None = None
    dimension: str | None = None
    actor: str | None = None
    cameo_root: str | None = None
    text: str | None = None
    kashmir_only: bool = False

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.start:
            clauses.append("date_end >= ?")
            params.append(self.start)
        if self.end:
            clauses.append("date_start <= ?")
            params.append(self.end)
        if self.era:
            clauses.append("era = ?")
            params.append(self.era)
        if self.dimension:
            clauses.append("list_contains(dimensions, ?)")
            params.append(self.dimension)
        if self.actor:
            clauses.append("list_contains(actors, ?)")
            params.append(self.actor)
        if self.cameo_root:
            clauses.append("cameo_root = ?")
            params.append(self.cameo_root)
        if self.text:
            clauses.append("(description ILIKE ? OR id ILIKE ?)")
            like = "%" + self.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [like, like]
        if self.kashmir_only:
            clauses.append("list_contains(dimensions, 'kashmir')")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


EVENT_COLUMNS = (
    "id, date, date_precision, end_date, era, actors, cameo, goldstein, plover, dimensions, "
    "description, sources, note, origin, confidence"
)


class Store:
    """A read-only view of one store file."""

    def __init__(self, path: Path):
        if not path.exists():
            raise StoreMissingError(path)
        self.path = path
        self._con = duckdb.connect(str(path), read_only=True)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one thread (DuckDB connections are not shared across threads)."""
        return self._con.cursor()

    def _frame(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        cur = self.cursor()
        try:
            return cur.execute(sql, params or []).df()
        finally:
            cur.close()

    # events -------------------------------------------------------------
    def events(self, filt: EventFilter | None = None, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        where, params = (filt or EventFilter()).where()
        sql = f"SELECT {EVENT_COLUMNS} FROM events{where} ORDER BY date_start, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return self._frame(sql, params)

    def count_events(self, filt: EventFilter | None = None) -> int:
        where, params = (filt or EventFilter()).where()
        return int(self._frame(f"SELECT count(*) AS n FROM events{where}", params)["n"].iloc[0])

    def event(self, event_id: str) -> dict[str, Any] | None:
        frame = self._frame(f"SELECT {EVENT_COLUMNS}, file, line FROM events WHERE id = ?", [event_id])
        if frame.empty:
            return None
        record: dict[str, Any] = {str(k): v for k, v in frame.iloc[0].to_dict().items()}
        record["sources"] = self._frame(
            "SELECT s.* FROM event_sources es JOIN sources s ON s.key = es.source_key "
            "WHERE es.event_id = ? ORDER BY es.position",
            [event_id],
        ).to_dict(orient="records")
        record["kashmir_stances"] = dict(
            self._frame("SELECT actor, stance FROM kashmir_stances WHERE event_id = ?", [event_id]).itertuples(
                index=False, name=None
            )
        )
        return record

    def events_export(self) -> pd.DataFrame:
        """One row per event with its source addresses, for CSV/Parquet/JSON export."""
        return self._frame(
            """
            SELECT e.id, e.date, e.date_precision, e.end_date, e.era, e.actors, e.cameo,
                   e.goldstein, e.plover, e.dimensions, e.description, e.sources,
                   (SELECT list(s.url ORDER BY es.position)
                      FROM event_sources es JOIN sources s ON s.key = es.source_key
                     WHERE es.event_id = e.id) AS source_urls,
                   (SELECT string_agg(k.actor || ':' || k.stance, ';' ORDER BY k.actor)
                      FROM kashmir_stances k WHERE k.event_id = e.id) AS kashmir_stances,
                   e.note, e.origin, e.confidence
            FROM events e
            ORDER BY e.date_start, e.id
            """
        )

    # reference ----------------------------------------------------------
    def sources(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM sources ORDER BY key")

    def eras(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM eras ORDER BY start_date")

    def calendar(self) -> Calendar:
        """The study period and the eras in years, from the eras this store was built with."""
        return Calendar(
            [
                Era(
                    id=str(row["id"]),
                    slug=str(row["slug"]),
                    label=str(row["label"]),
                    start=pd.Timestamp(str(row["start_date"])).date(),
                    end=pd.Timestamp(str(row["end_date"])).date(),
                    summary=str(row["summary"]),
                )
                for row in self.eras().to_dict(orient="records")
            ]
        )

    def provenance(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM provenance ORDER BY table_name")

    def meta(self) -> dict[str, str]:
        return dict(self._frame("SELECT key, value FROM meta").itertuples(index=False, name=None))

    # series -------------------------------------------------------------
    def series(
        self,
        source_actor: str | None = None,
        target_actor: str | None = None,
        variable: str | None = None,
    ) -> pd.DataFrame:
        clauses, params = [], []
        for column, value in (
            ("source_actor", source_actor),
            ("target_actor", target_actor),
            ("variable", variable),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._frame(
            "SELECT source_actor, target_actor, directed, year, variable, value, unit, source "
            f"FROM series{where} ORDER BY source_actor, target_actor, variable, year",
            params,
        )

    def series_rows(self, tables: list[str], actors: list[str]) -> pd.DataFrame:
        """Long rows of the named series tables that involve only ``actors`` (the panel's input)."""
        return self._frame(
            "SELECT source_actor, target_actor, directed, year, variable, value, source FROM series "
            "WHERE list_contains(?, table_name) AND list_contains(?, source_actor) AND list_contains(?, target_actor)",
            [tables, actors, actors],
        )

    # coverage -----------------------------------------------------------
    def coverage(self) -> pd.DataFrame:
        """Events per era and dimension (every era × dimension cell, zeros included)."""
        from crossroads.model.reference import DIMENSIONS

        dims = pd.DataFrame({"dimension": list(DIMENSIONS)})
        cur = self.cursor()
        try:
            cur.register("_dims", dims)
            return cur.execute(
                """
                SELECT e.id AS era, e.label, d.dimension, count(x.event_id) AS events
                FROM eras e CROSS JOIN _dims d
                LEFT JOIN (SELECT ev.era, ed.dimension, ed.event_id
                           FROM event_dimensions ed JOIN events ev ON ev.id = ed.event_id) x
                  ON x.era = e.id AND x.dimension = d.dimension
                GROUP BY ALL ORDER BY e.id, d.dimension
                """
            ).df()
        finally:
            cur.close()

    # vocabularies (for validating query parameters and filling filter menus) ---------
    def actors(self) -> pd.DataFrame:
        """Every actor code with its label, kind and the number of events naming it.

        The explorer validates ``actor`` parameters against these codes and lists the
        ones with events in its filter menu.
        """
        return self._frame(
            """
            SELECT a.code, a.label, a.kind, count(ea.event_id) AS events
            FROM actors a LEFT JOIN event_actors ea ON ea.actor = a.code
            GROUP BY ALL ORDER BY events DESC, a.code
            """
        )

    def dimensions(self) -> list[str]:
        """The closed vocabulary of event dimensions (the same list the build validates against)."""
        from crossroads.model.reference import DIMENSIONS

        return list(DIMENSIONS)

    def cameo_roots(self) -> pd.DataFrame:
        """The CAMEO root codes (``01``–``20``) with their labels, for validating ``cameo_root``."""
        return self._frame("SELECT code AS root, label FROM cameo WHERE code = root_code ORDER BY code")

    def series_variables(self) -> list[str]:
        """The variables present in the series table, for validating ``variable``."""
        return [str(v) for v in self._frame("SELECT DISTINCT variable FROM series ORDER BY 1")["variable"]]

"""The curated events held in memory, answering /api/events and its exports without a query per request.

The store is small (hundreds of events) and read-only while the server runs, so
each event's JSON is encoded once at start-up and every filter is a boolean array
over the events in date order: a request costs a few numpy operations and one
``bytes.join``, whatever the filters. This is not a cache of answers: every
combination of filters is computed, none is remembered. The filters mean exactly
what ``EventFilter.where`` means in SQL (the API tests compare the two), and the
text filter is the full-text search of ``crossroads.store.search``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from crossroads.store.export import _flatten_for_csv, records, to_bibtex
from crossroads.store.search import TextIndex
from crossroads.store.store import EventFilter, Store
from crossroads.web.respond import json_bytes

_EXTRA = """
SELECT e.id, e.date_start, e.date_end, e.cameo_root,
       coalesce((SELECT string_agg(s.title || ' ' || s.issuer, ' ')
                 FROM event_sources es JOIN sources s ON s.key = es.source_key
                 WHERE es.event_id = e.id), '') AS source_text
FROM events e ORDER BY e.date_start, e.id
"""


def _member_masks(lists: list[list[str]]) -> dict[str, np.ndarray]:
    masks: dict[str, np.ndarray] = {}
    for i, members in enumerate(lists):
        for member in members:
            masks.setdefault(member, np.zeros(len(lists), dtype=bool))[i] = True
    return masks


@dataclass(frozen=True)
class Selection:
    """The events a filter chose, as positions in date order."""

    positions: np.ndarray

    @property
    def total(self) -> int:
        return len(self.positions)


class EventIndex:
    """Every event of the store, ready to be filtered, paged and exported."""

    def __init__(self, store: Store):
        events = store.events()
        extra = store._frame(_EXTRA)
        if list(extra["id"]) != list(events["id"]):
            raise RuntimeError("event order differs between queries")  # both sort by (date_start, id)
        self.ids: list[str] = [str(i) for i in events["id"]]
        self._items = [json_bytes(row) for row in records(events)]
        self._export = store.events_export().set_index("id").loc[self.ids].reset_index()
        self._sources = store.sources().set_index("key", drop=False)
        self._cited = [list(s) for s in events["sources"]]
        self._date_start = np.array(pd.to_datetime(extra["date_start"]).dt.date, dtype=object)
        self._date_end = np.array(pd.to_datetime(extra["date_end"]).dt.date, dtype=object)
        self._columns: dict[str, dict[str, np.ndarray]] = {
            "era": _member_masks([[e] if isinstance(e, str) else [] for e in events["era"]]),
            "cameo_root": _member_masks([[str(r)] for r in extra["cameo_root"]]),
            "origin": _member_masks([[str(o)] for o in events["origin"]]),
        }
        self._dimensions = _member_masks([list(d) for d in events["dimensions"]])
        self._actors = _member_masks([list(a) for a in events["actors"]])
        notes = events["note"].where(events["note"].notna(), "")
        self._text = TextIndex(
            f"{i} {d} {n} {s}"
            for i, d, n, s in zip(events["id"], events["description"], notes, extra["source_text"], strict=True)
        )
        self._none = np.zeros(len(self.ids), dtype=bool)

    def _mask(self, filt: EventFilter) -> np.ndarray:
        mask = np.ones(len(self.ids), dtype=bool)
        if filt.start:
            mask &= self._date_end >= filt.start
        if filt.end:
            mask &= self._date_start <= filt.end
        for column in ("era", "cameo_root", "origin"):
            wanted = getattr(filt, column, None)
            if wanted:
                mask &= self._columns[column].get(wanted, self._none)
        if filt.dimension:
            mask &= self._dimensions.get(filt.dimension, self._none)
        if filt.kashmir_only:
            mask &= self._dimensions.get("kashmir", self._none)
        if filt.actor:
            mask &= self._actors.get(filt.actor, self._none)
        if filt.text:
            hits = self._text.search(filt.text) or set()  # text without a word (say "%") matches nothing
            chosen = np.zeros(len(self.ids), dtype=bool)
            chosen[list(hits)] = True
            mask &= chosen
        return mask

    def select(self, filt: EventFilter) -> Selection:
        return Selection(np.flatnonzero(self._mask(filt)))

    def page(self, filt: EventFilter, limit: int, offset: int) -> bytes:
        """The /api/events answer: ``{total, limit, offset, items}`` as JSON bytes."""
        chosen = self.select(filt).positions
        items = b",".join(self._items[i] for i in chosen[offset : offset + limit])
        head = f'{{"total":{len(chosen)},"limit":{limit},"offset":{offset},"items":['.encode()
        return head + items + b"]}"

    # exports of the current view -------------------------------------------------------
    def csv(self, filt: EventFilter) -> str:
        frame = self._export.iloc[self.select(filt).positions]
        buffer = io.StringIO()
        _flatten_for_csv(frame).to_csv(buffer, index=False)
        return buffer.getvalue()

    def cited_sources(self, filt: EventFilter) -> pd.DataFrame:
        """The sources the chosen events cite, each once, in the order first cited."""
        keys: dict[str, None] = {}
        for i in self.select(filt).positions:
            keys.update(dict.fromkeys(self._cited[i]))
        return self._sources.loc[list(keys)].reset_index(drop=True)

    def bibtex(self, filt: EventFilter) -> str:
        sources = self.cited_sources(filt)
        return to_bibtex(sources) if len(sources) else ""

    def ris(self, filt: EventFilter, accessed: date | None = None) -> str:
        from crossroads.store.cite import to_ris

        return to_ris(self.cited_sources(filt), accessed=accessed)

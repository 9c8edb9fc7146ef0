"""Full-text search over the chronology: descriptions, notes and source titles, with spelling variants.

Historians search the names a source uses, and sources use the spellings of their
day: a search for "Shimla" must find the 1972 agreement recorded as "Simla", and
"Dhaka" the events in "Dacca". Text is folded (case, accents, punctuation) into
words; each word of a query must match the start of a word of the event, after
both are mapped through the committed table of spelling variants
(``data/reference/spelling_variants.csv``). The index is a sorted word list with
postings, so a query costs a few binary searches whatever the size of the store.
"""

from __future__ import annotations

import bisect
import csv
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

VARIANTS_FILE = Path(__file__).resolve().parents[1] / "data" / "reference" / "spelling_variants.csv"

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents, so "Sīmla", "SIMLA" and "simla" read alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@functools.cache
def variant_map() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each spelling (as a word sequence) mapped to the group's first spelling."""
    mapping: dict[tuple[str, ...], tuple[str, ...]] = {}
    with VARIANTS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            spellings = [tuple(words(s)) for s in row["spellings"].split(";") if s.strip()]
            for spelling in spellings:
                mapping[spelling] = spellings[0]
    return mapping


def canonical(tokens: Sequence[str]) -> list[str]:
    """The words with every known variant spelling (one or several words) replaced by its group's first."""
    mapping = variant_map()
    longest = max((len(k) for k in mapping), default=1)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(tokens[i : i + size])
            if key in mapping:
                out.extend(mapping[key])
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


class TextIndex:
    """Which documents (by position) contain words starting with each query word."""

    def __init__(self, documents: Iterable[str]):
        postings: dict[str, set[int]] = {}
        for position, text in enumerate(documents):
            for word in set(canonical(words(text))):
                postings.setdefault(word, set()).add(position)
        self._words = sorted(postings)
        self._postings = [frozenset(postings[w]) for w in self._words]

    def _prefix(self, prefix: str) -> set[int]:
        found: set[int] = set()
        start = bisect.bisect_left(self._words, prefix)
        for i in range(start, len(self._words)):
            if not self._words[i].startswith(prefix):
                break
            found |= self._postings[i]
        return found

    def search(self, query: str) -> set[int] | None:
        """Positions of the documents matching every word of ``query`` (None if it has no words)."""
        terms = canonical(words(query))
        if not terms:
            return None
        result: set[int] | None = None
        for term in dict.fromkeys(terms):
            hits = self._prefix(term)
            result = hits if result is None else result & hits
            if not result:
                return set()
        return result

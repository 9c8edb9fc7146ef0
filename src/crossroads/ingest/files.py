"""Find input files (paths, folders, globs) and stream their lines from plain, .gz or .zip files.

Lines are read as bytes, one at a time through a buffered reader, so memory does not
grow with the file; each zip member is read as a file of its own.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

import xxhash

from crossroads.model.errors import CrossroadsError


@dataclass(frozen=True)
class Source:
    """One stream of lines: a file, or one member of a zip archive."""

    path: Path
    member: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path}!{self.member}" if self.member else str(self.path)


def expand(inputs: list[Path]) -> dict[Path, bool]:
    """Files named directly, every file under a folder (sorted), or the matches of a glob.

    The value says whether the file was named explicitly: a file found in a folder or by
    a glob whose format is not recognised is skipped (folders hold READMEs and column
    lists); a file named explicitly must be readable.
    """
    found: list[tuple[Path, bool]] = []
    for item in inputs:
        text = str(item)
        if item.is_dir():
            found += [(p, False) for p in sorted(item.rglob("*")) if p.is_file() and not p.name.startswith(".")]
        elif item.is_file():
            found.append((item, True))
        elif any(ch in text for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matches:
                raise CrossroadsError(f"no file matches {text}")
            found += [(p, False) for p in matches]
        else:
            raise CrossroadsError(f"{text}: no such file or folder")
    unique: dict[Path, bool] = {}
    for path, explicit in found:
        key = path.resolve()
        unique[key] = unique.get(key, False) or explicit
    return unique


def sources(path: Path) -> list[Source]:
    """The line streams inside one input file."""
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                return [Source(path, m.filename) for m in archive.infolist() if not m.is_dir()]
        except zipfile.BadZipFile:
            raise CrossroadsError(f"{path}: not a readable zip archive") from None
    return [Source(path)]


CONTENT_HASHES: dict[str, Callable[[], Any]] = {"xxh3_128": xxhash.xxh3_128, "sha256": hashlib.sha256}
"""How the ingest log identifies a file's content (``file_hash``), so that ``--resume`` can skip it.
XXH3-128 (32 hex digits): measured 0.014 CPU-s for 300 MB against 0.17 for SHA-256, the largest cost
after Arrow's parse in the reader thread; a 128-bit non-cryptographic hash tells files apart as surely
(nobody forges an event file to have it skipped). SHA-256 (64 hex digits): what a store whose log was
begun before keeps using, so that its committed files are still recognised."""


def content_hash_for(logged: Iterable[str]) -> str:
    """The content hash of a store, from the hashes its log already holds: SHA-256 if it began with it."""
    return "sha256" if any(len(h) == 64 for h in logged) else "xxh3_128"


class _Hashing(io.RawIOBase):
    """Passes reads through and feeds every byte to a hash, so a file is hashed as it is read."""

    def __init__(self, inner: BinaryIO, digest: Any):
        self.inner = inner
        self.digest = digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self.inner.readinto(buffer)  # type: ignore[attr-defined]
        if n:
            self.digest.update(memoryview(buffer)[:n])
        return int(n or 0)


def _buffered(stream: BinaryIO, digest: Any) -> BinaryIO:
    return cast(BinaryIO, io.BufferedReader(_Hashing(stream, digest), buffer_size=1 << 20))


@contextmanager
def open_lines(src: Source, content_hash: str = "xxh3_128") -> Iterator[tuple[BinaryIO, BinaryIO, Any]]:
    """A binary reader of the source's lines, the file on disk (its ``tell()`` is the progress), and the
    content hash of the source as stored (the file; a zip member's content), complete once all is read."""
    digest = CONTENT_HASHES[content_hash]()
    with src.path.open("rb") as raw:
        if src.member is not None:
            with zipfile.ZipFile(raw) as archive, archive.open(src.member) as member:
                yield _buffered(cast(BinaryIO, member), digest), raw, digest
        elif src.path.suffix.lower() == ".gz":
            with gzip.GzipFile(fileobj=_buffered(raw, digest)) as unzipped:
                yield cast(BinaryIO, io.BufferedReader(cast(io.RawIOBase, unzipped), buffer_size=1 << 20)), raw, digest
        else:
            yield _buffered(raw, digest), raw, digest


def source_hash(src: Source, content_hash: str) -> str:
    """The content hash of the source as stored: what the ingest log records, so ``--resume`` can skip it."""
    digest = CONTENT_HASHES[content_hash]()
    with src.path.open("rb") as raw:
        if src.member is not None:
            with zipfile.ZipFile(raw) as archive, archive.open(src.member) as member:
                for block in iter(lambda: member.read(1 << 20), b""):
                    digest.update(block)
        else:
            for block in iter(lambda: raw.read(1 << 20), b""):
                digest.update(block)
    return str(digest.hexdigest())

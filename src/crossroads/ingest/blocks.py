"""A headerless tab-separated file as blocks of whole lines, each parsed by Arrow, read ahead in a thread.

The file is cut into blocks of whole lines here, not by ``pyarrow.csv.open_csv``, so that
each block keeps its bytes: Arrow converts only the columns the event schema needs (it
still checks every row's field count), and a row that fails a check is quarantined with
its raw line taken from those bytes. A block Arrow cannot read as it stands (a row of
another width, invalid UTF-8, an empty line, a stray carriage return) raises
:class:`Unreadable`; the caller then gives the whole file to the line reader, which names
each bad line.
"""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from queue import Empty, Queue
from typing import Any, BinaryIO, TypeVar, cast

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]

from crossroads.ingest.arrow_values import numbers
from crossroads.ingest.rows import MAX_FIELD

T = TypeVar("T")


class Unreadable(Exception):  # noqa: N818 - a signal to read the file another way
    """Arrow cannot read this block as it stands; the line reader must read the file."""


@dataclass(frozen=True)
class Block:
    """Consecutive whole lines of a file: the needed columns as strings, and the bytes they came from."""

    table: pa.Table
    """The columns asked for, as strings (an empty field is ``''``), one row per line."""
    data: bytearray
    """The block's bytes (and, past the last line's end, the start of the next block's)."""
    ends: npt.NDArray[np.int64]
    """Offset in ``data`` of each line's end (its newline, or the end of the data)."""
    first_line: int
    """1-based line number of the first row."""
    position: int
    """Bytes of the file as stored read so far (for the progress bar)."""
    long_rows: npt.NDArray[np.int64]
    """Rows whose line is over ``MAX_FIELD`` bytes: only these can hold an oversized field."""

    @property
    def num_rows(self) -> int:
        return int(self.table.num_rows)

    def lines(self) -> pa.Array:
        """The line number of every row."""
        return numbers(np.arange(self.first_line, self.first_line + self.num_rows), pa.int64())

    def raw(self, row: int) -> bytes:
        """The bytes of one row's line, without its newline."""
        start = int(self.ends[row - 1]) + 1 if row else 0
        return bytes(self.data[start : int(self.ends[row])])


def read_blocks(
    stream: BinaryIO,
    position: Callable[[], int],
    width: int,
    columns: list[int],
    block_bytes: int,
) -> Iterator[Block]:
    """Blocks of about ``block_bytes`` of whole lines of a headerless tab-separated file of ``width`` fields,
    with the 0-based ``columns`` converted (named ``c<i>``)."""
    names = [f"c{i}" for i in range(width)]
    keep = [names[i] for i in columns]
    read_opts = pacsv.ReadOptions(column_names=names, block_size=block_bytes + (1 << 16), use_threads=False)
    parse_opts = pacsv.ParseOptions(
        delimiter="\t", quote_char=False, double_quote=False, escape_char=False, newlines_in_values=False,
        ignore_empty_lines=False,
    )  # fmt: skip
    # UTF-8 is checked once over the whole block (_parse), not again column by column
    convert_opts = pacsv.ConvertOptions(
        column_types=dict.fromkeys(keep, pa.string()), include_columns=keep, strings_can_be_null=False,
        quoted_strings_can_be_null=False, check_utf8=False,
    )  # fmt: skip
    reader = cast(io.BufferedIOBase, stream)
    rest = b""
    line = 1
    while True:
        # read straight into a fresh buffer after the unfinished line: no copy of the block
        buf = bytearray(len(rest) + block_bytes)
        buf[: len(rest)] = rest
        got = reader.readinto(memoryview(buf)[len(rest) :])
        size = len(rest) + got
        cut = buf.rfind(b"\n", 0, size) + 1 if got else size  # at the end: the last line, newline or not
        if not cut:
            if not got:
                return
            rest = bytes(buf[:size])  # one line longer than a block: read on
            continue
        block = _parse(buf, cut, line, position(), read_opts, parse_opts, convert_opts)
        line += block.num_rows
        yield block
        if not got:
            return
        rest = bytes(buf[cut:size])


def _valid_utf8(data: bytearray, size: int) -> bool:
    """Whether the first ``size`` bytes are UTF-8 (Arrow's vectorised check, over the block at once)."""
    if data.isascii():
        return True
    offsets = pa.py_buffer(np.array([0, size], dtype=np.int64).tobytes())
    try:
        pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(data).slice(0, size)).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _parse(data: bytearray, size: int, first_line: int, position: int, *opts: Any) -> Block:
    """One block: the first ``size`` bytes of ``data``, whole lines."""
    ends = np.flatnonzero(np.frombuffer(data, np.uint8, count=size) == 10)
    if data[size - 1] != 10:
        ends = np.append(ends, size)
    lengths = np.diff(ends, prepend=-1) - 1
    for row in np.flatnonzero(lengths <= 1):  # Arrow would read an empty line as a row of empty fields
        if not data[int(ends[row]) - int(lengths[row]) : int(ends[row])].rstrip(b"\r"):
            raise Unreadable("an empty line")
    if not _valid_utf8(data, size):
        raise Unreadable("invalid UTF-8")
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data).slice(0, size), read_options=opts[0], parse_options=opts[1], convert_options=opts[2]
        )
    except pa.ArrowInvalid as exc:
        raise Unreadable(str(exc)) from None
    if table.num_rows != len(ends):
        raise Unreadable("a carriage return inside a line")  # Arrow ends a row there too
    long_rows = np.flatnonzero(lengths > MAX_FIELD).astype(np.int64)
    return Block(table, data, ends.astype(np.int64), first_line, position, long_rows)


def prefetch(items: Iterator[T], depth: int = 2) -> Generator[T, None, None]:
    """The items, produced ``depth`` ahead in a thread, so the file is read and parsed while the
    caller loads the previous block (Arrow, hashing and DuckDB release the GIL)."""
    queue: Queue[Any] = Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def work() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                queue.put(item)
            queue.put(done)
        except BaseException as exc:  # handed to the consumer, which re-raises it
            queue.put(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        while (item := queue.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # drain so the thread can finish if the consumer stopped early
            with contextlib.suppress(Empty):
                queue.get(timeout=0.05)
        thread.join()

"""Seeded synthetic GDELT event files (1.0 backfile 57, 1.0 daily 58, 2.0 61 columns) for scale tests.

Values are drawn from empirical distributions measured on the real GDELT samples
(``synth_profile.json`` beside this module: event codes, actor code/name/country
triples, action-geo blocks, tone, mentions, the share of rows with no actor); Goldstein
and quad class follow from the event code as in GDELT. ``dyad_share`` adds USA–PAK
rows, which are rare in real samples, so the dyad series has something to count.
Rebuild the profile with ``python -m crossroads.ingest.synth profile FILE...``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crossroads.ingest.formats import gdelt_columns
from crossroads.ingest.harmonise import cameo_codebook

PROFILE = Path(__file__).with_name("synth_profile.json")


def build_profile(files: list[Path], top: int = 300) -> dict[str, Any]:
    """Empirical distributions from real GDELT export files (any of the three layouts)."""
    codes: Counter[str] = Counter()
    actors: Counter[tuple[str, str, str]] = Counter()
    geos: Counter[tuple[str, ...]] = Counter()
    tones: list[float] = []
    mentions: Counter[int] = Counter()
    rows = no_actor2 = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            f = line.split("\t")
            if len(f) not in (57, 58, 61):
                continue
            ix = {n: i for i, n in enumerate(gdelt_columns(len(f)))}
            rows += 1
            codes[f[ix["EventCode"]]] += 1
            for n in ("Actor1", "Actor2"):
                actors[(f[ix[f"{n}Code"]], f[ix[f"{n}Name"]], f[ix[f"{n}CountryCode"]])] += 1
            no_actor2 += not f[ix["Actor2Code"]]
            geo = [f[ix[f"ActionGeo_{k}"]] for k in ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long")]
            geos[(*geo, f[ix["ActionGeo_FeatureID"]])] += 1
            tones.append(round(float(f[ix["AvgTone"]]), 4))
            mentions[int(f[ix["NumMentions"]])] += 1
    tones.sort()
    quantiles = [tones[min(len(tones) - 1, round(q * (len(tones) - 1) / 100))] for q in range(101)]
    return {
        "source": "GDELT samples: " + ", ".join(p.name for p in files),
        "rows": rows,
        "no_actor2_share": round(no_actor2 / rows, 4),
        "event_codes": codes.most_common(),
        "actors": [[list(k), n] for k, n in actors.most_common(top)],
        "action_geos": [[list(k), n] for k, n in geos.most_common(top)],
        "tone_percentiles": quantiles,
        "mentions": sorted(mentions.items()),
    }


def load_profile() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PROFILE.read_text(encoding="utf-8"))
    return data


def _fraction(day: dt.date) -> str:
    return f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}"


def rows(
    n: int,
    width: int = 61,
    seed: int = 0,
    start: dt.date = dt.date(1979, 1, 1),
    end: dt.date = dt.date(2021, 12, 31),
    dyad_share: float = 0.01,
    first_id: int = 1_000_000_000,
) -> Iterator[str]:
    """``n`` tab-separated GDELT lines (without newline) of the given width, reproducible from ``seed``."""
    rng = random.Random(seed)
    prof = load_profile()
    book = cameo_codebook()
    codes = [c for c, _ in prof["event_codes"] if c in book]
    code_w = [w for c, w in prof["event_codes"] if c in book]
    actors = [tuple(a) for a, _ in prof["actors"]]
    actor_w = [w for _, w in prof["actors"]]
    geos = [tuple(g) for g, _ in prof["action_geos"]]
    geo_w = [w for _, w in prof["action_geos"]]
    tones = prof["tone_percentiles"]
    mention_v = [m for m, _ in prof["mentions"]]
    mention_w = [w for _, w in prof["mentions"]]
    span = (end - start).days
    cols = gdelt_columns(width)
    ix = {name: i for i, name in enumerate(cols)}
    dyad = [("USA", "UNITED STATES", "USA"), ("PAKGOV", "PAKISTAN", "PAK")]
    pk = ("1", "Pakistan", "PK", "PK", "30", "70", "PK")
    for k in range(n):
        day = start + dt.timedelta(days=rng.randrange(span + 1))
        f = [""] * width
        f[0] = str(first_id + k)
        f[1] = day.strftime("%Y%m%d")
        f[2], f[3], f[4] = day.strftime("%Y%m"), str(day.year), _fraction(day)
        code = rng.choices(codes, code_w)[0]
        if rng.random() < dyad_share:
            one, two = rng.sample(dyad, 2)
            geo: tuple[str, ...] = pk
        else:
            one, two = rng.choices(actors, actor_w, k=2)
            if rng.random() < prof["no_actor2_share"]:
                two = ("", "", "")
            geo = rng.choices(geos, geo_w)[0]
        for name, actor in (("Actor1", one), ("Actor2", two)):
            f[ix[f"{name}Code"]], f[ix[f"{name}Name"]], f[ix[f"{name}CountryCode"]] = actor
            if len(actor[0]) >= 6:
                f[ix[f"{name}Type1Code"]] = actor[0][3:6]
        entry = book[code]
        mentions = rng.choices(mention_v, mention_w)[0]
        lo = rng.randrange(100)
        tone = tones[lo] + (tones[lo + 1] - tones[lo]) * rng.random()
        f[ix["IsRootEvent"]] = "1" if rng.random() < 0.6 else "0"
        f[ix["EventCode"]], f[ix["EventBaseCode"]], f[ix["EventRootCode"]] = code, code[:3], code[:2]
        f[ix["QuadClass"]] = str(entry.quad_class)
        f[ix["GoldsteinScale"]] = f"{entry.goldstein:g}"
        f[ix["NumMentions"]], f[ix["NumSources"]] = str(mentions), str(max(1, mentions // 3))
        f[ix["NumArticles"]] = str(mentions)
        f[ix["AvgTone"]] = f"{tone:.6f}"
        for prefix in ("Actor1", "Actor2", "Action"):
            if prefix != "Action" and not f[ix[f"{prefix}Code"]]:
                continue
            for key, value in zip(
                ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"), geo, strict=True
            ):
                f[ix[f"{prefix}Geo_{key}"]] = value
        f[ix["DATEADDED"]] = (day + dt.timedelta(days=1)).strftime("%Y%m%d") + ("000000" if width == 61 else "")
        if width > 57:
            f[ix["SOURCEURL"]] = f"https://example.org/synthetic/{first_id + k}"
        yield "\t".join(f)


def line(width: int = 61, **fields: str) -> str:
    """One GDELT line with the named columns set (``SQLDATE="20010913"``, ``EventCode="042"``) and the
    others empty, except those GDELT derives (dates, code hierarchy, quad class, Goldstein)."""
    cols = gdelt_columns(width)
    values = dict.fromkeys(cols, "")
    day = fields.get("SQLDATE", "")
    if len(day) == 8:
        values.update(MonthYear=day[:6], Year=day[:4])
    code = fields.get("EventCode", "")
    entry = cameo_codebook().get(code)
    if entry:
        values.update(EventBaseCode=code[:3], EventRootCode=code[:2], QuadClass=str(entry.quad_class),
                      GoldsteinScale=f"{entry.goldstein:g}")  # fmt: skip
    unknown = set(fields) - set(cols)
    if unknown:
        raise KeyError(f"not GDELT columns at width {width}: {sorted(unknown)}")
    values.update(fields)
    return "\t".join(values[c] for c in cols)


def write(path: Path, n: int, width: int = 61, seed: int = 0, **kwargs: Any) -> Path:
    """Write ``n`` synthetic rows to ``path`` (LF line ends, UTF-8, like GDELT)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in rows(n, width, seed, **kwargs):
            out.write(line + "\n")
    return path


def write_many(folder: Path, files: int, rows_per_file: int = 1_000, width: int = 61, seed: int = 0) -> list[Path]:
    """``files`` files named like GDELT 2.0's 15-minute exports (``YYYYMMDDHHMMSS.export.CSV``, one per
    quarter hour from 2015-02-18), each with its own run of ids, as a collection to ingest in one call."""
    stamp = dt.datetime(2015, 2, 18)
    paths = []
    for k in range(files):
        name = f"{(stamp + dt.timedelta(minutes=15 * k)).strftime('%Y%m%d%H%M%S')}.export.CSV"
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for text in rows(rows_per_file, width, seed + k, first_id=1_000_000_000 + k * rows_per_file):
                out.write(text + "\n")
        paths.append(path)
    return paths


def tile(base: Path, rows: int, out: Path) -> Path:
    """``rows`` lines from repeating a synthetic file, each copy's event ids shifted past the previous
    ones: large files with the base file's value distributions, in seconds rather than minutes."""
    with base.open("rb") as handle:
        lines = handle.readlines()
    per = len(lines)
    with out.open("wb") as dst:
        for k in range(-(-rows // per)):
            take = lines[: min(per, rows - k * per)]
            shift = k * per
            dst.writelines(
                b"%d%s" % (int(line[: line.index(b"\t")]) + shift, line[line.index(b"\t") :]) for line in take
            )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m crossroads.ingest.synth", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    gen = sub.add_parser("write", help="write a synthetic GDELT file")
    gen.add_argument("out", type=Path)
    gen.add_argument("--rows", type=int, default=10_000)
    gen.add_argument("--width", type=int, choices=(57, 58, 61), default=61)
    gen.add_argument("--seed", type=int, default=0)
    many = sub.add_parser("write-many", help="write many 15-minute-sized GDELT 2.0 files into a folder")
    many.add_argument("out", type=Path)
    many.add_argument("--files", type=int, default=96)
    many.add_argument("--rows", type=int, default=1_000, help="rows per file")
    many.add_argument("--seed", type=int, default=0)
    prof = sub.add_parser("profile", help="rebuild synth_profile.json from real GDELT files")
    prof.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.cmd == "write":
        write(args.out, args.rows, args.width, args.seed)
    elif args.cmd == "write-many":
        write_many(args.out, args.files, args.rows, seed=args.seed)
    else:
        PROFILE.write_text(json.dumps(build_profile(args.files), indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

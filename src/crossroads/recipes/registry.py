"""Every recipe, by name, in the order `crossroads data rebuild` runs them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from crossroads.recipes import (
    aid,
    aid_pakistan,
    alliances,
    arms,
    cameo,
    capabilities,
    conflict,
    countries,
    fms,
    ideal_points,
    unvotes,
)

Recipe = Callable[[Path, Path], list[Path]]

RECIPES: dict[str, Recipe] = {
    "cameo": cameo.rebuild,
    "countries": countries.rebuild,
    "aid": aid.rebuild,
    "aid_pakistan": aid_pakistan.rebuild,
    "fms": fms.rebuild,
    "arms": arms.rebuild,
    "unvotes": unvotes.rebuild,
    "ideal_points": ideal_points.rebuild,
    "alliances": alliances.rebuild,
    "conflict": conflict.rebuild,
    "capabilities": capabilities.rebuild,
}

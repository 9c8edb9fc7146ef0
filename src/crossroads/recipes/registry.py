"""Every recipe, by name, in the order `crossroads data rebuild` runs them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from crossroads.recipes import cameo

Recipe = Callable[[Path, Path], list[Path]]

RECIPES: dict[str, Recipe] = {
    "cameo": cameo.rebuild,
}

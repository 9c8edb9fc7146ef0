"""Block resampling for yearly series: neighbouring years are not independent draws.

Shared by the permutation tests and the bootstraps of the analyses, so every one
of them keeps runs of ``block`` consecutive years together in the same way.
"""

from __future__ import annotations

import numpy as np


def block_permutation(n: int, block: int, rng: np.random.Generator) -> np.ndarray:
    """Indices 0..n-1 with consecutive blocks of ``block`` shuffled as units (for permutation tests)."""
    blocks = [np.arange(i, min(i + block, n)) for i in range(0, n, block)]
    return np.concatenate([blocks[i] for i in rng.permutation(len(blocks))])


def moving_blocks(n: int, block: int, rng: np.random.Generator) -> np.ndarray:
    """n indices made of randomly started runs of ``block`` consecutive positions (a moving-block bootstrap)."""
    starts = rng.integers(0, max(n - block + 1, 1), size=n // block + 1)
    return np.concatenate([np.arange(s, min(s + block, n)) for s in starts])[:n]

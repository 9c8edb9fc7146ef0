"""Bueno de Mesquita's expected-utility ("challenge") model, as reconstructed by Scholz, Calbert & Smith (2011).

Every function cites the equation or section of Scholz et al. (ICAART 2011, pp. 18–30) it
implements. Where the paper leaves a choice open, the choice is a field of ``Interpretation``
and its docstring quotes what it interprets; ``replication`` tries them all against Table 2.

All arrays carry a leading batch axis ``D`` (Monte Carlo draws; 1 for a single run) and an
actor axis ``n``: positions ``x``, capabilities ``c`` and saliences ``s`` (0–1) are ``(D, n)``.
Pairwise quantities are ``(D, n, n)`` indexed ``[d, i, j]``. Nothing is random here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

NONE, CONFRONT, COMPROMISE, COMPEL = 0, 1, 2, 3
OFFER_NAMES = {CONFRONT: "confrontation", COMPROMISE: "compromise", COMPEL: "capitulation"}


@dataclass(frozen=True)
class Interpretation:
    """The choices the paper leaves open, each with the text it interprets.

    The defaults are the reading kept after the systematic search in ``replication``
    (docs/scenarios.md gives the table); every alternative stays runnable.
    """

    denominator: Literal["pair", "all"] = "all"
    """Eq. 30–31 print P^i's denominator as the sum over voters k of |v_k^{ij}| (``pair``: then
    P^i + P^j = 1). The authors' code, as reported by replicators who had it, divides by the sum
    of |votes| over every pair of actor positions (``all``), which makes P small."""

    vote_risk: Literal["linear", "voter"] = "voter"
    """Eq. 31 prints votes on linear distance; §4 derives them from each voter's utility
    u^k (eq. 9), which after §5 carries the voter's own risk exponent r_k (``voter``)."""

    perspective: Literal["focal", "own"] = "focal"
    """§5–6: 'expected utilities' are computed from the focal actor's point of view. ``focal``:
    actor i evaluates both E^i(U_ij) and E^j(U_ji) with its own r_i (what the paper's figs. 7–10
    show); ``own``: each side's EU uses that side's r."""

    salience: Literal["responder", "printed"] = "responder"
    """Eq. 6 weighs the contest term by the responder's salience (s_j in E^i(U_ij)); by symmetry
    E^j(U_ji) uses s_i (``responder``). The Appendix, step 7, prints s_j in both (``printed``)."""

    security: Literal["challengers", "own"] = "challengers"
    """§5: i's security is the utility its adversaries expect from challenging it,
    S_i = Σ_j E(U_ji) (``challengers``); eq. 34's superscripts can be read as Σ_j E(U_ij) (``own``)."""

    offer_choice: Literal["least_move", "scholz_code", "strongest"] = "scholz_code"
    """§6.2: 'given equally enforceable proposals, players move the least that they can'
    (``least_move``); otherwise they 'concede to the actor with highest expected utility'
    (``strongest``). ``scholz_code``: least move for confrontations, but among compromises the
    offer with the lowest EU-weighted average of the two positions, as replicators report the
    authors' code did."""

    compel: bool = False
    """Fig. 6 (only there) draws a 'compel/capitulate' region: opposite signs with the negative
    side's |EU| larger, answered by a full move. ``False`` leaves that region without a move, as
    the authors' code reportedly did (its test could never be true)."""

    view: Literal["receiver", "proposer"] = "receiver"
    """§6: whose estimates decide an offer to i from j: i's own (``receiver``) or j's, who makes
    the proposal (``proposer``). Identical when ``perspective`` is ``own``."""

    range_rule: Literal["initial", "current"] = "initial"
    """Eq. 15–16 divide by R = x_max − x_min; fixed from the inputs (``initial``) or taken from the
    positions at the start of each round (``current``)."""

    risk_start: Literal["reset", "carried"] = "reset"
    """Appendix, step 2 sets r_i = 1 before the first round; whether each later round's first pass
    starts again from r_i = 1 (``reset``, as §5's 'first determine the expected utilities using
    r_i = 1' reads) or from the previous round's estimates (``carried``) is not said."""

    def label(self) -> str:
        return ", ".join(f"{f.name}={getattr(self, f.name)}" for f in fields(self))


@dataclass(frozen=True)
class Inputs:
    """A batch of actor inputs: ``x``, ``c``, ``s`` of shape (D, n), salience on 0–1."""

    x: Array
    c: Array
    s: Array

    @classmethod
    def single(cls, x: list[float], c: list[float], s: list[float]) -> Inputs:
        return cls(np.asarray([x], float), np.asarray([c], float), np.asarray([s], float))


@dataclass
class Run:
    """Positions per round ``(D, rounds+1, n)`` with the weighted median and mean per round."""

    positions: Array
    medians: Array
    means: Array
    risk: Array
    offers: list[NDArray[np.int64]] = field(default_factory=list)
    partners: list[NDArray[np.int64]] = field(default_factory=list)


def weighted_mean(x: Array, w: Array) -> Array:
    """The 'mean voter' position (§7, Table 2): Σ c_i s_i x_i / Σ c_i s_i."""
    out: Array = (w * x).sum(axis=-1) / w.sum(axis=-1)
    return out


def median_voter(x: Array, w: Array) -> Array:
    """The Condorcet-winner position among the actors' positions (Appendix, step 3).

    Step 3 sums the pairwise votes v^{jk} = Σ_i w_i (|x_i − x_k| − |x_i − x_j|)/R and takes the
    position with the largest total, i.e. the actor position minimising Σ_i w_i |x_i − x_j|
    (the w-weighted median). Ties go to the lower position, for determinism.
    """
    cost = (w[:, :, None] * np.abs(x[:, :, None] - x[:, None, :])).sum(axis=1)
    order = np.argsort(x, axis=1, kind="stable")
    best = np.take_along_axis(order, np.argmin(np.take_along_axis(cost, order, axis=1), axis=1)[:, None], axis=1)
    out: Array = np.take_along_axis(x, best, axis=1)[:, 0]
    return out


def votes(x: Array, w: Array, r_voter: Array, span: Array) -> Array:
    """Eq. 31's vote of each voter k for i over j: w_k (|x_k − x_j|^r_k − |x_k − x_i|^r_k)/R^r_k.

    Shape (D, k, i, j); positive means k prefers i. With r_k = 1 it is the printed linear form.
    """
    dist = (np.abs(x[:, :, None] - x[:, None, :]) / span[:, None, None]) ** r_voter[:, :, None]
    out: Array = w[:, :, None, None] * (dist[:, :, None, :] - dist[:, :, :, None])
    return out


def win_probability(v: Array, denominator: Literal["pair", "all"]) -> Array:
    """Eq. 30: P^i of i prevailing over j, the votes of i's supporters over a normaliser.

    ``pair`` divides by Σ_k |v_k^{ij}| (eq. 31 as printed), ``all`` by the sum of |votes| over
    every pair of actors (see ``Interpretation.denominator``). P is 0 where nobody votes.
    """
    numerator = np.clip(v, 0.0, None).sum(axis=1)
    if denominator == "pair":
        norm = np.abs(v).sum(axis=1)
    else:
        norm = np.broadcast_to(np.abs(v).sum(axis=(1, 2, 3))[:, None, None], numerator.shape)
    out: Array = np.divide(numerator, norm, out=np.zeros_like(numerator), where=norm > 0)
    return out


def basic_utilities(d: Array, d_mu: Array, r: Array) -> dict[str, Array]:
    """Eqs. 15, 16, 22, 23, 24 for normalised distances d = |x_i − x_j|/R and d_mu = |x_i − μ|/R."""
    return {
        "success": 2 - 4 * (0.5 - 0.5 * d) ** r,
        "failure": 2 - 4 * (0.5 + 0.5 * d) ** r,
        "better": 2 - 4 * np.clip(0.5 - 0.25 * (d_mu + d), 0.0, None) ** r,
        "worse": 2 - 4 * (0.5 + 0.25 * (d_mu + d)) ** r,
        "status_quo": 2 - 4 * 0.5**r,
    }


def challenge_eu(x: Array, s_resp: Array, p: Array, r: Array, mu: Array, span: Array, q: float) -> Array:
    """Eqs. 5–7: E(U_ab) of a challenging b, for every ordered pair [d, a, b].

    ``s_resp`` is the salience weighing the contest (eq. 6), ``p`` the challenger's win
    probability (eq. 30), ``r`` the risk exponent applied to each entry (D, n, n). T (eqs. 20–23,
    figs. 1–4): if unchallenged, b is expected to move to the median μ, which helps a (T = 1)
    exactly when μ is closer to a than b is; it matters only when Q < 1.
    """
    d = np.abs(x[:, :, None] - x[:, None, :]) / span[:, None, None]
    d_mu = np.broadcast_to((np.abs(x - mu[:, None]) / span[:, None])[:, :, None], d.shape)
    u = basic_utilities(d, d_mu, r)
    contest = s_resp * (p * u["success"] + (1 - p) * u["failure"]) + (1 - s_resp) * u["success"]
    t = (d_mu < d).astype(float)
    no_challenge = q * u["status_quo"] + (1 - q) * (t * u["better"] + (1 - t) * u["worse"])
    out: Array = contest - no_challenge
    return out


def risk_exponents(security: Array) -> Array:
    """Eqs. 32–34 (BDM 1985 form): R_i = (2S_i − max S − min S)/(max S − min S) in [−1, 1], then
    r_i = (1 − R_i/3)/(1 + R_i/3) in [0.5, 2]. Equal securities give R_i = 0 (r_i = 1)."""
    high, low = security.max(axis=1, keepdims=True), security.min(axis=1, keepdims=True)
    spread = high - low
    big_r = np.divide(2 * security - high - low, spread, out=np.zeros_like(security), where=spread > 0)
    out: Array = (1 - big_r / 3) / (1 + big_r / 3)
    return out


def eu_pair(
    inp: Inputs, x: Array, r: Array, mu: Array, span: Array, q: float, how: Interpretation
) -> tuple[Array, Array]:
    """Both EU matrices of §6 for receiver i and proposer j: (a[i, j], b[i, j]).

    a = E(U_ij) (i challenging j), b = E(U_ji) (j challenging i), each from the viewpoint that
    ``how.perspective`` and ``how.view`` select.
    """
    w = inp.c * inp.s
    r_vote = r if how.vote_risk == "voter" else np.ones_like(r)
    p = win_probability(votes(x, w, r_vote, span), how.denominator)  # p[i, j]: i prevails over j
    s_col = np.broadcast_to(inp.s[:, None, :], p.shape)  # s of the second index
    s_row = np.broadcast_to(inp.s[:, :, None], p.shape)  # s of the first index
    viewer = r[:, :, None] if how.view == "receiver" else r[:, None, :]  # r_i or r_j at [i, j]
    viewer = np.broadcast_to(viewer, p.shape)
    r_a = viewer if how.perspective == "focal" else np.broadcast_to(r[:, :, None], p.shape)
    r_b = viewer if how.perspective == "focal" else np.broadcast_to(r[:, None, :], p.shape)
    # a[i, j]: i challenges j; the responder is j (eq. 6: s_j).
    a = challenge_eu(x, s_col, p, r_a, mu, span, q)
    # b[i, j]: j challenges i; the responder is i (s_i), or s_j as the Appendix prints it.
    s_b = s_row if how.salience == "responder" else s_col
    # Evaluate E(U_ji) in the challenger-first layout [j, i], then transpose back to [i, j].
    b_t = challenge_eu(x, np.swapaxes(s_b, 1, 2), p, np.swapaxes(r_b, 1, 2), mu, span, q)
    return a, np.swapaxes(b_t, 1, 2)


def security_levels(
    inp: Inputs, x: Array, mu: Array, span: Array, q: float, how: Interpretation, r: Array | None = None
) -> Array:
    """§5 first pass (r = 1 unless ``r`` is given): S_i = Σ_{j≠i} E(U_ji), or Σ_j E(U_ij) (``how.security``)."""
    a, b = eu_pair(inp, x, np.ones_like(x) if r is None else r, mu, span, q, how)
    n = x.shape[1]
    off = ~np.eye(n, dtype=bool)[None]
    mat = b if how.security == "challengers" else a  # b[i, j] = E(U_ji)
    out: Array = np.where(off, mat, 0.0).sum(axis=2)
    return out


def classify(a: Array, b: Array, x: Array, compel: bool) -> tuple[NDArray[np.int64], Array]:
    """§6, fig. 6 and eqs. 35–36, for receiver i and proposer j: the offer class and i's new position.

    b > a > 0: confrontation that i loses, i moves to x_j. a < 0 < b and b > |a|: compromise,
    i moves part way, x_i + (x_j − x_i)|a/b| (eq. 36). a < 0 < b and |a| > b: compel, a full move
    to x_j (only if ``compel``). Otherwise (status quo, or i holds the upper hand) no offer to i.
    """
    n = x.shape[1]
    xi, xj = x[:, :, None], x[:, None, :]
    valid = (~np.eye(n, dtype=bool)[None]) & (xi != xj)
    confront = valid & (b > a) & (a > 0)
    mixed = valid & (a < 0) & (b > 0)
    compromise = mixed & (b > np.abs(a))
    capitulate = mixed & (np.abs(a) > b) & compel
    cls = np.where(confront, CONFRONT, np.where(compromise, COMPROMISE, np.where(capitulate, COMPEL, NONE)))
    ratio = np.divide(np.abs(a), np.abs(b), out=np.zeros_like(a), where=b != 0)
    new = np.where(cls == COMPROMISE, xi + (xj - xi) * ratio, np.broadcast_to(xj, a.shape))
    return cls.astype(np.int64), new


def choose_offers(
    cls: NDArray[np.int64], new: Array, a: Array, b: Array, x: Array, rule: str
) -> tuple[Array, NDArray[np.int64], NDArray[np.int64]]:
    """§6.2: each actor takes the best offer made to it, classes in the order confrontation,
    compromise, capitulation; within a class by ``rule`` (see ``Interpretation.offer_choice``).

    Returns the new positions (D, n), the class taken (0 = none) and the proposer (−1 = none).
    """
    move = np.abs(new - x[:, :, None])
    chosen_cls = np.zeros(x.shape, np.int64)
    partner = np.full(x.shape, -1, np.int64)
    out = x.copy()
    for kind in (CONFRONT, COMPROMISE, COMPEL):
        if rule == "strongest":
            key = -b
        elif rule == "scholz_code" and kind == COMPROMISE:
            key = (np.abs(a) * x[:, :, None] + np.abs(b) * x[:, None, :]) / (np.abs(a) + np.abs(b) + 1e-300)
        else:
            key = move
        masked = np.where(cls == kind, key, np.inf)
        best = np.argmin(masked, axis=2)
        has = np.isfinite(np.take_along_axis(masked, best[:, :, None], axis=2)[:, :, 0]) & (chosen_cls == NONE)
        picked = np.take_along_axis(new, best[:, :, None], axis=2)[:, :, 0]
        out = np.where(has, picked, out)
        partner = np.where(has, best, partner)
        chosen_cls = np.where(has, kind, chosen_cls)
    return out, chosen_cls, partner


def run(inp: Inputs, rounds: int = 8, q: float = 1.0, how: Interpretation | None = None) -> Run:
    """The Appendix algorithm: τ rounds of two passes (risk from r = 1, then EU with r_i), offers,
    and a simultaneous move of every actor from the positions at the start of the round."""
    how = how or Interpretation()
    x = inp.x.astype(float).copy()
    w = inp.c * inp.s
    span0 = x.max(axis=1) - x.min(axis=1)
    if np.any(span0 <= 0):
        raise ValueError("all actors hold the same position; the model needs a range of positions")
    positions, medians, means, risks = [x.copy()], [median_voter(x, w)], [weighted_mean(x, w)], []
    offers, partners = [], []
    r_prev: Array | None = None
    for _ in range(rounds):
        span = span0 if how.range_rule == "initial" else np.maximum(x.max(axis=1) - x.min(axis=1), 1e-12)
        mu = median_voter(x, w)
        r = risk_exponents(security_levels(inp, x, mu, span, q, how, r_prev))
        a, b = eu_pair(inp, x, r, mu, span, q, how)
        r_prev = r if how.risk_start == "carried" else None
        cls, new = classify(a, b, x, how.compel)
        x, taken, partner = choose_offers(cls, new, a, b, x, how.offer_choice)
        positions.append(x.copy())
        medians.append(median_voter(x, w))
        means.append(weighted_mean(x, w))
        risks.append(r)
        offers.append(taken)
        partners.append(partner)
    return Run(
        positions=np.stack(positions, axis=1),
        medians=np.stack(medians, axis=1),
        means=np.stack(means, axis=1),
        risk=np.stack(risks, axis=1) if risks else np.ones((x.shape[0], 0, x.shape[1])),
        offers=offers,
        partners=partners,
    )

"""The indicators of the measurement model: what each observes, with which likelihood, on which dimension.

Every indicator is oriented so that a positive loading means "closer": cooperative
events load with sign +1, conflictual events with sign -1, and all loadings are
constrained to be non-negative. In the two-dimensional variant, ``diplomatic``
indicators load on the first dimension (diplomatic affinity) and ``material`` ones on
the second (material ties); the one-dimensional variant puts all on one.
"""

from __future__ import annotations

from dataclasses import dataclass

FAMILIES = ("betabinom", "hurdle", "ordinal", "negbin")
DIMENSIONS = ("diplomatic", "material")


@dataclass(frozen=True)
class Indicator:
    """One observed indicator; ``variables`` are the adapter's column names (``{a}``/``{b}`` filled)."""

    name: str
    label: str
    family: str
    dimension: str
    variables: tuple[str, ...]
    sign: int = 1
    source: str = ""
    levels: tuple[tuple[str, ...], ...] = ()
    """Ordinal indicators: ``levels[i]`` names the series whose obligation puts a direction at level ``i + 1``
    (``variables`` are then the directions). One treaty usually carries several obligations at once, so they
    enter as one ordered indicator rather than as several flags counted as independent evidence."""


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "un_agreement",
        "UNGA agreement: identical votes out of joint roll calls",
        "betabinom",
        "diplomatic",
        ("unga_agreement", "unga_joint_votes"),
        source="Voeten, United Nations General Assembly Voting Data",
    ),
    Indicator(
        "events_verbal_coop",
        "Curated events, verbal cooperation (CAMEO quad class 1), count",
        "negbin",
        "diplomatic",
        ("events_q1",),
        source="Crossroads chronology",
    ),
    Indicator(
        "events_verbal_conflict",
        "Curated events, verbal conflict (quad class 3), count",
        "negbin",
        "diplomatic",
        ("events_q3",),
        sign=-1,
        source="Crossroads chronology",
    ),
    Indicator(
        "aid",
        "US aid obligations, constant dollars (hurdle: any aid, then log amount)",
        "hurdle",
        "material",
        ("us_aid_obligations_constant[{a}>{b}]", "us_aid_obligations_constant[{b}>{a}]"),
        source="USAID Foreign Aid Explorer",
    ),
    Indicator(
        "arms",
        "Arms deliveries, SIPRI TIV (hurdle: any deliveries, then log volume), each direction",
        "hurdle",
        "material",
        ("sipri_tiv[{a}>{b}]", "sipri_tiv[{b}>{a}]"),
        source="SIPRI Arms Transfers Database",
    ),
    Indicator(
        "alliance",
        "ATOP obligations, ordered: none; consultation, non-aggression or neutrality only; defence or offence",
        "ordinal",
        "material",
        ("{a}>{b}", "{b}>{a}"),
        source="ATOP 5.1",
        levels=(("atop_consul", "atop_nonagg", "atop_neutral"), ("atop_defense", "atop_offense")),
    ),
    Indicator(
        "events_material_coop",
        "Curated events, material cooperation (quad class 2), count",
        "negbin",
        "material",
        ("events_q2",),
        source="Crossroads chronology",
    ),
    Indicator(
        "events_material_conflict",
        "Curated events, material conflict (quad class 4), count",
        "negbin",
        "material",
        ("events_q4",),
        sign=-1,
        source="Crossroads chronology",
    ),
)

BY_NAME = {i.name: i for i in INDICATORS}

NOT_AVAILABLE = {
    "diplomatic_representation": (
        "COW Diplomatic Exchange is not among the shipped series, so diplomatic representation does not enter "
        "the measure."
    ),
}

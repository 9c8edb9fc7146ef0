"""Recipe: UN General Assembly voting agreement per undirected pair and calendar year.

From the Voeten roll-call votes (``unvotes`` package; only yes/no/abstain are
rows, absences are not votes). For each pair of states and each year (of the
roll call's date), over the roll calls on which both cast yes, no or abstain:

* ``unga_agreement``: share of identical votes (abstain = abstain counts as same);
* ``unga_agreement_index``: mean of 1 (same vote), 0.5 (one abstains), 0 (yes vs no),
  the measure of the SOURCES.md check figures; ``unga_agreement_index_<issue>`` is
  the same on the roll calls tagged with that issue;
* ``unga_kappa``: Cohen's kappa over the three vote categories (chance-corrected
  agreement; missing where chance agreement is 1, i.e. both always voted alike
  in one category);
* ``unga_joint_votes``: the number of roll calls used.

Pair-years with no joint vote are absent (not 0). Shares and kappas are rounded to
6 decimals. Votes cover 1946-2019 (one roll call in 2020-01). States: US, PK, IN,
CN (PRC, from 1971-11), RU (USSR and Russia, RUS), AF and TW (Republic of China,
China's seat before 1971-11, TWN).
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pandas as pd

from crossroads.recipes.provenance import Provenance
from crossroads.recipes.tables import long_form, write_series

VOTES = Path("unvotes/un_votes_focus.csv")
ISSUES = Path("unvotes/un_roll_call_issues.csv")
SOURCE = "unvotes"
ISO3 = {"US": "USA", "PK": "PAK", "IN": "IND", "CN": "CHN", "RU": "RUS", "AF": "AFG", "TW": "TWN"}
ISSUE_SLUGS = {
    "me": "palestinian_conflict",
    "nu": "nuclear",
    "di": "arms_control",
    "hr": "human_rights",
    "co": "colonialism",
    "ec": "economic_development",
}
CODE = {"yes": 1, "abstain": 2, "no": 3}
CITATION = (
    "Voeten, Erik. 2013. Data and Analyses of Voting in the UN General Assembly. In Bob Reinalda (ed.), "
    "Routledge Handbook of International Organization. Data: Voeten, Erik, Anton Strezhnev and Michael "
    "Bailey. United Nations General Assembly Voting Data, Harvard Dataverse, hdl:1902.1/12379. Package: "
    "David Robinson, unvotes (R), github.com/dgrtwo/unvotes."
)


def joint_votes(raw: Path) -> pd.DataFrame:
    """One row per (pair, roll call) where both states voted yes/no/abstain, pair in alphabetical order."""
    votes = pd.read_csv(raw / VOTES)
    votes["actor"] = votes["country_code"].map(ISO3)
    votes["v"] = votes["vote"].map(CODE)
    votes["year"] = votes["date"].str[:4].astype(int)
    wide = votes.pivot(index=["rcid", "year"], columns="actor", values="v")
    rows = []
    for a, b in combinations(sorted(wide.columns), 2):
        both = wide[[a, b]].dropna().reset_index()
        rows.append(
            pd.DataFrame(
                {
                    "source_actor": a,
                    "target_actor": b,
                    "rcid": both["rcid"],
                    "year": both["year"],
                    "va": both[a],
                    "vb": both[b],
                }
            )
        )
    pairs = pd.concat(rows, ignore_index=True)
    pairs["same"] = (pairs["va"] == pairs["vb"]).astype(float)
    gap = (pairs["va"] - pairs["vb"]).abs()  # 0 same, 1 one abstains, 2 yes vs no
    pairs["index"] = 1 - gap / 2
    return pairs


def kappa(group: pd.DataFrame) -> float:
    """Cohen's kappa for two raters over the categories yes / abstain / no."""
    observed = float(group["same"].mean())
    pa = group["va"].value_counts(normalize=True)
    pb = group["vb"].value_counts(normalize=True)
    chance = float((pa * pb.reindex(pa.index, fill_value=0)).sum())
    return float("nan") if chance >= 1 else (observed - chance) / (1 - chance)


def agreement(pairs: pd.DataFrame) -> pd.DataFrame:
    """Agreement measures per pair-year."""
    keys = ["source_actor", "target_actor", "year"]
    grouped = pairs.groupby(keys)
    out = grouped.agg(same=("same", "mean"), index=("index", "mean"), n=("same", "size")).reset_index()
    kappas = grouped[["same", "va", "vb"]].apply(kappa).rename("kappa").reset_index()
    return out.merge(kappas, on=keys).round({"same": 6, "index": 6, "kappa": 6})


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``series/unga_agreement.csv``."""
    pairs = joint_votes(raw)
    stats = agreement(pairs)
    frames = [
        long_form(stats, variable="unga_agreement", value="same", unit="share", source=SOURCE, directed=False),
        long_form(
            stats,
            variable="unga_agreement_index",
            value="index",
            unit="agreement index (0-1)",
            source=SOURCE,
            directed=False,
        ),
        long_form(stats, variable="unga_kappa", value="kappa", unit="kappa", source=SOURCE, directed=False),
        long_form(stats, variable="unga_joint_votes", value="n", unit="roll calls", source=SOURCE, directed=False),
    ]
    issues = pd.read_csv(raw / ISSUES)
    for short, slug in ISSUE_SLUGS.items():
        tagged = pairs[pairs["rcid"].isin(issues.loc[issues["short_name"] == short, "rcid"])]
        by_issue = tagged.groupby(["source_actor", "target_actor", "year"])["index"].mean().round(6).reset_index()
        frames.append(
            long_form(
                by_issue,
                variable=f"unga_agreement_index_{slug}",
                value="index",
                unit="agreement index (0-1)",
                source=SOURCE,
                directed=False,
            )
        )
    prov = Provenance(
        table="unga_agreement",
        source="UN General Assembly roll-call votes (Voeten) via the unvotes R package, focus states",
        citation=CITATION,
        version="dgrtwo/unvotes commit 7eb70343 (2021-03-08); votes 1946-01-01 to 2020-01-14",
        transformation="Per undirected pair (alphabetical) and calendar year of the roll call, "
        "over roll calls "
        "where both voted yes/no/abstain: unga_agreement = share of identical votes; unga_agreement_index = "
        "mean of 1 same / 0.5 one abstains / 0 yes vs no; unga_kappa = Cohen's kappa over yes/abstain/no "
        "(missing if chance agreement is 1); unga_joint_votes = roll calls used; "
        "unga_agreement_index_<issue> on the roll calls tagged with the issue in un_roll_call_issues "
        f"({', '.join(f'{k}={v}' for k, v in ISSUE_SLUGS.items())}). Codes US, PK, IN, CN, RU, AF, TW -> "
        "USA, PAK, IND, CHN, RUS (USSR included), AFG, TWN. Pair-years without a joint vote absent. "
        "Measures rounded to 6 decimals.",
        terms="Dataverse files dedicated to the public domain (CC0) per the unvotes data-raw README; package MIT.",
    )
    prov.add_raw(raw / VOTES, raw)
    prov.add_raw(raw / ISSUES, raw)
    return [write_series(frames, out, "unga_agreement", prov)]

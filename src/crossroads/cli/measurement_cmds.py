"""``crossroads measurement``: refit the latent relations measure and check the committed summaries."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from crossroads.model.errors import CrossroadsError
from crossroads.paths import default_db_path

if TYPE_CHECKING:
    from crossroads.analysis.measurement.fit import Settings

console = Console(stderr=True)
measurement_app = typer.Typer(
    help="Refit or check the latent relations measure (committed posterior summaries).", no_args_is_help=True
)

SAMPLER_DEFAULT = "Default: the committed fit's setting (crossroads.analysis.measurement.fit.Settings)."
DbOption = Annotated[Path | None, typer.Option("--db", help="Store file.", show_default=False)]


def _settings(**given: int | None) -> Settings:
    """Sampler settings: the committed fit's, with the options given on the command line."""
    from crossroads.analysis.measurement.fit import Settings

    return Settings(**{name: value for name, value in given.items() if value is not None})


@measurement_app.command("refit")
def refit_command(
    db: DbOption = None,
    out: Annotated[
        Path | None, typer.Option("--data", help="Data folder to write measurement/ into (default: the package's).")
    ] = None,
    chains: Annotated[int | None, typer.Option("--chains", help=SAMPLER_DEFAULT, show_default=False)] = None,
    warmup: Annotated[int | None, typer.Option("--warmup", help=SAMPLER_DEFAULT, show_default=False)] = None,
    draws: Annotated[int | None, typer.Option("--draws", help=SAMPLER_DEFAULT, show_default=False)] = None,
    seed: Annotated[int | None, typer.Option("--seed", help=SAMPLER_DEFAULT, show_default=False)] = None,
) -> None:
    """Fit the 1-D and 2-D models on the six comparison dyads; fail loudly unless every state converged.

    A variant whose latent states miss the bounds is written flagged, is not served and cannot lead, and
    the command exits with status 1 naming it; unless at least one variant converged nothing is written.
    """
    from crossroads.analysis.measurement.fit import ESS_MIN, RHAT_MAX
    from crossroads.analysis.measurement.refit import refit
    from crossroads.store.store import Store

    settings = _settings(chains=chains, warmup=warmup, draws=draws, seed=seed)
    with Store(db or default_db_path()) as store:
        checks = refit(store, root=out, settings=settings, say=lambda text: console.print(text))
    loo = checks["loo"]
    console.print(
        f"PSIS-LOO elpd: 1d {loo['1d']['elpd_loo']:.1f}, 2d {loo['2d']['elpd_loo']:.1f}, "
        f"difference {loo['elpd_diff_2d_minus_1d']:.1f} (se {loo['se_diff']:.1f}); the report leads with {loo['lead']}"
        + (f" ({loo['lead_reason']})" if "lead_reason" in loo else "")
    )
    failed = {v: c for v, c in checks["convergence"].items() if c["rhat_max"] > RHAT_MAX or c["ess_bulk_min"] < ESS_MIN}
    if failed:
        said = "; ".join(
            f"{v}: max R-hat {c['rhat_max']:.3f}, min bulk ESS {c['ess_bulk_min']:.0f}, worst state {c['worst_state']}"
            for v, c in failed.items()
        )
        raise CrossroadsError(
            f"not every variant converged ({said}; the bounds are R-hat {RHAT_MAX} and bulk ESS {ESS_MIN}). Its "
            f"summaries are written flagged and are not served; the {loo['lead']} measure converged and is served. "
            "See `crossroads measurement chains` for where the chains part"
        )


@measurement_app.command("chains")
def chains_command(
    db: DbOption = None,
    variant: Annotated[str, typer.Option("--variant", help="1d or 2d.")] = "1d",
    tau_prior: Annotated[
        str,
        typer.Option("--tau-prior", help="Smoothness prior: capped (the specification) or half_normal (before)."),
    ] = "capped",
    draws: Annotated[int | None, typer.Option("--draws", help=SAMPLER_DEFAULT, show_default=False)] = None,
    seed: Annotated[int | None, typer.Option("--seed", help=SAMPLER_DEFAULT, show_default=False)] = None,
    block: Annotated[int, typer.Option("--block", help="Draws per row of the table.")] = 500,
) -> None:
    """Sample one variant and show each chain block by block (writes nothing): where chains part, and how.

    R-hat and ESS say whether the chains agree; this table shows a chain that holds or moves to another
    mode (its smoothness, its UN and alliance loadings and its log-likelihood).
    """
    from rich.table import Table

    from crossroads.analysis.measurement.diagnostics import chain_blocks
    from crossroads.analysis.measurement.fit import fit
    from crossroads.analysis.measurement.model import SMOOTHNESS_PRIORS
    from crossroads.analysis.measurement.refit import comparison_observations
    from crossroads.store.store import Store

    if variant not in ("1d", "2d"):
        raise CrossroadsError(f"unknown variant {variant!r}: use 1d or 2d")
    if tau_prior not in SMOOTHNESS_PRIORS:
        raise CrossroadsError(f"unknown smoothness prior {tau_prior!r}: use one of {', '.join(SMOOTHNESS_PRIORS)}")
    settings = _settings(draws=draws, seed=seed)
    with Store(db or default_db_path()) as store:
        obs = comparison_observations(store)
    console.print(f"sampling the {variant} model: {settings.chains} x {settings.draws} draws, tau prior {tau_prior}")
    result = fit(obs, 1 if variant == "1d" else 2, settings, enforce=False, tau_prior=tau_prior)
    frame = chain_blocks(result, block)
    table = Table(title=f"{variant}: chains by blocks of {block} draws")
    for column in frame.columns:
        table.add_column(str(column), justify="right")
    for row in frame.itertuples(index=False):
        table.add_row(*(f"{value:.3f}" if isinstance(value, float) else str(value) for value in row))
    Console().print(table)
    console.print(
        f"max R-hat {result.rhat_max:.3f}, min bulk ESS {result.ess_min:.0f} (worst state {result.worst}), "
        f"{result.divergences} divergences, {result.seconds:.0f} s"
    )


@measurement_app.command("check")
def check_command(db: DbOption = None) -> None:
    """Exit non-zero when the committed summaries were fitted on other inputs than the store's."""
    from crossroads.analysis.measurement.refit import comparison_observations
    from crossroads.analysis.measurement.summaries import read_json
    from crossroads.store.store import Store

    committed = read_json("measurement.provenance.json")["inputs_sha256"]
    with Store(db or default_db_path()) as store:
        current = comparison_observations(store).sha256()
    if current != committed:
        raise CrossroadsError(
            f"the committed measurement summaries were fitted on inputs {committed[:12]}, the store's are "
            f"{current[:12]}: run `crossroads measurement refit` and commit data/measurement/"
        )
    console.print(f"measurement summaries match their inputs ({current[:12]})")

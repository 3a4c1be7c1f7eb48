"""What every command reads first: the region checked, the history (bundled, stored and a file
of the user's own), the targets, the scenario. Each raises ``InputError`` naming the option and
the fix.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..data import userstore
from ..data.catalog import indicators, regions
from ..data.errors import InputError
from ..data.history import combine
from ..data.places import resolve_region
from ..data.readers import read_history_file
from ..data.target_files import Target, bundled_targets
from ..data.target_tables import load_targets
from ..scenarios.levers import Scenario, lever_catalog, load_scenario


def check_region(region: str | None) -> str | None:
    """The region's code for any name form (广汉市, 广汉, 510681, Guanghan, guanghan); an
    ambiguous or unknown name raises ``InputError`` with the candidates or nearest names."""
    return resolve_region(region, "--region") if region else None


def check_indicator(indicator: str | None) -> None:
    if indicator and indicator not in indicators().index:
        raise InputError(
            "--indicator",
            f"unknown indicator '{indicator}'",
            "use a code from `ipcast indicators`",
        )


def check_lever(lever: str) -> None:
    if lever not in lever_catalog():
        raise InputError(
            "--lever", f"unknown lever '{lever}'", f"use one of {', '.join(lever_catalog())}"
        )


def refuse_existing(*files: Path | None) -> None:
    """Nothing the user wrote is overwritten: an output file that exists stops the command."""
    for f in files:
        if f is not None and Path(f).exists():
            raise InputError(str(f), "file exists", "choose another name; nothing was written")


def load_history(history_file: Path | None = None, region: str | None = None) -> pd.DataFrame:
    """The bundled history, the user's stored figures over it, and ``history_file`` over both."""
    user = userstore.load()
    if history_file is not None:
        extra = read_history_file(history_file, region).rows
        user = extra if user is None else pd.concat([user, extra[user.columns]], ignore_index=True)
    return combine(user)


def select_targets(region: str | None, targets_file: Path | None = None) -> list[Target]:
    """The bundled plans' targets, or those of ``targets_file`` (YAML, CSV or XLSX; a plan's
    indicator table that names no region is read as ``region``'s)."""
    if targets_file is None:
        ts = list(bundled_targets())
    else:
        ts = load_targets(targets_file, region).targets
    return [t for t in ts if region is None or t.region == region]


def target_readings(targets_file: Path | None, region: str | None = None) -> list[str]:
    """Every reading made of a target table (kind, period, unit, indicator of each row), for the
    planner to check; empty for a YAML file or the bundled plans."""
    if targets_file is None:
        return []
    return load_targets(targets_file, region).report


def region_targets(
    region: str, targets_file: Path | None = None, target_id: str | None = None
) -> list[Target]:
    """A region's targets (the bundled plan or ``targets_file``), or the one named ``target_id``."""
    region = check_region(region)
    targets = select_targets(region, targets_file)
    if not targets:
        plans = [r for r, row in regions().iterrows() if row["plan"]]
        raise InputError(
            f"--region {region}",
            f"no targets for {region} in {targets_file or 'the bundled plans'}",
            "pass --targets FILE with this region's targets (`ipcast draft` writes one to edit), "
            f"or use a region with a plan: {', '.join(plans)}",
        )
    if target_id:
        mine = [t for t in targets if t.id == target_id]
        if not mine:
            ids = [t.id for t in targets]
            raise InputError(
                "--target",
                f"no target '{target_id}' in {region}",
                f"use one of {', '.join(ids[:8])}, … (see `ipcast targets -r {region}`)",
            )
        return mine
    return targets


def scenario(name_or_path: str | Scenario | None) -> Scenario:
    return name_or_path if isinstance(name_or_path, Scenario) else load_scenario(name_or_path)

"""The commands on data as functions: the regions, the indicator catalog, the figures behind the
forecasts, the plans' targets, the fill-in sheets and the import of a planner's own figures.
Each raises ``InputError`` naming the option and the fix.
"""

from __future__ import annotations

from pathlib import Path

from ..data import catalog, userstore
from ..data.errors import InputError

# The readers and listings (pandas) are imported by the functions that use them: a saved run's
# table takes its region names from here without them.

# A region without a bundled plan gets the indicators most plans set targets on.
CORE_INDICATORS = [
    "patent_grants",
    "invention_grants",
    "effective_invention_patents",
    "invention_per_10k",
    "high_value_invention_per_10k",
    "trademark_registrations",
    "effective_trademarks",
    "geographical_indications",
    "copyright_registrations",
    "pledge_financing",
]


def regions(as_of: int | None = None, every: bool = False) -> list[dict]:
    """Regions with figures (bundled or imported), their level, parent, plan and population;
    with ``every``, all divisions of China."""
    from ..data.history import combine, cut
    from ..data.listing import region_records
    from .inputs import check_as_of

    check_as_of(as_of)
    return region_records(cut(combine(userstore.load()), as_of), every)


def region_names(lang: str = "zh", codes=None) -> dict[str, str]:
    """Each region's code and its name (``zh`` or ``en``), for headings; with ``codes``, those
    regions' only (in Chinese read from the bundled table without pandas)."""
    if codes is not None and lang == "zh":
        return catalog.region_names(codes)
    names = catalog.regions()[lang]
    return names.to_dict() if codes is None else {c: names[c] for c in codes if c in names.index}


def indicators() -> list[dict]:
    """The catalog, and the custom indicators the user has imported figures for."""
    from ..data import userstore
    from ..data.listing import indicator_records

    return indicator_records(userstore.load())


def history(
    region: str | None = None,
    indicator: str | None = None,
    as_of: int | None = None,
    history_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
) -> list[dict]:
    """Every figure (bundled, imported and ``history_file``'s, its names read through
    ``names``), each with its source; ``indicator`` by any name (see ``check_indicator``)."""
    from ..data.history import cut
    from ..data.listing import history_records
    from .inputs import check_as_of, check_indicator, check_region, load_history

    region = check_region(region)
    check_as_of(as_of)
    history = load_history(history_file, region, names)
    indicator = check_indicator(indicator, history, names)
    return history_records(cut(history, as_of), region, indicator)


def targets(
    region: str | None = None,
    targets_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
) -> list[dict]:
    """Every quantified target with the plan's own words (a table's names through ``names``)."""
    from ..data.target_files import target_records
    from .inputs import check_region, region_targets, select_targets

    region = check_region(region)
    if region is None:
        return target_records(select_targets(None, targets_file, names))
    # a region without a plan is told how to give it one (it showed '(nothing to show)')
    return target_records(region_targets(region, targets_file, names=names))


def template_indicators(region: str) -> list[str]:
    """The indicators of a region's fill-in sheet: those its bundled plan sets targets on (or
    the core set), population, and the custom indicators of the region's imported figures."""
    from ..data import custom, userstore
    from ..data.target_files import bundled_targets

    slugs = list(dict.fromkeys(t.indicator for t in bundled_targets() if t.region == region))
    stored = userstore.load()
    declared = [] if stored is None else stored[stored["region"] == region]["indicator"]
    own = sorted({s for s in declared if custom.is_custom(s)})
    return (slugs or CORE_INDICATORS) + ["population"] + own


def template(region: str, out: Path) -> list[str]:
    """Write the fill-in sheet (years as columns) for ``region``; the indicators it holds."""
    from ..data.template import write_template
    from .inputs import check_region

    region = check_region(region)
    slugs = template_indicators(region)
    write_template(out, region, slugs)
    return slugs


def target_template(region: str, out: Path, base: int = 2025, until: int = 2030) -> str:
    """Write the sheet for a plan's targets (指标表 and 逐条目标); the region's code."""
    from ..data.target_template import write_target_template
    from .inputs import check_region

    region = check_region(region)
    write_target_template(out, region, base, until)
    return region


def import_figures(
    file: Path | None,
    region: str | None = None,
    *,
    sheet: str | None = None,
    accept_large: bool = False,
    names: list[str] | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> dict:
    """Read ``file`` and merge its figures into the store (nothing written with ``dry_run``):
    ``rows`` read, ``report`` (each reading made of the file), ``counts`` (added, replaced,
    unchanged...), ``backup`` (the version kept, or None) and ``store``."""
    from ..data.indicator_names import read_name_map
    from ..data.readers import read_history_file

    if file is None:
        raise InputError(
            "ipcast import",
            ("没有给出文件", "no file given"),
            ("写作 ipcast import FILE [--region R]", "ipcast import FILE [--region R]"),
        )
    result = read_history_file(
        file, region, sheet=sheet, accept_large=accept_large, names=read_name_map(names or [])
    )
    counts, backup = userstore.add(result.rows, replace, str(file), dry_run)
    return {
        "rows": len(result.rows),
        "report": list(result.report),
        "counts": counts,
        "backup": backup,
        "store": userstore.store_path(),
    }


def undo_import() -> dict:
    """Restore the store's previous version: ``restored`` (that version's file) and ``home``."""
    return {"restored": userstore.undo(), "home": userstore.home()}


def recover_store() -> dict:
    """Restore the last version of a damaged store that reads cleanly (see ``userstore``), with
    ``store``, the store's path."""
    return {**userstore.recover(), "store": userstore.store_path()}

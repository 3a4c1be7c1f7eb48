"""Plain records for the listing commands (regions, indicators, history)."""

from __future__ import annotations

import pandas as pd

from .catalog import HISTORY_COLUMNS, indicators, regions
from .periods import parse_period


def region_records(history: pd.DataFrame, every: bool = False) -> list[dict]:
    """Bundled regions and those with figures; with ``every``, all divisions of China."""
    pop = history[(history["indicator"] == "population") & (history["exclude"] == "")]
    table = regions()
    if not every:
        table = table[(table["bundled"] == "yes") | table.index.isin(set(history["region"]))]
    out = []
    for code, r in table.iterrows():
        rec = {
            "region": code,
            "zh": r["zh"],
            "en": r["en"],
            "level": r["level"],
            "parent": r["parent"],
            "plan": r["plan"],
            "population": None,
            "population_unit": None,
            "population_period": None,
            "population_source": None,
        }
        p = pop[pop["region"] == code]
        if len(p):
            last = p.loc[p["period"].map(lambda s: parse_period(s).end).idxmax()]
            rec.update(
                population=float(last["value"]),
                population_unit=last["unit"],
                population_period=last["period"],
                population_source=last["source"],
            )
        out.append(rec)
    return out


def indicator_records(stored: pd.DataFrame | None = None) -> list[dict]:
    """The catalog, then the custom indicators declared in ``stored`` (the user's figures)."""
    import pandas as pd

    from . import custom

    cat = indicators()
    if stored is not None and not stored.empty:
        declared = sorted({s for s in stored["indicator"] if custom.is_custom(s)})
        cat = pd.concat([cat, pd.DataFrame([custom.row(s) for s in declared])])
    cat = cat.rename_axis("slug").reset_index()
    return cat[["slug", "zh", "en", "family", "measure", "unit", "borrow"]].to_dict("records")


def history_records(
    history: pd.DataFrame, region: str | None = None, indicator: str | None = None
) -> list[dict]:
    h = history
    if region:
        h = h[h["region"] == region]
    if indicator:
        h = h[h["indicator"] == indicator]
    h = h.assign(_end=h["period"].map(lambda s: parse_period(s).end))
    h = h.sort_values(["region", "indicator", "_end"])
    cols = [*HISTORY_COLUMNS, "origin"]
    return h[cols].to_dict("records")

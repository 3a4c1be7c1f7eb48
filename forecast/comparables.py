"""Which comparable series a region borrows growth and volatility from.

The natural comparable of a city or county is its own province: where the provincial panel
(NBS / S&T yearbook domestic patents, ``priors._china_provinces``) has the province's series, a
patent flow of 广汉 can borrow its drift centre and volatility from Sichuan's own series instead of
the median of all 31 provinces (with the drift spread still learned across all provinces: one
province's four series cannot say how much its cities differ from it).

Measured, it should not (``benchmarks/bench_province_prior.py``): a province's own past predicts
its next three years' growth worse than all provinces' median (mean absolute error 0.1197 against
0.1118 over 1,116 cases, and every mix of the two is worse than the median alone; the volatility
likewise, 0.620 against 0.579), so it cannot predict its cities' better. ``PREFER_OWN_PROVINCE``
is therefore off and every series borrows its family prior, as before. The machinery stays, tested,
for when a panel of city series can score it directly: turned on, ``learned.provider`` adds each
province's prior to ``Learned.priors`` under ``borrow@province`` keys (``patent_flow@sichuan``),
learned from the panel rows known by the end of the as-of year without the scored region's own,
and ``comparable_prior`` (the one place that picks a series' prior) prefers it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pandas as pd

from ..data.catalog import data_path
from ..data.places import divisions, region_table
from . import cache as disk_cache
from .priors import _china_provinces, _prior
from .rwdrift import Prior

# Off: measured worse than the all-province prior (see above). Turned on, ``learned.provider``
# adds each province's prior and ``comparable_prior`` picks it for that province's cities.
PREFER_OWN_PROVINCE = False
# Borrow keys whose pool is the provincial panel, and the panel's indicators that pool.
PROVINCIAL = {
    "patent_flow": (
        "patent_grants",
        "invention_grants",
        "patent_applications",
        "invention_applications",
    ),
}


def own_province(region: str) -> str | None:
    """The province a region lies in, as the region table (and the panel) names it: ``sichuan``
    for 广汉 (guanghan) or 三台县 (510722). ``None`` for a province itself (its own series would
    be borrowed twice) and for a region not in the table."""
    t = region_table()
    if region not in t.index:
        return None
    province = t.at[region, "province"]
    return province if province and province != region else None


def key(borrow: str, province: str) -> str:
    return f"{borrow}@{province}"


@cache
def province_priors(
    family: tuple[tuple[str, Prior], ...], as_of: int | None, skip_region: str | None
) -> dict[str, Prior]:
    """For each borrow key of ``PROVINCIAL`` with a family prior (``family``, as sorted items),
    every province's: the family prior re-centred on the province's own panel series known by
    the end of ``as_of`` (without ``skip_region``'s), their median yearly log growth and median
    volatility, with the family's spread. A province with too little known by then has none.
    Kept in the disk cache beside the family priors (learning them takes ~0.3 s)."""
    files = sorted(data_path("panels").iterdir(), key=lambda p: p.name)
    k = disk_cache.key(
        "province_priors", family, as_of, skip_region, *[f.read_bytes() for f in files]
    )
    hit = disk_cache.load(k)
    if hit is None:
        hit = _learn(dict(family), as_of, skip_region)
        disk_cache.save(k, hit)
    return hit


def _learn(base: dict[str, Prior], as_of: int | None, skip_region: str | None) -> dict:
    rows = _china_provinces(as_of, skip_region)
    out = {}
    for borrow, indicators in PROVINCIAL.items():
        if borrow not in base:
            continue
        pools = _pools(rows[rows["indicator"].isin(indicators)])
        for province, pool in pools.items():
            try:
                own = _prior(pool, "")
            except ValueError:
                continue
            n = own.source.strip(" ()").split()[0]
            first = min(int(s.index.min()) for s in pool)
            last = max(int(s.index.max()) for s in pool)
            zh, en, years = *_province_name(str(province)), f"{first}-{last}"
            out[key(borrow, str(province))] = replace(
                own,
                tau0=base[borrow].tau0,
                source=(
                    f"its province {zh} ({en}), domestic patents {years} (NBS / S&T yearbook, "
                    f"{n} series), drift spread from all provinces' series; 增长与波动借自{zh} "
                    f"{years}"
                ),
            )
    return out


def _pools(rows: pd.DataFrame) -> dict[str, list[pd.Series]]:
    """Each province's yearly series (one per indicator, sorted by year), built from numpy
    arrays: ``priors._series`` per province costs ~10 ms of pandas grouping, 31 times."""
    rows = rows.sort_values(["region", "indicator", "year"])
    keys = list(zip(rows["region"], rows["indicator"], strict=True))
    years, values = rows["year"].to_numpy(), rows["value"].to_numpy(float)
    out: dict[str, list[pd.Series]] = {}
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            region = keys[start][0]
            out.setdefault(region, []).append(pd.Series(values[start:i], index=years[start:i]))
            start = i
    return out


def _province_name(province: str) -> tuple[str, str]:
    """(四川省, Sichuan) for ``sichuan``."""
    t = region_table()
    if province not in t.index:
        return province, province
    code = t.at[province, "adcode"]
    zh = divisions().at[code, "name"] if code in divisions().index else t.at[province, "zh"]
    return zh, t.at[province, "en"]


def comparable_prior(priors: dict[str, Prior], borrow: str, region: str) -> Prior | None:
    """The prior a series of ``region`` borrows under ``borrow`` from learned ``priors``: its own
    province's where there is one, else the family prior (``None`` when there is none)."""
    if not borrow:
        return None
    province = own_province(region) if borrow in PROVINCIAL else None
    if province is not None:
        mine = priors.get(key(borrow, province))
        if mine is not None:
            return mine
    return priors.get(borrow)

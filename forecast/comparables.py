"""Which comparable series a region borrows growth and volatility from.

The preferred comparable of a city or county is its own province: where the provincial panel
(NBS / S&T yearbook domestic patents, ``priors._china_provinces``) has the province's series, a
patent flow of 广汉 borrows its drift centre and volatility from Sichuan's own series instead of
the median of all 31 provinces. How far a region may stray from that centre (the drift spread,
``tau0``) stays the one learned across all provinces' series: one province's four series cannot
say how much its cities differ from it. Everything else (stocks, trademarks, copyright, pledge,
regions outside the panel, a province itself) keeps the family prior.

The province priors are learned inputs like the family priors: ``learned.provider`` adds them to
``Learned.priors`` under ``borrow@province`` keys (``patent_flow@sichuan``), learned from the panel
rows known by the end of the as-of year and without the scored region's own.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from ..data.places import divisions, region_table
from .priors import _china_provinces, _prior, _series, _years
from .rwdrift import Prior

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
    volatility, with the family's spread. A province with too little known by then has none."""
    base = dict(family)
    rows = _china_provinces(as_of, skip_region)
    out = {}
    for borrow, indicators in PROVINCIAL.items():
        if borrow not in base:
            continue
        for province, mine in rows.groupby("region"):
            try:
                own = _prior(_series(mine, list(indicators)), "")
            except ValueError:
                continue
            n = own.source.strip(" ()").split()[0]
            zh, en, years = *_province_name(str(province)), _years(mine)
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

"""The real panels bundled in ``data/panels/``, as lists of yearly series.

A series is the longest run of consecutive years with positive values. Aggregates (world, income
groups, regional offices, national totals) are left out: they overlap their members.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..data.catalog import data_path

if TYPE_CHECKING:  # PANELS names the panels in `--help`, which must not wait for pandas
    import numpy as np
    import pandas as pd


@dataclass(frozen=True)
class Series:
    panel: str
    region: str
    indicator: str
    years: np.ndarray
    values: np.ndarray

    @property
    def key(self) -> str:
        return f"{self.panel}:{self.region}:{self.indicator}"

    def until(self, year: int) -> Series:
        keep = self.years <= year
        return Series(self.panel, self.region, self.indicator, self.years[keep], self.values[keep])


PANELS = {
    "china_provinces": (
        "patent",
        "Chinese provinces, domestic patents 2007-2023 (NBS, S&T yearbook)",
    ),
    "wipo_patents": (
        "patent",
        "WIPO patents by applicant origin, 184 countries, 1995-2024 (Gapminder)",
    ),
    "pct_applications": ("patent", "PCT applications by country 2000-2022 (NCSES)"),
    "uspto_patents": ("patent", "USPTO utility grants by inventor country 2000-2022 (NCSES)"),
    "patent_families": ("patent", "International patent families granted 1998-2020 (NCSES)"),
    "uspto_trademarks": (
        "trademark",
        "USPTO trademark registrations by holder country 1998-2022 (NCSES)",
    ),
    "euipo_trademarks": (
        "trademark",
        "EUIPO trademark registrations by holder country 1998-2018 (NCSES)",
    ),
}
FILES = {
    "wipo_patents": "gapminder_wipo_patents_by_origin_1980_2024.csv",
    "pct_applications": "ncses_pct_applications_2000_2022.csv",
    "uspto_patents": "ncses_uspto_utility_patent_grants_by_inventor_2000_2022.csv",
    "patent_families": "ncses_international_patent_families_granted_1998_2020.csv",
    "uspto_trademarks": "ncses_uspto_trademark_registrations_by_holder_1998_2022.csv",
    "euipo_trademarks": "ncses_euipo_trademark_registrations_by_holder_1998_2018.csv",
}
# WIPO changed how it counts regional and PCT filings around 1994 (panels/README.md).
FIRST_YEAR = {"wipo_patents": 1995}


def _read(name: str) -> pd.DataFrame:
    import pandas as pd

    with data_path(f"panels/{name}").open("r", encoding="utf-8") as f:
        return pd.read_csv(f)


def _frame(panel: str) -> pd.DataFrame:
    if panel == "china_provinces":
        sti = _read("china_sti_yearbook_provincial_domestic_patents_2010_2023.csv")
        nbs = _read("china_nbs_provincial_domestic_patent_grants_2007_2016.csv")
        import pandas as pd

        df = pd.concat([nbs, sti]).drop_duplicates(["region", "indicator", "year"], keep="last")
        return df[df["region"] != "cn_total"]
    df = _read(FILES[panel])
    df = df[df["region"].str.startswith("country_")]
    return df[df["year"] >= FIRST_YEAR.get(panel, 0)]


def _longest_run(years: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    best, start = (0, 0), None
    for i in range(len(years)):
        if values[i] <= 0:
            start = None
            continue
        if start is None or years[i] != years[i - 1] + 1:
            start = i
        if i + 1 - start > best[1] - best[0]:
            best = (start, i + 1)
    return years[best[0] : best[1]], values[best[0] : best[1]]


@cache
def panel_series(panel: str, min_years: int = 10) -> tuple[Series, ...]:
    if panel not in PANELS:
        raise KeyError(panel)
    out = []
    for (region, ind), g in _frame(panel).groupby(["region", "indicator"]):
        g = g.sort_values("year")
        years, values = _longest_run(g["year"].to_numpy(int), g["value"].to_numpy(float))
        if len(years) >= min_years:
            out.append(Series(panel, region, ind, years, values))
    return tuple(out)

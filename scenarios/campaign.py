"""The 2021-2023 campaign against non-normal patent applications, measured on the bundled provincial
panel: each province's outcome against its own forecast made as of 2020.

For each of the 31 provinces the product's own forecast (``forecast.chain.forecast_series``, the
same forecast a run uses) is fitted to the province's 2007-2020 series with a prior learned only
from the other provinces up to 2020, and simulates 2021-2023. The province's effect is the geometric
mean over those three years of outcome / forecast median, minus one (a per-year % change in the
yearly flow). Across provinces the median is the central estimate and the 10th and 90th percentiles
its spread. This is a before/after comparison against a forecast, not a difference-in-differences:
every province was treated, so anything else that changed in 2021-2023 (the pandemic years) is in
the estimate too.

Run ``python -m ipcast.scenarios.campaign`` to print the rows that ``data/lever_evidence.yaml``
carries.
"""

from __future__ import annotations

import numpy as np

from ..forecast import streams
from ..forecast.chain import forecast_series
from ..forecast.learned import Learned, calibration
from ..forecast.panels import panel_series
from ..forecast.priors import panel_prior
from ..forecast.series import Observed

ORIGIN = 2020
YEARS = (2021, 2022, 2023)
SOURCE = "Chinese provincial domestic patents 2007-2020 (NBS / S&T yearbook), other provinces"


def province_effects(indicator: str, n_paths: int = 2000, seed: int = 0) -> dict[str, dict]:
    """Per province: the forecast median and the outcome for each year of ``YEARS``, the share
    of forecast paths below the outcome (PIT) and the per-year effect in %."""
    series = [s for s in panel_series("china_provinces") if s.indicator == indicator]
    out = {}
    for s in series:
        past = s.until(ORIGIN)
        later = {int(y): float(v) for y, v in zip(s.years, s.values, strict=True) if y in YEARS}
        if len(past.years) < 6 or len(later) != len(YEARS):
            continue
        prior = panel_prior(series, SOURCE, until=ORIGIN, skip_region=s.region)
        obs = Observed(
            s.region, indicator, "件", True, True, past.years.astype(float), past.values, [], []
        )
        learned = Learned({"patent_flow": prior}, calibration())
        key = int(streams.stream(seed, s.region, "campaign:" + indicator).integers(2**31 - 1))
        fc = forecast_series(None, s.region, indicator, n_paths, key, learned, obs=obs)
        fc.paths = fc.at(np.array(YEARS, dtype=float))
        median = np.median(fc.paths, axis=0)
        actual = np.array([later[y] for y in YEARS])
        ratio = float(np.exp(np.mean(np.log(actual / median))))
        out[s.region] = {
            "median": median.tolist(),
            "actual": actual.tolist(),
            "pit": [float((fc.paths[:, j] < actual[j]).mean()) for j in range(len(YEARS))],
            "effect_pct": (ratio - 1) * 100,
            "method": fc.method,
        }
    return out


def summary(effects: dict[str, dict]) -> dict:
    """Median and 10th/90th percentiles across provinces of the per-year effect, in %."""
    e = np.array([v["effect_pct"] for v in effects.values()])
    pit = np.array([p for v in effects.values() for p in v["pit"]])
    q10, q50, q90 = np.quantile(e, [0.1, 0.5, 0.9])
    return {
        "n_provinces": len(e),
        "median_pct": float(q50),
        "q10_pct": float(q10),
        "q90_pct": float(q90),
        "share_below_q10": float((pit < 0.1).mean()),
    }


if __name__ == "__main__":  # pragma: no cover - prints the evidence rows
    for slug in ("patent_grants", "patent_applications", "invention_grants"):
        print(slug, summary(province_effects(slug)))

"""The county prior's own predictive against what the panel did next (development origins only).

    python benchmarks/bench_county_prior.py            # origins 2010-2016, every candidate
    python benchmarks/bench_county_prior.py --panel trademarks        # the trademark prior
    python benchmarks/bench_county_prior.py --panel trademark_stocks  # its stock proxy
    python benchmarks/bench_county_prior.py --panel trademarks --spread 0.9 0.8 0.7  # its width

A county with one to three own points is forecast by the random walk with the drift and volatility
borrowed from the provincial panel (``priors``), damped as ``run`` damps it. This checks that prior
directly, without targets: at each origin ``O`` (2010-2016 by default: where choices are made) every
provincial series is forecast from its last 1-3 points with the prior learned from the *other*
provinces' series up to ``O``, and the realised log growth ``log(y_{O+h} / y_O)``, h 1-5, is set
against the forecast: the share below its median (50 % is right), the share inside its 10-90 %
range (80 % is right) and the CRPS, also counting only outcomes dated by the last origin.

``--panel trademarks`` runs the same check on the USPTO and EUIPO registrations by holder country:
each country's series borrows from the pool ``priors`` learns ``trademark_flow`` from (both panels'
rows, as known at ``O``, the country left out of both); ``trademark_stocks`` on their ten-year sums
against ``trademark_stock``'s pool (the stock proxy). ``priors.FADED`` and ``priors.SPREAD`` hold
what ``run`` uses.

Candidates for the drift centre ``m0`` and spread ``tau0`` (volatility is always the panel's):

- ``since_start``: the median over series of the mean growth since the panel began (before #14);
- ``window k``: the median over series of the mean growth of the last ``k`` years;
- ``year_medians k``: the mean of the last ``k`` years' cross-sectional median growth;
- ``trend``: the panel's yearly median growth, its straight-line trend read two years ahead;
- ``shrunk w``: ``since_start`` times ``w`` (toward no growth);
- ``+year_effect``: ``tau0`` widened by the spread of the yearly median growth (the common year
  effect: the panel's growth itself varies from year to year);
- ``faded d``: growth of year ``t`` weighted ``d ** (O - t)`` before the mean (``priors._prior``
  with ``decay=d``; ``priors.FADED`` holds the ``d`` that ``run`` uses for the key checked).

``--spread C ...`` checks the width instead: only the prior ``run`` uses for the key (its fading
from ``priors.FADED``, if any), as it is (``x1``) and with its spread scaled by each ``C``: the
drift spread ``tau0`` and the volatility ``s0`` both (``spread xC``: with one point the forecast's
log growth is its centre plus ``C`` times its deviation, before damping), ``tau0`` only (``drift
xC``) and ``s0`` only (``step xC``). The rule, set before the first run: a candidate clearly wins
over ``x1`` if, on the development origins 2010-2016 with every outcome counted and 1-3 points
pooled, its CRPS is lower (and lower for one point), its share inside the 10-90 % range is nearer
0.80 at every horizon h1-5, its share below the median is at most 0.02 further from 0.50 (largest
distance over h1-5) than ``x1``'s, and its CRPS counting only outcomes dated by 2016 is not higher;
of several winners, the one whose 10-90 % share is nearest 0.80 at its worst horizon.

``--rolling`` (issue #14) checks the decay chosen as of each origin instead of the fixed one
(``priors.FADED``, chosen on outcomes up to 2021, which a hindcast ``--as-of 2017..2020`` should
not know). The rule, written and committed before the first run: at origin ``O`` the decay is
chosen from ``ROLLING_GRID`` (1.0, 0.95, 0.9, 0.85, 0.8, 0.7) by the criterion the fixed one was
chosen by, the largest distance from 0.5 over h1-5 of the share of outcomes below the forecast
median, 1-3 points pooled, counted only on the rows of earlier origins ``O'`` (from the panel's
first usable origin: the first year by which three pool series have ``MIN_DIFFS`` yearly changes,
2010 for the provinces) whose outcome is dated ``O' + h <= O``, and without the scored region's own
rows (its prior leaves it out, as ``candidate`` does, and so does its decay: ``priors(as_of,
skip_region)`` leaves the region out of everything a backtest learns). Each decay's rows are its
fixed run's (same paths: the seeds do not depend on the decay). A horizon counts only with at least
``MIN_KNOWN`` (60) outcomes known; with none (the first usable origin) the decay is 1.0, no fading,
the prior before any evidence. Ties go to the larger decay (less fading, nearer that prior).
The rolling forecast at ``O`` scores region ``r``'s series with the decay chosen for ``(O, r)``;
per origin the decay chosen with no region left out (the live choice as of ``O``) is printed, with
the range over left-out regions.

Adoption, decided on the development origins 2010-2016 only (``--rolling``, 1,000 paths, 1-3
points pooled, every outcome counted), separately for the provinces (fixed 0.85) and the trademark
panel (``--panel trademarks``, fixed 0.95): rolling is adopted if it is not clearly worse than
fixed, that is its largest distance from 0.5 of the share below the median (h1-5) is at most 0.05
above fixed's and its CRPS at most 0.005 above fixed's, for 1-3 points pooled and for one point
alone. Its case is removing the look-ahead, not a better development score. The held-out origins
2017-2022 (``--rolling --first 2017 --last 2022``) are run once per panel afterwards, both figures
reported whatever they show, and do not enter the decision.
"""

from __future__ import annotations

import argparse
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ipcast.forecast import priors
from ipcast.forecast.damping import PHI, damp_paths
from ipcast.forecast.panels import Series, panel_series
from ipcast.forecast.priors import MIN_DIFFS, MIN_TAU0, PANEL_NU0
from ipcast.forecast.rwdrift import LogRandomWalkDrift, Prior

HORIZONS = 5
# ``--rolling``: the decays chosen from as of each origin, and the outcomes a horizon needs known.
ROLLING_GRID = (1.0, 0.95, 0.9, 0.85, 0.8, 0.7)
MIN_KNOWN = 60
TRADEMARK_PANELS = ("uspto_trademarks", "euipo_trademarks")
# ``load``'s panels, and the borrow key whose prior each checks (``priors.FADED`` for its decay).
PANELS = {
    "china_provinces": "patent_flow",
    "trademarks": "trademark_flow",
    "trademark_stocks": "trademark_stock",
}


@dataclass(frozen=True)
class Panel:
    """The series scored and the pool their prior is learned from: each pool series' region
    (a scored series borrows from the others') and its yearly log growth by year from ``y0``
    (NaN where a year or the one before is missing or not positive, as ``priors`` skips them)."""

    series: list[Series]
    regions: np.ndarray
    y0: int
    growth: np.ndarray

    @property
    def years(self) -> np.ndarray:
        return np.arange(self.y0, self.y0 + self.growth.shape[1])


def pooled(series: list[Series], pool: list[tuple[str, np.ndarray, np.ndarray]]) -> Panel:
    """``Panel`` of the scored ``series`` and the ``(region, years, values)`` of the pool."""
    y0 = min(int(y[0]) for _, y, _ in pool)
    n = max(int(y[-1]) for _, y, _ in pool) - y0 + 1
    logs = np.full((len(pool), n), np.nan)
    for i, (_, years, values) in enumerate(pool):
        v = np.asarray(values, float)
        logs[i, np.asarray(years, int) - y0] = np.log(np.where(v > 0, v, np.nan))
    growth = np.full_like(logs, np.nan)
    growth[:, 1:] = logs[:, 1:] - logs[:, :-1]
    return Panel(series, np.array([r for r, _, _ in pool]), y0, growth)


def load(name: str) -> Panel:
    """``china_provinces``: the provincial series, each borrowing from the other provinces'.
    ``trademarks``: the USPTO and EUIPO series by holder country, each borrowing from the pool
    ``priors`` learns ``trademark_flow`` from (both panels' rows, the country left out of both).
    ``trademark_stocks``: their 10-year sums, borrowing from ``trademark_stock``'s pool."""
    if name == "china_provinces":
        series = list(panel_series(name))
        return pooled(series, [(s.region, s.years, s.values) for s in series])
    tm = priors._series(priors._trademark_countries(), ["trademark_registrations"])
    scored = [s for p in TRADEMARK_PANELS for s in panel_series(p)]
    if name == "trademark_stocks":
        tm = priors._rolling_stock(tm)
        scored = [
            Series(s.panel, s.region, "ten_year_sums", st.index.to_numpy(), st.to_numpy(float))
            for s in scored
            for st in priors._rolling_stock([pd.Series(s.values, index=s.years)])
        ]
    pool = [(str(s.name), s.index.to_numpy(), s.to_numpy(float)) for s in tm]
    return pooled(scored, pool)


def candidate(
    panel: Panel,
    o: int,
    region: str,
    name: str,
    arg: float | None = None,
    wide=False,
    scale: tuple[float, float] = (1.0, 1.0),
) -> Prior:
    """The prior of ``name`` as of ``o`` without ``region``'s series, its drift spread ``tau0``
    and volatility ``s0`` times ``scale``."""
    others = np.not_equal(panel.regions, region)
    g = panel.growth[others][:, : o - panel.y0 + 1]
    g = g[np.sum(~np.isnan(g), axis=1) >= MIN_DIFFS]
    means = np.nanmean(g, axis=1)
    s0 = float(np.median(np.nanstd(g, axis=1, ddof=1)))
    med = np.array([np.median(c[~np.isnan(c)]) for c in g.T if (~np.isnan(c)).any()])
    yrs = panel.years[: o - panel.y0 + 1][(~np.isnan(g)).any(axis=0)]
    if name == "faded":
        means = np.nanmean(g * arg ** (o - panel.years[: o - panel.y0 + 1])[None, :], axis=1)
    m0, tau0 = float(np.median(means)), max(float(means.std(ddof=1)), MIN_TAU0)
    if name == "window":
        m0 = float(np.median(np.nanmean(g[:, -int(arg) :], axis=1)))
    elif name == "year_medians":
        m0 = float(med[-int(arg) :].mean())
    elif name == "trend":
        m0 = float(np.polyval(np.polyfit(yrs, med, 1), o + 2))
    elif name == "shrunk":
        m0 *= arg
    if wide:
        tau0 = float(np.hypot(tau0, med.std(ddof=1)))
    return Prior(m0, tau0 * scale[0], s0 * scale[1], PANEL_NU0, name)


def evaluate(panel: Panel, name, arg, wide, origins, n_paths: int, scale=(1.0, 1.0)) -> np.ndarray:
    """Rows (points, origin, h, outcome year, below median, inside 10-90 %, CRPS, region: its
    index in ``scored_regions``)."""
    out = []
    regions = scored_regions(panel)
    for o in origins:
        prior = {r: candidate(panel, o, r, name, arg, wide, scale) for r in regions}
        for s in panel.series:
            past = s.until(o)
            if len(past.values) < 3 or s.years[-1] <= o:
                continue
            later = {int(y): v for y, v in zip(s.years, s.values, strict=True) if y > o}
            rng = np.random.default_rng([zlib.crc32(s.key.encode()), o])
            for k in (1, 2, 3):
                m = LogRandomWalkDrift(prior[s.region]).fit(
                    past.values[-k:], past.years[-k:].astype(float)
                )
                ahead = np.arange(1, HORIZONS + 1)
                paths = damp_paths(m.simulate(HORIZONS, n_paths, rng), past.values[-1], ahead, PHI)
                lg = np.log(paths / past.values[-1])
                q = np.quantile(lg, [0.1, 0.5, 0.9], axis=0)
                half = n_paths // 2
                for h in ahead:
                    if o + h not in later:
                        continue
                    r, col = np.log(later[o + h] / past.values[-1]), lg[:, h - 1]
                    crps = np.mean(np.abs(col - r)) - 0.5 * np.mean(np.abs(col[:half] - col[half:]))
                    inside = q[0, h - 1] <= r <= q[2, h - 1]
                    at = regions.index(s.region)
                    out.append((k, o, h, o + h, r < q[1, h - 1], inside, crps, at))
    return np.array(out, dtype=float).reshape(-1, 8)


def scored_regions(panel: Panel) -> list[str]:
    return sorted({s.region for s in panel.series})


def first_origin(panel: Panel) -> int:
    """The panel's first usable origin: the first year by which three pool series have
    ``MIN_DIFFS`` yearly changes (so any one left out leaves a spread to learn)."""
    enough = np.cumsum(~np.isnan(panel.growth), axis=1) >= MIN_DIFFS
    return int(panel.years[np.argmax(enough.sum(axis=0) >= 3)])


def distance(rows: np.ndarray) -> float | None:
    """The largest distance from 0.5 of the share below the median over the horizons with at
    least ``MIN_KNOWN`` rows (``None`` if none has)."""
    shares = [
        rows[rows[:, 2] == h, 4].mean()
        for h in range(1, HORIZONS + 1)
        if np.sum(rows[:, 2] == h) >= MIN_KNOWN
    ]
    return max(abs(x - 0.5) for x in shares) if shares else None


def choose(by_decay: dict[float, np.ndarray], o: int, skip: int | None = None) -> float:
    """The decay chosen as of origin ``o``: the smallest ``distance`` on the rows whose outcome
    is dated by ``o``, without region ``skip``'s (its index); 1.0 with too little known, ties to
    the larger decay."""
    best, best_d = 1.0, None
    for decay in sorted(by_decay, reverse=True):
        a = by_decay[decay]
        d = distance(a[(a[:, 3] <= o) & (a[:, 7] != (-1 if skip is None else skip))])
        if d is None:
            return 1.0
        if best_d is None or d < best_d - 1e-12:
            best, best_d = decay, d
    return best


def rolling(panel: Panel, first: int, last: int, n_paths: int, fixed: float) -> None:
    """``--rolling``: the fixed decay and the one chosen as of each origin, scored on
    ``first``-``last``; each decay's rows from the panel's first usable origin."""
    start = first_origin(panel)
    grid = sorted(set(ROLLING_GRID) | {fixed}, reverse=True)
    by_decay = {
        d: evaluate(panel, "faded", d, False, range(start, last + 1), n_paths) for d in grid
    }
    n_regions = len(scored_regions(panel))
    print(f"rolling: decays from {grid}, learned on origins from {start}")
    picked = []
    for o in range(first, last + 1):
        each = [choose(by_decay, o, r) for r in range(n_regions)]
        now = by_decay[fixed]
        known = int(np.sum((now[:, 3] <= o) & (now[:, 0] == 1)))
        print(
            f"  origin {o}: decay {choose(by_decay, o)} (left-out regions {min(each)}-{max(each)};"
            f" one-point outcomes known {known})"
        )
        for r, d in enumerate(each):
            a = by_decay[d]
            picked.append(a[(a[:, 1] == o) & (a[:, 7] == r)])
    fixed_rows = by_decay[fixed]
    show(fixed_rows[fixed_rows[:, 1] >= first], f"fixed {fixed}", last)
    show(np.concatenate(picked), "rolling", last)


def line(a: np.ndarray, label: str) -> str:
    hs = sorted(set(a[:, 2]))
    below = [a[a[:, 2] == h, 4].mean() for h in hs]
    inside = [a[a[:, 2] == h, 5].mean() for h in hs]
    return (
        f"{label:34s} below median {' '.join(f'{x:.2f}' for x in below):24s} "
        f"(worst {max(abs(x - 0.5) for x in below):.2f} from 0.5) | 10-90 % "
        f"{' '.join(f'{x:.2f}' for x in inside):24s} | CRPS {a[:, 6].mean():.4f} | n {len(a)}"
    )


CANDIDATES = [
    ("since_start", None, False),
    ("window", 3, False),
    ("window", 5, False),
    ("year_medians", 3, False),
    ("year_medians", 5, False),
    ("trend", None, False),
    ("shrunk", 0.7, False),
    ("shrunk", 0.8, False),
    ("since_start", None, True),
    ("year_medians", 3, True),
    ("faded", 0.95, False),
    ("faded", 0.9, False),
    ("faded", 0.85, False),
]
# Measured on the trademark pools as well: a faster fade than the provinces' 0.85.
MORE = {"trademarks": [("faded", 0.8, False)], "trademark_stocks": [("faded", 0.8, False)]}


def spreads(scales: list[float]) -> list[tuple[str, tuple[float, float]]]:
    """``--spread``'s candidates: ``x1``, then per scale both spreads, the drift's, the step's."""
    out = [("x1", (1.0, 1.0))]
    for c in scales:
        out += [(f"spread x{c}", (c, c)), (f"drift x{c}", (c, 1.0)), (f"step x{c}", (1.0, c))]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--first", type=int, default=2010)
    ap.add_argument("--last", type=int, default=2016, help="last origin (development: 2016)")
    ap.add_argument("--paths", type=int, default=1000)
    ap.add_argument("--panel", choices=PANELS, default="china_provinces")
    ap.add_argument(
        "--rolling", action="store_true", help="the fixed decay against one chosen per origin"
    )
    ap.add_argument(
        "--spread",
        type=float,
        nargs="+",
        metavar="C",
        help="only the prior run uses, its spread scaled by each C (drift and step, each alone)",
    )
    args = ap.parse_args()
    origins = range(args.first, args.last + 1)
    panel = load(args.panel)
    fade = priors.FADED.get(PANELS[args.panel])
    used = f"faded {fade.decay}" if fade else "no fading"
    used += f", spread x{priors.SPREAD.get(PANELS[args.panel], 1.0)}"
    print(f"origins {args.first}-{args.last}; run uses {used}, damping {PHI}")
    if args.panel != "china_provinces":
        print(f"{args.panel}: {len(panel.series)} series scored, pool of {len(panel.regions)}")
    if args.rolling:
        rolling(panel, args.first, args.last, args.paths, fade.decay if fade else 1.0)
        return
    if args.spread:
        run = ("faded", fade.decay) if fade else ("since_start", None)
        for label, scale in spreads(args.spread):
            a = evaluate(panel, *run, False, origins, args.paths, scale)
            show(a, label, args.last)
        return
    for name, arg, wide in CANDIDATES + MORE.get(args.panel, []):
        a = evaluate(panel, name, arg, wide, origins, args.paths)
        show(
            a,
            f"{name}{'' if arg is None else f' {arg}'}{' +year_effect' if wide else ''}",
            args.last,
        )


def show(a: np.ndarray, label: str, last: int) -> None:
    for part, tag in ((a[a[:, 0] == 1], "1pt"), (a, "1-3pt")):
        print(line(part, f"{label}, {tag}"))
        print(line(part[part[:, 3] <= last], f"  outcomes <= {last}"))


if __name__ == "__main__":
    main()

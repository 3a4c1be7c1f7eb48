"""The baseline of targets: defaults, which runs are simulated, the times read, progress, and a
stock's lever lift built on its last figure."""

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from conftest import make_history, make_target

from ipcast.scenarios.baseline import prepare
from ipcast.scenarios.engine import assess
from ipcast.scenarios.judge import scenario_paths
from ipcast.scenarios.levers import Scenario

pytestmark = pytest.mark.usefixtures("every_prior_fixed")


H = make_history([("dazhou", "patent_grants", "2023", "year", 1000.0, "件")])
TODAY = date(2024, 1, 1)


def test_defaults_are_4000_paths_from_seed_0():
    t = make_target("patent_grants", "level", "2026", 1300)
    (run,) = prepare([t], H, today=TODAY)
    (same,) = prepare([t], H, n_paths=4000, seed=0, today=TODAY)
    assert run.base.values.shape == (4000, 1)
    assert np.array_equal(run.base.values, same.base.values)
    (rec,) = assess([t], H, today=TODAY)
    p = rec["p_hit"]
    assert rec["p_hit_se"] == pytest.approx(np.sqrt(p * (1 - p) / 4000), rel=1e-12)
    assert assess([t], H, n_paths=4000, seed=0, today=TODAY) == [rec]


def test_which_runs_are_simulated():
    targets = [
        make_target("patent_grants", "level", "2026", 1300),
        make_target("patent_grants", "cumulative", "2024/2026", None),  # no number stated
        make_target("patent_grants", "average", "2023", 900),  # settled by history
        make_target("copyright_registrations", "level", "2026", 10),  # no history
        replace(make_target("patent_grants", "level", "2026", 0.0), comparator="<=", id="zero"),
    ]
    runs = prepare(targets, H, n_paths=10, seed=0, today=TODAY)
    assert [r.simulated for r in runs] == [True, False, False, False, True]


def test_progress_counts_each_series_once():
    targets = [
        make_target("patent_grants", "level", "2026", 1300),
        make_target("patent_grants", "average", "2024/2026", 1300),
        make_target("copyright_registrations", "level", "2026", 10),
    ]
    seen = []
    prepare(targets, H, n_paths=10, seed=0, today=TODAY, progress=lambda i, n: seen.append((i, n)))
    assert seen == [(1, 2), (2, 2)]


def test_as_of_stands_at_the_start_of_the_next_year():
    # As of 2024: 2024 is over, 2025 is still to come.
    t24 = make_target("patent_grants", "level", "2024", 1300)
    t25 = make_target("patent_grants", "level", "2025", 1300)
    r24, r25 = prepare([t24, t25], H, n_paths=10, seed=0, as_of=2024)
    assert r24.now == r25.now == 2025.0


def test_a_target_far_beyond_the_grid_is_read():
    near = make_target("patent_grants", "level", "2024", 1300)
    far = replace(make_target("patent_grants", "level", "2045", 1300), id="far")
    _, run = prepare([near, far], H, n_paths=10, seed=0, today=TODAY)
    assert run.base.times.tolist() == [2024.0, 2045.0] and (run.base.values > 0).all()


SUPPORT = "copyright_registration_support"  # no lag, full effect in its first year


def test_a_stock_growth_begun_in_the_past_lifts_only_additions_after_the_last_figure():
    # Figures at end-2020 and end-2023; a growth target over 2021-2025 reads end-2020 and
    # end-2025. A lever from 2021 acts on the additions of 2024 and 2025 only (the earlier ones are
    # in the figures), so end-2025 moves exactly as for a plain end-2025 stock target.
    h = make_history(
        [
            ("dazhou", "copyright_registrations_total", "2020", "asof", 20000.0, "件"),
            ("dazhou", "copyright_registrations_total", "2023", "asof", 30000.0, "件"),
        ]
    )
    sc = Scenario("s", "", "", ((SUPPORT, 1.0),), start=2021)
    growth = make_target("copyright_registrations_total", "growth", "2021/2025", 10.0, unit="%")
    stock = make_target("copyright_registrations_total", "stock", "2025", 40000)
    (g,) = prepare([growth], h, n_paths=20, seed=0, today=TODAY)
    (s,) = prepare([stock], h, n_paths=20, seed=0, today=TODAY)
    assert np.array_equal(g.base.col(2026.0), s.base.col(2026.0))
    lifted = scenario_paths(g, sc).col(2026.0)
    assert lifted == pytest.approx(scenario_paths(s, sc).col(2026.0), rel=1e-12)
    assert (lifted > g.base.col(2026.0)).any()

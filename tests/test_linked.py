"""Stocks from flows and lapses; ratios from stocks and population."""

import numpy as np
import pytest
from conftest import make_history

from ipcast.forecast import linked
from ipcast.forecast.linked import lapse_estimates, lapse_rate, ratio_from_stock, stock_from_flows
from ipcast.forecast.rwdrift import Prior

STILL = Prior(m0=0.0, tau0=1e-9, s0=1e-9, nu0=1e9, source="no change, for the test")


_history = make_history


def test_lapse_estimate_by_hand():
    h = _history(
        [
            ("x", "effective_invention_patents", "2020", "asof", 1000.0, "件"),
            ("x", "effective_invention_patents", "2021", "asof", 1100.0, "件"),
            ("x", "invention_grants", "2021", "year", 150.0, "件"),
        ]
    )
    # 1 - (1100 - 150) / 1000 = 0.05
    assert lapse_estimates(h, "effective_invention_patents", "invention_grants") == [
        pytest.approx(0.05)
    ]


def test_bundled_lapse_rate_comes_from_national_data():
    rate, why = lapse_rate("effective_invention_patents")
    assert 0.02 < rate < 0.08 and "estimated" in why


def test_stock_built_from_flat_flows(monkeypatch):
    monkeypatch.setattr(linked, "priors", lambda *a: {"patent_flow": STILL, "patent_stock": STILL})
    monkeypatch.setattr(linked, "lapse_rate", lambda s, *a: (0.1, "test"))
    h = _history(
        [("x", "effective_invention_patents", "2020", "asof", 1000.0, "件")]
        + [("x", "invention_grants", str(y), "year", 200.0, "件") for y in (2018, 2019, 2020)]
    )
    fc = stock_from_flows(
        h, "x", "effective_invention_patents", [2022.0, 2023.0], 500, np.random.default_rng(0)
    )
    # End-2021: 1000 * 0.9 + 200 = 1100; end-2022: 1100 * 0.9 + 200 = 1190.
    assert fc.paths[:, 0] == pytest.approx(np.full(500, 1100.0), rel=1e-6)
    assert fc.paths[:, 1] == pytest.approx(np.full(500, 1190.0), rel=1e-6)
    assert "lapse 0.100" in fc.method


def test_ratio_from_stock_and_population(monkeypatch):
    monkeypatch.setattr(linked, "priors", lambda *a: {"patent_stock": STILL})
    monkeypatch.setattr(linked, "POPULATION_PRIOR", STILL)
    h = _history(
        [
            ("x", "effective_invention_patents", "2023", "asof", 3000.0, "件"),
            ("x", "population", "2023", "asof", 60.0, "万人"),
        ]
    )
    fc = ratio_from_stock(h, "x", "invention_per_10k", [2025.0], 200, np.random.default_rng(0))
    assert fc.paths[:, 0] == pytest.approx(np.full(200, 3000 / 600000 * 1e4), rel=1e-6)
    assert (
        ratio_from_stock(h, "x", "effective_trademarks", [2025.0], 10, np.random.default_rng(0))
        is None
    )

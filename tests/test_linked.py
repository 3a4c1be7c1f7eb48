"""Stocks from flows and lapses; ratios from stocks and population."""

import numpy as np
import pytest
from conftest import make_history

from ipcast.forecast import linked
from ipcast.forecast.chain import forecast_series
from ipcast.forecast.learned import Learned
from ipcast.forecast.linked import lapse_estimates, lapse_rate
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
    learned = Learned({"patent_flow": STILL, "patent_stock": STILL}, {})
    monkeypatch.setattr(linked, "lapse_rate", lambda s, *a: (0.1, "test"))
    h = _history(
        [("x", "effective_invention_patents", "2020", "asof", 1000.0, "件")]
        + [("x", "invention_grants", str(y), "year", 200.0, "件") for y in (2018, 2019, 2020)]
    )
    fc = forecast_series(h, "x", "effective_invention_patents", 500, 0, learned)
    assert fc.chain[0] == {"step": "stock from flows", "used": True, "reason": ""}
    paths = fc.at([2022.0, 2023.0])
    # End-2021: 1000 * 0.9 + 200 = 1100; end-2022: 1100 * 0.9 + 200 = 1190.
    assert paths[:, 0] == pytest.approx(np.full(500, 1100.0), rel=1e-6)
    assert paths[:, 1] == pytest.approx(np.full(500, 1190.0), rel=1e-6)
    assert "lapse 0.100" in fc.method
    # Two flow points are too few: the stock falls back on its own point and says why.
    short = h[~h["period"].eq("2018")]
    fc = forecast_series(short, "x", "effective_invention_patents", 50, 0, learned)
    assert fc.chain[0]["reason"] == "2 point(s) of invention_grants; needs 3"
    assert [s["step"] for s in fc.chain if s["used"]] == ["pooled random walk"]


def test_ratio_from_stock_and_population(monkeypatch):
    learned = Learned({"patent_stock": STILL}, {})
    monkeypatch.setattr(linked, "POPULATION_PRIOR", STILL)
    h = _history(
        [
            ("x", "effective_invention_patents", "2023", "asof", 3000.0, "件"),
            ("x", "population", "2023", "asof", 60.0, "万人"),
        ]
    )
    fc = forecast_series(h, "x", "invention_per_10k", 200, 0, learned)
    assert fc.at([2025.0])[:, 0] == pytest.approx(np.full(200, 3000 / 600000 * 1e4), rel=1e-6)
    assert [s["step"] for s in fc.chain if s["used"]] == ["ratio from stock and population"]
    other = forecast_series(h, "x", "effective_trademarks", 10, 0, learned)
    assert other.chain[1] == {
        "step": "ratio from stock and population",
        "used": False,
        "reason": "not a per-10k ratio",
    }

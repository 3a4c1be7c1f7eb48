"""`selected_scores`: the forecast `run` uses, scored at each origin, worked by hand.

The chain's forecast and the learned inputs are replaced by fakes that draw two known paths, so
every score of a row can be worked out on paper: which origins and horizons are scored, what the
forecast is asked for (the observations, the times, the seed, the prior to borrow), and the CRPS,
PIT, coverage, threshold and Brier score of each forecast.
"""

import math

import numpy as np
import pytest

from ipcast.forecast import backtest_selected as bs
from ipcast.forecast import streams
from ipcast.forecast.panels import Series

PRIOR = object()  # a borrowed prior: only whether there is one matters here
LOGS = [0.0, 0.2, 0.6, 1.0, 1.6]  # log values of 2016-2020: past log growth 0.2, 0.4, 0.4, 0.6


def _series(indicator="patent_grants", logs=LOGS, first=2016, region="county_x"):
    years = np.arange(first, first + len(logs))
    return Series("user", region, indicator, years, np.exp(np.array(logs)))


class _Fake:
    """A forecast with two paths: in logs, the j-th time asked for (from 0) is drawn at
    ``last + 0.2 (j + 1)`` and ``last + 0.2 (j + 1) + (j + 1)``, ``last`` the last observed log;
    ``zero`` puts a path at 0 instead."""

    def __init__(self, obs, chain, ok=True, zero=False):
        self.obs, self.chain, self.ok, self.zero, self.asked = obs, chain, ok, zero, []

    def at(self, times):
        self.asked.append(list(times))
        last = math.log(self.obs.y[-1])
        j = np.arange(1, len(times) + 1)
        low = np.zeros(len(times)) if self.zero else np.exp(last + 0.2 * j)
        return np.vstack([low, np.exp(last + 0.2 * j + j)])


CHAIN = [{"step": "ensemble", "used": False}, {"step": "pooled_rw", "used": True}]


@pytest.fixture
def fake(monkeypatch):
    """Replace the chain and the learned inputs; return what they were asked."""
    calls = {"forecast": [], "provider": [], "fcs": []}
    priors = {"patent_flow": PRIOR, "trademark_flow": PRIOR, "trademark_stock": PRIOR}
    options = {"priors": priors, "ok": True}
    options["zero"] = False

    class Learned:
        def __init__(self, origin):
            self.priors, self.origin = options["priors"], origin

    def provider(origin, region):
        calls["provider"].append((origin, region))
        return Learned(origin)

    def forecast_series(history, region, indicator, n_paths, seed, learned, obs, borrow):
        calls["forecast"].append(
            {
                "history": history,
                "region": region,
                "indicator": indicator,
                "n_paths": n_paths,
                "seed": seed,
                "origin": learned.origin,
                "obs": obs,
                "borrow": borrow,
            }
        )
        ok = options["ok"](learned.origin) if callable(options["ok"]) else options["ok"]
        fc = _Fake(obs, CHAIN, ok, options["zero"])
        calls["fcs"].append(fc)
        return fc

    monkeypatch.setattr(bs, "provider", provider)
    monkeypatch.setattr(bs, "forecast_series", forecast_series)
    calls["options"] = options
    return calls


def test_each_score_of_a_forecast_worked_by_hand(fake):
    """Origin 2018 (past logs 0, 0.2, 0.6: trend 0.3), horizons 1 and 2 (outcomes 1.0, 1.6)."""
    rows = bs.selected_scores([_series()], [2018], 2, 50, 7)
    assert list(rows["h"]) == [1, 2]
    assert list(rows["target_year"]) == [2019, 2020]
    assert list(rows["origin"]) == [2018, 2018]
    assert list(rows["model"]) == ["selected", "selected"]
    assert list(rows["used"]) == ["pooled_rw", "pooled_rw"]  # the step the chain used
    assert list(rows["series"]) == ["user:county_x:patent_grants"] * 2
    assert rows["log_y"].tolist() == pytest.approx([1.0, 1.6])
    assert rows["log_y0"].tolist() == pytest.approx([0.6, 0.6])
    # the threshold: the last log value plus h times the mean past log growth, 0.6 + 0.3 h
    assert rows["threshold"].tolist() == pytest.approx([0.9, 1.2])
    # h=1: samples {0.8, 1.8}, y=1.0: E|X-y| = (0.2 + 0.8)/2 = 0.5, E|X-X'| = 2 x 1/4 = 0.5,
    # CRPS = 0.5 - 0.25 = 0.25. h=2: samples {1.0, 3.0}, y=1.6: E|X-y| = (0.6 + 1.4)/2 = 1.0,
    # E|X-X'| = 2 x 2/4 = 1.0, CRPS = 1.0 - 0.5 = 0.5.
    assert rows["crps"].tolist() == pytest.approx([0.25, 0.5])
    assert rows["center"].tolist() == pytest.approx([1.3, 2.0])  # the medians
    assert rows["pit"].tolist() == pytest.approx([0.5, 0.5])  # one sample of two below y
    # 80 % interval of {0.8, 1.8}: [0.9, 1.7] holds 1.0; of {1.0, 3.0}: [1.2, 2.8] holds 1.6
    assert rows["cov80"].tolist() == [True, True]
    # one sample of two at or above the threshold, and the outcome is: (0.5 - 1)^2
    assert rows["brier"].tolist() == pytest.approx([0.25, 0.25])


def test_horizons_past_the_data_are_not_scored_and_a_later_origin_scores_less(fake):
    """Origins 2017-2019 of 2016-2020, three horizons: no target year after 2020, so 3 + 2 + 1."""
    rows = bs.selected_scores([_series()], [2017, 2018, 2019], 3, 50, 7)
    assert list(zip(rows["origin"], rows["h"], strict=True)) == [
        (2017, 1),
        (2017, 2),
        (2017, 3),
        (2018, 1),
        (2018, 2),
        (2019, 1),
    ]
    # each forecast is asked for every horizon's time, even those the data cannot score
    assert [fc.asked for fc in fake["fcs"]] == [
        [[2018.0, 2019.0, 2020.0]],
        [[2019.0, 2020.0, 2021.0]],
        [[2020.0, 2021.0, 2022.0]],
    ]
    # h=3 of origin 2017 reads the third column: samples {0.2 + 0.6, 0.2 + 0.6 + 3} = {0.8, 3.8}
    # at y = 1.6: E|X-y| = (0.8 + 2.2)/2 = 1.5, E|X-X'| = 2 x 3/4 = 1.5, CRPS = 0.75
    last = rows[(rows["origin"] == 2017) & (rows["h"] == 3)].iloc[0]
    assert last["crps"] == pytest.approx(0.75)
    # origin 2017: past logs 0, 0.2 (trend 0.2), so the thresholds are 0.2 + 0.2 h
    first = rows[rows["origin"] == 2017]
    assert first["threshold"].tolist() == pytest.approx([0.4, 0.6, 0.8])
    assert first["log_y0"].tolist() == pytest.approx([0.2, 0.2, 0.2])


def test_what_the_forecast_is_given(fake):
    """The observations up to the origin at their years, the region's inputs learned as of the
    origin (the region left out), the family to borrow from, and a seed of its own."""
    bs.selected_scores([_series()], [2018], 2, 50, 7)
    (call,) = fake["forecast"]
    assert call["history"] is None
    assert (call["region"], call["indicator"], call["n_paths"]) == ("county_x", "patent_grants", 50)
    assert fake["provider"] == [(2018, "county_x")] and call["origin"] == 2018
    assert call["borrow"] == "patent_flow"
    obs = call["obs"]
    assert obs.t.tolist() == [2016.0, 2017.0, 2018.0]
    assert obs.y.tolist() == pytest.approx(np.exp([0.0, 0.2, 0.6]).tolist())
    assert obs.annual and obs.additive and obs.region == "county_x"


def test_a_stock_is_read_at_year_ends(fake):
    """A stock's figure of 2018 is its value at the end of 2018: t = 2019.0, and the horizons'
    times are year ends too; the scores are those of a flow."""
    s = _series("effective_trademarks")
    rows = bs.selected_scores([s], [2018], 2, 50, 7)
    (call,) = fake["forecast"]
    assert call["obs"].t.tolist() == [2017.0, 2018.0, 2019.0]
    assert not call["obs"].annual and not call["obs"].additive
    assert call["borrow"] == "trademark_stock"
    assert fake["fcs"][0].asked == [[2020.0, 2021.0]]
    assert rows["crps"].tolist() == pytest.approx([0.25, 0.5])


def test_the_seed_is_the_backtest_stream_of_each_series_and_origin(fake):
    """Each forecast's seed comes from the run's seed, the series and the origin, so adding an
    origin or a series moves no other forecast."""
    a, b = _series(), _series("trademark_registrations")
    bs.selected_scores([a, b], [2017, 2018, 2019], 1, 50, 11)
    seeds = [(c["indicator"], c["origin"], c["seed"]) for c in fake["forecast"]]
    want = [
        (s.indicator, o, int(streams.backtest(11, s.key + ":selected", o).integers(2**31 - 1)))
        for s in (a, b)
        for o in (2017, 2018, 2019)
    ]
    assert seeds == want
    assert len({x[2] for x in seeds}) == 6
    assert all(0 <= x[2] < 2**31 - 1 for x in seeds)
    fake["forecast"].clear()
    bs.selected_scores([b], [2019], 1, 50, 11)
    assert fake["forecast"][0]["seed"] == want[-1][2]


def test_two_points_are_enough_with_a_prior_to_borrow_and_one_is_not(fake):
    """patent_grants borrows the patent flows' prior: origin 2017 (two points) is scored, 2016
    (one point) is not. Its trend is the one past log growth, 0.2."""
    rows = bs.selected_scores([_series()], [2016, 2017], 1, 50, 7)
    assert list(rows["origin"]) == [2017]
    assert rows["threshold"].tolist() == pytest.approx([0.4])
    assert [c["origin"] for c in fake["forecast"]] == [2017]


def test_without_a_prior_three_own_points_are_needed(fake):
    """With nothing learned to borrow, as in `run`: origin 2017 (two points) is skipped, 2018
    (three) scored."""
    fake["options"]["priors"] = {}
    rows = bs.selected_scores([_series()], [2017, 2018], 1, 50, 7)
    assert list(rows["origin"]) == [2018]


def test_an_indicator_that_borrows_nothing_needs_three_points_and_says_no_family(fake):
    """patent_licences has no family to borrow from: the chain is told an empty one."""
    rows = bs.selected_scores([_series("patent_licences")], [2017, 2018], 1, 50, 7)
    assert list(rows["origin"]) == [2018]
    assert [c["borrow"] for c in fake["forecast"]] == [""]


def test_an_indicator_outside_the_catalog_is_a_flow_that_borrows_nothing(fake):
    rows = bs.selected_scores([_series("no_such_indicator")], [2017, 2018], 1, 50, 7)
    assert list(rows["origin"]) == [2018]
    (call,) = fake["forecast"]
    assert call["borrow"] == "" and call["obs"].t.tolist() == [2016.0, 2017.0, 2018.0]


def test_an_origin_with_no_outcome_after_it_asks_for_no_forecast(fake):
    rows = bs.selected_scores([_series()], [2020, 2021], 3, 50, 7)
    assert rows.empty and fake["forecast"] == [] and fake["provider"] == []


def test_a_refused_forecast_scores_nothing_and_the_others_still_count(fake):
    fake["options"]["ok"] = lambda origin: origin != 2018
    rows = bs.selected_scores([_series()], [2017, 2018, 2019], 1, 50, 7)
    assert list(rows["origin"]) == [2017, 2019]


def test_nothing_to_score_is_an_empty_frame(fake):
    assert bs.selected_scores([], [2017], 2, 50, 7).empty
    assert bs.selected_scores([_series()], [], 2, 50, 7).empty
    fake["options"]["ok"] = False
    assert bs.selected_scores([_series()], [2017, 2018], 2, 50, 7).empty


def test_a_path_at_zero_is_scored_at_a_tiny_value_not_minus_infinity(fake):
    """A path drawn at 0 is read as 1e-300: its log, -690.78, keeps the CRPS finite."""
    fake["options"]["zero"] = True
    rows = bs.selected_scores([_series()], [2018], 1, 50, 7)
    a, b, y = math.log(1e-300), 0.6 + 0.2 + 1.0, 1.0
    crps = (abs(a - y) + abs(b - y)) / 2 - abs(b - a) / 4
    assert rows["crps"].tolist() == pytest.approx([crps])
    # (691.776 + 0.8) / 2 - 692.576 / 4
    assert crps == pytest.approx(173.144, abs=1e-3)


def test_progress_counts_series_done_and_none_is_fine(fake):
    said = []
    three = [_series(), _series("trademark_registrations"), _series("patent_licences")]
    with_progress = bs.selected_scores(three, [2018], 1, 50, 7, progress=lambda *a: said.append(a))
    assert said == [(1, 3), (2, 3), (3, 3)]
    without = bs.selected_scores(three, [2018], 1, 50, 7)
    assert without.equals(with_progress) and len(without) == 3
    said.clear()
    assert bs.selected_scores([], [2018], 1, 50, 7, progress=lambda *a: said.append(a)).empty
    assert said == []


def test_origins_from_data_of_a_short_series():
    """Years 2018-2023: origins with two points before them and one after, 2019-2022; a series
    of one year gives none."""
    six = _series(logs=[0, 1, 2, 3, 4, 5], first=2018)
    assert bs.origins_from_data([six]) == [2019, 2020, 2021, 2022]
    assert bs.origins_from_data([six], min_points=5) == [2022]
    assert bs.origins_from_data([_series(logs=[0], first=2020)]) == []
    two = [six, _series(logs=[0, 1, 2], first=2014)]
    assert bs.origins_from_data(two) == [2015, 2019, 2020, 2021, 2022]

"""The hindcast's P(hit) is what a user gets from the command line: a province's panel history
written to a file with plan-like level targets (``bench_phit.py --cli-case``), and ``ipcast run
--history H --targets T --as-of O --leave-out REGION`` give the same probability as
``benchmarks/bench_phit.py`` for every one of them, with the same seed (the benchmark learns its
priors and calibration without the scored province, and so does the run with ``--leave-out``)."""

import importlib.util
import json

import numpy as np
import pytest
from conftest import REPO
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.forecast import phit
from ipcast.forecast.panels import panel_series

ORIGIN, PATHS = 2016, 400


def _bench():
    spec = importlib.util.spec_from_file_location("bench_phit", REPO / "benchmarks/bench_phit.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _series():
    s = next(x for x in panel_series("china_provinces") if x.indicator == "patent_grants")
    assert s.region == "anhui"  # the region ``cli_records`` leaves out
    return s


def cli_records(hist, targets, seed: int, leave_out: str | None = "anhui") -> dict[str, dict]:
    """Each target's record, as ``ipcast run`` reports it."""
    args = ["run", "--history", str(hist), "--targets", str(targets), "--as-of", str(ORIGIN)]
    args += ["--paths", str(PATHS), "--seed", str(seed), "--format", "json", "--no-cache"]
    args += ["--leave-out", leave_out] if leave_out else []
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    return {r["target_id"]: r for r in json.loads(res.stdout)}


@pytest.mark.parametrize("seed", [0, 5])
def test_cli_p_hit_equals_the_hindcast_p(tmp_path, home, seed):
    bench, s = _bench(), _series()
    hist, targets, rows = bench.write_cli_case(s, ORIGIN, tmp_path)
    cli = cli_records(hist, targets, seed)
    keep = s.years <= ORIGIN
    paths = bench._ipcast(s, s.years[keep], s.values[keep], ORIGIN, PATHS, seed)
    p = phit.hit_probabilities(paths, s.values[keep])["level"]
    assert len(cli) == len(rows) == len(phit.AMBITIONS) * phit.HORIZONS
    for r in rows.itertuples():
        assert cli[r.id]["status"] == "simulated"
        assert cli[r.id]["p_hit"] == pytest.approx(p[r.i, r.j], abs=1e-12)
    assert 0.1 < np.mean([c["p_hit"] for c in cli.values()]) < 0.9  # not all trivially 0 or 1


def test_without_leave_out_the_run_learns_from_the_province_and_differs(tmp_path, home):
    """The province's own series is part of what a plain run learns: leaving it out changes p."""
    hist, targets, _ = _bench().write_cli_case(_series(), ORIGIN, tmp_path)
    left_out, plain = cli_records(hist, targets, 0), cli_records(hist, targets, 0, None)
    differ = [k for k in left_out if left_out[k]["p_hit"] != plain[k]["p_hit"]]
    assert len(differ) >= 5


def test_same_seed_same_p_other_seed_within_its_se(tmp_path, home):
    hist, targets, _ = _bench().write_cli_case(_series(), ORIGIN, tmp_path)
    a, b, c = (cli_records(hist, targets, k) for k in (0, 0, 1))
    assert a == b
    unsure = [k for k, r in a.items() if 0.05 < r["p_hit"] < 0.95]
    assert len(unsure) >= 5
    assert any(a[k]["p_hit"] != c[k]["p_hit"] for k in unsure)
    # Independent estimates: each difference has sd sqrt(se_a^2 + se_c^2); 4 of them bound all.
    for k in unsure:
        se = np.hypot(a[k]["p_hit_se"], c[k]["p_hit_se"])
        assert abs(a[k]["p_hit"] - c[k]["p_hit"]) <= 4 * se

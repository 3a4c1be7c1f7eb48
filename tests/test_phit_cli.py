"""The hindcast's P(hit) is what a user gets from the command line: a province's panel history
written to a file, a plan-like target, and ``ipcast run --history H --targets T --as-of O`` give
the same probability as ``benchmarks/bench_phit.py`` for that target, with the same seed."""

import importlib.util
import json

import numpy as np
import pytest
from conftest import REPO
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.forecast import phit
from ipcast.forecast.panels import panel_series

ORIGIN, H, AMBITION, PATHS = 2016, 2, 0.10, 400


def _bench():
    spec = importlib.util.spec_from_file_location("bench_phit", REPO / "benchmarks/bench_phit.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_case(s, origin: int, h: int, ambition: float, folder):
    """A history CSV of the series up to ``origin`` and a level target for ``origin + h``."""
    keep = s.years <= origin
    hist = folder / "history.csv"
    lines = ["region,indicator,period,value,unit"]
    lines += [
        f"{s.region},{s.indicator},{y},{v:.0f},件"
        for y, v in zip(s.years[keep], s.values[keep], strict=True)
    ]
    hist.write_text("\n".join(lines) + "\n", encoding="utf-8")
    threshold = float(s.values[keep][-1]) * (1 + ambition) ** h
    targets = folder / "targets.yaml"
    targets.write_text(
        f"region: {s.region}\ntargets:\n- id: level_h{h}\n  label_zh: 授权专利\n"
        f"  indicator: {s.indicator}\n  kind: level\n  period: '{origin + h}'\n"
        f"  threshold: {threshold!r}\n  unit: 件\n  quote: hindcast target\n",
        encoding="utf-8",
    )
    return hist, targets


def _series():
    return next(x for x in panel_series("china_provinces") if x.indicator == "patent_grants")


def cli_p_hit(hist, targets, seed: int) -> tuple[float, float]:
    """``(p_hit, p_hit_se)`` of the one target, as ``ipcast run`` reports it."""
    args = ["run", "--history", str(hist), "--targets", str(targets), "--as-of", str(ORIGIN)]
    args += ["--paths", str(PATHS), "--seed", str(seed), "--format", "json", "--no-cache"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)[0]
    return rec["p_hit"], rec["p_hit_se"]


@pytest.mark.parametrize("seed", [0, 5])
def test_cli_p_hit_equals_the_hindcast_p(tmp_path, home, seed):
    s = _series()
    hist, targets = write_case(s, ORIGIN, H, AMBITION, tmp_path)
    cli_p, _ = cli_p_hit(hist, targets, seed)

    bench = _bench()
    keep = s.years <= ORIGIN
    paths = bench._ipcast(s, s.years[keep], s.values[keep], ORIGIN, PATHS, seed)
    probs = phit.hit_probabilities(paths, s.values[keep])
    bench_p = probs["level"][phit.AMBITIONS.index(AMBITION), H - 1]
    assert 0.0 < bench_p < 1.0  # a target the forecast is unsure of
    assert cli_p == pytest.approx(bench_p, abs=1e-12)
    assert np.isfinite(cli_p)


def test_same_seed_same_p_other_seed_within_its_se(tmp_path, home):
    hist, targets = write_case(_series(), ORIGIN, H, AMBITION, tmp_path)
    p0, se0 = cli_p_hit(hist, targets, 0)
    assert cli_p_hit(hist, targets, 0) == (p0, se0)
    p1, se1 = cli_p_hit(hist, targets, 1)
    assert p1 != p0
    # Two independent estimates: their difference has sd sqrt(se0^2 + se1^2); 3 of them bound it.
    assert abs(p1 - p0) <= 3 * np.hypot(se0, se1)

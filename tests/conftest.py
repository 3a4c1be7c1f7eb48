import os
from pathlib import Path

import pytest

# One BLAS thread per test process, set before numpy loads. The suite runs in two processes on two
# cores; OpenBLAS's own threads (two a process by default) then fight over the same cores, and on a
# busy machine its waiting threads made the small matrices of ARIMA's fits ten times slower
# (test_models: 35 s for one test, 2.7 s with one thread). A caller's own setting is kept.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import pandas as pd  # noqa: E402
import typer.main  # noqa: E402
import typer.testing  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

# typer's CliRunner builds the click command from the app at every invoke: about 20 ms, every
# command's string annotations evaluated afresh, some 13 s of the suite's CPU over 600 invokes.
# An app is whole once its modules are imported (commands register at import; no test adds
# one), and click makes a new context for each invocation, so each app's command is built once
# per process, as `ipcast` itself builds it once per run.
_COMMANDS: dict[int, tuple] = {}


def _command(app):
    app_and_command = _COMMANDS.get(id(app))
    if app_and_command is None or app_and_command[0] is not app:
        app_and_command = _COMMANDS[id(app)] = (app, typer.main.get_command(app))
    return app_and_command[1]


typer.testing._get_command = _command


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh IPCAST_HOME for one test."""
    h = tmp_path / "ipcast_home"
    monkeypatch.setenv("IPCAST_HOME", str(h))
    return h


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Tests never read or fill the user's cache. Under pytest-xdist the processes of one run share
    one cache folder (their temporary folders' common parent, made afresh for each run): a bundled
    plan's forecasts, learned inputs or saved run are computed by whichever process needs them
    first, as they would be by an earlier test in the same process. Entries are written
    atomically (``forecast/cache.save``), and a test that needs no cache or its own sets it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder = root / "cache"
    folder.mkdir(exist_ok=True)
    mp = pytest.MonkeyPatch()
    mp.setenv("IPCAST_CACHE", str(folder))
    yield
    mp.undo()


def clear_learned() -> None:
    """Forget every learned input held in memory (priors, the panels and error table as known by
    each year, calibration, lapse rates), so the next call learns from what the test planted."""
    from ipcast.forecast import calibrate, learned, linked, priors

    priors.priors.cache_clear()
    priors._known_pools.cache_clear()
    calibrate.calibration.cache_clear()
    calibrate._panel_errors.cache_clear()
    linked.lapse_rate.cache_clear()
    learned._provided.cache_clear()


def make_history(rows) -> pd.DataFrame:
    """A history table from (region, indicator, period, period_type, value, unit) tuples, each
    with its source as an optional seventh item."""
    cols = ["region", "indicator", "period", "period_type", "value", "unit"]
    df = pd.DataFrame([tuple(r[:6]) for r in rows], columns=cols)
    for c in ("source", "source_title", "quote", "notes", "exclude"):
        df[c] = ""
    df["source"] = [r[6] if len(r) > 6 else "" for r in rows]
    df["origin"] = "test"
    return df


def make_target(indicator, kind, period, threshold, unit="件", **kw):
    """A Dazhou target for tests: ``period`` and ``threshold`` may be lists (each_year)."""
    from ipcast.data.periods import parse_period
    from ipcast.data.target_files import Target

    periods = period if isinstance(period, list) else [period]
    thresholds = threshold if isinstance(threshold, list) else [threshold]
    return Target(
        plan="test",
        region="dazhou",
        id=f"t_{kind}_{indicator}",
        label_zh="测试",
        label_en="test",
        indicator=indicator,
        family="patent",
        kind=kind,
        periods=tuple(parse_period(p) for p in periods),
        thresholds=tuple(thresholds),
        comparator=">=",
        unit=unit,
        quote="",
        **kw,
    )


@pytest.fixture
def every_prior_fixed(monkeypatch):
    """Every baseline borrows one prior whose drift (0.1) and volatility (0.2) are all but
    known, and no calibration, so numbers can be worked by hand."""
    from ipcast.forecast.learned import Learned
    from ipcast.forecast.rwdrift import Prior

    fixed = Prior(m0=0.1, tau0=1e-6, s0=0.2, nu0=1e7, source="fixed for the test")

    class AllFixed(dict):
        def get(self, key, default=None):
            return fixed

    learned = Learned(AllFixed(patent_flow=fixed), {})
    monkeypatch.setattr("ipcast.scenarios.baseline.provider", lambda *a, **k: learned)

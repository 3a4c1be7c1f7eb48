"""The on-disk cache: same numbers with or without it, filled, bypassed and cleared."""

import json
import os
import pickle
import shutil
from datetime import date

import pytest
from typer.testing import CliRunner

from ipcast.api import runs
from ipcast.cli.app import app
from ipcast.forecast import cache

runner = CliRunner()


def _run(*extra):
    res = runner.invoke(
        app, ["run", "-r", "guanghan", "--format", "json", "--paths", "500", *extra]
    )
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_cached_and_fresh_runs_agree(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCAST_CACHE", str(tmp_path / "c"))
    monkeypatch.delenv("IPCAST_NO_CACHE", raising=False)
    cold = _run()
    n = len(list((tmp_path / "c").rglob("*.pkl")))
    assert n > 0
    warm = _run()
    assert warm == cold
    assert len(list((tmp_path / "c").rglob("*.pkl"))) == n


def _doctor(folder, factor: float) -> int:
    """Scale the paths of every cached baseline: a run that reads them reports other numbers."""
    n = 0
    for f in folder.rglob("*.pkl"):
        value = pickle.loads(f.read_bytes())
        if isinstance(value, tuple) and hasattr(value[0], "values"):
            value[0].values = value[0].values * factor
            f.write_bytes(pickle.dumps(value))
            n += 1
    return n


def test_a_broken_entry_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCAST_CACHE", str(tmp_path / "c"))
    monkeypatch.delenv("IPCAST_NO_CACHE", raising=False)
    with_cache = _run()
    for f in (tmp_path / "c").rglob("*.pkl"):
        f.write_bytes(b"not a pickle")  # a broken entry is ignored, never trusted
    assert _run() == with_cache


def test_no_cache_neither_reads_nor_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCAST_CACHE", str(tmp_path / "c"))
    monkeypatch.delenv("IPCAST_NO_CACHE", raising=False)
    fresh = _run()
    assert _doctor(tmp_path / "c", 3.0) > 0
    shutil.rmtree(tmp_path / "c" / runs.RUNS)  # the saved run goes: the fits are read again
    assert _run() != fresh  # the cache is read: doctored entries change the numbers
    assert _run("--no-cache") == fresh  # ... and --no-cache does not read them
    cache.clear()
    _run("--no-cache")
    assert not list((tmp_path / "c").rglob("*.pkl"))  # nor write any
    assert os.environ.get("IPCAST_NO_CACHE") is None  # and leaves the setting as it was


def test_cache_clear(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCAST_CACHE", str(tmp_path / "c"))
    monkeypatch.delenv("IPCAST_NO_CACHE", raising=False)
    _run()
    res = runner.invoke(app, ["cache", "clear"])
    assert res.exit_code == 0 and "removed" in res.output
    assert not list((tmp_path / "c").rglob("*.pkl"))


def test_keys_change_with_data():
    assert cache.key("a", 1) == cache.key("a", 1)
    assert cache.key("a", 1) != cache.key("a", 2)


def test_parallel_fitting_gives_the_same_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCAST_NO_CACHE", "1")
    one = runner.invoke(app, ["run", "--format", "json", "--paths", "500", "--seed", "4"])
    two = runner.invoke(
        app, ["run", "--format", "json", "--paths", "500", "--seed", "4", "--jobs", "2"]
    )
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    assert json.loads(one.stdout) == json.loads(two.stdout)


def test_a_saved_run_is_read_back(tmp_path, monkeypatch):
    """A run of the bundled plans is saved whole and read back (doctored, it shows)."""
    monkeypatch.setenv("IPCAST_CACHE", str(tmp_path / "c"))
    monkeypatch.delenv("IPCAST_NO_CACHE", raising=False)
    first = _run()
    (saved,) = (tmp_path / "c" / runs.RUNS).rglob("*.pkl")
    records = pickle.loads(saved.read_bytes())
    assert records[0]["target_id"] == first[0]["target_id"]
    records[0]["label_en"] = "doctored"
    saved.write_bytes(pickle.dumps(records))
    assert _run()[0]["label_en"] == "doctored"
    assert _run("--no-cache") == first
    assert _run("--seed", "1") != first  # another seed is another run


class _Day(date):
    @classmethod
    def today(cls):
        return date(2031, 1, 1)


def test_a_saved_run_is_keyed_by_what_it_depends_on(home, monkeypatch):
    """Settings, today's date and the user's stored figures each give another key."""
    base = runs.saved_run_key(None, 500, 0, None)
    assert runs.saved_run_key(None, 500, 0, None) == base
    others = [
        runs.saved_run_key("guanghan", 500, 0, None),
        runs.saved_run_key(None, 501, 0, None),
        runs.saved_run_key(None, 500, 1, None),
        runs.saved_run_key(None, 500, 0, 2020),
    ]
    home.mkdir(parents=True)
    (home / "history.csv").write_text("region,indicator\n", encoding="utf-8")
    others.append(runs.saved_run_key(None, 500, 0, None))
    (home / "history.csv").unlink()
    monkeypatch.setattr(runs, "date", _Day)
    others.append(runs.saved_run_key(None, 500, 0, None))
    assert len({base, *others}) == len(others) + 1


def test_shipped_learned_inputs_are_what_learning_gives(monkeypatch):
    """data/learned.pkl holds the priors and calibration of the bundled data by cache key; an
    entry under a current key must be exactly what learning afresh gives. (After a change to
    the code or data no key matches, and the inputs are learned as before.)"""
    from ipcast.data.catalog import data_path
    from ipcast.forecast import calibrate, priors

    files = [data_path("history.csv")] + sorted(data_path("panels").iterdir(), key=lambda p: p.name)
    csvs = [f.read_bytes() for f in files if f.name.endswith(".csv")]
    table = data_path("backtest_errors.csv.gz").read_bytes()
    current = {
        cache.key("priors", None, None, *csvs): lambda: priors._learn_priors(None, None),
        cache.key("calibration", None, None, table, *csvs[1:]): lambda: (
            calibrate._learn_calibration(None, None)
        ),
    }
    shipped = {k: v for k, v in cache.shipped().items() if k in current}
    if not shipped:
        pytest.skip(
            "data/learned.pkl is stale or absent: python -m ipcast.forecast.learned --write"
        )
    monkeypatch.setenv("IPCAST_NO_CACHE", "1")  # learn, do not load
    for k, value in shipped.items():
        assert pickle.dumps(value) == pickle.dumps(current[k]())

"""The store cannot lose data: parallel imports queue behind one lock, a killed import leaves the
store whole (old or new, never half), a damaged store is detected and restored with one command."""

import multiprocessing as mp
import os
import random
import signal
import time

import pandas as pd
import pytest
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.data import userstore

runner = CliRunner()
FORK = mp.get_context("fork")


def _rows(year: int, value: float, n: int = 1) -> pd.DataFrame:
    """``n`` patent-grant figures for Dazhou from ``year`` on, as the reader returns them."""
    recs = [
        {
            "region": "dazhou",
            "indicator": "patent_grants",
            "period": str(year + k),
            "period_type": "year",
            "value": value + k,
            "unit": "件",
            "source": "test",
            "source_title": "",
            "quote": "",
            "notes": "",
            "exclude": "",
            "origin": f"user:{year}.csv",
        }
        for k in range(n)
    ]
    return pd.DataFrame(recs)


def _add_one(home, year):
    os.environ["IPCAST_HOME"] = str(home)
    userstore.add(_rows(year, 1000.0 + year), False, f"{year}.csv")


def test_eight_parallel_imports_lose_nothing(home):
    procs = [FORK.Process(target=_add_one, args=(home, 2001 + i)) for i in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    stored = userstore.load()
    assert sorted(stored["period"].astype(int)) == list(range(2001, 2009))
    assert sorted(stored["value"]) == [1000.0 + y for y in range(2001, 2009)]
    assert len(list((home / "versions").glob("history-*.csv"))) == 8


def _import_forever(home, n):
    os.environ["IPCAST_HOME"] = str(home)
    k = 0
    while True:
        k += 1
        userstore.add(_rows(2000, 5000.0 + k, n), True, "loop.csv")


def test_an_import_killed_at_random_points_leaves_a_whole_store(home):
    n = 60  # rows per version: each write is one of a few known states
    userstore.add(_rows(2000, 5000.0, n), False, "first.csv")
    rng = random.Random(7)
    for _ in range(12):
        p = FORK.Process(target=_import_forever, args=(home, n))
        p.start()
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(p.pid, signal.SIGKILL)
        p.join()
        stored = userstore.load()  # raises StoreError if half written
        assert len(stored) == n
        first = stored["value"].iloc[0]
        assert (stored["value"] - stored["value"].iloc[0]).tolist() == list(range(n))
        assert first == int(first) and first >= 5000
    # the lock died with the killed process: the next import goes through at once
    counts, _ = userstore.add(_rows(1990, 1.0), False, "after.csv")
    assert counts["added"] == 1


def _import(args):
    return runner.invoke(app, ["import", *args])


@pytest.fixture
def stored(home, tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("地区,指标,年份,数值\ndazhou,授权专利,2022,3900\n", encoding="utf-8")
    assert _import([str(f)]).exit_code == 0
    g = tmp_path / "more.csv"
    g.write_text("地区,指标,年份,数值\ndazhou,授权专利,2023,4100\n", encoding="utf-8")
    assert _import([str(g)]).exit_code == 0
    return home / "history.csv"


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # cut short
        lambda b: b.replace(b"4100", b"4700"),  # changed outside ipcast
        lambda b: b"",
        lambda b: b"\xff\xfe garbage",
    ],
    ids=["truncated", "edited", "empty", "garbage"],
)
def test_a_damaged_store_is_reported_and_recovered_with_one_command(stored, damage):
    stored.write_bytes(damage(stored.read_bytes()))
    res = runner.invoke(app, ["history", "-r", "dazhou"])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "ipcast import --recover" in res.output
    res = _import(["--recover"])
    assert res.exit_code == 0, res.output
    assert "restored history-" in res.output
    assert list((stored.parent / "versions").glob("damaged-*.csv"))
    assert userstore.load()["value"].tolist() == [3900.0]  # the version before the last import
    assert "intact" in _import(["--recover"]).output


def test_a_store_with_a_non_finite_figure_is_refused_not_a_traceback(home):
    home.mkdir()
    cols = ",".join(userstore.STORE_COLUMNS)
    (home / "history.csv").write_text(
        f"{cols}\ndazhou,patent_grants,2022,year,inf,件,,,,,,user:x.csv\n", encoding="utf-8"
    )
    res = runner.invoke(app, ["run", "-r", "dazhou", "--paths", "100"])
    assert res.exit_code == 2 and "row 2" in res.output and "--recover" in res.output


def test_undo_and_import_queue_behind_the_lock(stored, monkeypatch):
    with userstore.locked():
        monkeypatch.setattr(userstore, "LOCK_WAIT", 0.2)
        res = _import(["--undo"])
    assert res.exit_code == 2 and "another ipcast import" in res.output
    assert userstore.load()["value"].tolist() == [3900.0, 4100.0]


def test_a_failed_write_is_reported_and_the_store_kept(stored, monkeypatch, tmp_path):
    before = stored.read_bytes()

    def broken(data, target, rows):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(userstore, "_write_verified", broken)
    g = tmp_path / "new.csv"
    g.write_text("地区,指标,年份,数值\ndazhou,授权专利,2024,4300\n", encoding="utf-8")
    res = _import([str(g)])
    assert res.exit_code == 2 and "No space left" in res.output
    assert stored.read_bytes() == before


def test_the_same_figure_read_again_with_its_source_takes_the_source_and_keeps_the_figure():
    """A sheet imported before its note was read as a source stored user:FILE; imported again
    with the note read, the figures are the same and the source is taken (counted 'source
    given', not 'unchanged'). A file without a source never wipes a stored one, and another
    real source replaces it only with --replace."""
    bare = _rows(2020, 100.0, 2).assign(source="user:a.xlsx")
    noted = _rows(2020, 100.0, 2).assign(source="《统计年鉴》")
    merged, counts = userstore.merge(bare, noted, False, "a.xlsx")
    assert counts == {"added": 0, "unchanged": 0, "replaced": 0, "source given": 2}
    assert list(merged["source"]) == ["《统计年鉴》", "《统计年鉴》"]
    assert list(merged["value"]) == [100.0, 101.0]
    again, counts = userstore.merge(merged, bare, False, "a.xlsx")
    assert list(again["source"]) == ["《统计年鉴》"] * 2 and counts["unchanged"] == 2
    other = noted.assign(source="局统计年报")
    kept, counts = userstore.merge(merged, other, False, "b.xlsx")
    assert list(kept["source"]) == ["《统计年鉴》"] * 2 and counts["unchanged"] == 2
    taken, counts = userstore.merge(merged, other, True, "b.xlsx")
    assert list(taken["source"]) == ["局统计年报"] * 2 and counts["source given"] == 2

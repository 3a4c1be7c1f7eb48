"""Fitting on a Dask cluster gives the numbers a single machine gives."""

import pytest

from ipcast.data.errors import InputError
from ipcast.data.history import combine
from ipcast.data.target_files import bundled_targets
from ipcast.scenarios import parallel
from ipcast.scenarios.engine import assess

distributed = pytest.importorskip("dask.distributed")


def test_a_local_two_worker_cluster_matches_one_machine(monkeypatch):
    monkeypatch.setenv("IPCAST_NO_CACHE", "1")
    targets = [t for t in bundled_targets() if t.region in ("chengdu", "guanghan")]
    alone = assess(targets, combine(), 500, seed=3)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = assess(targets, combine(), 500, seed=3, scheduler=cluster.scheduler_address)
    assert remote == alone


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", 1)  # the same path, without the 10 s wait
    targets = [t for t in bundled_targets() if t.region == "guanghan"]
    with pytest.raises(InputError, match="cannot reach"):
        assess(targets, combine(), 200, scheduler="tcp://127.0.0.1:9")

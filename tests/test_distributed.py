"""Fitting on a Dask cluster gives the numbers a single machine gives."""

import pickle

import pytest

from ipcast.data.errors import InputError
from ipcast.data.history import combine
from ipcast.data.target_files import bundled_targets
from ipcast.forecast.learned import Learned, provider
from ipcast.scenarios import parallel
from ipcast.scenarios.engine import assess

distributed = pytest.importorskip("dask.distributed")


def test_a_local_two_worker_cluster_matches_one_machine(monkeypatch):
    monkeypatch.setenv("IPCAST_NO_CACHE", "1")
    targets = [t for t in bundled_targets() if t.region in ("chengdu", "guanghan")]
    alone = assess(targets, combine(), 500, seed=3)
    # Learned inputs not made by the provider travel as data, broadcast once to every worker.
    made = provider()
    own = Learned(dict(made.priors), made.calibration)
    assert len(pickle.dumps(own)) > parallel.SHARE_BYTES
    own_alone = assess(targets, combine(), 500, seed=4, learned=own)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        at = cluster.scheduler_address
        remote = assess(targets, combine(), 500, seed=3, scheduler=at)
        own_remote = assess(targets, combine(), 500, seed=4, scheduler=at, learned=own)
    assert remote == alone
    assert own_remote == own_alone


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", 1)  # the same path, without the 10 s wait
    targets = [t for t in bundled_targets() if t.region == "guanghan"]
    with pytest.raises(InputError, match="cannot reach"):
        assess(targets, combine(), 200, scheduler="tcp://127.0.0.1:9")

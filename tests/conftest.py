from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh IPCAST_HOME for one test."""
    h = tmp_path / "ipcast_home"
    monkeypatch.setenv("IPCAST_HOME", str(h))
    return h


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Tests never read or fill the user's cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("IPCAST_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()

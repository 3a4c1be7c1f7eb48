"""A Dask worker's allocator is set so that path arrays come from the heap (see
``scenarios.parallel.MMAP_THRESHOLD``): glibc accepts the setting, and a task's result is the
function's."""

import platform

import pytest

from ipcast.scenarios import parallel


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the setting is glibc's")
def test_glibc_takes_the_mmap_threshold():
    parallel.heap_for_path_arrays.cache_clear()
    assert parallel.heap_for_path_arrays() is True
    assert parallel.MMAP_THRESHOLD == 32 * 1024 * 1024  # glibc's own upper default


def test_a_task_on_a_worker_returns_what_its_function_returns():
    assert parallel.on_worker(divmod, 17, 5) == (3, 2)
    assert parallel.on_worker(sorted, [3, 1, 2], reverse=True) == [3, 2, 1]


def test_learned_inputs_travel_by_value_to_a_worker():
    import pickle

    from ipcast.forecast.learned import by_value, provider

    made = provider()
    sent = pickle.dumps(by_value(made))
    assert len(sent) > 10 * len(pickle.dumps(made))  # the inputs, not a reference to learn them
    back = pickle.loads(sent)
    assert back == made and back.fingerprint == made.fingerprint
    assert back.priors == made.priors and back.calibration.keys() == made.calibration.keys()

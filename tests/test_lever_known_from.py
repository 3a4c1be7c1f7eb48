"""known_from (levers.yaml): the last outcome year a lever's range was measured on. An as-of year
knows the range from that year on; the file says a year, or is refused naming the key."""

from dataclasses import replace

import pytest
import yaml

from ipcast.data.catalog import data_path
from ipcast.data.errors import InputError
from ipcast.scenarios.levers import _check_lever, lever_catalog


def test_an_as_of_year_knows_a_range_measured_up_to_that_year():
    shock = replace(lever_catalog()["trademark_crackdown"], known_from=2023)
    assert [shock.known_by(y) for y in (0, 2000, 2022, 2023, 2024)] == [
        False,
        False,
        False,
        True,
        True,
    ]
    assert shock.known_by(None)  # no --as-of: every figure known today
    assert replace(shock, known_from=None).known_by(2000)


@pytest.mark.parametrize("bad", ["2023", 2023.5, True, 0, 1999, 2101])
def test_a_known_from_that_is_no_year_is_refused_naming_the_key(bad):
    raw = next(
        r
        for r in yaml.safe_load(data_path("levers.yaml").read_text(encoding="utf-8"))["levers"]
        if r["id"] == "trademark_crackdown"
    )
    _check_lever(raw, "lever 2")  # as shipped: 2023
    with pytest.raises(InputError, match="known_from"):
        _check_lever({**raw, "known_from": bad}, "lever 2")

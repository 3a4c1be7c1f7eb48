"""January-June shares of the calendar years a target's July-June periods cut in half
(``baseline.year_split``)."""

from types import SimpleNamespace

import numpy as np
from conftest import make_target

from ipcast.scenarios.baseline import year_split


def test_only_a_flow_with_a_period_cutting_a_year_gets_january_june_shares():
    """year_split: each calendar year a July-June period cuts in half gets its shares, drawn
    from that year's own stream; a stock, or a flow whose periods are whole calendar years,
    gets none (None: its paths keep no shares)."""
    july_june = [make_target("patent_grants", "cumulative", "2024-07/2026-06", 3000)]
    calendar = [make_target("patent_grants", "level", "2025", 1500)]
    flow = SimpleNamespace(additive=True, region="x", indicator="patent_grants")
    stock = SimpleNamespace(additive=False, region="x", indicator="effective_invention_patents")
    assert year_split(stock, july_june, 50, 1, None) is None
    assert year_split(flow, calendar, 50, 1, None) is None
    split = year_split(flow, july_june, 50, 1, None)
    assert sorted(split.shares) == [2024, 2026]
    # the year's draws alone: 2024's are the same with a target that cuts 2025 too
    more = july_june + [make_target("patent_grants", "level", "2025-07/2026-06", 1500)]
    again = year_split(flow, more, 50, 1, None)
    assert sorted(again.shares) == [2024, 2025, 2026]
    assert np.array_equal(again.shares[2024], split.shares[2024])

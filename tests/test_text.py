"""The briefing's numbers as text: a promise rounded towards the side that keeps its confidence."""

import math

from ipcast.report.text import promised


def test_a_promise_is_shown_rounded_towards_the_side_that_keeps_the_confidence():
    assert promised(896.7) == "896" and promised(896.7, "<=") == "897"
    assert promised(1797.4) == "1,797" and promised(-4.9386) == "-4.94"
    assert promised(0.17968) == "0.179" and promised(0.17968, "<") == "0.18"
    assert promised(900.0) == "900" and promised([896.7, 12.34]) == "896/12.3"
    assert promised(None) == "" and promised(0.0) == "0"


def test_a_negative_promise_of_a_thousand_or_more_is_whole_too():
    # -1797.4 at least: down to the whole -1798 (three figures would give -1800); at most: -1797.
    assert promised(-1797.4) == "-1,798" and promised(-1797.4, "<=") == "-1,797"
    assert promised(12345.6) == "12,345" and promised(-12345.6, "<") == "-12,345"
    assert promised([1797.4, -1797.4], "<=") == "1,798/-1,797"


def test_a_figure_that_is_not_finite_is_shown_as_it_is():
    assert promised(math.inf) == "inf" and promised(-math.inf, "<=") == "-inf"


def test_a_promise_in_a_count_of_single_things_is_whole_in_every_figure_of_a_list():
    assert promised(14.1, ">=", "件") == "14" and promised(14.1, "<=", "件") == "15"
    assert promised([14.1, 2.57], "<=", "件") == "15/3"
    assert promised([14.1, 2.57], "<=") == "14.1/2.57"


def test_cited_figures_read_in_the_planners_periods():
    """The Chinese footer said 2025-01/2025-11 and "no source given" in a Chinese line."""
    from ipcast.report.text import cite_zh

    assert cite_zh("2022: 3,000件 (bulletin 2022); 2022-07/2023-06: 3,400件 (no source given)") == (
        "2022年：3,000件（bulletin 2022）；2022年7月至2023年6月：3,400件（未注明来源）"
    )
    assert cite_zh("2025-06-30: 950件 (c)") == "2025年6月30日：950件（c）"
    assert cite_zh("as written") == "as written"

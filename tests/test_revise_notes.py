"""What revise says when it has nothing to promise: a plan whose periods are all over is for
draft, without 'the rest' when there is none."""

from ipcast.report.views import nothing_to_revise

OVER = {"status": "awaiting_outcome", "revised_threshold": None}
SETTLED = {"status": "resolved", "revised_threshold": None}
GONE = {"status": "no_history", "revised_threshold": None}
DRAFT = "(see the status column); for the next plan: `ipcast draft -r 510681 --out FILE.xlsx`"


def test_a_plan_all_over_is_for_draft():
    assert nothing_to_revise([OVER, SETTLED], "510681") == (
        "note: nothing to revise: all 2 targets are for periods already over (resolved or "
        f"awaiting their outcome) {DRAFT}"
    )


def test_a_plan_partly_over_says_the_rest_could_not_be_simulated():
    assert nothing_to_revise([OVER, GONE, GONE], "510681") == (
        "note: nothing to revise: 1 of the 3 targets are for periods already over (resolved or "
        f"awaiting their outcome) and the rest could not be simulated {DRAFT}"
    )


def test_one_promise_is_something_to_revise():
    assert nothing_to_revise([OVER, {**GONE, "revised_threshold": 0.0}], "510681") == ""

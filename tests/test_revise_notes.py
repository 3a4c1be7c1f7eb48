"""What revise says when it has nothing to promise: a plan whose periods are all over is for
draft, without 'the rest' when there is none; Chinese first, then English."""

from ipcast.report.views import nothing_to_revise

OVER = {"status": "awaiting_outcome", "revised_threshold": None}
SETTLED = {"status": "resolved", "revised_threshold": None}
GONE = {"status": "no_history", "revised_threshold": None}
DRAFT = "(see the status column); for the next plan: `ipcast draft -r 510681 --out FILE.xlsx`"
DRAFT_ZH = "（见状态列）；编制下一期规划请用 `ipcast draft -r 510681 --out FILE.xlsx`"


def _halves(said: str) -> tuple[str, str]:
    assert said.startswith("提示：")
    zh, en = said.removeprefix("提示：").split(" / ")
    return zh, en


def test_a_plan_all_over_is_for_draft():
    zh, en = _halves(nothing_to_revise([OVER, SETTLED], "510681"))
    assert zh == f"没有可修订的目标：全部2项目标的期间已结束（已有结果或待公布）{DRAFT_ZH}"
    assert en == (
        "nothing to revise: all 2 targets are for periods already over (resolved or "
        f"awaiting their outcome) {DRAFT}"
    )


def test_a_plan_partly_over_says_the_rest_could_not_be_simulated():
    zh, en = _halves(nothing_to_revise([OVER, GONE, GONE], "510681"))
    assert zh == (
        "没有可修订的目标：3项目标中有1项的期间已结束（已有结果或待公布），其余无法测算" + DRAFT_ZH
    )
    assert en == (
        "nothing to revise: 1 of the 3 targets are for periods already over (resolved or "
        f"awaiting their outcome) and the rest could not be simulated {DRAFT}"
    )


def test_nothing_simulated_says_how_to_give_figures_in_both_languages():
    zh, en = _halves(nothing_to_revise([GONE, GONE], "510681"))
    assert zh.startswith(
        "没有可修订的目标：2项目标均无法测算（见状态列）；请用 `ipcast import FILE`"
    )
    assert en.startswith("nothing to revise: none of the 2 targets could be simulated")
    assert "draft" not in zh + en


def test_one_promise_is_something_to_revise():
    assert nothing_to_revise([OVER, {**GONE, "revised_threshold": 0.0}], "510681") == ""

"""A lever's odds for one target do not depend on which other targets are asked for. A plan
table's plan has no years in its name, so its levers start in the first year of its targets'
periods: with `levers -t` on its 2030 target alone, that was 2030, and the risk pool (lag 1)
acted from 2031, moving nothing (p 0.724 -> 0.724 for 绵阳's pledge target, 测试数据; +21
points with every target asked for). Now the plan's start comes from all its targets."""

from ipcast import api


def test_one_target_gets_the_same_lever_effects_as_the_whole_plan(home, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "序号,指标名称,基期值（2025年）,目标值（2030年）\n"
        "1,知识产权质押融资金额（亿元）,,300\n"
        "2,累计新增发明专利授权量（件）,,100000\n",
        "utf-8",
    )
    kw = dict(paths=300, seed=1, targets_file=plan, sobol_n=0)
    everything = api.levers("chengdu", **kw)
    alone = api.levers("chengdu", target="1_pledge_financing", **kw)

    def ranking(recs):
        (r,) = [r for r in recs if r["target_id"] == "1_pledge_financing"]
        return {x["lever"]: (x["p_off"], x["p_full"]) for x in r["ranking"]}

    assert ranking(alone) == ranking(everything)
    off, full = ranking(alone)["pledge_risk_pool"]
    assert full > off  # lag 1 from 2026: the pool acts by 2030


def test_a_table_of_2030_targets_starts_its_levers_the_year_after_its_base(home, tmp_path):
    """基期值（2025年） -> 目标值（2030年): the plan runs 2026-2030. With only 2030 targets the
    levers started in 2030, and a lever with a year's lag never acted on them."""
    from ipcast.data.target_tables import load_targets
    from ipcast.scenarios.levers import plan_start

    plan = tmp_path / "plan.csv"
    plan.write_text(
        "序号,指标名称,基期值（2025年）,目标值（2030年）\n1,知识产权质押融资金额（亿元）,,300\n",
        "utf-8",
    )
    assert plan_start(load_targets(plan, region="chengdu").targets) == {"plan": 2026}
    (r,) = api.levers("chengdu", paths=300, seed=1, targets_file=plan, sobol_n=0)
    rows = {x["lever"]: x for x in r["ranking"]}
    assert rows["pledge_risk_pool"]["p_full"] > rows["pledge_risk_pool"]["p_off"]

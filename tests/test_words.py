"""The briefing's Chinese terms (report/words.py) and the few-points caution by family: pure
functions on small inputs, each expected text read off the tables in words.py."""

from ipcast.forecast.calibrate import family_panels
from ipcast.report import words
from ipcast.report.document import _few_points


def test_a_reason_is_put_in_chinese_by_its_pattern_else_by_its_status():
    no_history = {"reason": "no history for patent_grants in guanghan", "status": "no_history"}
    assert words.reason(no_history, "zh") == "本地区无该指标的历史数据，可导入本局统计数据后测算"
    assert words.reason(no_history, "en") == "no history for patent_grants in guanghan"
    few = {"reason": "3 point(s) and no comparable series to borrow growth from; needs 4"}
    assert words.reason(few, "zh") == "本地数据仅3个点，且无可借用的同类序列"
    # No pattern fits: the status says it; no status either: a plain "cannot be assessed".
    assert words.reason({"reason": "units differ", "status": "invalid"}, "zh") == "口径不一致"
    assert words.reason({"reason": None, "status": "simulated"}, "zh") == "已测算"
    assert words.reason({"reason": "units differ"}, "zh") == "暂无法测算"
    assert words.reason({"reason": None}, "en") == ""


def test_a_status_reads_in_chinese_or_as_words():
    assert words.status({"status": "no_history"}, "zh") == "缺少历史数据"
    assert words.status({"status": "no_history"}, "en") == "no history"
    assert words.status({"status": "awaiting_outcome"}, "en") == "awaiting outcome"
    assert words.status({"status": None}, "zh") == "暂无法测算"
    assert words.status({}, "en") == ""


def test_a_method_names_every_keyword_it_holds_in_order():
    assert words.method("random walk, borrowed prior", "zh") == "对数随机游走，借用同类序列先验"
    # The ensemble is one method, its members named in it (steps.py writes "ensemble of ...").
    assert words.method("calibrated ensemble (theta, drift)", "zh") == (
        "多模型校准组合（Theta模型、带漂移随机游走）"
    )
    assert words.method("calibrated ensemble of naive, pooled", "zh") == (
        "多模型校准组合（无漂移随机游走、借用同类序列先验的随机游走）"
    )
    stock = "stock from flows: S_t = S_(t-1) + g; flows by calibrated ensemble of theta"
    assert words.method(stock, "zh") == "多模型校准组合（Theta模型），由新增量累计存量"
    assert words.method("prophet", "zh") == "统计模型"
    assert words.method("theta", "en") == "theta"
    assert words.method("", "zh") == "" and words.method(None, "zh") == ""
    assert words.method(None, "en") == ""


def test_what_a_forecast_borrowed_says_how_much_and_from_which_series():
    panel = "Chinese provincial domestic patents 2007-2022 (NBS)"
    assert words.borrowed(f"growth and volatility partly from: {panel}", "zh") == (
        "增长与波动部分借用：全国各省国内专利（国家统计局、科技统计年鉴）"
    )
    assert words.borrowed(f"growth and volatility entirely from: {panel}", "zh") == (
        "增长与波动全部借用：全国各省国内专利（国家统计局、科技统计年鉴）"
    )
    assert words.borrowed("growth and volatility partly from: a panel", "zh") == (
        "增长与波动部分借用：同类序列"
    )
    assert words.borrowed("a panel", "zh") == "增长与波动：同类序列"
    nothing = "nothing borrowed (own points only, weak prior)"
    assert words.borrowed(nothing, "zh") == "未借用（仅本地数据，弱先验）"
    assert words.borrowed(nothing, "en") == nothing
    custom = "custom indicator: own points only"
    assert words.borrowed(custom, "zh") == "自定义指标：仅依据本地区自身数据预测，未借用"
    # Its own province's series (forecast/comparables.py writes the Chinese name after 借自).
    own = (
        "growth and volatility partly from: its province 四川省 (Sichuan), domestic patents "
        "2007-2022 (NBS / S&T yearbook, 1 series), drift spread from all provinces' series; "
        "增长与波动借自四川省 2007-2022"
    )
    assert words.borrowed(own, "zh") == (
        "增长与波动部分借自四川省 2007-2022的国内专利序列（国家统计局、科技统计年鉴）"
    )
    assert words.borrowed(own + "; calibration: patents", "zh").startswith(
        "增长与波动部分借自四川省 2007-2022的"
    )
    assert words.borrowed("", "zh") == "" and words.borrowed(None, "en") == ""


def test_a_period_is_finished_when_settled_awaiting_or_said_over():
    assert words.finished({"status": "resolved"}) and words.finished({"status": "awaiting_outcome"})
    assert words.finished({"status": "simulated", "reason": "period over; outcome not yet in"})
    assert not words.finished({"status": "simulated", "reason": None})
    assert not words.finished({"status": "simulated", "reason": "3 point(s)"})


def test_a_calibration_row_names_the_family_and_members_in_the_language():
    c = {"members": ["rw_drift", "theta", "new_model"], "n_forecasts": 120}
    assert words.calibration_row("patent", c, "zh") == [
        "专利",
        "随机游走、Theta模型、new_model",
        "120",
    ]
    assert words.calibration_row("patent", c, "en") == [
        "patent",
        "rw_drift, theta, new_model",
        "120",
    ]


def test_the_few_points_caution_counts_each_family_below_four_points():
    sim = [
        {"n_points": 2, "family": "trademark"},
        {"n_points": 3, "family": "patent"},
        {"n_points": 0, "family": "patent"},
        {"n_points": 4, "family": "patent"},  # four points: not few
        {"n_points": 1, "family": "copyright"},
        {"n_points": 3, "family": "pledge"},
        {"n_points": 9, "family": "trademark"},
    ]
    assert _few_points(sim, "zh") == [
        "2项专利目标的本地数据点不足4个：按各省专利序列回测，此类达标概率偏保守，"
        "实际达成的往往更多，“不低于”类目标宜视为偏低的估计（见附录一）。",
        "1项商标目标的本地数据点不足4个：按美国、欧盟商标序列回测，此类达标概率"
        "偏乐观（59-77 % 的实际值低于预测中位数），宜视为上限（见附录一）。",
        "2项版权、质押融资等目标的本地数据点不足4个：此类指标没有可回测的序列，"
        "达标概率偏向哪一边未经检验。",
    ]
    en = _few_points(sim[1:4], "en")
    assert en == [
        "2 patent forecasts rest on fewer than 4 own points: hindcasts on the provinces find "
        "such probabilities cautious (more targets are met than they say); for at-least targets "
        "read them as low estimates (A1)."
    ]
    assert _few_points([{"n_points": 4, "family": "trademark"}], "zh") == []


def test_a_family_calibrates_on_its_own_panels_or_on_all_of_them():
    assert family_panels("patent") == ("china_provinces",)
    assert family_panels("trademark") == ("uspto_trademarks", "euipo_trademarks")
    every = ("china_provinces", "uspto_trademarks", "euipo_trademarks")
    assert family_panels("copyright") == family_panels("pledge") == every


def test_the_appendix_says_which_panels_a_calibration_rests_on():
    from ipcast.report.appendix import _basis

    own = {"panels": ["uspto_trademarks", "euipo_trademarks"], "pooled": False}
    assert _basis(own, "zh") == "以美国商标注册序列、欧盟商标注册序列的滚动回测误差校准"
    assert _basis(own, "en") == "rolling backtest errors of uspto_trademarks, euipo_trademarks"
    pooled = {"panels": ["china_provinces", "new_panel"], "pooled": True}
    assert _basis(pooled, "zh") == "本类无可用序列，以全国各省专利序列、new_panel的回测误差合并校准"
    assert _basis(pooled, "en") == (
        "no panel of its own: the backtest errors of china_provinces, new_panel, pooled"
    )

"""run's footer in Chinese names the custom indicators forecast from their own points only."""

from ipcast.report.views import footer

CUSTOM = "custom:家:stock:商业秘密保护示范企业"


def _rec(indicator: str) -> dict:
    return {"status": "simulated", "uses_user_data": True, "indicator": indicator}


def test_the_custom_indicators_are_named_once_in_chinese():
    lines = footer([_rec(CUSTOM), _rec(CUSTOM), _rec("patent_grants")], "zh").splitlines()
    custom = [line for line in lines if line.startswith("自定义指标")]
    assert custom == [
        "自定义指标（商业秘密保护示范企业）：仅依据本地区自身数据预测，未借用同类序列。"
    ]


def test_no_custom_line_without_a_custom_indicator():
    assert "自定义指标" not in footer([_rec("patent_grants")], "zh")


def test_a_stocks_figures_for_spans_are_told_in_chinese():
    """The reason steps gives for a stock's figures over spans, in the footer's Chinese: the
    count and the spans carried over, and how to import them instead."""
    from types import SimpleNamespace

    from ipcast.forecast.steps import _unused_periods
    from ipcast.report.words import reason

    obs = SimpleNamespace(
        annual=False,
        unused=[{"period": "2023", "exclude": ""}, {"period": "2024", "exclude": ""}],
    )
    why = _unused_periods(obs)
    assert reason({"reason": why, "status": "no_history"}, "zh") == (
        "2个存量数字给的是时期而非时点（2023, 2024），未使用："
        "请按年末（2023年末）或日期（2025-06）导入"
    )
    lines = footer(
        [
            {
                **_rec("effective_trademarks"),
                "status": "no_history",
                "reason": why,
                "label_zh": "有效商标",
            }
        ],
        "zh",
    ).splitlines()
    assert lines[-1].startswith("  有效商标：2个存量数字给的是时期而非时点")

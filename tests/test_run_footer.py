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

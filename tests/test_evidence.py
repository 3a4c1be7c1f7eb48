"""Evidence rows and the rule that turns them into each lever's range."""

import pytest

from ipcast.scenarios.evidence import derive_range, evidence_rows, markdown_table, rows_for
from ipcast.scenarios.levers import EVIDENCE_KEYS, lever_catalog


def test_every_lever_and_shock_has_a_row_or_a_stated_search():
    rows = evidence_rows()
    for lever_id in lever_catalog():
        mine = [r for r in rows if r["lever"] == lever_id]
        assert mine, lever_id
        for r in mine:
            assert set(r) <= set(EVIDENCE_KEYS)
            assert r["citation"] and (r["citation"] != "no evidence found" or r["searched"])


def test_the_rule_reproduces_each_range_from_its_rows():
    for lever in lever_catalog().values():
        for e in lever.effects:
            derived = derive_range(rows_for(lever, e.indicators))
            if lever.judgement:
                assert derived is None, (lever.id, e.indicators)
            else:
                assert derived == (e.low, e.mode, e.high), (lever.id, e.indicators)


def test_rule_by_hand():
    rows = [
        {"per_year_pct": [-23.1, -7.5, 6.6]},
        {"per_year_pct": [-20, -10, 0]},
        {"per_year_pct": [-9.7, -4.85, 0]},
        {"citation": "no magnitude"},
    ]
    # lowest low -23.1 -> -24; median of -7.5, -10, -4.85 is -7.5 -> -7 (nearest, half up);
    # highest high 6.6 -> 7
    assert derive_range(rows) == (-24.0, -7.0, 7.0)
    assert derive_range([{"per_year_pct": [2, 2, 2]}]) == (2.0, 2.0, 2.0)
    assert derive_range([{"citation": "none"}]) is None


@pytest.mark.parametrize("lever", ["non_normal_patent_campaign", "trademark_crackdown"])
def test_measured_shocks_are_not_judgements(lever):
    assert not lever_catalog()[lever].judgement


def test_readme_table_lists_every_lever():
    table = markdown_table()
    for lever_id in lever_catalog():
        assert f"| {lever_id} |" in table


def test_campaign_measurement_reproduces_its_row():
    from ipcast.scenarios.campaign import province_effects, summary

    s = summary(province_effects("patent_grants"))
    (row,) = [
        r
        for r in evidence_rows()
        if r["lever"] == "non_normal_patent_campaign"
        and r["indicators"] == ["patent_grants"]
        and r.get("per_year_pct")
    ]
    assert s["n_provinces"] == 31
    assert [round(s["q10_pct"], 1), round(s["median_pct"], 1), round(s["q90_pct"], 1)] == row[
        "per_year_pct"
    ]


@pytest.fixture
def evidence_file(tmp_path, monkeypatch):
    """A stand-in for data/lever_evidence.yaml (测试数据), read afresh and forgotten after."""
    from ipcast.scenarios import evidence

    f = tmp_path / "lever_evidence.yaml"
    monkeypatch.setattr(evidence, "data_path", lambda name: f)
    evidence.evidence_rows.cache_clear()
    yield f
    evidence.evidence_rows.cache_clear()


def test_an_evidence_rows_bad_range_names_its_row_and_key_in_both(evidence_file):
    from ipcast.data.errors import InputError

    evidence_file.write_text(
        "rows:\n- lever: pledge_risk_pool\n  indicators: [pledge_financing]\n"
        "  per_year_pct: [30, 15, 5]\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        evidence_rows()
    assert e.value.zh == (
        "文件 data/lever_evidence.yaml，第1条依据（pledge_risk_pool），字段“per_year_pct”："
        "[30, 15, 5]不是由小到大的三个数。修改：写作 [下限, 中值, 上限]"
    )
    assert e.value.en == (
        "data/lever_evidence.yaml row 1 (pledge_risk_pool) key 'per_year_pct': [30, 15, 5]. "
        "Fix: give [low, central, high]"
    )


def test_an_evidence_row_for_an_unknown_lever_is_said_in_both(evidence_file):
    from ipcast.data.errors import InputError

    evidence_file.write_text("rows:\n- lever: nosuch\n  indicators: []\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        evidence_rows()
    assert e.value.zh.startswith(
        "文件 data/lever_evidence.yaml，第1条依据（nosuch），字段“lever”：无法识别的措施。"
        "修改：用以下之一："
    )
    assert e.value.en.startswith(
        "data/lever_evidence.yaml row 1 (nosuch) key 'lever': unknown lever. Fix: use one of"
    )

"""The bundled plan targets, checked against the plans' own words."""

import re
from collections import Counter

import pytest

from ipcast.data.errors import InputError
from ipcast.data.target_files import bundled_targets, load_path

PLANS = {"chengdu", "dazhou", "guanghan", "rongchang", "tianchang"}


def _numbers(text: str) -> set[float]:
    return {float(x) for x in re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))}


def test_every_plan_has_targets_with_unique_ids():
    ts = bundled_targets()
    assert {t.region for t in ts} == PLANS
    ids = Counter((t.region, t.id) for t in ts)
    assert max(ids.values()) == 1


def test_every_threshold_is_written_in_its_quote():
    for t in bundled_targets():
        for th in t.thresholds:
            if th is not None:
                assert th in _numbers(t.quote), (t.id, th, t.quote)


def test_chengdu_column_of_special_table_1():
    ts = {t.id: t for t in bundled_targets() if t.region == "chengdu"}
    table = [18, 1800, 900000, 650, 90, 57, 50, 12, 10, 90, 5500, 97, 1000, 6, 8000]
    got = [ts[k].threshold for k in sorted(ts) if int(k[2:4]) <= 15]
    assert got == table
    assert ts["cd06_copyright_registrations"].unit == "万件"
    assert ts["cd07_pledge_financing"].unit == "亿元"
    assert all(ts[k].period.text == "2025" for k in ts if int(k[2:4]) <= 15)


def test_dazhou_periods_are_july_to_june():
    ts = {t.id: t for t in bundled_targets() if t.region == "dazhou"}
    grants = ts["dz_a01_patent_grants"]
    assert grants.kind == "each_year"
    assert [p.text for p in grants.periods] == [
        "2022-07/2023-06",
        "2023-07/2024-06",
        "2024-07/2025-06",
    ]
    assert grants.thresholds == (3500, 4000, 4500)
    assert grants.periods[0].start == 2022.5
    assert ts["dz14_pledge_financing_total"].kind == "cumulative"
    assert ts["dz14_pledge_financing_total"].threshold == 2
    # A '/' in the annex is no target for that year, not a zero.
    assert [p.text for p in ts["dz_a17_gi_demonstration_zones"].periods] == [
        "2023-07/2024-06",
        "2024-07/2025-06",
    ]


def test_guanghan_table_and_kinds():
    ts = [t for t in bundled_targets() if t.region == "guanghan"]
    assert len(ts) == 16
    assert [t.threshold for t in ts] == [
        7,
        13500,
        3900,
        2,
        1.25,
        4,
        40,
        86,
        4,
        100,
        95,
        12,
        28,
        5,
        10,
        100,
    ]
    assert all(t.period.text == "2026" for t in ts)


def test_growth_and_percent_targets():
    ts = {t.id: t for t in bundled_targets()}
    g = ts["rc03_invention_per_10k_growth"]
    assert (g.kind, g.threshold, g.unit, g.per) == ("growth", 10, "%", "year")
    assert ts["tc01_invention_per_10k"].threshold == 48
    assert ts["tc05_pledge_financing"].threshold == 3.5


def test_ambiguous_targets_record_both_readings():
    ts = {t.id: t for t in bundled_targets()}
    for k in ("cd06_copyright_registrations", "cd07_pledge_financing", "dz12_gi_output_avg"):
        assert ts[k].reading and ts[k].alternative


def _write(tmp_path, body: str):
    p = tmp_path / "t.yaml"
    p.write_text("region: chengdu\ntargets:\n" + body, encoding="utf-8")
    return p


GOOD = """- id: x
  label_zh: 有效注册商标
  indicator: effective_trademarks
  kind: stock
  period: '2030'
  threshold: 1200000
  unit: 件
  quote: q
"""


def test_a_good_file_loads(tmp_path):
    (t,) = load_path(_write(tmp_path, GOOD))
    assert t.threshold == 1200000 and t.family == "trademark"


@pytest.mark.parametrize(
    "change,expect",
    [
        (("effective_trademarks", "trademarkz"), "unknown indicator 'trademarkz'"),
        (("kind: stock", "kind: total"), "unknown kind 'total'"),
        (("'2030'", "2030/2026"), "ends before it starts"),
        (("unit: 件", "unit: 亿元"), "unit '亿元' does not fit"),
        (
            ("unit: 件", "unit: 万"),
            "key 'unit': unit '万' does not fit effective_trademarks. Fix: write '万件'",
        ),
        (("threshold: 1200000", "threshold: 120万"), "is not a finite number"),
    ],
)
def test_bad_target_files_name_the_target_and_key(tmp_path, change, expect):
    with pytest.raises(InputError) as e:
        load_path(_write(tmp_path, GOOD.replace(*change)))
    assert expect in str(e.value)
    assert "target 1 (x)" in str(e.value)
    assert "Fix:" in str(e.value)

"""A target's kind written in Chinese or English in a target file, a one-row-per-target table or a
plan's 类型 column; a kind none of them knows is refused in both languages, naming what was
written, where, and every word accepted, Chinese first."""

import pytest

from ipcast.data.errors import InputError
from ipcast.data.target_files import KIND_ZH, KINDS, load_path
from ipcast.data.target_tables import load_targets

YAML = """region: chengdu
targets:
- id: x
  label_zh: 专利授权量
  indicator: patent_grants
  kind: {kind}
  period: 2026/2030
  threshold: 60000
  unit: 件
  quote: q
"""
WORDS = (
    "水平/当年 (level), 存量/总量 (stock), 累计/合计 (cumulative), "
    "年均/平均 (average), 比率/每万人 (ratio), 增速/增长/年均增长 (growth), 逐年/每年 (each_year)"
)
ACCEPTED = "write one of: " + WORDS
ACCEPTED_ZH = "写以下之一：" + WORDS


def test_the_message_lists_every_accepted_word():
    """ACCEPTED, written out by hand, is every word of KIND_ZH and every kind."""
    assert all(w in ACCEPTED for w in KIND_ZH) and all(f"({k})" in ACCEPTED for k in KINDS)


@pytest.mark.parametrize("kind", ["累计", "合计", "cumulative", "Cumulative"])
def test_a_target_file_takes_the_kind_in_chinese_or_english(tmp_path, kind):
    p = tmp_path / "t.yaml"
    p.write_text(YAML.format(kind=kind), encoding="utf-8")
    (t,) = load_path(p)
    assert t.kind == "cumulative"


def test_an_unknown_kind_in_a_target_file_is_refused_in_both_languages(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text(YAML.format(kind="累积"), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_path(p)
    assert e.value.where == f"{p} target 1 (x) key 'kind'"
    assert e.value.where_zh == f"文件 {p}，第1个目标（x），字段“kind”"
    assert e.value.problem == "unknown kind '累积'"
    assert e.value.problem_zh == "类型“累积”无法识别"
    assert e.value.fix == ACCEPTED and e.value.fix_zh == ACCEPTED_ZH


def test_an_unknown_kind_in_a_table_is_refused_at_its_cell_in_both_languages(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("编号,地区,指标,类型,期间,目标值,单位\nx,成都,授权专利,累积,2025,5,件\n", "utf-8")
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.where == f"{p}, row 2, column D (类型)"
    assert e.value.where_zh == f"文件 {p}，第2行，D列（类型）"
    assert (e.value.problem, e.value.fix) == ("unknown kind '累积'", ACCEPTED)
    assert (e.value.problem_zh, e.value.fix_zh) == ("类型“累积”无法识别", ACCEPTED_ZH)


def test_an_unknown_kind_in_a_plans_kind_column_also_says_it_may_be_left_empty(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text("序号,指标名称,类型,目标值（2030年）\n1,专利授权量（件）,累积,3000\n", "utf-8")
    with pytest.raises(InputError) as e:
        load_targets(p, region="330122")
    assert e.value.where == f"{p}, row 2, column C (类型)"
    assert e.value.problem == "unknown kind '累积'"
    assert e.value.fix.startswith(ACCEPTED + "; or leave the cell empty")
    assert e.value.fix_zh.startswith(ACCEPTED_ZH + "；或留空，按指标名称判断")


@pytest.mark.parametrize(
    "written, code",
    [
        ("水平 (level)", "level"),  # as ipcast's own workbooks write a kind
        ("累计（cumulative）", "cumulative"),
        ("存量 (Stock)", "stock"),
        ("水平 (stock)", None),  # the halves disagree: which one was meant is unknown
        ("平方 (level)", None),
        ("累计", "cumulative"),
    ],
)
def test_a_kind_with_its_code_in_brackets_is_read_when_both_agree(written, code):
    from ipcast.data.target_files import kind_code

    assert kind_code(written) == code


def test_the_word_ipcast_writes_for_each_kind_is_the_first_it_reads():
    """report/workbook.KIND_ZH (what the results and drafted tables write) and the first word of
    each kind in target_files.KIND_ZH (what they are read back with) are two tables: they agree,
    and every form the workbook writes (水平 (level)) reads back as its kind."""
    from ipcast.data.target_files import kind_code
    from ipcast.report.workbook import KIND_ZH as WRITTEN
    from ipcast.report.workbook import cell_value

    first = {}
    for word, code in KIND_ZH.items():
        first.setdefault(code, word)
    assert first == WRITTEN and list(WRITTEN) == list(KINDS)
    assert [kind_code(cell_value("kind", k)) for k in KINDS] == list(KINDS)


def test_an_empty_kind_cell_is_said_to_be_empty_not_an_unknown_word(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("编号,地区,指标,类型,期间,目标值,单位\nx,成都,授权专利,,2025,5,件\n", "utf-8")
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.where == f"{p}, row 2, column D (类型)"
    assert (e.value.problem, e.value.fix) == ("no kind written", ACCEPTED)
    assert e.value.problem_zh == "未写类型"


def test_a_kind_key_with_nothing_after_it_is_said_to_be_empty(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text(YAML.format(kind=""), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_path(p)
    assert (e.value.where, e.value.problem) == (
        f"{p} target 1 (x) key 'kind'",
        "no kind written",
    )
    assert e.value.problem_zh == "未写类型"


def test_a_kind_written_as_a_number_is_quoted_not_taken_for_empty(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text(YAML.format(kind="0"), encoding="utf-8")  # YAML reads it as the number 0
    with pytest.raises(InputError) as e:
        load_path(p)
    assert (e.value.problem_zh, e.value.problem) == ("类型“0”无法识别", "unknown kind '0'")

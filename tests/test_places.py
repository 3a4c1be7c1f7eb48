"""The division registry and finding a region by any name."""

import pytest

from ipcast.data.catalog import regions
from ipcast.data.errors import InputError
from ipcast.data.places import describe, divisions, region_in_text, resolve_region, spelling


def test_registry_counts_and_levels():
    div = divisions()
    # 34 province-level divisions less 台湾省 (no code in the source), 333 prefecture-level,
    # 2,845 county-level: the civil-affairs totals for 2024-2025.
    assert div["level"].value_counts().to_dict() == {
        "county": 2845,
        "prefecture": 333,
        "province": 33,
    }
    assert div.index.str.fullmatch(r"\d{6}").all()
    # every parent exists, and a county's province is its parent's province
    assert set(div["parent"]) - {""} <= set(div.index)
    counties = div[div["level"] == "county"]
    assert (counties["province"] == counties["parent"].map(div["province"])).all()


@pytest.mark.parametrize(
    "text",
    ["广汉市", "广汉", "510681", "Guanghan", "guanghan", "GUANGHAN", "guang han", "Guanghan Shi"],
)
def test_bundled_county_by_every_name_form(text):
    assert resolve_region(text) == "guanghan"


@pytest.mark.parametrize(
    "text, key",
    [
        ("绵阳市", "510700"),
        ("绵阳", "510700"),
        ("510700", "510700"),
        ("Mianyang", "510700"),
        ("510700000000", "510700"),  # the 12-digit statistical code
        ("宣汉县", "511722"),
        ("宣汉", "511722"),
        ("Xuanhan", "511722"),
        ("xuanhan xian", "511722"),
        ("宣漢縣", "511722"),  # traditional characters
        ("四川省宣汉县", "511722"),
        ("达州宣汉", "511722"),
        ("凉山彝族自治州", "513400"),
        ("凉山", "513400"),
        ("凉山州", "513400"),
        ("峨边彝族自治县", "511132"),
        ("峨边县", "511132"),
        ("浦东新区", "310115"),
        ("浦东", "310115"),
        ("四川省", "sichuan"),
        ("四川", "sichuan"),
        ("510000", "sichuan"),
        ("Sichuan", "sichuan"),
        ("天长市", "tianchang"),
        ("荣昌区", "rongchang"),
        ("Ya'an", "yaan"),
        ("北京市朝阳区", "110105"),
        ("长春市朝阳区", "220104"),
        ("乐山市中区", "511102"),
        ("全国", "china"),
    ],
)
def test_other_divisions_by_name(text, key):
    assert resolve_region(text) == key


def test_every_division_found_by_its_code_and_its_own_spelling():
    table = regions()
    for key in table.index[table["adcode"] != ""]:
        assert resolve_region(table.at[key, "adcode"]) == key
        assert resolve_region(spelling(key)) == key


@pytest.mark.parametrize(
    "text, n, must_list",
    [
        ("朝阳区", 2, ["北京市朝阳区", "长春市朝阳区"]),
        ("朝阳", 4, ["北京市朝阳区", "朝阳市", "朝阳县", "长春市朝阳区"]),
        ("市中区", 4, ["济南市市中区", "枣庄市市中区", "内江市市中区", "乐山市市中区"]),
        ("Chaoyang", 5, ["潮阳区"]),
    ],
)
def test_ambiguous_names_list_candidates_with_parents_and_spelling(text, n, must_list):
    with pytest.raises(InputError) as e:
        resolve_region(text)
    msg = str(e.value)
    assert f"is {n} regions" in msg
    for spelled in must_list:
        assert spelled in msg
    assert "6-digit code" in e.value.fix


def test_ambiguous_listing_names_the_parent_chain():
    with pytest.raises(InputError) as e:
        resolve_region("朝阳区")
    assert "朝阳区 (220104, 长春市, 吉林省) -> 长春市朝阳区" in str(e.value)


@pytest.mark.parametrize(
    "text, nearest",
    [("广汉县", "广汉市 (510681"), ("Mianyan", "绵阳市 (510700"), ("绵阳市市", "绵阳市")],
)
def test_unknown_names_suggest_nearest(text, nearest):
    with pytest.raises(InputError) as e:
        resolve_region(text, where="--region")
    assert e.value.where == "--region"
    assert f"unknown region '{text}'" in e.value.problem
    assert nearest in e.value.problem
    assert f"无法识别的地区“{text}”（最接近：" in e.value.problem_zh
    assert nearest.split(" ")[0] in e.value.problem_zh


def test_a_name_close_to_no_region_says_so_in_both_languages():
    with pytest.raises(InputError) as e:
        resolve_region("Qwxzzk")
    assert e.value.problem_zh == "无法识别的地区“Qwxzzk”（最接近：没有相近的）"
    assert e.value.problem == "unknown region 'Qwxzzk' (nearest: none close)"


def test_describe_and_spelling():
    assert describe("guanghan") == "广汉市 (510681, 德阳市, 四川省)"
    assert spelling("510700") == "绵阳市"
    assert spelling("110105") == "北京市朝阳区"


@pytest.mark.parametrize(
    "title, key",
    [
        ("绵阳市知识产权主要指标（2019-2023年）", "510700"),
        ("四川省达州市宣汉县知识产权统计", "511722"),
        ("北京市朝阳区知识产权统计", "110105"),
        ("宣汉", "511722"),
        ("朝阳区知识产权", None),  # two 朝阳区: not guessed
        ("知识产权统计表", None),
        ("Sheet1", None),
    ],
)
def test_region_in_a_title(title, key):
    assert region_in_text(title) == key


def test_bundled_regions_keep_their_codes_and_plans():
    table = regions()
    assert table.at["guanghan", "adcode"] == "510681"
    assert table.at["guanghan", "plan"] == "guanghan_2024-2026"
    assert "510681" not in table.index
    assert table.at["510781", "parent"] == "510700"  # 江油 under 绵阳
    assert table.at["510700", "province"] == "sichuan"
    assert table.index.is_unique


def test_target_file_over_every_county_of_a_province(tmp_path):
    from ipcast.data.target_files import load_path

    p = tmp_path / "t.yaml"
    p.write_text(
        "plan: demo\nregions: {within: 四川省, level: county}\ntargets:\n"
        "- {id: a, label_zh: 专利, indicator: patent_grants, kind: level, period: 2026,"
        " threshold: 1, unit: 件, quote: q}\n",
        encoding="utf-8",
    )
    targets = load_path(p)
    # 四川省 has 183 county-level divisions; each gets the target, the bundled ones by their code
    assert len(targets) == 183
    assert {"guanghan", "511722", "513437"} <= {t.region for t in targets}
    p.write_text(p.read_text(encoding="utf-8").replace("四川省", "四川X"), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_path(p)
    assert "key 'regions'" in e.value.where and "nearest" in e.value.problem


def test_region_bar_draws_every_tenth_off_a_terminal(capsys):
    from ipcast.cli.common import RegionBar

    bar = RegionBar(width=10)
    for done in range(0, 101, 5):
        bar(done, 100)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 11  # 0 %, 10 %, ..., 100 %
    assert lines[-1].startswith("[##########] 100/100 个地区，")
    assert lines[-1].endswith(" / 100/100 regions")


def test_a_name_of_many_regions_lists_the_first_12(monkeypatch):
    """No bundled name reads as more than 6 regions; a longer list (stored regions) is cut at 12,
    with the count of all."""
    import ipcast.data.places as places

    codes = sorted({k for keys in places._names()["full"].values() for k in keys})[:13]
    monkeypatch.setattr(places, "_found", lambda raw: codes)
    with pytest.raises(InputError) as e:
        resolve_region("某区")
    assert e.value.problem.startswith("'某区' is 13 regions: ")
    assert e.value.problem.count(" -> ") == 12
    assert spelling(codes[11]) in e.value.problem and spelling(codes[12]) not in e.value.problem

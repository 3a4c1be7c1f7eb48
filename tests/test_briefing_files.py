"""The briefing as DOCX, PDF and HTML with no Chinese system font and no browser: read back,
summary on one A4 page, nothing past the page edge, Chinese throughout, same seed same bytes."""

import io
import re
import zipfile

import docx
import pypdfium2
import pytest
from typer.testing import CliRunner

from ipcast import api
from ipcast.cli.app import app
from ipcast.data.catalog import indicators
from ipcast.data.target_files import bundled_targets
from ipcast.report.charts import fan_chart, png, revised_chart, svg, texts_outside, tornado_chart
from ipcast.report.document import blocks
from ipcast.report.output import render

runner = CliRunner()
PLANS = ["chengdu", "dazhou", "guanghan", "rongchang", "tianchang"]
USER = "deyang"  # no bundled plan: history and targets come from the user's files
# Latin words the Chinese briefing may show: codes, units, model and panel names.
ALLOWED = {
    "theta",
    "ncses",
    "pct",
    "iso",
    "cnipa",
    "uspto",
    "euipo",
    "wipo",
    "gi",
    "nbs",
    "n",
    "gdp",
}
USER_HISTORY = """region,indicator,period,value,unit,source
deyang,patent_grants,2018,4100,件,德阳市统计公报 2018
deyang,patent_grants,2019,4600,件,德阳市统计公报 2019
deyang,patent_grants,2020,5900,件,德阳市统计公报 2020
deyang,patent_grants,2021,6800,件,德阳市统计公报 2021
deyang,patent_grants,2022,6300,件,德阳市统计公报 2022
deyang,patent_grants,2023,6000,件,德阳市统计公报 2023
"""
USER_TARGETS = """plan: deyang_2024-2027
region: deyang
title_zh: 德阳市知识产权工作方案（测试）
title_en: Deyang IP plan (test)
issued: '2024'
horizon: 2024/2027
source: user
targets:
- id: dy01_patent_grants
  label_zh: 专利授权量
  label_en: Patent grants in 2027
  indicator: patent_grants
  family: patent
  kind: level
  period: '2027'
  threshold: 7000
  comparator: '>='
  unit: 件
  quote: 2027年专利授权量达到7000件
"""


def _brief(tmp, region, name, *extra, seed=0):
    args = ["brief", "-r", region, "--paths", "300", "--seed", str(seed), *extra]
    if region == USER:
        hist, tgt = tmp / "deyang.csv", tmp / "deyang.yaml"
        hist.write_text(USER_HISTORY, encoding="utf-8")
        tgt.write_text(USER_TARGETS, encoding="utf-8")
        args += ["--history", str(hist), "--targets", str(tgt)]
    docx_file, pdf_file = tmp / f"{name}.docx", tmp / f"{name}.pdf"
    res = runner.invoke(app, [*args, "--out", str(docx_file), "--pdf", str(pdf_file)])
    assert res.exit_code == 0, res.output
    return docx_file, pdf_file


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("files")
    return {r: _brief(tmp, r, r) for r in [*PLANS, USER]}


def _docx_text(path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _pdf_pages(path) -> list[str]:
    pdf = pypdfium2.PdfDocument(str(path))
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


def _english_words(text: str) -> set[str]:
    text = re.sub(r"https?://\S+|plan:\S+|[a-z]+(_[a-z0-9]+)+", " ", text)
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return words - ALLOWED


@pytest.mark.parametrize("region", [*PLANS, USER])
def test_docx_reads_back_in_chinese(files, region):
    text = _docx_text(files[region][0])
    for heading in (
        "一、总体判断",
        "二、各项目标研判",
        "三、最能改变结果的三项措施",
        "四、数据依据",
    ):
        assert heading in text
    assert "附录五　数据来源及其等级" in text and "知识产权规划目标达成情况研判简报" in text
    assert not _english_words(text), sorted(_english_words(text))[:20]


@pytest.mark.parametrize("region", [*PLANS, USER])
def test_pdf_summary_fits_page_one_and_text_stays_inside(files, region):
    pdf_file = files[region][1]
    pages = _pdf_pages(pdf_file)
    assert len(pages) >= 2
    first = pages[0]
    for heading in (
        "一、总体判断",
        "二、各项目标研判",
        "三、最能改变结果的三项措施",
        "四、数据依据",
    ):
        assert heading in first
    assert "第1页" in first and not any("四、数据依据" in p for p in pages[1:])
    # Addresses wrap across lines in the PDF: join the lines before taking them out.
    joined = re.sub(r"\r?\n", "", "".join(pages))
    assert not _english_words(joined), sorted(_english_words(joined))[:20]
    pdf = pypdfium2.PdfDocument(str(pdf_file))
    for page in pdf:
        w, h = page.get_size()
        tp = page.get_textpage()
        for i in range(tp.count_chars()):
            left, bottom, right, top = tp.get_charbox(i)
            if right > left:  # spaces and line ends have empty boxes
                assert left >= 0 and right <= w and bottom >= 0 and top <= h


def test_user_region_is_briefed_from_its_own_files(files):
    text = _docx_text(files[USER][0])
    assert "德阳市" in text and "专利授权量" in text and "本地导入数据" in text


def _media(docx_file) -> dict[str, bytes]:
    with zipfile.ZipFile(docx_file) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    # Two briefings from the same seed, each built once and written in every form: DOCX, PDF,
    # chart files and (rendered from that briefing's own figures, as `brief --out x.html` does)
    # HTML. Another seed gives another DOCX, down to every chart in it; the PDF and HTML are
    # written from the same blocks as the DOCX.
    docs = {}
    for name in ("a", "b"):
        docs[name] = api.brief(
            "guanghan",
            tmp_path / f"{name}.docx",
            pdf=tmp_path / f"{name}.pdf",
            charts=tmp_path / f"c{name}",
            paths=300,
            seed=0,
        )
        html = render(blocks(docs[name]), ".html", "zh", docs[name]["date"])
        (tmp_path / f"{name}.html").write_bytes(html)
    for ext in ("docx", "pdf", "html"):
        a, b = (tmp_path / f"{n}.{ext}" for n in "ab")
        assert a.read_bytes() == b.read_bytes(), a.name
    # What the files show is rounded; the records are not. A third briefing from the same seed,
    # not written, gives another chance to a stream that is drawn afresh each run.
    third = api.brief("guanghan", paths=300, seed=0)
    for doc in (docs["b"], third):
        for key in ("records", "sentences", "revised", "top_levers"):
            assert doc[key] == docs["a"][key], key
    charts = sorted(f.name for f in (tmp_path / "ca").iterdir())
    assert len(charts) == 2 * len(docs["a"]["charts"]) == 16
    for f in charts:
        assert (tmp_path / "ca" / f).read_bytes() == (tmp_path / "cb" / f).read_bytes(), f
    other = api.brief("guanghan", tmp_path / "c.docx", paths=300, seed=1)
    assert other["records"] != docs["a"]["records"]
    assert (tmp_path / "c.docx").read_bytes() != (tmp_path / "a.docx").read_bytes()
    a, c = _media(tmp_path / "a.docx"), _media(tmp_path / "c.docx")
    assert len(a) == len(docs["a"]["charts"]) and a.keys() == c.keys()
    for n in a:
        assert a[n] != c[n], n


def test_english_briefing_is_english(tmp_path):
    res = runner.invoke(
        app,
        [
            "brief",
            "-r",
            "guanghan",
            "--lang",
            "en",
            "--paths",
            "300",
            "--out",
            str(tmp_path / "e.pdf"),
        ],
    )
    assert res.exit_code == 0, res.output
    text = "\n".join(_pdf_pages(tmp_path / "e.pdf"))
    assert "1. Conclusion" in text and "A5. Data sources and their grade" in text
    # Up to the list of sources (whose titles are the documents' own), Chinese only in units.
    body = text.split("A3.")[0].split("\n", 2)[2]
    units = sorted({t.unit for t in bundled_targets()} | set(indicators()["unit"]), key=len)
    for unit in reversed(units):
        body = body.replace(unit, " ")
    assert not re.search(r"[\u4e00-\u9fff]", body), body


def test_unknown_extension_is_refused(tmp_path):
    res = runner.invoke(app, ["brief", "-r", "guanghan", "--out", str(tmp_path / "b.txt")])
    assert res.exit_code == 2 and ".docx" in res.output
    assert not (tmp_path / "b.txt").exists()


def test_chart_labels_inside_and_years_whole():
    fan = {
        "scale": 1.0,
        "unit": "件",
        "title": "一个很长很长的指标名称用来检查标题不会被截断的情况",
        "history": [{"x": 2019 + i, "value": 100 + i, "source_type": "plan"} for i in range(5)],
        "fan": [
            {
                "x": 2023 + i,
                **{k: 104 + i for k in ("q025", "q10", "q25", "median", "q75", "q90", "q975")},
            }
            for i in range(4)
        ],
    }
    fig = fan_chart(fan, [{"x": 2026, "threshold": 110.0, "label": "目标"}], "zh")
    assert texts_outside(fig) == []
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert ticks and all(re.fullmatch(r"\d{4}", t) for t in ticks), ticks
    rows = [{"zh": "知识产权质押融资风险补偿资金池（市级财政出资）", "lever": "x", "delta": 0.1}]
    assert (
        texts_outside(tornado_chart("措施对「某个很长的目标名称」达标概率的影响", rows, "zh")) == []
    )


def test_a_chart_is_kept_per_format_and_resolution():
    # Each figure is drawn once per format and dpi (DOCX and PDF share one PNG): the kept bytes
    # must be those of that format at that resolution, never another's.
    fig = revised_chart([{"label": "专利授权量", "threshold": 100.0, "revised": 90.0}], "zh")
    width, height = fig.get_size_inches()
    for dpi in (100, 200, 100):
        data = png(fig, dpi)
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        # IHDR: width and height in pixels, big-endian, from byte 16
        size = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert size == (round(width * dpi), round(height * dpi)), dpi
    assert svg(fig).startswith("<svg") and svg(fig) == svg(fig)
    other = revised_chart([{"label": "专利授权量", "threshold": 100.0, "revised": 80.0}], "zh")
    assert png(other, 100) != png(fig, 100) and svg(other) != svg(fig)


def _document_xml_texts(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)


def test_the_docx_keeps_a_figure_with_its_unit_and_breaks_a_list_only_after_a_slash():
    """Word found no break after a / and broke an over-wide list where its cell ended, inside a
    figure (1,100,000/1,1 then 50,000); and it may break between a figure and a Chinese unit
    (1,800 then 件). The XML now carries a zero width space after each / a figure follows, a
    WORD JOINER between a figure and its unit, a no-break space where a space is written, and
    nothing inside a figure."""
    from ipcast.report.docx import brief_docx

    doc = [
        {"kind": "title", "text": "简报"},
        {
            "kind": "p",
            "text": "2026-2028年分别达到3,500/4,000/4,500件的概率约为28%（±2个百分点）。",
        },
        {
            "kind": "table",
            "head": ["目标", "规划值"],
            "rows": [["有效注册商标（逐年）", "1,100,000/1,150,000/1,200,000件"]],
            "widths": [0.3, 0.12],
        },
    ]
    texts = _document_xml_texts(brief_docx(doc, "zh", "2026-12-01"))
    wj, zw = "\u2060", "\u200b"  # WORD JOINER, ZERO WIDTH SPACE
    said = (
        f"2026-2028{wj}年分别达到3,500/{zw}4,000/{zw}4,500{wj}件的概率约为28%（±2{wj}个百分点）。"
    )
    assert said in texts
    assert f"1,100,000/{zw}1,150,000/{zw}1,200,000{wj}件" in texts
    en = [
        {"kind": "title", "text": "t"},
        {"kind": "p", "text": "reaches 100 亿元 each year (2030)."},
    ]
    assert "reaches 100\u00a0亿元 each year (2030)." in _document_xml_texts(
        brief_docx(en, "en", "2026-12-01")
    )
    # an address is left as it is written, to work when copied (a bundled source's)
    url = "http://english.sipo.gov.cn/statistics/2016/12/201704/t20170407_1309326.html"
    src = [{"kind": "title", "text": "t"}, {"kind": "small", "text": f"来源：{url}，2016年"}]
    said = f"来源：{url}，2016{wj}年"
    assert said in _document_xml_texts(brief_docx(src, "zh", "2026-12-01"))

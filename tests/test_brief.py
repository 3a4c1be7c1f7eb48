"""The leader's briefing: self-contained, rendered in a real headless browser, sentences true."""

import re
import subprocess
import tempfile

import numpy as np
import pytest
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.data.history import combine
from ipcast.data.target_files import bundled_targets
from ipcast.report.brief import build_briefing
from ipcast.report.browser import HEADLESS, find_browser
from ipcast.report.text import pct, plus_minus

runner = CliRunner()
PLANS = ["chengdu", "dazhou", "guanghan", "rongchang", "tianchang"]


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    out = {}
    folder = tmp_path_factory.mktemp("briefs")
    for region in PLANS:
        f = folder / f"{region}.html"
        # Guanghan's charts also as files (test_charts_are_written_as_png_and_svg)
        charts = ["--charts", str(folder / "charts")] if region == "guanghan" else []
        res = runner.invoke(
            app, ["brief", "-r", region, "--out", str(f), "--paths", "1000", *charts]
        )
        assert res.exit_code == 0, res.output
        out[region] = f
        SAID[region] = res.output
    return out


SAID: dict[str, str] = {}  # what each brief command printed


def test_every_region_gets_a_small_self_contained_file(briefs):
    for region, f in briefs.items():
        html = f.read_text(encoding="utf-8")
        assert f.stat().st_size < 5_000_000
        # Nothing is fetched when the file is opened: no external scripts, styles or images.
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
        assert "<script" not in html and "<link" not in html and "<img" not in html
        assert "<svg" in html or region == "dazhou" or "无法测算" in html


def test_sentences_state_the_numbers_of_the_records():
    ts = [t for t in bundled_targets() if t.region == "guanghan"]
    b = build_briefing(ts, combine(), n_paths=2000, seed=1)
    recs = {r["label_zh"]: r for r in b["records"]}
    sim = [r for r in b["records"] if r["status"] == "simulated"]
    first = b["sentences"][0]
    n_green = sum(r["light"] == "green" for r in b["records"])
    assert f"共{len(b['records'])}项" in first and f"{n_green}项绿灯" in first
    checked = 0
    for s in b["sentences"]:
        m = re.search(
            r"「(.+?)」：(?:按当前趋势|规划期已结束.*?据已有数据估计)，.*?达到([\d,.]+)(\S+?)的概率约为(\d+)%（±(\d+)个百分点）",
            s,
        )
        if not m:
            continue
        r = recs[m.group(1)]
        assert float(m.group(2).replace(",", "")) == pytest.approx(r["threshold"])
        assert int(m.group(4)) == pct(r["p_hit"]) and int(m.group(5)) == plus_minus(r)
        checked += 1
    assert checked == (2 if len(sim) > 1 else 1)
    risky = min(sim, key=lambda r: r["p_hit"])
    assert risky["label_zh"] in b["sentences"][1]
    m = re.search(r"可承诺约([\d,.]+)", b["sentences"][3])
    rv = b["revised"][risky["target_id"]]
    assert float(m.group(1).replace(",", "")) == pytest.approx(rv, rel=5e-3)


def test_english_briefing_and_bands(tmp_path):
    f = tmp_path / "en.html"
    res = runner.invoke(
        app,
        [
            "brief",
            "-r",
            "guanghan",
            "--lang",
            "en",
            "--out",
            str(f),
            "--paths",
            "500",
            "--green",
            "0.9",
            "--amber",
            "0.6",
        ],
    )
    assert res.exit_code == 0, res.output
    html = f.read_text(encoding="utf-8")
    assert "green: P(met) ≥ 90%" in html and "Effective registered trademarks" in html


def test_charts_are_written_as_png_and_svg(briefs):
    out = briefs["guanghan"].parent / "charts"
    pngs = sorted(out.glob("*.png"))
    assert pngs and len(pngs) == len(list(out.glob("*.svg")))
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    svg = next(out.glob("fan_*.svg")).read_text(encoding="utf-8")
    assert "<text" not in svg  # text drawn as outlines: no font needed to read it
    # and the folder is said, as the briefing's own files are (it was written without a word)
    n = 2 * len(pngs)
    said = f"已写入{out}：{n}个图表文件（PNG和SVG） / wrote {out}: {n} chart files (PNG, SVG)"
    assert said in SAID["guanghan"]


def test_existing_output_is_never_overwritten(tmp_path):
    f = tmp_path / "b.html"
    f.write_text("mine", encoding="utf-8")
    res = runner.invoke(app, ["brief", "-r", "guanghan", "--out", str(f)])
    assert res.exit_code == 2 and f.read_text(encoding="utf-8") == "mine"


def _browser(args, timeout=120):
    exe = find_browser()
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [exe, *HEADLESS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            timeout=timeout,
            check=False,
        )


@pytest.mark.skipif(find_browser() is None, reason="needs Chromium (optional)")
def test_rendered_in_a_real_browser(briefs, tmp_path):
    f = briefs["guanghan"]
    dom = _browser(["--dump-dom", f.resolve().as_uri()]).stdout.decode("utf-8")
    assert "广汉市 知识产权规划目标达成情况研判" in dom
    for t in (t for t in bundled_targets() if t.region == "guanghan"):
        assert t.label_zh in dom, t.label_zh
    shot = tmp_path / "shot.png"
    _browser(["--window-size=1000,1400", f"--screenshot={shot}", f.resolve().as_uri()])
    from matplotlib import image

    pixels = image.imread(shot)
    assert pixels.shape[0] > 500 and pixels.shape[1] > 500
    assert np.std(pixels[..., :3]) > 0.05  # not a blank page


def test_page_one_says_when_probabilities_rest_on_few_own_points():
    """Which way they err, by family, as the hindcasts measured: patents cautious (the
    provincial panel), trademarks optimistic (USPTO and EUIPO), the rest unmeasured."""
    from ipcast.report.document import FEW_POINTS, rests_on

    ts = [t for t in bundled_targets() if t.region == "guanghan"]
    b = build_briefing(ts, combine(), n_paths=500, seed=1)
    sim = [r for r in b["records"] if r["status"] == "simulated"]
    few = {}
    for r in sim:
        if r["n_points"] < FEW_POINTS:
            few[r["family"]] = few.get(r["family"], 0) + 1
    assert few.get("patent") and few.get("trademark")  # Guanghan's series are a few points
    text = rests_on(b)
    assert (
        f"{few['patent']}项专利目标的本地数据点不足4个：按各省专利序列回测，此类达标概率偏保守"
        in text
    )
    assert f"{few['trademark']}项商标目标的本地数据点不足4个：按美国、欧盟商标序列回测" in text
    assert "宜视为上限" in text and "偏乐观" in text
    others = sum(v for k, v in few.items() if k not in ("patent", "trademark"))
    assert (f"{others}项版权、质押融资等目标" in text) == (others > 0)
    en = rests_on({**b, "lang": "en"})
    assert "low estimates" in en and "upper bounds" in en
    for r in b["records"]:
        r["n_points"] = max(r["n_points"], FEW_POINTS)
    assert "偏保守" not in rests_on(b) and "偏乐观" not in rests_on(b)
    assert "low estimates" not in rests_on({**b, "lang": "en"})


def test_the_appendix_says_what_each_familys_calibration_rests_on():
    from ipcast.report.appendix import _basis
    from ipcast.report.brief import _calibration_facts

    facts = _calibration_facts(None)
    assert _basis(facts["patent"], "zh") == "以全国各省专利序列的滚动回测误差校准"
    assert (
        _basis(facts["trademark"], "zh") == "以美国商标注册序列、欧盟商标注册序列的滚动回测误差校准"
    )
    pooled = (
        "本类无可用序列，以全国各省专利序列、美国商标注册序列、欧盟商标注册序列的回测误差合并校准"
    )
    assert _basis(facts["copyright"], "zh") == _basis(facts["pledge"], "zh") == pooled
    assert _basis(facts["patent"], "en") == "rolling backtest errors of china_provinces"


@pytest.mark.parametrize(
    "period, label, said",
    [
        ("2030", "专利授权量", "2030年"),
        ("2026/2030", "累计新增发明专利授权量", "2026-2030年"),
        ("2022-07/2025-06", "累计知识产权质押融资额", "2022年7月至2025年6月"),
        ("2026/2030", "知识产权质押融资金额累计(2026-2030年)", ""),  # the name says it
        ("2026/2030", "知识产权质押融资金额累计（2026—2030年）", ""),
        ("2030-06", "专利授权量", "2030年6月"),  # a stock read at the end of June
    ],
)
def test_a_sentence_says_the_period_as_a_chinese_sentence_does(period, label, said):
    from ipcast.report.text import _period

    assert _period({"period": period, "label_zh": label}, "zh") == said
    assert _period({"period": period, "label_zh": label}, "en") == period

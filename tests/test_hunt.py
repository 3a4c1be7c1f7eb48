"""Property tests that hunt for tracebacks: random history files, random target and scenario
YAML, random option sets given to the CLI. Every answer is exit 0 or 2 (never a traceback), and
a refused import leaves the store byte for byte as it was."""

import csv
import io
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ipcast.cli.app import app

runner = CliRunner()
FAST = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

CELLS = st.one_of(
    st.text(max_size=8),
    st.sampled_from(
        [
            "1e400",
            "-1e400",
            "nan",
            "inf",
            "-1",
            "4100",
            "1e26",
            "4,100",
            "2023",
            "2023年",
            "2022-07/2023-06",
            "=A1*2",
            "授权专利",
            "有效注册商标",
            "dazhou",
            "guanghan",
            "—",
            "件",
            "万件",
            "亿元",
            "%",
            "TRUE",
            "约4000",
            "",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
HEADERS = st.sampled_from(
    [
        ["地区", "指标", "年份", "数值", "单位"],
        ["region", "indicator", "period", "value"],
        ["地区", "指标", "2022", "2023年"],
        ["指标名称", "2021", "2022", "2022"],
        ["地区", "数值", "value", "年份", "指标"],
        ["", "", ""],
    ]
)


@pytest.fixture(autouse=True)
def _restore_home(monkeypatch):
    """Each example sets its own IPCAST_HOME; the variable is put back after the test."""
    monkeypatch.setenv("IPCAST_HOME", os.environ.get("IPCAST_HOME", ""))


def _home() -> Path:
    h = Path(tempfile.mkdtemp(prefix="ipcast_hunt_"))
    os.environ["IPCAST_HOME"] = str(h)
    return h


def _seeded_store(home: Path) -> bytes:
    f = home / "seed.csv"
    f.write_text("地区,指标,年份,数值\nguanghan,授权专利,2019,1200\n", encoding="utf-8")
    assert runner.invoke(app, ["import", str(f)]).exit_code == 0
    return (home / "history.csv").read_bytes()


def _answer_is_clean(res) -> None:
    assert "Traceback" not in res.output
    assert res.exit_code in (0, 2), (res.exit_code, res.output, res.exception)
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)


@FAST
@given(
    header=HEADERS,
    rows=st.lists(st.lists(CELLS, min_size=1, max_size=6), min_size=0, max_size=5),
    encoding=st.sampled_from(["utf-8", "gbk", "utf-16"]),
    extra=st.sampled_from([[], ["--replace"], ["--region", "dazhou"], ["--accept-large"]]),
)
def test_random_history_files_never_crash_and_never_harm_the_store(header, rows, encoding, extra):
    home = _home()
    before = _seeded_store(home)
    buf = io.StringIO()
    csv.writer(buf).writerows([header, *rows])
    f = home / "random.csv"
    f.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
    res = runner.invoke(app, ["import", str(f), *extra])
    _answer_is_clean(res)
    if res.exit_code == 2:
        assert (home / "history.csv").read_bytes() == before
    assert runner.invoke(app, ["import", "--recover"]).output.find("intact") >= 0


YAML_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
    st.lists(st.integers(1990, 2210), max_size=3),
)
TARGET_KEYS = st.sampled_from(
    [
        "id",
        "label_zh",
        "indicator",
        "kind",
        "period",
        "threshold",
        "unit",
        "quote",
        "comparator",
        "comparitor",
        "each",
        "per",
        "family",
        "thresold",
    ]
)
GOOD = {
    "id": "t1",
    "label_zh": "授权专利",
    "indicator": "patent_grants",
    "kind": "level",
    "period": 2025,
    "threshold": 4500,
    "unit": "件",
    "quote": "q",
}


@FAST
@given(changes=st.dictionaries(TARGET_KEYS, YAML_VALUES, max_size=3), gbk=st.booleans())
def test_random_target_files_are_read_or_refused_in_one_line(changes, gbk):
    home = _home()
    doc = {"region": "dazhou", "targets": [{**GOOD, **changes}]}
    f = home / "t.yaml"
    text = yaml.safe_dump(doc, allow_unicode=True)
    f.write_bytes(text.encode("gbk", errors="replace") if gbk else text.encode("utf-8"))
    res = runner.invoke(app, ["targets", "--targets", str(f)])
    _answer_is_clean(res)


@FAST
@given(
    levers=st.dictionaries(
        st.sampled_from(["patent_navigation", "pledge_risk_pool", "magic", "trademark_crackdown"]),
        YAML_VALUES,
        max_size=3,
    ),
    start=YAML_VALUES,
)
def test_random_scenarios_are_refused_before_any_work(levers, start):
    home = _home()
    f = home / "s.yaml"
    f.write_text(yaml.safe_dump({"name": "x", "levers": levers, "start": start}), encoding="utf-8")
    # --seed -1 guarantees a refusal, so a scenario that loads costs no simulation
    res = runner.invoke(app, ["simulate", "-r", "dazhou", "-s", str(f), "--seed", "-1"])
    _answer_is_clean(res)
    assert res.exit_code == 2


BAD = [
    ["--seed", "-1"],
    ["--paths", "5"],
    ["--paths", "999999999"],
    ["--region", "nowhere"],
    ["--format", "xml"],
    ["--as-of", "abc"],
    ["--jobs", "0"],
    ["--confidence", "2"],
    ["--out", "{tmp}/x.pdf"],
    ["--out", "{tmp}"],
    ["--targets", "{tmp}/missing.yaml"],
    ["--history", "{tmp}/missing.csv"],
    ["--scenario", "nosuch"],
    ["--no-such-option"],
]
GOOD_OPTS = [["--seed", "3"], ["--paths", "200"], ["--region", "dazhou"], ["--format", "json"]]
COMMANDS = [
    "run",
    "simulate",
    "revise",
    "draft",
    "brief",
    "forecast",
    "template",
    "history",
    "targets",
    "import",
    "compare",
    "levers",
    "goal",
    "backtest",
]


@FAST
@given(
    command=st.sampled_from(COMMANDS),
    bad=st.lists(st.sampled_from(BAD), min_size=1, max_size=3),
    good=st.lists(st.sampled_from(GOOD_OPTS), max_size=3),
    order=st.randoms(use_true_random=False),
)
def test_random_option_sets_are_refused_before_work_in_one_answer(command, bad, good, order):
    home = _home()
    before = _seeded_store(home)
    flags = {o[0] for o in bad}
    opts = [*bad, *(o for o in good if o[0] not in flags)]  # a later --seed 3 would win
    order.shuffle(opts)
    args = [command] + [a.replace("{tmp}", str(home)) for o in opts for a in o]
    res = runner.invoke(app, args)
    _answer_is_clean(res)
    assert res.exit_code == 2
    assert (home / "history.csv").read_bytes() == before
    assert sorted(p.name for p in home.iterdir() if p.suffix in (".pdf", ".html", ".yaml")) == []

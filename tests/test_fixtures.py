"""The messy-input corpus in tests/fixtures (manifest.csv says what each file exercises): each is
read right with its repairs reported, or refused with exit code 2 and a Chinese line and an
English line, each naming the file,
row and column, the problem and the fix; a refused import changes nothing stored."""

import csv
import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.data.cells import CellError, parse_number
from ipcast.data.readers import read_history_file
from ipcast.data.template import write_template

HERE = Path(__file__).parent / "fixtures"
CASES = list(csv.DictReader((HERE / "manifest.csv").open(encoding="utf-8")))
runner = CliRunner()


def test_the_corpus_is_large_and_documented():
    assert len(CASES) >= 30
    assert all(c["what"] and (HERE / c["file"]).exists() for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_fixture(case, home):
    res = runner.invoke(app, ["import", str(HERE / case["file"]), "--dry-run"])
    assert "Traceback" not in res.output
    if case["expect"] == "ok":
        assert res.exit_code == 0, res.output
        assert case["check"] in res.output
        assert "nothing written" in res.output and not (home / "history.csv").exists()
    else:
        assert res.exit_code == 2, res.output
        # Chinese first, then English: each line names the file and says the fix
        zh, en = [x for x in res.output.splitlines() if x.strip()]
        assert zh.startswith("错误：文件 ") and "修改：" in zh and case["file"] in zh
        assert en.startswith("error: ")
        assert case["check"] in en and "Fix:" in en and case["file"] in en


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_a_refused_import_leaves_the_store_as_it_was(home):
    assert runner.invoke(app, ["import", str(HERE / "ok_long_utf8.csv")]).exit_code == 0
    store = home / "history.csv"
    before = _digest(store)
    versions = sorted(p.name for p in (home / "versions").iterdir())
    for case in (c for c in CASES if c["expect"] == "refused"):
        res = runner.invoke(app, ["import", str(HERE / case["file"]), "--replace"])
        assert res.exit_code == 2
        assert _digest(store) == before
    assert sorted(p.name for p in (home / "versions").iterdir()) == versions


def test_fixture_values_are_read_exactly():
    rows = read_history_file(HERE / "ok_units_in_cells.csv").rows
    assert rows[["indicator", "value", "unit"]].values.tolist() == [
        ["pledge_financing", 12000.0, "万元"],
        ["patent_grants", 3500.0, "件"],
    ]
    rows = read_history_file(HERE / "ok_two_row_header.xlsx").rows
    assert rows[["period", "value"]].values.tolist() == [
        ["2021", 11000.0],
        ["2022", 11800.0],
        ["2023", 12346.0],
    ]
    rows = read_history_file(HERE / "ok_excel_dates.xlsx").rows
    assert rows[["indicator", "period", "period_type"]].values.tolist() == [
        ["effective_invention_patents", "2022", "asof"],
        ["patent_grants", "2023", "year"],
    ]


VALUES = st.one_of(
    st.integers(0, 10**9).map(float), st.decimals(0, 10**7, places=2, allow_nan=False).map(float)
)


@settings(max_examples=30, deadline=None)
@given(st.lists(VALUES, min_size=3, max_size=3))
def test_template_round_trip_is_exact(tmp_path_factory, values):
    p = tmp_path_factory.mktemp("t") / "t.xlsx"
    write_template(
        p, "dazhou", ["patent_grants", "pledge_financing", "effective_trademarks"], last_year=2023
    )
    wb = load_workbook(p)
    ws = wb["历史数据"]
    col = [c.value for c in ws[1]].index("2023年") + 1
    for i, v in enumerate(values):
        ws.cell(row=2 + i, column=col, value=v)
    wb.save(p)
    rows = read_history_file(p, accept_large=True).rows  # exactness, not plausibility
    assert rows["value"].tolist() == values


def _formats(x: float) -> list[str]:
    s = str(int(x)) if x.is_integer() else repr(x)
    whole = f"{x:,.0f}" if x.is_integer() else None
    fw = s.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    out = [s, fw, f"{s}件", f" {s} "]
    if whole:
        out.append(whole)
    return out


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**8).map(float))
def test_a_number_written_any_usual_way_is_read_as_itself(x):
    for text in _formats(x):
        assert parse_number(text)[0] == x, text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789.,约左右以上万件亿元~-+% 年", min_size=1, max_size=10))
@example("0万元")
def test_any_text_is_read_as_a_person_would_or_refused(text):
    try:
        value, unit, _ = parse_number(text)
    except CellError:
        return
    if value is None:
        return
    # What was read must be the digits a person sees, with at most a unit after them.
    digits = text.strip().replace(",", "").replace(" ", "")
    if unit:
        digits = re.sub(r"[^0-9.]+$", "", digits)  # the unit written after the figure
    assert float(digits) == value

"""The bundled history: every row sourced, every code known, and rebuilt exactly from sources."""

import csv

from conftest import REPO

from ipcast.data import units
from ipcast.data.build_history import COLUMNS, build
from ipcast.data.catalog import bundled_history, indicators, regions
from ipcast.data.periods import parse_period


def test_every_row_has_a_source_and_known_codes():
    h = bundled_history()
    cat = indicators()
    for r in h.itertuples():
        assert r.source and (r.quote or r.source_title), r
        assert r.region in regions().index
        assert r.indicator in cat.index, r.indicator
        assert units.fits(r.unit, cat.loc[r.indicator, "unit"]), (r.indicator, r.unit)
        parse_period(r.period)


def test_values_stay_in_their_stated_unit():
    h = bundled_history()
    cd = h[(h.region == "chengdu") & (h.indicator == "copyright_registrations_total")]
    assert cd[["value", "unit"]].values.tolist() == [[49.59, "万件"]]


def test_plan_baselines_are_in_the_history():
    h = bundled_history()
    row = h[(h.region == "guanghan") & (h.indicator == "effective_trademarks")]
    assert row["value"].tolist() == [12346.0]
    assert row["source"].tolist() == ["plan:guanghan_2024-2026"]


def test_history_csv_is_what_the_builder_makes():
    with (REPO / "data" / "history.csv").open(encoding="utf-8") as f:
        stored = list(csv.DictReader(f))
    assert stored == [{c: r[c] for c in COLUMNS} for r in build(REPO / "data")]


def test_every_bundled_figure_is_below_its_indicators_plausible_maximum():
    from ipcast.data import units
    from ipcast.data.catalog import bundled_history, indicators, plausible_max

    cat = indicators()
    for r in bundled_history().itertuples():
        base = cat.loc[r.indicator, "unit"]
        assert units.convert(r.value, r.unit, base) <= plausible_max(r.indicator), r

"""Which figure so far a year is read by, where two are as long: worked on small histories."""

from conftest import make_history

from ipcast.forecast.series import observed
from ipcast.forecast.year_to_date import year_to_date

G = "patent_grants"


def _read(parts):
    rows = [
        ("dazhou", G, str(y), "year", 1000.0 + 100 * (y - 2018), "件") for y in range(2018, 2024)
    ]
    obs = observed(make_history(rows + [("dazhou", G, *p) for p in parts]), "dazhou", G)
    return {
        y: (round(a, 4), round(b, 4), v, r["period"])
        for y, (a, b, v, r) in year_to_date(obs).items()
    }


def test_a_stated_figure_is_read_before_its_months_added_up():
    """1-10月 stated as 1,700 beside 1-6月 (900) and 7-10月 (750), which add up to 1,650 over the
    same months: the stated figure is read, not the sum."""
    parts = [
        ("2024-01/2024-10", "span", 1700.0, "件"),
        ("2024-01/2024-06", "span", 900.0, "件"),
        ("2024-07/2024-10", "span", 750.0, "件"),
    ]
    assert _read(parts) == {2024: (2024.0, 2024.8333, 1700.0, "2024-01/2024-10")}


def test_of_two_figures_as_long_the_later_is_read_whatever_their_values():
    """February-April (500) and May-July (400), three months each and not from January (not
    added): the later months, the nearer to the year's end, are read."""
    parts = [("2024-02/2024-04", "span", 500.0, "件"), ("2024-05/2024-07", "span", 400.0, "件")]
    assert _read(parts) == {2024: (2024.3333, 2024.5833, 400.0, "2024-05/2024-07")}
    assert _read(parts[::-1]) == _read(parts)

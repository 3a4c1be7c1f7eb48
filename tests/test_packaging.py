"""Installed, ipcast is one namespace and one command, with its data files."""

import json
from importlib import metadata

import pytest


def _editable() -> bool:
    direct = metadata.distribution("ipcast").read_text("direct_url.json")
    return bool(direct) and json.loads(direct).get("dir_info", {}).get("editable", False)


def test_nothing_generic_lands_in_site_packages():
    if _editable():
        pytest.skip("an editable install maps the source tree; checked on a regular install")
    tops = {str(f).split("/")[0] for f in metadata.files("ipcast")}
    assert tops <= {"ipcast", "ipcast-0.1.0.dist-info", ".."}, tops


def test_data_files_install_with_the_package():
    if _editable():
        pytest.skip("an editable install reads the source tree")
    names = {str(f) for f in metadata.files("ipcast")}
    for must in (
        "ipcast/data/history.csv",
        "ipcast/data/indicators.csv",
        "ipcast/data/learned.pkl",
        "ipcast/data/targets/dazhou_2022-2025.yaml",
        "ipcast/data/panels/china_sti_yearbook_provincial_domestic_patents_2010_2023.csv",
        "ipcast/report/fontdata/NotoSansSC-ipcast-Regular.ttf",
        "ipcast/report/fontdata/OFL.txt",
    ):
        assert must in names


def test_console_command_is_declared():
    eps = metadata.entry_points(group="console_scripts")
    assert any(ep.name == "ipcast" and ep.value == "ipcast.cli.app:main" for ep in eps)

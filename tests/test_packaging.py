"""The wheel carries every module and every data file of the package.

With the package at the repository root, tests import it from the working tree, where a data file is always found;
only a built wheel shows that the CSS, the JSON Schemas and anything added later are shipped to users.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "unres"


def _package_files() -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def test_the_wheel_holds_every_module_and_data_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", tmp_path, ROOT],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("unres-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _package_files()
    assert {name for name in expected if not name.endswith(".py")} >= {
        "unres/render/redline.css",
        "unres/schemas/document.schema.json",
    }
    assert sorted(expected - names) == []


def test_the_design_card_layout_is_at_the_root() -> None:
    for name in ("cli.py", "align.py", "parse.py"):
        assert (PACKAGE / name).is_file(), name
    assert not (ROOT / "src").exists()

"""Start-up stays light: `unres --help`, `--version` and `schema` import no model, parser, aligner, rapidfuzz or numpy;
`import unres` loads its names on first use and still gives what the eager imports gave."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

HEAVY = ("unres.models", "unres.align", "unres.parse", "unres.check", "unres.lineage", "rapidfuzz", "numpy", "yaml")


def _imported_by(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running `code`."""
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(result.stdout.split())


@pytest.mark.parametrize("arguments", [["--help"], ["--version"], ["schema", "document"], ["diff", "--help"]])
def test_start_up_imports_nothing_heavy(arguments: list[str]) -> None:
    code = (
        f"import sys; sys.argv = ['unres', *{arguments!r}]\n"
        "from unres.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    heavy = sorted(name for name in _imported_by(code) if name.startswith(HEAVY))
    assert heavy == []


def test_import_unres_alone_imports_nothing_heavy() -> None:
    assert not {name for name in _imported_by("import unres") if name.startswith(HEAVY)}


@pytest.mark.parametrize("submodule", ["align", "check", "compare", "lineage"])
def test_a_function_named_like_its_module_stays_the_function_whatever_is_imported_first(submodule: str) -> None:
    code = (
        f"import unres.{submodule}\n"
        "import unres\n"
        f"from unres import {submodule} as imported\n"
        f"assert callable(unres.{submodule}) and unres.{submodule} is imported, unres.{submodule}\n"
        f"assert sys.modules['unres.{submodule}'].__name__ == 'unres.{submodule}'"
    )
    _imported_by("import sys\n" + code)  # raises CalledProcessError if an assertion fails


def test_every_public_name_is_there_and_nothing_else_is_invented() -> None:
    import unres

    assert sorted(unres.__all__) == sorted(
        ["AlignOptions", "Alignment", "AmendedDocument", "Amendment", "Change", "CheckProfile", "CheckReport",
         "Comparison", "Difference", "Document", "Edit", "Excerpt", "ExitCode", "Footnote", "InputError",
         "Instruction", "Lineage", "Paragraph", "Source", "UnresError", "ViewOptions", "__version__", "align",
         "amendments_between", "apply_amendments", "check", "compare", "explain_file", "lineage", "parse_amendment_text",
         "parse_file", "parse_files", "parse_lines", "parse_text", "read_amendment", "read_source"]
    )  # fmt: skip
    for name in unres.__all__:
        assert getattr(unres, name) is not None
    assert set(unres.__all__) <= set(dir(unres))
    with pytest.raises(AttributeError):
        _ = unres.no_such_name  # type: ignore[attr-defined]

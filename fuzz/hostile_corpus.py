"""Measure the hostile corpus (tests/hostile_inputs.py) on the real command: the figures of docs/reliability.md.

    python fuzz/hostile_corpus.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile_inputs import CORPUS, measure


def main() -> None:
    print("| input | size | exit | seconds | peak MB | message |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CORPUS.items():
            path = Path(folder) / name
            path.write_bytes(make())
            result = measure(["parse", str(path), "--format", "json"])
            message = str(result["stderr"]).strip().splitlines()[-1:] or [""]
            message_text = message[0].replace(str(path), name).replace("|", "\\|")
            print(
                f"| {name} | {path.stat().st_size:,} B | {result['status']} | {float(str(result['seconds'])):.1f} "
                f"| {float(str(result['megabytes'])):.0f} | {message_text} |"
            )


if __name__ == "__main__":
    main()

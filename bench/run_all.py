"""Run every benchmark in bench/ in turn (``make bench``); each updates docs/benchmarks.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Cheap ones first, so a partial run still gives figures.
ORDER = ["venv_size", "sources", "extraction", "ingest", "times", "quotes", "entities", "match", "analysis_speed", "stories", "claims", "summarise", "developments", "pipeline_speed", "robustness", "fuzz", "load", "startup", "scale", "corpus"]


def main() -> int:
    args = sys.argv[1:]
    failed = []
    scripts = [HERE / f"{name}.py" for name in ORDER if (HERE / f"{name}.py").exists()]
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        if subprocess.call([sys.executable, str(script), *args]) != 0:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Key facts that open on a pronoun: how the brief's shown versions read on their own.

Briefs the clusters of ``bench/claims.py`` (the same stores, ``--workdir``) and counts, over
the facts credited to two or more independent outlets, the shown versions given a name for
their opening "He"/"She" (``[Robert Wood] accused ...``, :func:`newsbrief.attribution.attributed`)
and those that still open on a personal pronoun (:func:`newsbrief.lead.dangles`), each listed.

    PYTHONPATH=src:bench .venv/bin/python bench/key_fact_openings.py [--unseen | --fresh] [--workdir DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from claims import CLUSTERS, FRESH, UNSEEN, brief_cluster, load_clusters
from common import DEFAULT_DATA


def main() -> int:
    import argparse

    from newsbrief.lead import dangles

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared bench folder (default: %(default)s)")
    parser.add_argument("--unseen", action="store_true", help="the UNSEEN clusters of bench/claims.py instead of its 60")
    parser.add_argument("--fresh", action="store_true", help="the FRESH clusters of bench/claims.py instead of its 60")
    parser.add_argument("--workdir", type=Path, help="keep (and reuse) each cluster's analysed store in this folder")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"benchmark data not found at {args.data}; skipping (pass --data DIR).", file=sys.stderr)
        return 0
    chosen = UNSEEN if args.unseen else FRESH if args.fresh else CLUSTERS
    key = named = dangling = 0
    with tempfile.TemporaryDirectory(prefix="newsbrief-openings-") as tmp:
        folder = args.workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for cluster in load_clusters(args.data, chosen):
            for story in (brief_cluster(cluster, folder) or {"stories": []})["stories"]:
                for fact in story["facts"]:
                    if fact["independent_outlets"] < 2:
                        continue
                    key += 1
                    if fact["text"].startswith("["):
                        named += 1
                        print(f"named     {cluster.key}: {fact['text'][:110]}")
                    elif dangles(fact["text"]):
                        dangling += 1
                        print(f"dangling  {cluster.key}: {fact['text'][:110]}")
    print(f"{key} key facts (2+ outlets): {named} given a name, {dangling} still open on a pronoun")
    return 0


if __name__ == "__main__":
    sys.exit(main())

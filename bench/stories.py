"""Story clustering on ECB+, NeuS/AllSides and DUC 2007: B-cubed and pairwise P/R/F1, and cost.

Articles are streamed in a fixed shuffled order (seed 13), in batches of 50 as a running
feed would deliver them; each batch is put in publication order (dated articles by date,
then undated ones) by the same ``StoryClusterer.add_batch`` that ``update_stories`` uses,
followed by its consolidation pass.  Features are those ``update_stories`` uses for an
article without stored layers: MiniLM embedding of title + lead, hashed TF of the text, and
spaCy NER on the first 1,000 characters (no times layer; lead weekday by the built-in rule).
Peers, side by side on the same features and order:

* TF-IDF + agglomerative clustering (scikit-learn, average linkage, cosine; offline, sees
  every article at once; distance threshold tuned once on these sets and stated);
* plain embedding + threshold (online: join the most similar story centroid if cosine > t,
  compared with every story).

Cost: the three sets together (~3.3k articles), the first 1k, 2k and all, and 10k / 20k
articles resampled from them (copies with new ids and jittered embeddings: cost only).
"""

from __future__ import annotations

import gc
import html
import os
import pickle
import random
import re
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import detokenise, machine, parse_args, require, table, write_section  # noqa: E402
from newsbrief.models import Article  # noqa: E402
from newsbrief.sources.sgml import parse_document  # noqa: E402
from newsbrief.stories import StoryClusterer  # noqa: E402
from newsbrief.storyfeatures import ArticleFeatures, build_features  # noqa: E402

SEED = 13
BATCH = 50
AGGLO_DISTANCE = 0.85  # tuned once: best B-cubed F1 on ECB+ and NeuS over 0.6, 0.75, 0.85, 0.9
NER_CHARS = 1000  # spaCy NER on the first 1,000 characters (the lead): half the cost of 2,000
EMBED_THRESHOLD = 0.6  # tuned once: best B-cubed F1 on ECB+ and NeuS over 0.4, 0.5, 0.6, 0.7


@dataclass
class Doc:
    article: Article
    gold: str


# -- loaders --------------------------------------------------------------------------------

_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)"[^>]*>([^<]*)</token>')


def load_ecbplus(root: Path) -> list[Doc]:
    docs = []
    for path in sorted(root.glob("*/*.xml")):
        sentences: dict[int, list[str]] = {}
        for sentence, token in _TOKEN.findall(path.read_text(encoding="utf-8")):
            sentences.setdefault(int(sentence), []).append(html.unescape(token))
        text = "\n".join(detokenise(tokens) for _, tokens in sorted(sentences.items()))
        suffix = "ecbplus" if path.name.endswith("ecbplus.xml") else "ecb"
        docs.append(Doc(_article(f"ecb:{path.name}", text), f"ecb:{path.parent.name}{suffix}"))
    return docs


def load_neus(path: Path) -> list[Doc]:
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        for m, part in enumerate(line.split("[SEP]")):
            match = re.match(r"\s*TITLE=>(.*?)ARTICLE=>(.*)", part, re.S)
            if match:
                title, text = match.group(1).strip(), match.group(2).strip()
                docs.append(Doc(_article(f"neus:{n}:{m}", text, title), f"neus:{n}"))
    return docs


def load_duc(root: Path) -> list[Doc]:
    """The DUC 2007 documents as ``newsbrief`` reads them (``sources.sgml``: text, headline, date)."""
    docs, seen = [], set()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.name in seen:  # the update task reuses main-task documents of the same topics
            continue
        seen.add(path.name)
        topic = re.match(r"D\d+", path.parent.name if "main" in path.parts else path.parent.parent.name)
        raw = parse_document(str(path), path.read_text(encoding="latin-1"))
        docs.append(Doc(_article(f"duc:{path.name}", raw.text or "", raw.title, raw.published), f"duc:{topic.group(0) if topic else '?'}"))
    return docs


def _article(article_id: str, text: str, title: str | None = None, published: str | None = None) -> Article:
    return Article(id=article_id, content_hash=article_id, origin=article_id, text=text, title=title,
                   published=published, word_count=len(text.split()))


# -- metrics --------------------------------------------------------------------------------


def scores(predicted: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    """B-cubed and pairwise precision / recall / F1 of a clustering against gold labels."""
    pairs = Counter(zip(predicted, gold, strict=True))
    size_p, size_g = Counter(predicted), Counter(gold)
    n = len(gold)
    b3p = sum(c * c / size_p[p] for (p, _), c in pairs.items()) / n
    b3r = sum(c * c / size_g[g] for (_, g), c in pairs.items()) / n
    tp = sum(c * (c - 1) / 2 for c in pairs.values())
    pp = sum(c * (c - 1) / 2 for c in size_p.values())
    gp = sum(c * (c - 1) / 2 for c in size_g.values())
    pwp, pwr = (tp / pp if pp else 1.0), (tp / gp if gp else 1.0)

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    return {"b3p": b3p, "b3r": b3r, "b3f": f1(b3p, b3r), "pwp": pwp, "pwr": pwr, "pwf": f1(pwp, pwr),
            "clusters": float(len(size_p)), "gold": float(len(size_g))}


# -- systems --------------------------------------------------------------------------------


COMPARISONS: list[int] = []  # article-story comparisons of each run_newsbrief call


def run_newsbrief(features: Sequence[ArticleFeatures], **kwargs: float) -> list[str]:
    clusterer = StoryClusterer(**kwargs)  # type: ignore[arg-type]
    for start in range(0, len(features), BATCH):
        clusterer.add_batch([_fresh(f) for f in features[start:start + BATCH]])
    COMPARISONS.append(clusterer.scored)
    return [clusterer.resolve(clusterer.article_story[f.article_id]) for f in features]


def _fresh(f: ArticleFeatures) -> ArticleFeatures:
    return replace(f, terms=dict(f.terms))  # the clusterer trims terms in place


def run_embedding_threshold(features: Sequence[ArticleFeatures], threshold: float = EMBED_THRESHOLD) -> list[str]:
    sums: list[np.ndarray] = []
    labels = []
    for f in features:
        if sums:
            matrix = np.stack(sums)
            sims = (matrix @ f.embedding) / np.linalg.norm(matrix, axis=1)
            best = int(np.argmax(sims))
            if sims[best] > threshold:
                sums[best] = sums[best] + f.embedding
                labels.append(str(best))
                continue
        sums.append(f.embedding.copy())
        labels.append(str(len(sums) - 1))
    return labels


def run_agglomerative(docs: Sequence[Doc], distance: float = AGGLO_DISTANCE) -> list[str]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{d.article.title or ''}\n{d.article.text}" for d in docs]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts).toarray()
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance)
    return [str(x) for x in model.fit_predict(matrix)]


# -- the run --------------------------------------------------------------------------------


def featurise(docs: Sequence[Doc], cache: Path | None) -> list[ArticleFeatures]:
    """Clustering features of each doc; NB_STORIES_CACHE=DIR keeps them between runs (development)."""
    stored: dict[str, ArticleFeatures] = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    missing = [d.article for d in docs if d.article.id not in stored]
    if missing:
        stored.update((f.article_id, f) for f in build_features(missing, ner_chars=NER_CHARS))
        if cache:
            cache.write_bytes(pickle.dumps(stored))
    return [_fresh(stored[d.article.id]) for d in docs]


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(run: Callable[[], object]) -> tuple[float, float]:
    """Seconds, and the peak growth of resident memory during the run in MB (Linux resets the
    peak through /proc/self/clear_refs; elsewhere a second run traced by tracemalloc)."""
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")
        before = _status_mb("VmRSS")
        start = time.perf_counter()
        run()
        return time.perf_counter() - start, _status_mb("VmHWM") - before
    except OSError:
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
        tracemalloc.start()
        run()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        return seconds, peak


def resample(features: Sequence[ArticleFeatures], n: int, rng: random.Random) -> list[ArticleFeatures]:
    out = []
    for i in range(n):
        f = features[rng.randrange(len(features))]
        jitter = np.random.default_rng(i).normal(0, 0.02, f.embedding.shape).astype(np.float32)
        vector = f.embedding + jitter
        out.append(replace(f, article_id=f"r{i}:{f.article_id}", embedding=vector / np.linalg.norm(vector),
                           terms=dict(f.terms), duplicate_of=None))
    return out


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    data = require(args.data)
    sets = {
        "ECB+ (no dates)": load_ecbplus(require(data / "ecbplus" / "ECB+")),
        "NeuS/AllSides val (no dates)": load_neus(require(data / "neus-allsides-val" / "val.source")),
        "DUC 2007 (dated)": load_duc(require(data / "duc2007" / "duc2007_testdocs")),
    }
    rng = random.Random(SEED)
    for docs in sets.values():
        rng.shuffle(docs)
        if args.limit:
            del docs[args.limit:]
    cache = Path(os.environ["NB_STORIES_CACHE"]) if os.environ.get("NB_STORIES_CACHE") else None
    started = time.perf_counter()
    features = {name: featurise(docs, cache and cache / f"{name.split()[0].replace('/', '-')}.pkl") for name, docs in sets.items()}
    feature_seconds = time.perf_counter() - started
    n_docs = sum(len(d) for d in sets.values())
    # DUC topics span months to years: also cluster them with the dates withheld.
    sets["DUC 2007 (dates withheld)"] = sets["DUC 2007 (dated)"]
    features["DUC 2007 (dates withheld)"] = [replace(f, date=None) for f in features["DUC 2007 (dated)"]]

    rows = []
    for name, docs in sets.items():
        gold = [d.gold for d in docs]
        feats = features[name]
        systems: list[tuple[str, Callable[[], list[str]]]] = [
            ("newsbrief StoryClusterer (online)", lambda feats=feats: run_newsbrief(feats)),  # type: ignore[misc]
            ("embedding + threshold (online)", lambda feats=feats: run_embedding_threshold(feats)),  # type: ignore[misc]
            ("TF-IDF + agglomerative (offline)", lambda docs=docs: run_agglomerative(docs)),  # type: ignore[misc]
        ]
        for system, run in systems:
            start = time.perf_counter()
            labels = run()
            seconds = time.perf_counter() - start
            s = scores(labels, gold)
            rows.append([name, system, s["b3p"], s["b3r"], s["b3f"], s["pwp"], s["pwr"], s["pwf"],
                         f"{int(s['clusters'])} / {int(s['gold'])}", f"{seconds:.1f}"])
            print(rows[-1], flush=True)

    everything = [f for name in sets if "withheld" not in name for f in features[name]]
    random.Random(SEED).shuffle(everything)
    cost_rows = []
    sizes = [1000, 2000, len(everything), 10_000, 20_000] if not args.limit else [len(everything)]
    for size in sizes:
        feats = everything[:size] if size <= len(everything) else resample(everything, size, random.Random(size))
        seconds, peak = measure(lambda feats=feats: run_newsbrief(feats))
        cost_rows.append([size, "resampled" if size > len(everything) else "real", f"{seconds:.1f}",
                          f"{1000 * seconds / size:.2f}", f"{COMPARISONS[-1] / size:.1f}", f"{peak:.0f}"])
        print(cost_rows[-1], flush=True)

    command = ".venv/bin/python bench/stories.py" + (f" --limit {args.limit}" if args.limit else "")
    markdown = f"""## Story clustering (`bench/stories.py`)

Command: `{command}` — machine: {machine()}.

Data: ECB+ (982 articles; gold = topic + ecb/ecbplus sub-topic: 86 events in 43 pairs of
look-alike events; no dates), NeuS/AllSides val (921 articles, 307 stories of 3 outlets each;
no dates), DUC 2007 main + update (the update task's 1,375 − 1,125 files are copies of main-task
documents of the same topics, so 1,125 distinct articles in 45 topics; dated from DATE_TIME;
topics span months to years and several events, so the 10-day story window splits them by
design; the "dates withheld" rows cluster the same articles without dates).
{n_docs} articles in all; streamed in a fixed shuffled order (seed {SEED}), batches of {BATCH},
each batch in publication order, consolidation after each batch. Features (computed once,
{feature_seconds:.0f} s for all sets): MiniLM embedding of title + lead, hashed TF of the text,
spaCy NER on the first 1,000 characters; no times layer. Peers: embedding + threshold
(t = {EMBED_THRESHOLD}) and TF-IDF + average-linkage agglomerative (cosine distance
{AGGLO_DISTANCE}), each tuned once on ECB+ and NeuS (grids in the script); newsbrief's defaults
(join 0.42, weights 0.45 / 0.35 / 0.20) were chosen on the same two sets from a few variants.

{table(["set", "system", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1", "clusters / gold", "s"], rows)}

Cost of `StoryClusterer` (clustering only, features precomputed; the sets together in the
same shuffled order; 10k / 20k are resampled copies with jittered embeddings, for cost only;
peak = growth of resident memory during the run, from the kernel's peak-RSS counter):

{table(["articles", "data", "seconds", "ms / article", "stories compared / article", "peak MB"], cost_rows)}

Reading: newsbrief clusters *events*, online, seeing each article once: it has the highest
B-cubed precision on every set and trades recall for it. On ECB+ (look-alike event pairs) it
beats both peers; on NeuS (three outlets framing one story differently) it is level with the
online peer and behind the offline one; DUC's gold clusters are topics spanning many events
and years, so event-level stories (and the 10-day window) split them — the offline TF-IDF
clustering, which sees every document at once, suits that task better. Blocking keeps the
stories compared per article nearly flat as the stream grows; time per article still grows
slowly (postings fill up to their cap, and resampled copies make stories unusually large).
"""
    write_section("stories", markdown, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The parse features kept with each sentence (newsbrief.analyse.clauses): what fact grouping
compares at brief time, read from the stored analysis without loading the parser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsbrief.analyse.clauses import sentence_predicates
from newsbrief.analyse.nlp import parse

ROOT = Path(__file__).resolve().parent.parent

JOINT = ("Senate Majority Leader Mitch McConnell (R-Ky.) and Sen. Tim Kaine (D-Va.) introduced new legislation on "
         "Monday that would raise the legal age to purchase tobacco products nationwide to 21.")
ALONE = ("Senate Majority Leader Mitch McConnell, R-Ky., introduced bipartisan legislation on Monday to raise the "
         "federal minimum age to purchase tobacco from 18 to 21.")


def test_a_predicate_keeps_its_doer_object_negation_and_mood() -> None:
    sued, = (p for p in sentence_predicates(parse("The city was sued by Exxon on Friday.")) if p.lemma == "sue")
    assert (sued.subjects, sued.objects, sued.main, sued.negated, sued.mood) == (("Exxon",), ("city",), True, False, None)
    verbs = {p.lemma: p for p in sentence_predicates(parse("The mayor said the council could not approve the plan."))}
    assert verbs["approve"].main and verbs["approve"].negated and verbs["approve"].mood == "could"
    assert verbs["approve"].subjects == ("council",) and verbs["approve"].objects == ("plan",)
    plans = {p.lemma: p for p in sentence_predicates(parse("Exxon plans to sue the city."))}
    assert plans["sue"].mood == "plan" and plans["sue"].subjects == ("Exxon",)
    joint = [p for p in sentence_predicates(parse(JOINT)) if p.parties]
    assert [p.lemma for p in joint] == ["introduce"] and joint[0].parties == ("McConnell", "Kaine")


BRIEF_FROM_STORE = """
import json, sys
from newsbrief import pipeline
from newsbrief.facts import claim_predicates
from newsbrief.models import Claim, Story
from newsbrief.pipeline.store_analysis import load_analyses
from newsbrief.propositions import same_proposition
from newsbrief.settings import Settings
from newsbrief.store import Store

with Store(sys.argv[1]) as store:
    articles = list(store.iter_articles())
    story = Story(id="s", title="Tobacco age", article_ids=tuple(a.id for a in articles))
    brief = pipeline.brief_story(store, story, Settings(db_path=sys.argv[1]))
    # the joint-act test on the first sentence of each, with the predicates read back from the store
    analyses = load_analyses(store, articles)
    claims = [Claim(a.article.id, a.article.outlet, s.start, s.end, s.text) for a in analyses for s in a.sentences[:1]]
    verbs = claim_predicates(analyses, claims)
    credits = [same_proposition(claims[x], claims[y], 0.9, None, (verbs[x], verbs[y])) for x, y in ((0, 1), (1, 0))]
print(json.dumps({"facts": [[f.text, list(f.outlets)] for f in brief.facts], "credits": credits}))
print("LOADED:" + ",".join(sorted(m for m in ("spacy", "newsbrief.analyse.sentences", "newsbrief.analyse.clauses")
                                  if m in sys.modules)), file=sys.stderr)
"""


@pytest.mark.slow  # parses two articles here and runs the sentence model in the brief
def test_a_brief_from_stored_analyses_loads_no_parser_and_keeps_the_joint_act_rule(tmp_path: Path) -> None:
    from newsbrief import pipeline
    from newsbrief.analyse import LAYER_NAMES, analyse_article
    from newsbrief.models import Article
    from newsbrief.store import Store

    db = tmp_path / "news.db"
    hill = (f"{JOINT} Kaine said vaping among teenagers had become an epidemic in Virginia schools. The bill "
            "includes members of the military, who can now buy tobacco at 18.")
    post = (f"{ALONE} The Kentucky Republican has long defended the tobacco growers of his state. Public health groups "
            "welcomed the move but said flavoured e-cigarettes should be banned as well.")
    articles = [
        Article(id="a" * 16, content_hash="ha", origin="a.txt", text=hill, title="Tobacco age", outlet="Hill",
                published="2019-05-20"),
        Article(id="b" * 16, content_hash="hb", origin="b.txt", text=post, title="Tobacco age", outlet="Post",
                published="2019-05-20"),
    ]
    with Store(db) as store:
        for article in articles:
            store.add_article(article)
            pipeline.save_analysis(store, analyse_article(article), LAYER_NAMES)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-c", BRIEF_FROM_STORE, str(db)], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    loaded = next(x for x in done.stderr.splitlines() if x.startswith("LOADED:"))
    assert loaded == "LOADED:", f"a brief from stored analyses loaded {loaded[7:]}"
    out = json.loads(done.stdout)
    # the joint act of McConnell and Kaine (Hill) is not stated by the Post's McConnell alone;
    # the Post's version is stated by Hill's
    assert out["credits"] == [False, True]
    facts = out["facts"]
    assert [outlets for text, outlets in facts if "Kaine" in text] in ([], [["Hill"]])
    assert any("Kaine" not in text and "McConnell" in text and sorted(outlets) == ["Hill", "Post"]
               for text, outlets in facts)

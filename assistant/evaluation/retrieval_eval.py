"""Leave-one-out retrieval: does the finding code's query find what the Panel said on the same point elsewhere?

For each Panel gap point with a code, in example k: query the index with that code's retrieval query
(`finding-messages.yaml`, the one the critique uses), Panel comments only, example k excluded. Relevant:
a comment from another example with a gold point (any kind) of the same code. Points whose code has no
such comment are excluded and counted. Also measured: how much each query and message template is
lifted from one Panel comment, since a query copied from a comment "retrieves" that comment trivially.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.critic.taxonomy import load_templates
from assistant.domain.corpus import Corpus
from assistant.domain.critique import Critique
from assistant.domain.evals import QueryProvenance, RetrievalPoint, RetrievalReport
from assistant.evaluation.dataset import Gold
from assistant.evaluation.scorers import ratio
from assistant.evaluation.solver import leakage
from assistant.retrieval import CorpusIndex

TOP = 5
DEPTH = 10
LIFTED = 0.5


def relevant_comments(gold: Gold) -> dict[str, set[str]]:
    """code -> ids of Panel comments (not intros) with a point of that code."""
    out: dict[str, set[str]] = {}
    for p in gold.points:
        if p.code is not None and not p.entry.endswith("-intro"):
            out.setdefault(p.code, set()).add(p.entry)
    return out


def _first(retrieved: list[str], relevant: set[str] | list[str]) -> int | None:
    return next((i for i, r in enumerate(retrieved, 1) if r in relevant), None)


def _summary(ranks: list[int | None]) -> tuple[float | None, float | None]:
    hits = sum(r is not None and r <= TOP for r in ranks)
    rr = sum(1 / r for r in ranks if r is not None)
    return ratio(hits, len(ranks)), ratio(rr, len(ranks))


def evaluate(
    gold: Gold, index: CorpusIndex, critiques: Mapping[int, Critique], corpus: Corpus
) -> RetrievalReport:
    templates = load_templates().findings
    by_code = relevant_comments(gold)
    lifted = {p.code: p.query_source for p in provenance(corpus) if p.query_overlap >= LIFTED}
    points = []
    for p in gold.points_of("gap"):
        if p.code is None:
            continue
        relevant = sorted(c for c in by_code.get(p.code, set()) if not c.startswith(f"ex{p.example}-"))
        hits = index.search(
            templates[p.code].query, n=DEPTH, kinds=["panel_comment"], exclude_example=p.example
        )
        retrieved = [h.id for h in hits]
        source = lifted.get(p.code)
        points.append(
            RetrievalPoint(
                point=p.id,
                example=p.example,
                code=p.code,
                eligible=bool(relevant),
                relevant=relevant,
                retrieved=retrieved,
                rank=_first(retrieved, relevant),
                lifted_from=source,
                rank_unlifted=_first(retrieved, [r for r in relevant if r != source]),
            )
        )
    eligible = [p for p in points if p.eligible]
    recall5, mrr = _summary([p.rank for p in eligible])
    unlifted = [p for p in eligible if any(r != p.lifted_from for r in p.relevant)]
    recall5_u, mrr_u = _summary([p.rank_unlifted for p in unlifted])
    violations = sum(len(leakage(n, c)) for n, c in critiques.items())
    return RetrievalReport(
        recall_at_5=recall5,
        mrr=mrr,
        recall_at_5_unlifted=recall5_u,
        mrr_unlifted=mrr_u,
        eligible_unlifted=len(unlifted),
        eligible=len(eligible),
        excluded=len(points) - len(eligible),
        excluded_codes=sorted({p.code for p in points if not p.eligible}),
        points=points,
        leave_one_out_violations=violations,
    )


_WORD = re.compile(r"[a-z0-9']+")


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower().replace("{{ detail }}", " "))
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _lifted(text: str, corpus: Corpus) -> tuple[float, str | None]:
    grams = _trigrams(text)
    if not grams:
        return 0.0, None
    best, source = 0.0, None
    for c in corpus.panel_comments:
        share = len(grams & _trigrams(c.text)) / len(grams)
        if share > best:
            best, source = share, c.id
    return round(best, 3), source


def provenance(corpus: Corpus) -> list[QueryProvenance]:
    out = []
    for code, t in load_templates().findings.items():
        q, qs = _lifted(t.query, corpus)
        m, ms = _lifted(t.message, corpus)
        out.append(
            QueryProvenance(code=code, query_overlap=q, query_source=qs, message_overlap=m, message_source=ms)
        )
    return out

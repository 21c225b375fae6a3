"""`corpus`, `index`, `search`, `schema`: what the corpus holds and how to query it."""

from __future__ import annotations

import time

import click

from assistant import services
from assistant.cli.app import cli, emit_json, exclude_option, format_option, progress, write_output
from assistant.domain.corpus import KINDS, CorpusSummary, SearchResponse
from assistant.render.library_markdown import passage_lines

ROLE_NOTE = {
    "may_be_required": "",
    "supporting": " Supporting context only: offered as further reading, never required.",
    "framework": "",
}


def _publication_lines(s: CorpusSummary, role: str) -> list[str]:
    return [
        f"- {p.title} ({p.kind}, {p.date}). Source: {p.source}."
        + (f" Status: {p.status}." if p.status else "")
        + ROLE_NOTE[p.role]
        for p in s.publications
        if (p.role == "framework") == (role == "framework")
    ]


def stale_warning(s: CorpusSummary) -> str | None:
    """One line for standard error when the reference data is more than a year past its last check."""
    if not s.reference_stale:
        return None
    return (
        f"warning: the reference data (national reviews, statutory framework) was last checked {s.reference_checked}, "
        "more than 12 months ago — check it against the Panel's and GOV.UK's current publications, then update "
        "the entries and their 'checked' dates in corpus/national-reviews.yaml and corpus/statutory-criteria.yaml"
    )


def _corpus_markdown(s: CorpusSummary) -> str:
    c = s.counts
    lines = [
        "# Corpus",
        "",
        f"- examples: {c.examples}",
        f"- panel_comments: {c.panel_comments}",
        f"- minimum_requirements: {c.minimum_requirements}",
        f"- important_issues: {c.important_issues}",
        f"- national_reviews: {c.national_reviews}",
        f"- criteria: {c.criteria}",
        f"- review_sections: {c.review_sections}",
        "",
        *(f"- {e}" for e in s.examples),
        "",
        f"Source: {s.source}",
        "",
        "## National reviews, briefing papers and annual reports",
        "",
        *_publication_lines(s, "review"),
        "",
        "## Statutory framework and guidance",
        "",
        *_publication_lines(s, "framework"),
        "",
        f"Reference data last checked: {s.reference_checked or 'not recorded'}",
        f"Content hash: {s.content_hash[:16]}",
    ]
    return "\n".join(lines) + "\n"


@cli.command()
@format_option
def corpus(fmt: str) -> None:
    """What the corpus holds: examples, Panel comments, guidance, national reviews, the framework."""
    summary = services.corpus_info()
    if (warning := stale_warning(summary)) is not None:
        click.echo(warning, err=True)
    write_output(emit_json(summary) if fmt == "json" else _corpus_markdown(summary), None)


@cli.command("index")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Delete the index and build it again from the corpus (repairs a damaged index).",
)
def index_cmd(rebuild: bool) -> None:
    """Build the retrieval index (done automatically on first use)."""
    started = time.perf_counter()
    if rebuild:
        from assistant.retrieval.index import rebuild_index

        idx = rebuild_index(progress=progress)
    else:
        idx = services.index(progress)
    state = "rebuilt" if rebuild else "built" if idx.built_now else "up to date"
    click.echo(
        f"index {state}: {idx.count} items in collection {idx.name} ({time.perf_counter() - started:.1f} s)"
    )


def _search_markdown(r: SearchResponse) -> str:
    lines = [f"# Search: {r.query}", ""]
    if not r.results:
        lines.append("No results.")
    for i, hit in enumerate(r.results, 1):
        text = hit.text if len(hit.text) <= 600 else hit.text[:600].rstrip() + "…"
        lines += [f"{i}. **{hit.kind}**: {hit.source} (score {hit.score:.4f})", "", f"   > {text}", ""]
    if r.local_passages:
        lines += ["## From the local library", "", *passage_lines(r.local_passages)]
    return "\n".join(lines).rstrip() + "\n"


@cli.command()
@click.argument("query")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only this kind (repeatable).")
@exclude_option
@click.option(
    "-n", "--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="How many results."
)
@format_option
def search(query: str, kinds: tuple[str, ...], exclude_example: int | None, limit: int, fmt: str) -> None:
    """Hybrid search (vectors + BM25) over the corpus."""
    response = services.search(
        query, kinds=kinds or None, exclude_example=exclude_example, n=limit, progress=progress
    )
    write_output(emit_json(response) if fmt == "json" else _search_markdown(response), None)

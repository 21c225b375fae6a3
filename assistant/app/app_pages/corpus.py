"""Corpus browser: the Panel's five example rapid reviews with its comments inline, the guidance, the
national reviews, and search over all of it."""

from __future__ import annotations

import streamlit as st

from assistant import services
from assistant.app import components
from assistant.app.components import md_escape, md_quote
from assistant.app.state import init_state
from assistant.domain.corpus import KINDS
from assistant.errors import RRAError

init_state()
state = st.session_state
corpus = services.corpus()
summary = services.corpus_info()

st.title("Panel examples and guidance")
st.markdown(
    f"The Panel's *Rapid review examples* ({md_escape(summary.source)}): "
    f"{summary.counts.examples} example reviews with {summary.counts.panel_comments} Panel comments, "
    f"{summary.counts.minimum_requirements} minimum requirements, {summary.counts.important_issues} "
    f"important issues and {summary.counts.national_reviews} national reviews and briefing papers."
)

examples_tab, guidance_tab, national_tab, search_tab = st.tabs(
    ["Examples", "Guidance", "National reviews", "Search"]
)

with examples_tab:
    st.header("The five example rapid reviews")
    number: int = st.selectbox(
        "Example to read",
        [e.number for e in corpus.examples],
        format_func=lambda n: f"Example {n}: {corpus.example(n).title}",
        key="w_corpus_example",
    )
    example = corpus.example(number)
    comments = {c.id: c for c in example.comments}
    decision = "commission an LCSPR" if example.lcspr_decision == "commission" else "not commission an LCSPR"
    agreed = "agreed" if example.panel_agreed else "did not agree"
    st.subheader(f"Example {example.number}: {md_escape(example.title)}")
    st.markdown(f"The partnership decided to **{decision}**; the Panel **{agreed}**.")
    st.info(md_escape(components.link_text(example.verdict)), icon=":material/gavel:")
    for section in example.sections:
        heading = section.heading or "Opening"
        with st.expander(md_escape(heading), expanded=bool(section.comment_ids)):
            st.markdown(md_escape(components.link_text(section.text)).replace("\n", "  \n"))
            for cid in section.comment_ids:
                comment = comments.get(cid)
                if comment is not None:  # neutral: the Panel's comments are often critical, never "success"
                    with st.container(border=True):
                        st.markdown(f"**Panel comment:** {md_escape(components.link_text(comment.text))}")

with guidance_tab:
    st.header("The Panel's guidance")
    groups = [
        ("minimum_requirement", "What a rapid review must record as a minimum"),
        ("important_issue", "Important issues to consider"),
    ]
    for group, title in groups:
        st.subheader(title)
        st.markdown(
            "\n".join(
                f"{i}. {md_escape(g.text)}"
                for i, g in enumerate((g for g in corpus.guidance if g.group == group), start=1)
            )
        )

with national_tab:
    st.header("National reviews and briefing papers")
    for review in corpus.national_reviews:
        with st.expander(f"{md_escape(review.title)} ({review.date_label})"):
            st.markdown(f"**{md_escape(review.kind.capitalize())}** about {md_escape(review.theme)}")
            st.markdown("**Main findings:**\n" + "\n".join(f"- {md_escape(p)}" for p in review.key_points))
            st.markdown("**Relevant when a case involves:** " + md_escape(", ".join(review.triggers)))

kind_labels = {
    "guidance": "Guidance",
    "review_section": "Example review sections",
    "panel_comment": "Panel comments",
    "national_review": "National reviews",
    "criterion": "Statutory criteria",
}
with search_tab:
    st.header("Search the corpus")
    with st.form("corpus_search"):
        query: str = st.text_input(
            "Search for", placeholder="e.g. co-sleeping, hard to reach, ethnicity", key="w_corpus_query"
        )
        kinds: list[str] = st.multiselect(
            "Only these kinds (leave empty for all)", list(KINDS), format_func=kind_labels.__getitem__
        )
        submitted = st.form_submit_button("Search", icon=":material/search:")
    if submitted:
        if not query.strip():
            st.warning("Type some words to search for.")
        else:
            try:
                # The first search may build the index (up to a minute): a bar with a count, not a spinner.
                with components.progress_bar("Searching…") as say:
                    state.search_results = services.search(query, kinds=kinds or None, n=8, progress=say)
            except RRAError as exc:
                components.show_error(exc)
    response = state.search_results
    if response is not None:
        st.subheader(f"Results for “{md_escape(response.query)}”")
        if not response.results:
            st.caption("Nothing matched.")
        for hit in response.results:
            st.markdown(f"**{md_escape(hit.source)}** · {kind_labels[hit.kind]}")
            st.markdown(md_quote(components.one_line(components.link_text(hit.text), 600)))

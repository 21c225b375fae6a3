"""Basic accessibility of every page, with its results showing: every input has a visible, non-empty label,
and the headings go down one level at a time (one h1, no skipped levels). The browser test checks the same
in the rendered DOM of the critique page."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Element, HeadingBase, Markdown, Widget

from tests.fakes.app import click
from tests.test_ui_apptest import DRAFT, SAMPLES, run_critique

VISIBLE = 0  # LabelVisibilityMessage.VISIBLE; 1 is hidden, 2 collapsed
_MD_HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)
_HTML_HEADING = re.compile(r"<h([1-6])[\s>]", re.IGNORECASE)


def walk(node: Block | Element) -> Iterator[Block | Element]:
    yield node
    if isinstance(node, Block):
        for child in node.children.values():
            yield from walk(child)


def heading_levels(at: AppTest) -> list[tuple[int, str]]:
    """Headings of the main area in document order: st.title/header/subheader and markdown/HTML ones."""
    levels: list[tuple[int, str]] = []
    for node in walk(at.main):
        if isinstance(node, HeadingBase):
            levels.append((int(node.tag[1]), node.value))
        elif isinstance(node, Markdown):
            levels += [(len(m.group(1)), node.value) for m in _MD_HEADING.finditer(node.value)]
        elif getattr(node, "type", "") == "html":
            body = getattr(node, "proto").body  # noqa: B009
            levels += [(int(m.group(1)), "html") for m in _HTML_HEADING.finditer(body)]
    return levels


def assert_headings_in_order(at: AppTest) -> None:
    levels = heading_levels(at)
    assert levels, "the page has no headings"
    assert levels[0][0] == 1, f"the first heading is not an h1: {levels[0]}"
    assert sum(level == 1 for level, _ in levels) == 1, f"more than one h1: {levels}"
    for (before, _), (level, text) in itertools.pairwise(levels):
        assert level <= before + 1, f"heading '{text}' is h{level} straight after an h{before}: {levels}"


def assert_inputs_labelled(at: AppTest) -> None:
    widgets = [n for n in walk(at.main) if isinstance(n, Widget)]
    widgets += [n for n in walk(at.sidebar) if isinstance(n, Widget)]
    assert widgets
    for w in widgets:
        label = getattr(w, "label", "")
        assert isinstance(label, str) and label.strip(), f"{w.type} without a label"
        visibility = getattr(getattr(w.proto, "label_visibility", None), "value", VISIBLE)
        assert visibility == VISIBLE, f"{w.type} '{label}' hides its label"
    for node in walk(at.main):
        if getattr(node, "type", "") in ("expander", "tab"):
            assert str(getattr(node, "label", "")).strip(), "an expander or tab without a label"


def test_critique_page_before_and_after_a_critique(app: Callable[[str | None], AppTest]) -> None:
    at = app("critique")
    assert_inputs_labelled(at)
    assert_headings_in_order(at)
    run_critique(at, DRAFT)
    assert at.expander  # the results are showing
    assert_inputs_labelled(at)
    assert_headings_in_order(at)


def test_draft_page(app: Callable[[str | None], AppTest]) -> None:
    at = app("draft")
    assert_inputs_labelled(at)
    assert_headings_in_order(at)
    at.text_area(key="w_draft_text").input((SAMPLES / "chronology-exploitation.txt").read_text()).run()
    click(at, "Draft the sections")
    assert at.data_editor
    assert_inputs_labelled(at)
    assert_headings_in_order(at)


def test_kloe_page(app: Callable[[str | None], AppTest]) -> None:
    at = app("kloe")
    at.text_area(key="w_kloe_text").input((SAMPLES / "chronology-exploitation.txt").read_text()).run()
    click(at, "Find the lines of enquiry")
    assert at.expander
    assert_inputs_labelled(at)
    assert_headings_in_order(at)


def test_corpus_browser(app: Callable[[str | None], AppTest]) -> None:
    at = app("corpus")
    at.text_input(key="w_corpus_query").input("co-sleeping")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert_inputs_labelled(at)
    assert_headings_in_order(at)


def test_evaluation_page(app: Callable[[str | None], AppTest]) -> None:
    at = app("evaluation")
    assert_inputs_labelled(at)
    assert_headings_in_order(at)
    click(at, "Run the evaluation now")
    assert at.metric
    assert_inputs_labelled(at)
    assert_headings_in_order(at)


def test_the_checks_catch_problems() -> None:
    bad = AppTest.from_string(
        "import streamlit as st\n"
        "st.header('Starts at h2')\n"
        "st.markdown('#### then h4')\n"
        "st.text_input('Hidden', label_visibility='collapsed')\n"
    ).run()
    with pytest.raises(AssertionError, match="not an h1"):
        assert_headings_in_order(bad)
    with pytest.raises(AssertionError, match="hides its label"):
        assert_inputs_labelled(bad)
    skipped = AppTest.from_string(
        "import streamlit as st\nst.title('T')\nst.subheader('h3 after h1')\n"
    ).run()
    with pytest.raises(AssertionError, match="straight after an h1"):
        assert_headings_in_order(skipped)

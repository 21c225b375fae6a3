"""`critique --annotate`: the author's own draft back with every finding as a Word comment on its passage.

Every document here is built in the test with python-docx (headings, bold runs, a table with merged cells,
a hyperlink, and tracked changes written as raw XML); the drafts are invented.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from assistant import services
from assistant.cli import main
from assistant.documents.reader import read_bytes
from assistant.domain.critique import (
    Critique,
    CritiqueMeta,
    Evidence,
    Finding,
    GuidanceRef,
    Mark,
    NationalReviewRef,
    SectionSummary,
    Strength,
)
from assistant.errors import InputError
from assistant.render.docx_offsets import DocxOffsets
from assistant.render.run_split import RunPieces, run_text, split_run
from assistant.render.word_comments import AUTHOR, INITIALS, annotate
from tests.fakes.documents import make_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

DRAFT_MD = """# Rapid review: Child K

## Case information

Child K is a boy aged 9 months. He lived at home with his mother, aged 22, and her partner.

## What happened

On 2 February Child K was taken to hospital with a head injury. Doctors found bleeding on the brain.
A health visitor had seen a bruise on his cheek on 20 January and advised the mother.

| Date | Agency | Event |
|---|---|---|
| 20 January | Health visitor | Bruise on the cheek seen at a home visit |
| 2 February | Hospital | Head injury; police informed |

## Decision

The partnership decided that a Local Child Safeguarding Practice Review will be undertaken because \
there may be learning about how bruising in non-mobile babies is responded to.
"""


@pytest.fixture
def no_retrieval(monkeypatch: pytest.MonkeyPatch) -> None:
    """Similar Panel comments are not under test; skip the retrieval index for speed."""
    monkeypatch.setattr(services, "critique", functools.partial(services.critique, with_panel_comments=False))


# ---------------------------------------------------------------------------------------------- fixtures


def _ins(text: str, rid: int) -> Any:
    return parse_xml(
        f'<w:ins {nsdecls("w")} w:id="{rid}" w:author="Editor" w:date="2026-01-05T10:00:00Z">'
        f'<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>'
    )


def _del(text: str, rid: int) -> Any:
    return parse_xml(
        f'<w:del {nsdecls("w")} w:id="{rid}" w:author="Editor" w:date="2026-01-05T10:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'
    )


def build_draft() -> bytes:
    """A Word draft with the shapes authors use: title, headings, mixed formatting inside a sentence, a
    list, a bold label line, a tracked insertion and deletion, a hyperlink and a table with merged cells."""
    d = docx.Document()
    d.add_heading("Rapid review: Child K", level=0)
    d.add_heading("Case information", level=1)
    p = d.add_paragraph("Child K is a boy ")
    bold = p.add_run("aged 9 months")
    bold.bold = True
    p.add_run(". He lived at home with his ")
    it = p.add_run("mother, aged 22")
    it.italic = True
    p.add_run(", and her partner.")
    d.add_paragraph("Known to children's social care", style="List Bullet")
    d.add_heading("What happened", level=1)
    p = d.add_paragraph("On 2 February Child K was taken to hospital ")
    p._p.append(_del("after a fall ", 801))
    p._p.append(_ins("with a head injury", 802))
    p.add_run(". Doctors found bleeding on the brain.")
    p = d.add_paragraph("A health visitor had seen a bruise on his cheek and advised the mother (see ")
    link = parse_xml(
        f'<w:hyperlink {nsdecls("w")} w:anchor="notes"><w:r><w:t>the visit notes</w:t></w:r></w:hyperlink>'
    )
    p._p.append(link)
    p.add_run(").")
    table = d.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for i, value in enumerate(["Date", "Agency", "Event"]):
        table.cell(0, i).text = value
    for i, value in enumerate(["20 January", "Health visitor", "Bruise on the cheek seen at a home visit"]):
        table.cell(1, i).text = value
    table.cell(2, 0).text = "2 February"
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "Hospital: head injury; police informed"
    d.add_paragraph().add_run("Decision").bold = True
    d.add_heading("Decision", level=1)
    d.add_paragraph(
        "The partnership decided that a Local Child Safeguarding Practice Review will be undertaken because "
        "there may be learning about how bruising in non-mobile babies is responded to."
    )
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def anchored_texts(document: Any) -> dict[int, str]:
    """Comment id -> the visible text between its range start and end, in document order (tracked
    deletions left out, tabs and line breaks as characters)."""
    active: set[int] = set()
    texts: dict[int, list[str]] = {}
    for el in document.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            active.add(int(el.get(qn("w:id"))))
            texts.setdefault(int(el.get(qn("w:id"))), [])
        elif el.tag == qn("w:commentRangeEnd"):
            active.discard(int(el.get(qn("w:id"))))
        elif el.tag in (qn("w:t"), qn("w:tab"), qn("w:br")):
            if any(a.tag == qn("w:del") for a in el.iterancestors()):
                continue
            piece = el.text or "" if el.tag == qn("w:t") else ("\t" if el.tag == qn("w:tab") else "\n")
            for comment_id in active:
                texts[comment_id].append(piece)
    return {k: "".join(v) for k, v in texts.items()}


def _ev(text: str, quote: str, after: str = "") -> Evidence:
    start = text.index(quote, text.index(after) if after else 0)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def _critique(text: str, findings: list[Finding], strengths: list[Strength], headings: list[str]) -> Critique:
    sections = [
        SectionSummary(heading=h, start=text.index(f"# {h}") - 0, end=len(text), findings=0) for h in headings
    ]
    return Critique(
        summary="A clear account of what happened; the case information is incomplete.",
        findings=findings,
        strengths=strengths,
        sections=sections,
        meta=CritiqueMeta(
            provider="offline",
            input_chars=len(text),
            input_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
            looks_like_rapid_review=True,
        ),
    )


def _finding(code: str, title: str, section: str, evidence: list[Evidence], **extra: Any) -> Finding:
    return Finding(
        code=code,
        title=title,
        severity=extra.pop("severity", "must-fix"),
        section=section,
        evidence=evidence,
        message=extra.pop("message", f"The Panel would ask about {title.lower()}."),
        **extra,
    )


def crafted_critique(text: str) -> Critique:
    """Findings on the hard places: across formatting, inside a tracked insertion, a hyperlink, table cells
    (one across two cells), two paragraphs, and absences about a section and about the whole draft."""
    findings = [
        _finding(
            "AGE_VAGUE",
            "Ages of the family",
            "Case information",
            [_ev(text, "boy aged 9 months. He lived at home with his mother")],
            guidance=[
                GuidanceRef(id="min-5", text="Give the ages of the child and the adults in the household.")
            ],
        ),
        _finding(
            "INJURY", "Injury", "What happened", [_ev(text, "a head injury. Doctors")], severity="consider"
        ),
        _finding("LINK", "Visit notes", "What happened", [_ev(text, "visit notes")], severity="consider"),
        _finding(
            "TABLE_CELL",
            "Home visit",
            "What happened",
            [_ev(text, "seen at a home"), _ev(text, "Health visitor\tBruise on")],
            national_reviews=[
                NationalReviewRef(
                    id="bruising-2022", title="Bruising in babies", why="a non-mobile baby was bruised"
                )
            ],
            severity="consider",
        ),
        _finding(
            "ACROSS",
            "Across paragraphs",
            "What happened",
            [_ev(text, "brain.\n\nA health")],
            severity="consider",
        ),
        _finding("ETHNICITY_MISSING", "Child's ethnicity not recorded", "Case information", []),
        _finding("LEARNING_MISSING", "No immediate learning identified", "Whole document", []),
        _finding(
            "MODEL_ONLY",
            "Who was at home",
            "Case information",
            [_ev(text, "her partner")],
            origin="llm",
            source="model",
            severity="consider",
        ),
    ]
    strengths = [
        Strength(
            code="CLEAR_DECISION",
            title="Clear decision with reasons",
            section="Decision",
            evidence=[_ev(text, "will be undertaken because", after="The partnership")],
            message="The decision and its reasons are clear.",
        )
    ]
    return _critique(text, findings, strengths, ["Case information", "What happened", "Decision"])


def _ins_del(document: Any) -> list[tuple[str, str]]:
    body = document.element.body
    return [
        (el.tag, "".join(t.text or "" for t in el.iter(f"{W}t", f"{W}delText")))
        for el in body.iter(f"{W}ins", f"{W}del")
    ]


# ---------------------------------------------------------------------------------------------- run splitting


def _run(xml: str) -> Any:
    paragraph = parse_xml(f"<w:p {nsdecls('w')}>{xml}</w:p>")
    return paragraph, paragraph[0]


def test_split_run_keeps_formatting_on_both_halves() -> None:
    p, r = _run(
        '<w:r w:rsidR="00AB"><w:rPr><w:b/><w:i/><w:color w:val="FF0000"/></w:rPr><w:t>Hello world</w:t></w:r>'
    )
    right = split_run(r, 6)
    assert [run_text(x) for x in p] == ["Hello ", "world"]
    for half in p:
        assert half.find(f"{W}rPr/{W}b") is not None and half.find(f"{W}rPr/{W}i") is not None
        assert half.find(f"{W}rPr/{W}color").get(f"{W}val") == "FF0000"
        assert half.get(f"{W}rsidR") == "00AB"
    # The space at the end of the left half is kept by Word only with xml:space="preserve".
    assert r.find(f"{W}t").get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert right is p[1]


def test_split_run_counts_tabs_and_breaks_as_one_character() -> None:
    p, r = _run("<w:r><w:t>ab</w:t><w:tab/><w:t>cd</w:t><w:br/><w:t>ef</w:t></w:r>")
    assert run_text(r) == "ab\tcd\nef"
    split_run(r, 3)  # just after the tab
    assert [run_text(x) for x in p] == ["ab\t", "cd\nef"]
    split_run(p[1], 3)  # just after the break
    assert [run_text(x) for x in p] == ["ab\t", "cd\n", "ef"]


def test_split_run_at_its_edges_changes_nothing() -> None:
    p, r = _run("<w:r><w:t>word</w:t></w:r>")
    before = copy.deepcopy(p)
    assert split_run(r, 0) is None and split_run(r, 4) is None and split_run(r, 9) is None
    assert len(p) == 1 and run_text(r) == run_text(before[0])


def test_run_pieces_address_the_original_offsets_after_many_cuts() -> None:
    p, r = _run("<w:r><w:rPr><w:u w:val='single'/></w:rPr><w:t>abcdefghij</w:t></w:r>")
    pieces = RunPieces()
    for cut in (7, 2, 5, 2, 9):
        pieces.cut(r, cut)
    assert [run_text(x) for x in p] == ["ab", "cde", "fg", "hi", "j"]
    start, element = pieces.piece_at(r, 6)
    assert start == 5 and run_text(element) == "fg"
    assert all(x.find(f"{W}rPr/{W}u") is not None for x in p)


# ---------------------------------------------------------------------------------------------- offsets


def test_offsets_rebuild_the_reader_text_and_point_at_its_characters() -> None:
    data = build_draft()
    text = read_bytes(data, "draft.docx").text
    mapped = DocxOffsets(docx.Document(io.BytesIO(data)))
    assert mapped.text == text
    # Every mapped character is the character of its run at that offset.
    checked = 0
    for start, end, run, offset in mapped.map.spans:
        assert text[start:end] == run_text(run)[offset : offset + end - start]
        checked += end - start
    # Only the reader's own additions are unmapped: markup, cell tabs, blank lines.
    unmapped = "".join(text[i] for i in range(len(text)) if mapped.map.first_in(i, i + 1) is None)
    assert set(unmapped) <= set("#*- \t\n") and checked > 0.9 * len(text)


# ---------------------------------------------------------------------------------------------- annotate a .docx


@pytest.fixture(scope="module")
def annotated() -> tuple[bytes, str, Critique, Any]:
    data = build_draft()
    document = read_bytes(data, "draft.docx")
    critique = crafted_critique(document.text)
    result = annotate(document, critique, data)
    assert not result.from_text and result.relocated == 0
    return data, document.text, critique, docx.Document(io.BytesIO(result.docx))


def test_each_comment_is_anchored_on_its_evidence_quote(annotated: tuple[bytes, str, Critique, Any]) -> None:
    _, _, critique, out = annotated
    anchors = anchored_texts(out)
    by_first_line = {c.text.split("\n")[0]: anchors[c.comment_id] for c in out.comments}
    assert (
        by_first_line["Must fix (minimum record): Ages of the family"]
        == "boy aged 9 months. He lived at home with his mother"
    )
    assert (
        by_first_line["Consider: Injury"] == "a head injury. Doctors"
    )  # partly inside the tracked insertion
    assert by_first_line["Consider: Visit notes"] == "visit notes"  # inside a hyperlink
    assert by_first_line["Consider: Home visit"] == "seen at a home"  # inside a table cell
    # Across two cells and two paragraphs: the same words; the tab and blank line are the reader's joins.
    also = [anchors[c.comment_id] for c in out.comments if c.text.startswith("Also part of: Home visit")]
    assert also == ["Health visitorBruise on"]
    across = next(anchors[c.comment_id] for c in out.comments if c.text.startswith("Consider: Across"))
    assert across == "brain.A health"
    quotes = [ev.quote for f in critique.findings for ev in f.evidence]
    quotes += [ev.quote for s in critique.strengths for ev in s.evidence]
    assert sorted("".join(q.split()) for q in quotes) == sorted(
        "".join(anchors[c.comment_id].split())
        for c in out.comments
        if not c.text.startswith(
            (
                "Rapid Review Assistant:",
                "Must fix (minimum record): Child's",
                "Must fix (minimum record): No immediate",
            )
        )
    )


def test_formatting_is_kept_where_runs_were_split(annotated: tuple[bytes, str, Critique, Any]) -> None:
    _, _, _, out = annotated
    runs = out.paragraphs[2].runs
    assert "".join(r.text for r in runs) == (
        "Child K is a boy aged 9 months. He lived at home with his mother, aged 22, and her partner."
    )
    assert "".join(r.text for r in runs if r.bold) == "aged 9 months"
    assert "".join(r.text for r in runs if r.italic) == "mother, aged 22"
    assert len(runs) > 5  # split at the comment boundaries


def test_the_text_tables_headings_and_tracked_changes_survive(
    annotated: tuple[bytes, str, Critique, Any],
) -> None:
    data, text, _, out = annotated
    original = docx.Document(io.BytesIO(data))
    buffer = io.BytesIO()
    out.save(buffer)
    assert read_bytes(buffer.getvalue(), "reviewed.docx").text == text
    assert [p.text for p in out.paragraphs] == [p.text for p in original.paragraphs]
    assert [p.style.name for p in out.paragraphs] == [p.style.name for p in original.paragraphs]
    assert [[c.text for c in row.cells] for row in out.tables[0].rows] == [
        [c.text for c in row.cells] for row in original.tables[0].rows
    ]
    assert (
        _ins_del(out)
        == _ins_del(original)
        == [(f"{W}del", "after a fall "), (f"{W}ins", "with a head injury")]
    )
    # The comment marks never become part of a tracked change: rejecting it would delete the comment.
    for ins in out.element.body.iter(f"{W}ins"):
        assert ins.find(f".//{W}commentReference") is None


def test_absences_sit_on_the_section_heading_or_the_title(
    annotated: tuple[bytes, str, Critique, Any],
) -> None:
    _, _, _, out = annotated
    anchors = anchored_texts(out)
    first_lines = {c.text.split("\n")[0]: anchors[c.comment_id] for c in out.comments}
    assert first_lines["Must fix (minimum record): Child's ethnicity not recorded"] == "Case information"
    assert (
        first_lines["Must fix (minimum record): No immediate learning identified"] == "Rapid review: Child K"
    )
    assert next(iter(out.comments)).text.startswith(f"{AUTHOR}: ")  # the summary first, on the title
    assert anchors[next(iter(out.comments)).comment_id] == "Rapid review: Child K"


def test_comment_words_are_plain_and_marked(annotated: tuple[bytes, str, Critique, Any]) -> None:
    _, _, critique, out = annotated
    comments = list(out.comments)
    assert len(comments) == 1 + 9 + 1  # summary, 9 evidence spans or absences, the strength
    assert {(c.author, c.initials) for c in comments} == {(AUTHOR, INITIALS)}
    ages = next(c.text for c in comments if "Ages of the family" in c.text)
    assert "What the Panel's guidance asks: Give the ages of the child" in ages
    visit = next(c.text for c in comments if c.text.startswith("Consider: Home visit"))
    assert "National review: Bruising in babies. Why it applies: a non-mobile baby was bruised" in visit
    model = next(c.text for c in comments if "Who was at home" in c.text)
    assert model.startswith("Model-written point (written by a remote model")
    assert any(c.text.startswith("Strength: Clear decision with reasons") for c in comments)
    everything = "\n".join(c.text for c in comments)
    for code in [f.code for f in critique.findings] + ["min-5", "bruising-2022", "characters"]:
        assert code not in everything


def test_marks_show_in_their_findings_comments() -> None:
    from assistant.critic.compare import finding_key

    data = build_draft()
    document = read_bytes(data, "draft.docx")
    critique = crafted_critique(document.text)
    marks = {
        finding_key(critique.findings[1]): Mark(status="not_applicable", reason="the injury is covered later")
    }
    out = docx.Document(io.BytesIO(annotate(document, critique, data, marks=marks).docx))
    injury = next(c.text for c in out.comments if c.text.startswith("Consider: Injury"))
    assert "Your mark: not applicable, because the injury is covered later" in injury


# ---------------------------------------------------------------------------------------------- through the service


def _assert_on_quotes(result_docx: bytes, critique: Critique) -> None:
    out = docx.Document(io.BytesIO(result_docx))
    anchors = sorted("".join(a.split()) for a in anchored_texts(out).values())
    for item in [*critique.findings, *critique.strengths]:
        for ev in item.evidence:
            assert "".join(ev.quote.split()) in anchors, ev.quote


def test_a_real_critique_of_a_word_draft(no_retrieval: None) -> None:
    data = build_draft()
    result = services.annotate_document(data, "draft.docx")
    quotes = [ev for f in result.critique.findings for ev in f.evidence]
    assert quotes and result.on_quote == len(quotes) + sum(len(s.evidence) for s in result.critique.strengths)
    assert result.comments == 1 + result.on_quote + result.on_heading
    _assert_on_quotes(result.docx, result.critique)
    assert read_bytes(result.docx, "out.docx").text == read_bytes(data, "draft.docx").text


@pytest.mark.parametrize("name", ["draft.md", "draft.txt", "draft.pdf"])
def test_text_drafts_become_a_word_draft_with_the_same_comments(name: str, no_retrieval: None) -> None:
    data = make_pdf([DRAFT_MD]) if name.endswith(".pdf") else DRAFT_MD.encode()
    result = services.annotate_document(data, name)
    assert result.from_text and result.relocated == 0 and result.on_quote > 0
    _assert_on_quotes(result.docx, result.critique)
    out = docx.Document(io.BytesIO(result.docx))
    words = " ".join(p.text for p in out.paragraphs)
    assert "Doctors found bleeding on the brain." in words
    if name != "draft.pdf":  # the PDF's text has no markdown left to find headings and tables by
        assert ("Heading 2", "Case information") in [(p.style.name, p.text) for p in out.paragraphs]
        assert [c.text for c in out.tables[0].rows[1].cells] == [
            "20 January",
            "Health visitor",
            "Bruise on the cheek seen at a home visit",
        ]
        assert "#" not in words


def test_a_critique_of_another_text_is_refused() -> None:
    data = build_draft()
    other = crafted_critique(read_bytes(data, "draft.docx").text).model_copy(
        update={
            "meta": CritiqueMeta(
                provider="offline", input_chars=1, input_sha256="0" * 64, looks_like_rapid_review=True
            )
        }
    )
    with pytest.raises(InputError, match="different text"):
        services.annotate_document(data, "draft.docx", existing=other)


def test_cli_writes_the_reviewed_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_retrieval: None
) -> None:
    source = tmp_path / "draft.docx"
    source.write_bytes(build_draft())
    target = tmp_path / "draft-reviewed.docx"
    assert main(["critique", str(source), "--annotate", "-o", str(target)]) == 0
    reviewed = docx.Document(str(target))
    assert len(list(reviewed.comments)) > 1
    assert read_bytes(target.read_bytes(), "x.docx").text == read_bytes(source.read_bytes(), "y.docx").text
    capsys.readouterr()
    assert main(["critique", str(source), "--annotate"]) == 2
    assert "add -o FILE.docx" in capsys.readouterr().err

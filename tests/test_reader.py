"""The input reader: every accepted input gives exact text, every bad input one clear InputError.

Binary fixtures (Word files, PDFs, zip bombs) are built here at test time rather than committed.
"""

from __future__ import annotations

import io
import os
import random
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pypdf
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.documents import reader
from assistant.documents.reader import InputDocument, read_bytes, read_path
from assistant.errors import InputError
from assistant.settings import get_settings
from tests.fakes.documents import make_pdf

SAVE_AS = "save the draft as .docx, .pdf, .md or .txt"
EMPTY_FIX = "paste or upload the draft rapid review text"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ---------------------------------------------------------------------------------------------- factories


def encrypt_pdf(data: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    # RC4: pypdf implements it without the optional cryptography package
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def save(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def review_docx() -> bytes:
    """Title, heading, paragraph, table (horizontal and vertical merges), bullets, bold line, paragraph."""
    d = docx.Document()
    d.add_heading("Rapid Review: Child A", 0)
    d.add_heading("Background", 1)
    d.add_paragraph("Child A lived with her mother.")
    table = d.add_table(rows=4, cols=3)
    rows = [
        ["Agency", "Date", "Event"],
        ["Police", "1 May", "Visit"],
        ["School", "2 May", "Absent"],
        ["", "", ""],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    across = table.cell(1, 1).merge(table.cell(1, 2))
    across.text = "1 May: home visit"
    down = table.cell(1, 0).merge(table.cell(2, 0))
    down.text = "Police"
    d.add_paragraph("Concern about neglect.")
    d.add_paragraph("First bullet", style="List Bullet")
    d.add_paragraph("Numbered point", style="List Number")
    d.add_paragraph().add_run("Key learning").bold = True
    d.add_heading("Sub-point", 3)
    d.add_paragraph("Tail paragraph.\tWith a tab.")
    return save(d)


REVIEW_TEXT = (
    "# Rapid Review: Child A\n\n"
    "# Background\n\n"
    "Child A lived with her mother.\n\n"
    "Agency\tDate\tEvent\n"
    "Police\t1 May: home visit\t\n"
    "\t2 May\tAbsent\n\n"
    "Concern about neglect.\n\n"
    "- First bullet\n\n"
    "- Numbered point\n\n"
    "**Key learning**\n\n"
    "### Sub-point\n\n"
    "Tail paragraph.\tWith a tab."
)


def rewrite_zip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """Copy a zip, passing each member through `change` (None drops the member)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body)
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


def zeros_member_zip(megabytes: int) -> bytes:
    """A docx-shaped zip with a streamed member of zeros: tiny on disk, huge when expanded."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"/>')
        with zf.open("word/media/blank.bin", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
    return out.getvalue()


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    return zeros_member_zip(300)


def refused(data: bytes, name: str = "input") -> InputError:
    with pytest.raises(InputError) as info:
        read_bytes(data, name)
    return info.value


def set_limit(monkeypatch: pytest.MonkeyPatch, var: str, value: int) -> None:
    monkeypatch.setenv(var, str(value))
    get_settings.cache_clear()


# ---------------------------------------------------------------------------------------------- model


def test_input_document_model_forbids_extra_fields_and_describes_each() -> None:
    for name, field in InputDocument.model_fields.items():
        assert field.description, name
    with pytest.raises(ValueError):
        InputDocument(text="x", name="n", format="text", encoding="utf-8", surprise=1)  # type: ignore[call-arg]
    assert InputError("x").exit_code == 2


# ---------------------------------------------------------------------------------------------- text


def test_utf8_kept_exactly_as_decoded_with_crlf() -> None:
    text = "  Background\r\n\r\nChild A — “quoted”, café.\r\n"
    doc = read_bytes(text.encode("utf-8"), "draft.txt")
    assert (doc.text, doc.format, doc.encoding, doc.warnings, doc.name) == (
        text,
        "text",
        "utf-8",
        [],
        "draft.txt",
    )


def test_utf8_bom_is_stripped() -> None:
    doc = read_bytes(b"\xef\xbb\xbfHello", "a.txt")
    assert (doc.text, doc.encoding) == ("Hello", "utf-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    text = "Rapid review\nChild Ł — ok"
    doc = read_bytes(bom + text.encode(codec), "a.txt")
    assert (doc.text, doc.encoding, doc.warnings) == (text, "utf-16", [])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_detected_by_nul_pattern(codec: str) -> None:
    text = "Rapid review of Child A\r\nDate of incident: 1 May 2024\r\n"
    doc = read_bytes(text.encode(codec), "a.txt")
    assert (doc.text, doc.encoding) == (text, "utf-16")


def test_utf32_with_bom() -> None:
    doc = read_bytes("\ufeffHello".encode("utf-32-le"), "a.txt")
    assert (doc.text, doc.encoding) == ("Hello", "utf-32")


def test_cp1252_fallback_warns() -> None:
    doc = read_bytes("Mum said “no” – twice".encode("cp1252"), "a.txt")
    assert doc.text == "Mum said “no” – twice"
    assert doc.encoding == "cp1252"
    assert doc.warnings == [
        "decoded as Windows-1252 (the file is not UTF-8): check quotes and accented letters"
    ]


def test_latin1_text_reads_through_cp1252() -> None:
    # Latin-1 and Windows-1252 agree on every printable byte, so this is reported as cp1252.
    doc = read_bytes("Café in Llanelli, naïve, Zoë".encode("latin-1"), "a.txt")
    assert (doc.text, doc.encoding) == ("Café in Llanelli, naïve, Zoë", "cp1252")


def test_latin1_last_resort_for_bytes_cp1252_leaves_undefined() -> None:
    data = b"Caf\xe9 and a stray \x81 byte in an otherwise long enough line of text"
    doc = read_bytes(data, "a.txt")
    assert doc.text == data.decode("latin-1")
    assert doc.encoding == "latin-1"
    assert doc.warnings == ["decoded as Latin-1 (the file is neither UTF-8 nor Windows-1252)"]


def test_markdown_by_extension_and_by_headings() -> None:
    assert read_bytes(b"plain words", "a.md").format == "markdown"
    assert read_bytes(b"plain words", "a.markdown").format == "markdown"
    assert read_bytes(b"intro\n\n## Learning\n\ntext", "a.txt").format == "markdown"
    assert read_bytes(b"#hashtag is not a heading", "a.txt").format == "text"


def test_plain_text_named_docx_is_read_as_text_with_warning() -> None:
    doc = read_bytes(b"Pasted draft", "draft.docx")
    assert (doc.text, doc.format) == ("Pasted draft", "text")
    assert doc.warnings == ["'draft.docx' contains plain text, not a Word document; it was read as text"]


def test_one_megabyte_single_line_is_accepted() -> None:
    line = ("safeguarding " * 90_000)[: 1024 * 1024]  # about 80k words, under the 200k limit
    doc = read_bytes(line.encode(), "long.txt")
    assert doc.text == line


def test_ten_thousand_headings_are_accepted_quickly() -> None:
    text = "".join(f"# Heading {i}\n\nBody {i}.\n\n" for i in range(10_000))
    start = time.perf_counter()
    doc = read_bytes(text.encode(), "many.md")
    assert time.perf_counter() - start < 2.0
    assert doc.text == text
    assert doc.format == "markdown"


# ---------------------------------------------------------------------------------------------- text refusals


@pytest.mark.parametrize(
    "data",
    [b"", b"   \r\n\t \n", "  \n".encode("utf-16"), b"\xef\xbb\xbf  "],
    ids=["empty", "ws", "u16", "bom"],
)
def test_empty_or_whitespace_is_refused(data: bytes) -> None:
    err = refused(data, "draft.txt")
    assert err.message == "the document is empty ('draft.txt')"
    assert err.fix == EMPTY_FIX


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.docx", "'photo.docx' is a PNG image, not a Word document"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "scan.txt", "'scan.txt' is a JPEG image, not a text file"),
        (b"GIF89a" + bytes(50), "a.pdf", "'a.pdf' is a GIF image, not a PDF"),
        (
            b"{\\rtf1\\ansi Hello}",
            "draft.docx",
            "'draft.docx' is a Rich Text Format (RTF) file, not a Word document",
        ),
        (b"\x1f\x8b\x08\x00" + bytes(20), "a.md", "'a.md' is a gzip archive, not a Markdown file"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "x", "'x' is a WebP image, not a document the assistant can read"),
        (
            b"\x00\x00\x00\x18ftypheic" + bytes(20),
            "IMG.docx",
            "'IMG.docx' is a HEIC photo, not a Word document",
        ),
    ],
)
def test_known_binary_formats_are_named(data: bytes, name: str, message: str) -> None:
    err = refused(data, name)
    assert (err.message, err.fix) == (message, SAVE_AS)


def test_random_binary_is_refused() -> None:
    data = random.Random(7).randbytes(4096)
    err = refused(data, "draft.txt")
    assert (err.message, err.fix) == ("'draft.txt' is not a text file: it contains binary data", SAVE_AS)
    err = refused(data, "upload")
    assert err.message == "'upload' contains binary data, not text"


def test_nul_bytes_not_explained_by_utf16_are_binary() -> None:
    err = refused(b"Hello world, this is a draft\x00 with one NUL", "a.txt")
    assert err.message == "'a.txt' is not a text file: it contains binary data"


def test_many_control_characters_are_binary() -> None:
    err = refused(b"abc\x01\x02\x03def\x04\x05ghij" * 10, "a.md")
    assert err.message == "'a.md' is not a Markdown file: it contains binary data"


def test_few_control_characters_are_tolerated() -> None:
    text = "Word paste with a bell\x07 in a long enough paragraph of ordinary prose." * 3
    assert read_bytes(text.encode(), "a.txt").text == text


def test_utf16_bom_with_broken_body_is_refused() -> None:
    err = refused(b"\xff\xfeH\x00i\x00!", "a.txt")  # odd length: a byte is missing
    assert err.message == "'a.txt' starts with a UTF-16 marker but is not valid UTF-16 text"
    assert err.fix == "re-save the draft as UTF-8 text, or as .docx"


def test_ole_file_is_protected_or_old_word() -> None:
    err = refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "review.docx")
    assert err.message == "the Word document 'review.docx' is password-protected or in the old .doc format"
    assert err.fix == (
        "save it as an unprotected .docx (in Word: File > Save As > Word Document), or paste the text"
    )


# ---------------------------------------------------------------------------------------------- size limits


def test_bytes_over_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    set_limit(monkeypatch, "RRA_MAX_INPUT_BYTES", 1000)
    assert read_bytes(b"a" * 1000, "ok.txt").text == "a" * 1000
    err = refused(b"a" * 1001, "big.txt")
    assert err.message == "'big.txt' is 1001 bytes, over the 1000 bytes input limit"
    assert err.fix == "remove images or split the draft, or raise RRA_MAX_INPUT_BYTES (now 1000 bytes)"


def test_default_byte_limit_message_in_megabytes() -> None:
    err = reader._too_large("huge.pdf", 30 * 1024 * 1024, get_settings().max_input_bytes)
    assert err.message == "'huge.pdf' is 30.0 MB, over the 20.0 MB input limit"


def test_words_over_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    set_limit(monkeypatch, "RRA_MAX_INPUT_WORDS", 10)
    assert read_bytes(b"one two three four five six seven eight nine ten").text
    err = refused(b"one two three four five six seven eight nine ten eleven")
    assert err.message == "the draft has more than 10 words"
    assert err.fix == "split the draft, or raise RRA_MAX_INPUT_WORDS (now 10)"


def test_word_limit_applies_to_extracted_docx_text(monkeypatch: pytest.MonkeyPatch) -> None:
    set_limit(monkeypatch, "RRA_MAX_INPUT_WORDS", 5)
    assert refused(review_docx(), "r.docx").message == "the draft has more than 5 words"


# ---------------------------------------------------------------------------------------------- paths and stdin


def test_read_path_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes(b"# Title\n\nBody")
    doc = read_path(path)
    assert (doc.text, doc.name, doc.format) == ("# Title\n\nBody", "draft.md", "markdown")
    assert read_path(str(path)).text == doc.text


def test_read_path_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_path(tmp_path / "nope.docx")
    assert info.value.message == f"file not found: '{tmp_path / 'nope.docx'}'"
    assert info.value.fix == "check the path and file name"


def test_read_path_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_path(tmp_path)
    assert info.value.message == f"'{tmp_path}' is a folder, not a file"
    assert info.value.fix == "pass the path of the draft file inside it"


def test_read_path_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod cannot lock root out (CI runs as root), so the permission failure is simulated at open().
    path = tmp_path / "locked.txt"
    path.write_bytes(b"secret")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.message == f"cannot read '{path}': Permission denied"
    assert info.value.fix == "check the file's permissions"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_read_path_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as info:
        read_path(fifo)  # opening a FIFO with no writer would block forever
    assert info.value.message == f"'{fifo}' is not a regular file"
    assert info.value.fix == "save the draft to a file, or pipe it in with '-'"


def test_read_path_over_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_limit(monkeypatch, "RRA_MAX_INPUT_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.message == "'big.txt' is 4.9 KB, over the 100 bytes input limit"


class _Stdin:
    def __init__(self, buffer: io.RawIOBase | io.BufferedIOBase) -> None:
        self.buffer = buffer


class _EndlessZeros(io.RawIOBase):
    """A stdin that never ends, counting what was taken from it."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        buffer[:] = b"a" * len(buffer)
        self.taken += len(buffer)
        return len(buffer)


def test_read_path_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BytesIO("Draft from a pipe — ok".encode())))
    doc = read_path("-")
    assert (doc.text, doc.name) == ("Draft from a pipe — ok", "stdin")


def test_stdin_reads_at_most_limit_plus_one(monkeypatch: pytest.MonkeyPatch) -> None:
    set_limit(monkeypatch, "RRA_MAX_INPUT_BYTES", 5000)
    endless = _EndlessZeros()
    monkeypatch.setattr(sys, "stdin", _Stdin(endless))
    with pytest.raises(InputError) as info:
        read_path("-")
    assert endless.taken == 5001
    assert info.value.message == "'stdin' is larger than the 4.9 KB input limit"
    assert "RRA_MAX_INPUT_BYTES" in (info.value.fix or "")


def test_stdin_terminal_is_refused_instead_of_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.BytesIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", _Stdin(Tty()))
    with pytest.raises(InputError) as info:
        read_path("-")
    assert info.value.message == "nothing was piped to standard input"
    assert info.value.fix == "pipe the draft in ('- < draft.txt') or pass the file's path instead of '-'"


def test_no_stdin_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError) as info:
        read_path("-")
    assert info.value.message == "there is no standard input to read"


# ---------------------------------------------------------------------------------------------- docx


def test_docx_blocks_in_document_order() -> None:
    doc = read_bytes(review_docx(), "review.docx")
    assert doc.text == REVIEW_TEXT
    assert (doc.format, doc.encoding, doc.warnings, doc.name) == ("docx", "utf-8", [], "review.docx")


def test_docx_detected_by_content_whatever_the_name() -> None:
    assert read_bytes(review_docx(), "upload.txt").format == "docx"


def test_docx_output_feeds_the_section_parser() -> None:
    from assistant.documents import parse_document

    parsed = parse_document(read_bytes(review_docx(), "r.docx").text)
    headings = [s.heading for s in parsed.sections]
    assert headings[:2] == ["Rapid Review: Child A", "Background"]
    assert "Key learning" in headings
    assert [c.text for c in parsed.tables[0].header or []] == ["Agency", "Date", "Event"]
    # Tabs inside a Word paragraph are kept, as in a paste from Word, so tab-aligned lines read as a table.
    assert [[c.text for c in row] for row in parsed.tables[1].rows] == [["Tail paragraph.", "With a tab."]]


def test_docx_heading_from_base_style_and_bold_rules() -> None:
    d = docx.Document()
    custom = d.styles.add_style("Review Heading", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = d.styles["Heading 2"]
    d.add_paragraph("Custom heading", style="Review Heading")
    mixed = d.add_paragraph()
    mixed.add_run("Bold start").bold = True
    mixed.add_run(" then plain")
    d.add_paragraph().add_run("A long bold sentence " * 6).bold = True
    strong = d.styles.add_style("Strong Para", WD_STYLE_TYPE.PARAGRAPH)
    strong.font.bold = True
    d.add_paragraph("Bold by style", style="Strong Para")
    long_bold = ("A long bold sentence " * 6).strip()
    assert read_bytes(save(d), "a.docx").text == (
        f"## Custom heading\n\nBold start then plain\n\n{long_bold}\n\n**Bold by style**"
    )


def _append_xml(d: docx.document.Document, xml: str) -> None:
    ns = (
        f'xmlns:w="{W_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(xml.replace("NS", ns)))  # before the closing w:sectPr


def test_docx_content_controls_tracked_changes_text_boxes_and_numbering() -> None:
    d = docx.Document()
    _append_xml(
        d,
        "<w:sdt NS><w:sdtContent><w:p><w:r><w:t>In a content control</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    )
    _append_xml(
        d,
        "<w:p NS><w:r><w:t xml:space='preserve'>Kept </w:t></w:r><w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>"
        "<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del></w:p>",
    )
    box = "<w:txbxContent><w:p><w:r><w:t>Text box line</w:t></w:r></w:p></w:txbxContent>"
    _append_xml(
        d,
        "<w:p NS><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing><v:textbox>{box}</v:textbox></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>",
    )
    _append_xml(
        d,
        "<w:p NS><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='3'/></w:numPr></w:pPr>"
        "<w:r><w:t>Numbered by direct formatting</w:t></w:r></w:p>",
    )
    _append_xml(
        d, "<w:p NS><w:pPr><w:outlineLvl w:val='1'/></w:pPr><w:r><w:t>Outline heading</w:t></w:r></w:p>"
    )
    doc = read_bytes(save(d), "a.docx")
    assert doc.text == (
        "In a content control\n\nKept inserted\n\nAnchor\n\nText box line\n\n"
        "- Numbered by direct formatting\n\n## Outline heading"
    )
    assert doc.warnings == ["the Word document has tracked changes; it was read as if all were accepted"]


def test_docx_table_cells_flatten_paragraphs_and_nested_tables() -> None:
    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Line one\nLine\ttwo"
    cell = table.cell(0, 1)
    cell.text = "Outer"
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "in1"
    inner.cell(0, 1).text = "in2"
    assert read_bytes(save(d), "a.docx").text == "Line one Line two\tOuter in1 in2"


def test_docx_with_no_text_is_empty() -> None:
    d = docx.Document()
    d.add_paragraph("   ")
    d.add_table(rows=2, cols=2)
    err = refused(save(d), "blank.docx")
    assert err.message == "the document is empty ('blank.docx' has no text; images are not read)"
    assert err.fix == EMPTY_FIX


DAMAGED_FIX = "open it in Word and save it again as .docx, or paste the text"


def test_docx_truncated_zip_is_damaged() -> None:
    err = refused(review_docx()[:3000], "cut.docx")
    assert err.message.startswith("the Word file 'cut.docx' is damaged and cannot be read (")
    assert err.fix == DAMAGED_FIX


def test_docx_missing_content_types_is_damaged() -> None:
    data = rewrite_zip(review_docx(), lambda name, body: None if name == "[Content_Types].xml" else body)
    err = refused(data, "parts.docx")
    assert err.message.startswith("the Word file 'parts.docx' is damaged and cannot be read (")
    assert err.fix == DAMAGED_FIX


def test_docx_xml_error_is_damaged() -> None:
    data = rewrite_zip(
        review_docx(), lambda name, body: b"<w:document" if name == "word/document.xml" else body
    )
    err = refused(data, "xml.docx")
    assert err.message.startswith("the Word file 'xml.docx' is damaged and cannot be read (")
    assert err.fix == DAMAGED_FIX


def test_docx_template_content_type_is_named() -> None:
    def to_template(name: str, body: bytes) -> bytes:
        if name != "[Content_Types].xml":
            return body
        return body.replace(b"document.main+xml", b"template.main+xml")

    err = refused(rewrite_zip(review_docx(), to_template), "form.dotx")
    assert err.message == "'form.dotx' is a Word template or macro-enabled file, not a .docx"
    assert err.fix == "open it in Word and save it as a Word Document (.docx)"


def test_garbage_after_zip_magic_is_damaged_zip() -> None:
    err = refused(b"PK\x03\x04" + bytes(100), "x.zip")
    assert err.message.startswith("'x.zip' is a damaged zip file (")
    assert err.fix == SAVE_AS


@pytest.mark.parametrize(
    ("members", "kind"),
    [
        ({"notes.txt": b"hi"}, "a zip archive"),
        ({"xl/workbook.xml": b"<x/>"}, "an Excel workbook"),
        ({"ppt/presentation.xml": b"<x/>"}, "a PowerPoint presentation"),
        (
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
            "an OpenDocument file (.odt)",
        ),
    ],
)
def test_zip_that_is_not_a_word_document(members: dict[str, bytes], kind: str) -> None:
    err = refused(zip_of(members), "draft.docx")
    assert (err.message, err.fix) == (f"'draft.docx' is {kind}, not a Word document", SAVE_AS)


def test_zip_bomb_by_total_size(zip_bomb: bytes) -> None:
    assert len(zip_bomb) < 1024 * 1024
    err = refused(zip_bomb, "bomb.docx")
    assert err.message == "the Word file 'bomb.docx' expands to 300 MB, which looks like a zip bomb"
    assert err.fix == DAMAGED_FIX


def test_zip_bomb_by_compression_ratio() -> None:
    err = refused(zeros_member_zip(30), "ratio.docx")  # under the total cap, but ~1000:1
    assert err.message == "the Word file 'ratio.docx' expands to 30 MB, which looks like a zip bomb"


def test_zip_with_too_many_entries() -> None:
    err = refused(zip_of({f"word/f{i}.xml": b"" for i in range(5_001)}), "many.docx")
    assert err.message == "'many.docx' is a zip archive with 5,001 files, far more than any Word document"
    assert err.fix == SAVE_AS


# ---------------------------------------------------------------------------------------------- pdf


def test_pdf_pages_joined_with_blank_lines_and_blank_pages_warned() -> None:
    doc = read_bytes(make_pdf(["Hello (world)\nSecond line", None, "Page three"]), "r.pdf")
    assert doc.text == "Hello (world)\nSecond line\n\nPage three"
    assert (doc.format, doc.encoding) == ("pdf", "pdf")
    assert doc.warnings == ["PDF page 2 had no extractable text"]


def test_pdf_blank_page_warnings_collapse_runs() -> None:
    doc = read_bytes(make_pdf(["One", None, None, None, "Five", None]), "r.pdf")
    assert doc.warnings == ["PDF pages 2-4, 6 had no extractable text"]


def test_pdf_detected_by_content_whatever_the_name() -> None:
    assert read_bytes(make_pdf(["Text"]), "scan.docx").format == "pdf"


def test_pdf_encrypted_with_empty_password_is_read() -> None:
    doc = read_bytes(encrypt_pdf(make_pdf(["Open to all"]), ""), "r.pdf")
    assert doc.text == "Open to all"


def test_pdf_with_password_is_refused() -> None:
    err = refused(encrypt_pdf(make_pdf(["Secret"]), "secret"), "locked.pdf")
    assert err.message == "the PDF 'locked.pdf' is password-protected"
    assert err.fix == "save an unprotected copy (or print it to a new PDF), or paste the text"


def test_pdf_encryption_pypdf_cannot_handle_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf.errors import DependencyError

    def needs_aes(self: pypdf.PdfReader, password: str) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf.PdfReader, "decrypt", needs_aes)
    err = refused(encrypt_pdf(make_pdf(["Secret"]), ""), "aes.pdf")
    assert err.message == "the PDF 'aes.pdf' is password-protected"


def test_pdf_without_text_layer() -> None:
    err = refused(make_pdf([None, None]), "scan.pdf")
    assert err.message == "the PDF 'scan.pdf' has no text layer (scanned?)"
    assert err.fix == "paste the text instead, or run OCR and save it as .docx"


@pytest.mark.parametrize("data", [b"%PDF-1.4\ngarbage", b"%PDF-", make_pdf(["x"])[:200]])
def test_damaged_pdf(data: bytes) -> None:
    err = refused(data, "bad.pdf")
    assert err.message.startswith("the PDF 'bad.pdf' is damaged and cannot be read (")
    assert err.fix == "re-save or re-export the PDF, or paste the text"


def test_pdf_with_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_PDF_PAGES", 2)
    err = refused(make_pdf(["a", "b", "c"]), "long.pdf")
    assert err.message == "the PDF 'long.pdf' has 3 pages, more than the 2 the assistant reads"
    assert err.fix == "export only the rapid review's pages, or paste the text"


def test_pdf_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "PDF_TIME_BUDGET_S", -1.0)
    err = refused(make_pdf(["a"]), "slow.pdf")
    assert err.message == "the PDF 'slow.pdf' took too long to read (over -1 s)"


def test_pdf_page_that_fails_is_warned_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pypdf.PageObject.extract_text

    def flaky(self: pypdf.PageObject, *args: object, **kwargs: object) -> str:
        text = real(self)
        if "boom" in text:
            raise KeyError("/Font")
        return text

    monkeypatch.setattr(pypdf.PageObject, "extract_text", flaky)
    doc = read_bytes(make_pdf(["fine", "boom"]), "r.pdf")
    assert doc.text == "fine"
    assert doc.warnings == ["PDF page 2 could not be read"]


def test_pdf_where_every_page_fails_is_damaged(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: pypdf.PageObject, *args: object, **kwargs: object) -> str:
        raise KeyError("/Font")

    monkeypatch.setattr(pypdf.PageObject, "extract_text", broken)
    err = refused(make_pdf(["a", "b"]), "bad.pdf")
    assert (
        err.message
        == "the PDF 'bad.pdf' is damaged and cannot be read (no page could be read; first error: '/Font')"
    )
    assert err.fix == "re-save or re-export the PDF, or paste the text"


def test_pdf_text_that_is_control_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pypdf.PageObject, "extract_text", lambda self, *a, **k: "\x01\x02\x03\x04 ab")
    err = refused(make_pdf(["x"]), "glyphs.pdf")
    assert (
        err.message
        == "the PDF 'glyphs.pdf' has text that cannot be decoded (its fonts have no character map)"
    )


# ---------------------------------------------------------------------------------------------- anything at all

_PREFIXES = [
    b"",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"%PDF-1.4\n",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xff\xfe\x00\x00",
    b"\x89PNG\r\n\x1a\n",
    b"# ",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.one_of(st.binary(max_size=2048), st.text(max_size=500).map(lambda s: s.encode("utf-8"))),
    name=st.sampled_from(["input", "a.docx", "a.pdf", "a.txt", "a.md"]),
)
def test_any_bytes_give_text_or_input_error(prefix: bytes, body: bytes, name: str) -> None:
    try:
        doc = read_bytes(prefix + body, name)
    except InputError as err:
        assert err.message and err.fix
    else:
        assert isinstance(doc, InputDocument)
        assert doc.text.strip()


@settings(max_examples=50, deadline=None)
@given(cut=st.integers(min_value=0, max_value=10_000))
def test_truncated_or_corrupted_docx_gives_text_or_input_error(cut: int) -> None:
    data = bytearray(_REVIEW_DOCX)
    data[cut % len(data)] ^= 0xFF
    for candidate in (bytes(data), _REVIEW_DOCX[: cut % len(_REVIEW_DOCX)]):
        try:
            doc = read_bytes(candidate, "r.docx")
        except InputError:
            continue
        assert doc.text.strip()


_REVIEW_DOCX = review_docx()

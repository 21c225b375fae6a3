"""Turn whatever a practitioner uploads or pastes into text, or refuse it with one clear InputError.

Drafts arrive under time pressure as Word files, PDFs, Markdown or plain text in whatever encoding the
machine they came from used; they also arrive as screenshots renamed .docx, password-protected files and
files far too large. The reader never raises anything but InputError, never reads more than the byte limit,
and never truncates: the text it returns is what every downstream offset indexes into, so it is returned
exactly as decoded (Word and PDF files are rendered to markdown-ish text that `parse.py` understands).
"""

from __future__ import annotations

import io
import re
import stat
import struct
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from assistant.documents.parse import MAX_HEADING_CHARS
from assistant.errors import InputError
from assistant.settings import get_settings

Format = Literal["text", "markdown", "docx", "pdf"]

SAVE_AS_FIX = "save the draft as .docx, .pdf, .md or .txt"
EMPTY_FIX = "paste or upload the draft rapid review text"

# Zip bomb defence: python-docx loads every part of the package into memory, so the declared sizes in
# the central directory (which zipfile enforces when extracting) must be checked before opening it.
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 100
LARGE_MEMBER = 10 * 1024 * 1024
MAX_ZIP_ENTRIES = 5_000
# A rapid review is tens of pages; these stop a hostile or accidental PDF from keeping a user waiting.
MAX_PDF_PAGES = 2_000
PDF_TIME_BUDGET_S = 120.0
# Share of control characters above which decoded "text" is really binary data.
MAX_CONTROL_SHARE = 0.02

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # keeps \t \n \v \f \r: Word pastes use \v
_MD_HEADING = re.compile(r"(?m)^ {0,3}#{1,6}[ \t]+\S")
_WORD = re.compile(r"\S+")
_HEADING_STYLE = re.compile(r"(?i)^heading\s*([1-9])$")
_EXPECTED = {
    ".docx": "a Word document",
    ".doc": "a Word document",
    ".pdf": "a PDF",
    ".md": "a Markdown file",
    ".markdown": "a Markdown file",
    ".txt": "a text file",
}
_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "a Rich Text Format (RTF) file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
]


class InputDocument(BaseModel):
    """The draft as text, plus how it was read."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        description="The draft's text exactly as decoded or extracted; all offsets index into this string."
    )
    name: str = Field(description="File name (or 'stdin' / the caller's label) used in messages.")
    format: Format = Field(description="How the input was read: text, markdown, docx or pdf.")
    encoding: str = Field(
        description="Character encoding of text input (utf-8, utf-16, utf-32, cp1252, latin-1); "
        "utf-8 for docx (its XML) and 'pdf' for text extracted from a PDF."
    )
    warnings: list[str] = Field(
        default_factory=list, description="Things the user should know, e.g. 'decoded as Windows-1252'."
    )


# ---------------------------------------------------------------------------------------------- entry points


def read_path(path: str | Path) -> InputDocument:
    """Read a file, or stdin when `path` is '-'."""
    return read_path_and_bytes(path)[0]


def read_path_and_bytes(path: str | Path) -> tuple[InputDocument, bytes]:
    """Read a file (or stdin) and keep its bytes too: the annotated Word output adds to the original .docx."""
    data, name = _read_raw(path)
    return _read_limited(data, name), data


def read_raw(path: str | Path) -> tuple[bytes, str]:
    """A file's (or stdin's, for '-') bytes and name, not yet interpreted; over the byte limit is refused."""
    data, name = _read_raw(path)
    limit = get_settings().max_input_bytes
    if len(data) > limit:
        raise _too_large(name, None, limit)
    return data, name


def _read_raw(path: str | Path) -> tuple[bytes, str]:
    """(bytes, name) of a file, or of stdin when `path` is '-', at most the byte limit plus one byte (so a
    larger input is known to be too large without holding all of it)."""
    if str(path) == "-":
        return _read_stdin(), "stdin"
    p = Path(path).expanduser()
    limit = get_settings().max_input_bytes
    try:
        info = p.stat()
    except FileNotFoundError:
        raise InputError(f"file not found: '{p}'", fix="check the path and file name") from None
    except OSError as exc:
        raise InputError(
            f"cannot open '{p}': {exc.strerror or exc}", fix="check the path and permissions"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"'{p}' is a folder, not a file", fix="pass the path of the draft file inside it")
    if not stat.S_ISREG(info.st_mode):
        # Pipes and devices could block forever or never end; stdin is the supported way to stream.
        raise InputError(
            f"'{p}' is not a regular file", fix="save the draft to a file, or pipe it in with '-'"
        )
    if info.st_size > limit:
        raise _too_large(p.name, info.st_size, limit)
    try:
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(
            f"cannot read '{p}': {exc.strerror or exc}", fix="check the file's permissions"
        ) from None
    return data, p.name


def _read_limited(data: bytes, name: str) -> InputDocument:
    """Bytes read with a limit+1 cap: more than the limit means more than we read, so no size is claimed."""
    limit = get_settings().max_input_bytes
    if len(data) > limit:
        raise _too_large(name, None, limit)
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str = "input") -> InputDocument:
    """Detect the format of `data` by content (then by `name`'s extension) and return its text."""
    data = bytes(data)
    limit = get_settings().max_input_bytes
    if len(data) > limit:
        raise _too_large(name, len(data), limit)
    ext = Path(name).suffix.lower()
    doc = _read_any(data, name, ext)
    _check_words(doc.text)
    return doc


def _read_any(data: bytes, name: str, ext: str) -> InputDocument:
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _read_zip(data, name, ext)
    if data[:1024].lstrip(b" \t\r\n").startswith(b"%PDF-"):
        return _read_pdf(data, name)
    if data.startswith(_OLE):
        raise InputError(
            f"the Word document '{name}' is password-protected or in the old .doc format",
            fix="save it as an unprotected .docx (in Word: File > Save As > Word Document), or paste the text",
        )
    kind = _binary_kind(data)
    if kind is not None:
        raise _not_a_document(name, ext, kind)
    return _read_text(data, name, ext)


def _read_stdin() -> bytes:
    stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(
            "there is no standard input to read", fix="pass the draft's file path instead of '-'"
        )
    try:
        interactive = stream.isatty()
    except (OSError, ValueError):
        interactive = False
    if interactive:
        # Waiting on a terminal looks like a hang to someone who meant to pass a file.
        raise InputError(
            "nothing was piped to standard input",
            fix="pipe the draft in ('- < draft.txt') or pass the file's path instead of '-'",
        )
    return _read_bounded(stream, get_settings().max_input_bytes)


def _read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """At most limit+1 bytes: enough to know the input is too large without holding all of it."""
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= limit:
            chunk = stream.read(min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except (OSError, ValueError) as exc:
        raise InputError(
            f"cannot read standard input: {exc}", fix="pass the draft's file path instead"
        ) from None
    return b"".join(chunks)


# ---------------------------------------------------------------------------------------------- refusals


def _human(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _too_large(name: str, size: int | None, limit: int) -> InputError:
    problem = (
        f"is larger than the {_human(limit)}"
        if size is None
        else f"is {_human(size)}, over the {_human(limit)}"
    )
    return InputError(
        f"'{name}' {problem} input limit",
        fix=f"remove images or split the draft, or raise RRA_MAX_INPUT_BYTES (now {limit} bytes)",
    )


def _not_a_document(name: str, ext: str, kind: str) -> InputError:
    expected = _EXPECTED.get(ext, "a document the assistant can read")
    return InputError(f"'{name}' is {kind}, not {expected}", fix=SAVE_AS_FIX)


def _empty(name: str) -> InputError:
    return InputError(f"the document is empty ('{name}')", fix=EMPTY_FIX)


def _check_words(text: str) -> None:
    limit = get_settings().max_input_words
    # Counting stops one past the limit, so a huge paste costs no more than a legal one.
    for count, _ in enumerate(_WORD.finditer(text), start=1):
        if count > limit:
            raise InputError(
                f"the draft has more than {limit:,} words",
                fix=f"split the draft, or raise RRA_MAX_INPUT_WORDS (now {limit})",
            )


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data[4:8] == b"ftyp":
        return "a HEIC photo" if data[8:12] in (b"heic", b"heix", b"mif1") else "a video (MP4/MOV)"
    return None


# ---------------------------------------------------------------------------------------------- plain text

_BOMS: list[tuple[bytes, str, str]] = [
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
]


def _read_text(data: bytes, name: str, ext: str) -> InputDocument:
    text, encoding, warnings = _decode(data, name, ext)
    if not text.strip():
        raise _empty(name)
    if _mostly_control(text):
        raise _binary(name, ext)
    if ext in (".docx", ".doc", ".pdf"):
        warnings.append(f"'{name}' contains plain text, not {_EXPECTED[ext]}; it was read as text")
    markdown = ext in (".md", ".markdown") or _MD_HEADING.search(text) is not None
    return InputDocument(
        text=text, name=name, format="markdown" if markdown else "text", encoding=encoding, warnings=warnings
    )


def _mostly_control(text: str) -> bool:
    allowed = int(MAX_CONTROL_SHARE * len(text))
    # Stops at the first control character over the allowance, so binary input is rejected early and
    # nothing proportional to the input is built.
    return any(count > allowed for count, _ in enumerate(_CONTROL.finditer(text), start=1))


def _binary(name: str, ext: str) -> InputError:
    if ext in _EXPECTED:
        return InputError(f"'{name}' is not {_EXPECTED[ext]}: it contains binary data", fix=SAVE_AS_FIX)
    return InputError(f"'{name}' contains binary data, not text", fix=SAVE_AS_FIX)


def _decode(data: bytes, name: str, ext: str) -> tuple[str, str, list[str]]:
    """(text, encoding label, warnings); the BOM, if any, is not part of the text."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), label, []
            except UnicodeDecodeError:
                if codec == "utf-8":
                    data = data[len(bom) :]  # a UTF-8 BOM on cp1252 text: fall through to the guesses
                    break
                raise InputError(
                    f"'{name}' starts with a {label.upper()} marker but is not valid {label.upper()} text",
                    fix="re-save the draft as UTF-8 text, or as .docx",
                ) from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _binary(name, ext)
        return utf16, "utf-16", []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        return (
            text,
            "cp1252",
            ["decoded as Windows-1252 (the file is not UTF-8): check quotes and accented letters"],
        )
    except UnicodeDecodeError:
        # Latin-1 maps every byte, so this is the last resort and cannot fail.
        return (
            data.decode("latin-1"),
            "latin-1",
            ["decoded as Latin-1 (the file is neither UTF-8 nor Windows-1252)"],
        )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly Latin text puts a NUL in every other byte; anything else with NULs is binary."""
    if len(data) % 2:
        return None
    pairs = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 0.4 * pairs and even <= 0.05 * pairs:
        codec = "utf-16-le"
    elif even >= 0.4 * pairs and odd <= 0.05 * pairs:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


# ---------------------------------------------------------------------------------------------- zip / docx


def _read_zip(data: bytes, name: str, ext: str) -> InputDocument:
    entries = _zip_entry_count(data)
    if entries is not None and entries > MAX_ZIP_ENTRIES:
        raise InputError(
            f"'{name}' is a zip archive with {entries:,} files, far more than any Word document",
            fix=SAVE_AS_FIX,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception as exc:  # zipfile raises many types (BadZipFile, struct.error, ValueError...) on junk
        if ext in (".docx", ".doc"):
            raise _damaged_docx(name, exc) from None
        raise InputError(f"'{name}' is a damaged zip file ({_short(exc)})", fix=SAVE_AS_FIX) from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise _not_a_document(name, ext, _zip_kind(names))
    _check_zip_bomb(name, infos)
    _check_real_sizes(name, data, infos)
    return _read_docx(data, name)


def _zip_entry_count(data: bytes) -> int | None:
    """Entries declared in the end-of-central-directory record, read before zipfile builds its index."""
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if pos < 0 or pos + 22 > len(data):
        return None
    count: int = struct.unpack_from("<H", data, pos + 10)[0]
    return None if count == 0xFFFF else count  # 0xFFFF defers to a ZIP64 record: let zipfile read it


def _zip_kind(names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "an Excel workbook"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation"
    if "content.xml" in names and "mimetype" in names:
        return "an OpenDocument file (.odt)"
    return "a zip archive"


DOCX_FIX = "open it in Word and save it again as .docx, or paste the text"


def check_zip_members(
    data: bytes, name: str, infos: list[zipfile.ZipInfo], *, what: str, fix: str, max_total: int
) -> None:
    """The zip bomb checks for any Office package (`what`: 'the Word file', 'the workbook'): the declared
    sizes, then each member inflated in bounded steps to catch headers that lie. Run before a library opens it."""
    _check_zip_bomb(name, infos, what=what, fix=fix, max_total=max_total)
    _check_real_sizes(name, data, infos, what=what, fix=fix)


def zip_members(data: bytes, name: str, *, what: str, fix: str) -> list[zipfile.ZipInfo]:
    """The members of a zip package, refusing one with more entries than any Office document has (counted
    before zipfile builds its index) or one zipfile cannot read. Check them with `check_zip_members`."""
    entries = _zip_entry_count(data)
    if entries is not None and entries > MAX_ZIP_ENTRIES:
        raise InputError(
            f"{what} '{name}' is a zip archive with {entries:,} files, far more than it should", fix=fix
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return zf.infolist()
    except Exception as exc:  # zipfile raises many types (BadZipFile, struct.error, ValueError...) on junk
        raise _damaged(what, name, exc, fix) from None


def _check_zip_bomb(
    name: str,
    infos: list[zipfile.ZipInfo],
    *,
    what: str = "the Word file",
    fix: str = DOCX_FIX,
    max_total: int = MAX_DOCX_UNCOMPRESSED,
) -> None:
    total = sum(info.file_size for info in infos)
    bomb = total > max_total or any(
        info.file_size > LARGE_MEMBER and info.file_size > MAX_DOCX_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if bomb:
        raise InputError(
            f"{what} '{name}' expands to {total // (1024 * 1024):,} MB, which looks like a zip bomb", fix=fix
        )


def _check_real_sizes(
    name: str, data: bytes, infos: list[zipfile.ZipInfo], *, what: str = "the Word file", fix: str = DOCX_FIX
) -> None:
    """Each member expands to no more than the size it declares, checked in bounded steps.

    zipfile reads a whole member with one unbounded decompress and only then cuts it to the declared size,
    so a member whose headers lie (a few KB declared, gigabytes packed) would be expanded in full inside
    python-docx. Inflating it here a megabyte at a time finds the lie before that.
    """
    view = memoryview(data)
    for info in infos:
        if info.compress_type == zipfile.ZIP_STORED:
            continue  # read as is: never more than the file's own bytes
        if info.compress_type != zipfile.ZIP_DEFLATED:
            # Office only writes deflate; other methods (bzip2, LZMA) are decompressed unbounded by zipfile.
            raise _damaged(
                what, name, ValueError(f"'{info.filename}' uses a compression Office never writes"), fix
            )
        try:
            start = info.header_offset
            if data[start : start + 4] != b"PK\x03\x04":
                raise ValueError(f"no local header for '{info.filename}'")
            name_len, extra_len = struct.unpack_from("<HH", data, start + 26)
            body = start + 30 + name_len + extra_len
            stream = view[body : body + info.compress_size]
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            total = 0
            for offset in range(0, len(stream), 1 << 16):
                pending: bytes | memoryview = stream[offset : offset + (1 << 16)]
                while pending:
                    total += len(inflater.decompress(pending, 1 << 20))
                    if total > info.file_size:
                        raise InputError(
                            f"{what} '{name}' holds more than it declares ('{info.filename}'), "
                            "which looks like a zip bomb",
                            fix=fix,
                        )
                    pending = inflater.unconsumed_tail
        except InputError:
            raise
        except Exception as exc:  # zlib.error, struct.error on a truncated or garbled member
            raise _damaged(what, name, exc, fix) from None


def _short(exc: BaseException) -> str:
    detail = str(exc).strip() or type(exc).__name__
    return detail if len(detail) <= 160 else detail[:157] + "..."


def _damaged_docx(name: str, exc: BaseException) -> InputError:
    return _damaged("the Word file", name, exc, DOCX_FIX)


def _damaged(what: str, name: str, exc: BaseException, fix: str) -> InputError:
    return InputError(f"{what} '{name}' is damaged and cannot be read ({_short(exc)})", fix=fix)


def _read_docx(data: bytes, name: str) -> InputDocument:
    import docx  # deferred: python-docx and lxml are only needed for Word files

    try:
        document: Any = docx.Document(io.BytesIO(data))
    except ValueError as exc:
        if "content type" in str(exc):
            raise InputError(
                f"'{name}' is a Word template or macro-enabled file, not a .docx",
                fix="open it in Word and save it as a Word Document (.docx)",
            ) from None
        raise _damaged_docx(name, exc) from None
    except Exception as exc:  # python-docx surfaces zip, KeyError and lxml errors for broken packages
        raise _damaged_docx(name, exc) from None
    try:
        renderer = _DocxRenderer(document)
        text = renderer.render()
    except RecursionError:
        raise InputError(
            f"the Word file '{name}' is nested too deeply to read", fix="paste the text instead"
        ) from None
    except Exception as exc:  # malformed XML inside a well-formed package (bad style ids, odd nesting)
        raise _damaged_docx(name, exc) from None
    if not text.strip():
        raise InputError(f"the document is empty ('{name}' has no text; images are not read)", fix=EMPTY_FIX)
    return InputDocument(text=text, name=name, format="docx", encoding="utf-8", warnings=renderer.warnings)


class _StyleInfo(NamedTuple):
    level: int  # 0 = not a heading
    is_list: bool
    bold: bool | None


class _DocxRenderer:
    """Body paragraphs and tables in document order, as markdown headings, '- ' bullets and tab rows."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.body = document.element.body
        self.warnings: list[str] = []
        # python-docx resolves a style by scanning every style, so a long draft would pay that per paragraph.
        self._paragraph_styles: dict[str | None, _StyleInfo] = {}
        self._character_bold: dict[str, bool | None] = {}

    def render(self) -> str:
        blocks = list(self._blocks(self.body))
        if self.body.find(f".//{_W}ins") is not None or self.body.find(f".//{_W}del") is not None:
            self.warnings.append("the Word document has tracked changes; it was read as if all were accepted")
        return "\n\n".join(blocks)

    def _blocks(self, container: Any) -> Iterator[str]:
        for element in _block_items(container):
            if element.tag == f"{_W}tbl":
                rows = ["\t".join(cells) for cells in self._rows(element) if any(c.strip() for c in cells)]
                if rows:
                    yield "\n".join(rows)
                continue
            rendered = self._paragraph(element)
            if rendered:
                yield rendered
            for box in _text_boxes(element):
                yield from self._blocks(box)

    def _paragraph(self, p: Any) -> str:
        text = _paragraph_text(p)
        if not text.strip():
            return ""
        style = self._style_of(p)
        one_line = " ".join(text.split())
        outline = _int_attr(p.find(f"{_W}pPr/{_W}outlineLvl"), 9)
        level = min(outline + 1, 6) if outline < 9 else style.level
        if level:
            return "#" * level + " " + one_line
        if _numbered(p) or style.is_list:
            return "- " + one_line
        if len(one_line) <= MAX_HEADING_CHARS and "**" not in one_line and self._all_bold(p, style):
            return f"**{one_line}**"
        return text.strip()

    def _style_of(self, p: Any) -> _StyleInfo:
        style_id = _val(p.find(f"{_W}pPr/{_W}pStyle"))
        info = self._paragraph_styles.get(style_id)
        if info is None:
            from docx.text.paragraph import Paragraph

            style = Paragraph(p, self.document).style
            info = _StyleInfo(_heading_level(style), _is_list_style(style), _style_bold(style))
            self._paragraph_styles[style_id] = info
        return info

    def _all_bold(self, p: Any, style: _StyleInfo) -> bool:
        seen_text = False
        for run in _text_runs(p):
            if not "".join(t.text or "" for t in run.iter(f"{_W}t")).strip():
                continue
            seen_text = True
            bold = _on_off(run.find(f"{_W}rPr/{_W}b"))
            if bold is None:
                bold = self._run_style_bold(run)
            if not (style.bold if bold is None else bold):
                return False
        return seen_text

    def _run_style_bold(self, run: Any) -> bool | None:
        style_id = _val(run.find(f"{_W}rPr/{_W}rStyle"))
        if style_id is None:
            return None
        if style_id not in self._character_bold:
            from docx.enum.style import WD_STYLE_TYPE

            style = self.document.part.get_style(style_id, WD_STYLE_TYPE.CHARACTER)
            self._character_bold[style_id] = _style_bold(style)
        return self._character_bold[style_id]

    def _rows(self, tbl: Any) -> Iterator[list[str]]:
        for tr in _children(tbl, "tr"):
            cells: list[str] = []
            before = tr.find(f"{_W}trPr/{_W}gridBefore")
            cells.extend([""] * _int_attr(before, 0))
            for tc in _children(tr, "tc"):
                span = _int_attr(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1)
                vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
                continued = vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"
                # A merged cell's text is emitted once; the grid positions it also covers stay empty.
                cells.append("" if continued else self._cell_text(tc))
                cells.extend([""] * (span - 1))
            yield cells

    def _cell_text(self, tc: Any) -> str:
        parts: list[str] = []
        for element in _block_items(tc):
            if element.tag == f"{_W}tbl":
                parts.extend(c for row in self._rows(element) for c in row)
            else:
                parts.append(_paragraph_text(element))
                parts.extend(_paragraph_text(p) for box in _text_boxes(element) for p in _block_items(box))
        # Tabs and line breaks inside a cell would split the row for the table parser.
        return " ".join(" ".join(parts).split())


def _children(element: Any, local: str) -> Iterator[Any]:
    """Direct children named w:`local`, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == f"{_W}{local}":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                yield from _children(content, local)


def _block_items(container: Any) -> Iterator[Any]:
    """w:p and w:tbl children in document order, looking through content controls."""
    for child in container:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_items(content)
        elif child.tag == f"{_W}customXml":
            yield from _block_items(child)


_SKIP_IN_TEXT = {f"{_W}pPr", f"{_W}rPr", f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", _MC_FALLBACK}
_CHAR_FOR_TAG = {
    f"{_W}tab": "\t",
    f"{_W}ptab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-",
}


def _paragraph_text(p: Any) -> str:
    """A paragraph's visible text, including tracked insertions and hyperlinks, without deleted text.

    python-docx's Paragraph.text reads direct runs only, so inserted text under w:ins would be lost.
    """
    out: list[str] = []
    _collect_text(p, out)
    return "".join(out)


def _collect_text(element: Any, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_IN_TEXT:
            continue  # comments and processing instructions have non-string tags
        if tag == f"{_W}t":
            # itertext, not .text: an entity reference inside w:t is a node of its own, and .text stops before
            # it, silently dropping the rest of the run
            out.append("".join(child.itertext()))
        elif tag in _CHAR_FOR_TAG:
            out.append(_CHAR_FOR_TAG[tag])
        else:
            _collect_text(child, out)


def _text_boxes(element: Any) -> Iterator[Any]:
    """Text box contents inside a paragraph, skipping the duplicate copy kept for old Word versions."""
    for child in element:
        if child.tag == _MC_FALLBACK:
            continue
        if child.tag == f"{_W}txbxContent":
            yield child
        else:
            yield from _text_boxes(child)


def _int_attr(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return max(0, min(int(element.get(f"{_W}val", default)), 64))
    except ValueError:
        return default


def _style_chain(style: Any) -> Iterator[Any]:
    seen = 0
    while style is not None and seen < 10:  # base_style loops exist in damaged files
        yield style
        style = style.base_style
        seen += 1


def _heading_level(style: Any) -> int:
    for s in _style_chain(style):
        name = (s.name or "").strip()
        if name.lower() == "title":
            return 1
        if (m := _HEADING_STYLE.match(name)) is not None:
            return min(int(m.group(1)), 6)
        level = _int_attr(s.element.find(f"{_W}pPr/{_W}outlineLvl"), 9)
        if level < 9:
            return min(level + 1, 6)
    return 0


def _is_list_style(style: Any) -> bool:
    return any((s.name or "").lower().startswith("list") for s in _style_chain(style))


def _numbered(p: Any) -> bool:
    """Numbering applied directly to the paragraph (numId 0 means numbering switched off)."""
    return _val(p.find(f"{_W}pPr/{_W}numPr/{_W}numId")) not in (None, "0")


def _style_bold(style: Any) -> bool | None:
    """The nearest explicit bold setting up the style's inheritance chain."""
    for s in _style_chain(style):
        if s.font.bold is not None:
            return bool(s.font.bold)
    return None


def _text_runs(element: Any) -> Iterator[Any]:
    """Runs whose text is visible, in the same places _collect_text reads text from."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _SKIP_IN_TEXT:
            continue
        if child.tag == f"{_W}r":
            yield child
        else:
            yield from _text_runs(child)


def _val(element: Any) -> str | None:
    return None if element is None else element.get(f"{_W}val")


def _on_off(element: Any) -> bool | None:
    """A w:b-style toggle: present without a value means on."""
    if element is None:
        return None
    return element.get(f"{_W}val", "true").lower() not in ("0", "false", "off")


# ---------------------------------------------------------------------------------------------- pdf


def _read_pdf(data: bytes, name: str) -> InputDocument:
    import pypdf  # deferred: only needed for PDFs
    from pypdf.errors import DependencyError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                opened = None
            if not opened:
                raise InputError(
                    f"the PDF '{name}' is password-protected",
                    fix="save an unprotected copy (or print it to a new PDF), or paste the text",
                )
        pages = len(reader.pages)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, but also KeyError/ValueError/... on broken files
        raise _damaged_pdf(name, _short(exc)) from None
    if pages > MAX_PDF_PAGES:
        raise InputError(
            f"the PDF '{name}' has {pages:,} pages, more than the {MAX_PDF_PAGES:,} the assistant reads",
            fix="export only the rapid review's pages, or paste the text",
        )
    texts, failed, warnings = _pdf_pages(reader, name)
    if not any(texts) and failed:
        raise _damaged_pdf(name, f"no page could be read; first error: {failed}")
    if not any(texts):
        raise InputError(
            f"the PDF '{name}' has no text layer (scanned?)",
            fix="paste the text instead, or run OCR and save it as .docx",
        )
    text = "\n\n".join(t for t in texts if t)
    if _mostly_control(text):
        raise InputError(
            f"the PDF '{name}' has text that cannot be decoded (its fonts have no character map)",
            fix="paste the text instead, or export the PDF again from Word",
        )
    return InputDocument(text=text, name=name, format="pdf", encoding="pdf", warnings=warnings)


def _damaged_pdf(name: str, detail: str) -> InputError:
    return InputError(
        f"the PDF '{name}' is damaged and cannot be read ({detail})",
        fix="re-save or re-export the PDF, or paste the text",
    )


def _pdf_pages(reader: Any, name: str) -> tuple[list[str], str, list[str]]:
    """(stripped text per page, the first page error if any, warnings)."""
    deadline = time.monotonic() + PDF_TIME_BUDGET_S
    texts: list[str] = []
    empty: list[int] = []
    failed: list[int] = []
    first_error = ""
    for number in range(1, len(reader.pages) + 1):
        if time.monotonic() > deadline:
            raise InputError(
                f"the PDF '{name}' took too long to read (over {PDF_TIME_BUDGET_S:.0f} s)",
                fix="paste the text instead, or export the PDF again from Word",
            )
        try:
            page_text = (reader.pages[number - 1].extract_text() or "").strip()
        except Exception as exc:  # one broken page should not lose the rest of the draft
            page_text = ""
            failed.append(number)
            first_error = first_error or _short(exc)
        else:
            if not page_text:
                empty.append(number)
        texts.append(page_text)
    warnings: list[str] = []
    if empty:
        warnings.append(f"PDF {_pages_phrase(empty)} had no extractable text")
    if failed:
        warnings.append(f"PDF {_pages_phrase(failed)} could not be read")
    return texts, first_error, warnings


def _pages_phrase(numbers: list[int]) -> str:
    """'page 3' / 'pages 2, 5-7': runs collapsed, so 200 blank pages make one short warning."""
    runs: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    label = "page" if len(numbers) == 1 else "pages"
    return f"{label} {', '.join(runs)}"

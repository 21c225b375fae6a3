"""Reading user documents and splitting them into sections and tables, keeping offsets into the input."""

from assistant.documents.model import Cell, DraftDocument, Line, Section, Table
from assistant.documents.parse import parse_document

__all__ = ["Cell", "DraftDocument", "Line", "Section", "Table", "parse_document"]

"""Multi-agency chronology parsing: pasted text or Word tables in, a typed timeline out."""

from assistant.chronology.parser import parse_chronology, parse_docx_tables, render_docx_tables

__all__ = ["parse_chronology", "parse_docx_tables", "render_docx_tables"]

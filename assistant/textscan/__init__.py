"""Regex searches over long, possibly hostile text that skip, at C speed, the stretches where a pattern cannot
match, with exactly the matches of the `re` methods they stand for (scanner.py; anchors.py reads a pattern
for the strings its matches must contain)."""

from assistant.textscan.scanner import Scanner, finditer, scanner_for, search

__all__ = ["Scanner", "finditer", "scanner_for", "search"]

"""Drafting the factual sections of a rapid review from a multi-agency chronology (offline, grounded)."""

from assistant.drafting.engine import GroundingError, draft_chronology, draft_from_chronology
from assistant.drafting.grounding import grounding_problems

__all__ = ["GroundingError", "draft_chronology", "draft_from_chronology", "grounding_problems"]

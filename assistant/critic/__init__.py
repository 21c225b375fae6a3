"""The critic: deterministic checks that read a draft rapid review the way a Panel member would."""

from assistant.critic.engine import critique_text, looks_like_rapid_review

__all__ = ["critique_text", "looks_like_rapid_review"]

"""Classes of identifier first met in redaction set 41 (written blind), each on invented text."""

from __future__ import annotations

from assistant.privacy.redaction import find_spans, redact


def test_an_account_abbreviation_after_a_platform_is_the_cue_not_the_handle() -> None:
    # Found by redacting set 41 twice: once the handle was a placeholder, "acc" was read as the handle.
    once = redact("02/05 - Snap acc @kd_77 deleted, new one kd_78 - he showed me").text
    assert "acc" in once and "kd_7" not in once, once
    assert find_spans(once) == [], once

"""Key lines of enquiry and the LCSPR criteria evidence table, for chairs (offline, grounded).

The public API function is `assistant.kloe(text)`; this package is named `enquiry` so that importing it
never shadows that function.
"""

from assistant.enquiry.engine import detect_kind, kloe_text

__all__ = ["detect_kind", "kloe_text"]

"""Key lines of enquiry and the LCSPR criteria evidence table, for chairs (offline, grounded).

`assistant.kloe` is both this package and the public API function `assistant.kloe(text)`: importing a
subpackage rebinds the parent's attribute to the module, so the module itself is made callable and calling
it does exactly what the function does (`services.kloe`).
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

from assistant.kloe.engine import detect_kind, kloe_text

if TYPE_CHECKING:
    from assistant.domain.kloe import KloeReport


class _CallableModule(types.ModuleType):
    def __call__(
        self, text: str, *, provider: str | None = None, exclude_example: int | None = None
    ) -> KloeReport:
        from assistant import services

        return services.kloe(text, provider=provider, exclude_example=exclude_example)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["detect_kind", "kloe_text"]

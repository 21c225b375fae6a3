"""Start-up switches that stop dependencies from sending telemetry. `assistant/__init__.py` calls `switch_off()`
first, so they are set before any dependency is imported.

onnxruntime's official Linux builds (1.29 onwards) send telemetry through Microsoft's 1DS SDK to
mobile.events.data.microsoft.com. They keep a device id and an event queue under
`$XDG_CACHE_HOME` (or `~/.cache`)`/Microsoft/DeveloperTools/.onnxruntime`. In a process that lives longer than
about 12 s (the app, a first index build) they retry the upload every 12-90 s. onnxruntime documents two
runtime switches (docs/Privacy.md, installed as `onnxruntime/Privacy.md`):

- `ORT_DISABLE_TELEMETRY=1` in the environment. It is read once, when ONNX Runtime initialises, and in Python
  that happens at `import onnxruntime`. It turns telemetry off completely: no uploader, no events, no device
  id and no offline cache. The decision holds for the life of the process, so a later
  `enable_telemetry_events()` cannot turn it back on.
- `onnxruntime.disable_telemetry_events()` (the C API's DisableTelemetryEvents). It only suppresses
  non-essential events, after they start. `disable_onnxruntime_events()` calls it before each
  InferenceSession the project creates.

Both are set whatever the environment says: a `0` already in the environment does not turn telemetry back on.
huggingface_hub, which is installed as a dependency of a dependency, has its own documented switch,
`HF_HUB_DISABLE_TELEMETRY` (huggingface_hub/constants.py). That switch is set too. Child processes
(`rapid-review ui` starting Streamlit, the benchmarks) inherit all of these switches. chromadb's switch and
Streamlit's are set where their clients are configured (`retrieval/index.py`, `cli/ui_cmd.py`).
"""

from __future__ import annotations

import os
import sys

# Variable -> value, set before any dependency is imported.
ENVIRONMENT: dict[str, str] = {
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}

# Whether onnxruntime was already imported, without the switch, when switch_off() ran. In that case its
# telemetry had already started, and the environment variable came too late.
_state = {"onnxruntime_started_first": False}


def switch_off() -> None:
    """Set every start-up switch. Cheap: imports nothing."""
    if "onnxruntime" in sys.modules and os.environ.get("ORT_DISABLE_TELEMETRY") != "1":
        _state["onnxruntime_started_first"] = True
    os.environ.update(ENVIRONMENT)


def onnxruntime_started_first() -> bool:
    """True when onnxruntime was imported before this package, so its telemetry could not be fully stopped."""
    return _state["onnxruntime_started_first"]


def disable_onnxruntime_events() -> None:
    """The runtime switch. Call it before creating an InferenceSession."""
    import onnxruntime

    onnxruntime.disable_telemetry_events()

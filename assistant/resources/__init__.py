"""Files the tool ships inside its package: the Panel's corpus, the prompts and the tokenizer.

Found through `importlib.resources`, so an installed wheel works from any folder, not only from a checkout.
`RRA_CORPUS_DIR` (settings) can still point the corpus somewhere else.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_dir(name: str) -> Path:
    """The shipped folder `name` as a real path (wheels install unpacked, so the folder is on disk)."""
    return Path(str(files(__package__ or "assistant.resources").joinpath(name)))


CORPUS_DIR = resource_dir("corpus")
PROMPTS_DIR = resource_dir("prompts")
SAMPLES_DIR = CORPUS_DIR / "samples"
GOLD_DIR = resource_dir("gold")  # the Panel eval's labels, so `rapid-review eval` runs from a wheel too
TOKENIZER_PATH = CORPUS_DIR / "models" / "minilm-tokenizer.json"
APP_ENTRY = Path(str(files("assistant.app").joinpath("streamlit_app.py")))

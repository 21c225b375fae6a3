"""One settings object for the whole tool: RRA_* environment variables, then `.env`, then defaults.

Built once and reached through `get_settings()`; tests call `get_settings.cache_clear()` after changing the
environment.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_cache_dir, user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.resources import CORPUS_DIR

# The checkout's root: the dev set, evals and bench live there (not shipped in the wheel).
REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RRA_", env_file=".env", extra="ignore")

    # Corpus and retrieval
    corpus_dir: Path = Field(
        CORPUS_DIR, description="Folder with the Panel's publication and reference data."
    )
    data_dir: Path = Field(
        Path(user_data_dir("rapid-review-assistant")), description="Where the retrieval index is kept."
    )
    chroma_url: str | None = Field(
        None,
        description="URL of a shared Chroma server (e.g. http://127.0.0.1:8000); unset = local persistent index.",
    )
    collection: str = Field("rapid_review_corpus", description="Chroma collection name.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant.")

    # Providers
    provider: Literal["offline", "openai"] = Field(
        "offline", description="Default provider for critique/draft/kloe."
    )
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1."
    )
    llm_model: str | None = Field(None, description="Model name at that endpoint.")
    llm_api_key: SecretStr | None = Field(
        None, description="API key for the endpoint (any string for local servers)."
    )
    llm_azure_deployment: str | None = Field(None, description="Azure OpenAI deployment name (Azure only).")
    llm_api_version: str | None = Field(None, description="Azure OpenAI API version (Azure only).")
    llm_timeout_s: float = Field(
        60.0, gt=0, description="Deadline in seconds for a whole remote call (requests, retries, re-asks)."
    )
    llm_max_retries: int = Field(
        3, ge=0, description="Transport retries (429, 5xx, timeouts) before failing."
    )
    llm_max_reasks: int = Field(2, ge=0, description="Re-asks with validation errors before failing.")
    llm_max_tokens: int = Field(2000, gt=0, description="Completion token cap per request.")
    llm_max_prompt_tokens: int = Field(30000, gt=0, description="Refuse to send prompts larger than this.")
    llm_log_raw: bool = Field(
        False, description="Write redacted prompt text to the audit log (off by default)."
    )
    cache_dir: Path = Field(
        Path(user_cache_dir("rapid-review-assistant")), description="Response cache and tiktoken files."
    )
    audit_log: Path | None = Field(None, description="Audit log path; default <data_dir>/audit.jsonl.")

    # Input limits
    max_input_bytes: int = Field(20 * 1024 * 1024, gt=0, description="Largest file accepted (bytes).")
    max_input_words: int = Field(200_000, gt=0, description="Largest draft accepted (words).")

    # Sign-in for shared use (`rapid-review ui`): the organisation's OpenID Connect provider
    auth_client_id: str | None = Field(None, description="OpenID Connect client id of the app.")
    auth_client_secret: SecretStr | None = Field(None, description="OpenID Connect client secret.")
    auth_server_metadata_url: str | None = Field(
        None,
        description="The provider's discovery document, ending /.well-known/openid-configuration.",
    )
    auth_redirect_uri: str | None = Field(
        None,
        description="The app's public address + /oauth2callback (default http://<host>:<port>/oauth2callback).",
    )
    auth_cookie_secret: SecretStr | None = Field(
        None, description="Signs the sign-in cookie; unset = a new random one each start (sign in again)."
    )

    @property
    def auth_configured(self) -> bool:
        """Sign-in is required: the provider, the client id and its secret are all set."""
        return bool(self.auth_client_id and self.auth_client_secret and self.auth_server_metadata_url)

    @property
    def audit_path(self) -> Path:
        return self.audit_log or self.data_dir / "audit.jsonl"

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

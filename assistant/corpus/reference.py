"""Load the reference data the project owns: national reviews, statutory criteria and the framework."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assistant.domain.corpus import Criterion, FrameworkDocument, NationalReview


def _date_text(value: Any) -> str | None:
    # YAML reads 2026-04 as text but 2023-12-15 as a date and 2018 as a number: all become text.
    return None if value is None else str(value)


def load_national_reviews(path: Path) -> list[NationalReview]:
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = set(NationalReview.model_fields)
    dated = {"published", "checked"}
    return [
        NationalReview(**{k: (_date_text(v) if k in dated else v) for k, v in item.items() if k in fields})
        for item in items
    ]


def _framework_data(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def load_framework(path: Path) -> tuple[list[FrameworkDocument], str]:
    """The statutes and guidance, with their dates, and when the framework facts were last checked."""
    data = _framework_data(path)
    docs = [
        FrameworkDocument(**{k: (_date_text(v) if k == "published" else v) for k, v in d.items()})
        for d in data.get("documents", [])
    ]
    return docs, str(data.get("checked", ""))


def load_criteria(path: Path) -> list[Criterion]:
    data = _framework_data(path)
    out = [
        Criterion(id=f"reg11-{c['id']}", group="local_review", text=c["text"])
        for c in data["local_review_criteria"]
    ]
    out += [
        Criterion(id=f"also-{c['id']}", group="local_review_also_consider", text=c["text"])
        for c in data["local_review_also_consider"]
    ]
    out += [
        Criterion(id=f"national-{i}", group="national_review", text=t)
        for i, t in enumerate(data["national_review_criteria"], 1)
    ]
    rr = data["rapid_review"]
    framework = [
        (
            "notification",
            f"{data['notification']['rule']} ({data['notification']['source']}), "
            f"{data['notification']['timescale']}.",
        ),
        ("rapid-review-timescale", f"A rapid review is completed {rr['timescale']}."),
        *((("rapid-review-guidance", f"Current guidance: {rr['guidance']}."),) if "guidance" in rr else ()),
        *((("rapid-review-decided-by", f"Decided by {rr['decided_by']}."),) if "decided_by" in rr else ()),
        *(
            (
                f"rapid-review-purpose-2025-{i}",
                f"Under the Panel's June 2025 guidance a rapid review should {p}.",
            )
            for i, p in enumerate(rr.get("purposes_2025", []), 1)
        ),
        *(
            (f"rapid-review-purpose-{i}", f"Under Working Together 2018 a rapid review should {p}.")
            for i, p in enumerate(rr["purpose"], 1)
        ),
        ("serious-harm", f"Serious harm {data['serious_harm']}."),
        ("criteria-not-obligation", f"Note: {data['note']}."),
    ]
    out += [Criterion(id=fid, group="framework", text=text) for fid, text in framework]
    return out

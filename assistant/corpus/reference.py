"""Load the reference data the project owns: national reviews and statutory criteria."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assistant.domain.corpus import Criterion, NationalReview


def load_national_reviews(path: Path) -> list[NationalReview]:
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = set(NationalReview.model_fields)
    return [
        NationalReview(**{k: (str(v) if k == "published" else v) for k, v in item.items() if k in fields})
        for item in items
    ]


def load_criteria(path: Path) -> list[Criterion]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
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
        *(
            (f"rapid-review-purpose-{i}", f"A rapid review should {p}.")
            for i, p in enumerate(rr["purpose"], 1)
        ),
        ("serious-harm", f"Serious harm {data['serious_harm']}."),
        ("criteria-not-obligation", f"Note: {data['note']}."),
    ]
    out += [Criterion(id=fid, group="framework", text=text) for fid, text in framework]
    return out

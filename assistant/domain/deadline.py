"""When a rapid review is due: the 15-working-day clock, and what a draft's own dates say about it.

Field descriptions double as the JSON schema (`rapid-review schema ReviewDeadline`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.evidence import Evidence

DeadlineSource = Literal["option", "draft"]
DatedStep = Literal["submitted", "signed_off", "completed", "meeting"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BankHoliday(_Model):
    date: dt.date = Field(description="The bank holiday (a weekday the clock did not count).")
    name: str = Field(description="Its name, e.g. 'Christmas Day (observed)'.")


class ReviewDeadline(_Model):
    notified: dt.date = Field(
        description="The date the serious incident notification was sent (working day 0)."
    )
    due: dt.date = Field(description="The last day for sending the rapid review to the Panel.")
    working_days: int = Field(15, ge=1, description="Working days allowed after the notification.")
    source: DeadlineSource = Field(
        description="'option' when the user gave the notification date, 'draft' when it was found in the text."
    )
    evidence: Evidence | None = Field(
        None, description="Where the text gives the notification date (source 'draft'), with exact offsets."
    )
    bank_holidays_skipped: list[BankHoliday] = Field(
        default_factory=list, description="England's bank holidays between the notification and the due date."
    )
    rule: str = Field(description="How the due date was counted, in plain words.")


class ReviewDateNote(_Model):
    """Information about the review's own timing, shown apart from the findings: it is not a finding about the
    quality of the review and is never counted as one."""

    kind: Literal["review_late"] = Field(description="What the note is about.")
    step: DatedStep = Field(
        description="The step the draft dates: submitted, signed off, completed, meeting."
    )
    step_date: dt.date = Field(description="The date the draft gives for that step.")
    due: dt.date = Field(description="The due date it is compared with.")
    working_days_late: int = Field(ge=1, description="Working days after the due date.")
    message: str = Field(description="The note, in plain words.")
    evidence: list[Evidence] = Field(description="The draft's own words for the date, with exact offsets.")

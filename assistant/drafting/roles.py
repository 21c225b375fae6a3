"""Family roles as chronologies write them: 'Mother', "Mother's partner", 'maternal grandmother (MGM)',
'Nan', 'older brother', 'half-sister', 'partner'.

Each role is a person of its own until the chronology links it to a name ('Mother (Ms A, 38)'); each
brother or sister is their own role, so two siblings never share one row.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain.drafting import PersonRole


@dataclass(frozen=True)
class RoleSpec:
    id: str
    name: str
    role: PersonRole
    pattern: str
    male: bool = False
    skip_before_of: bool = False  # "sibling of partner's friend" is not the child's sibling
    sibling: bool = False  # a brother or sister of the child


_SIBLING_PREFIX = r"(?:(?:older|younger|elder|big|little|baby|twin|eldest|youngest)\s+)?"
ROLE_SPECS: tuple[RoleSpec, ...] = (
    RoleSpec(
        "mothers-partner",
        "Mother's partner",
        "carer",
        r"(?:mother|mum)'?s\s+(?:new\s+|ex-?\s?)?(?:partner|boyfriend)",
        male=True,
    ),
    RoleSpec(
        "fathers-partner",
        "Father's partner",
        "carer",
        r"(?:father|dad)'?s\s+(?:new\s+)?(?:partner|girlfriend)",
    ),
    RoleSpec(
        "maternal-grandmother", "Maternal grandmother", "relative", r"maternal\s+grand(?:mother|ma|mum)|MGM"
    ),
    RoleSpec(
        "maternal-grandfather",
        "Maternal grandfather",
        "relative",
        r"maternal\s+grand(?:father|pa|dad)|MGF",
        male=True,
    ),
    RoleSpec(
        "paternal-grandmother", "Paternal grandmother", "relative", r"paternal\s+grand(?:mother|ma|mum)|PGM"
    ),
    RoleSpec(
        "paternal-grandfather",
        "Paternal grandfather",
        "relative",
        r"paternal\s+grand(?:father|pa|dad)|PGF",
        male=True,
    ),
    RoleSpec(
        "step-grandfather", "Step-grandfather", "relative", r"step[- ]?grand(?:father|dad)|SGF", male=True
    ),
    RoleSpec("grandmother", "Grandmother", "relative", r"grand(?:mother|ma|mum)|(?-i:Nan|Nana|Nanna)"),
    RoleSpec("grandfather", "Grandfather", "relative", r"grand(?:father|pa|dad)", male=True),
    RoleSpec("maternal-aunt", "Maternal aunt", "relative", r"maternal\s+aunt(?:ie)?"),
    RoleSpec("maternal-uncle", "Maternal uncle", "relative", r"maternal\s+uncle", male=True),
    RoleSpec("paternal-aunt", "Paternal aunt", "relative", r"paternal\s+aunt(?:ie)?"),
    RoleSpec("paternal-uncle", "Paternal uncle", "relative", r"paternal\s+uncle", male=True),
    RoleSpec("aunt", "Aunt", "relative", r"aunt(?:ie|y)?"),
    RoleSpec("uncle", "Uncle", "relative", r"uncle", male=True),
    RoleSpec("stepfather", "Stepfather", "carer", r"step[- ]?(?:father|dad)", male=True),
    RoleSpec("stepmother", "Stepmother", "carer", r"step[- ]?(?:mother|mum)"),
    RoleSpec("foster-carer", "Foster carer", "carer", r"foster\s+carers?"),
    RoleSpec("mother", "Mother", "parent", r"(?:birth\s+)?(?:mother|mum|mom)"),
    RoleSpec("father", "Father", "parent", r"(?:birth\s+)?(?:father|dad)", male=True),
    RoleSpec(
        "half-brother",
        "Half-brother",
        "child",
        _SIBLING_PREFIX + r"half[- ]brothers?",
        male=True,
        skip_before_of=True,
        sibling=True,
    ),
    RoleSpec(
        "half-sister",
        "Half-sister",
        "child",
        _SIBLING_PREFIX + r"half[- ]sisters?",
        skip_before_of=True,
        sibling=True,
    ),
    RoleSpec(
        "step-brother",
        "Step-brother",
        "child",
        _SIBLING_PREFIX + r"step[- ]?brothers?",
        male=True,
        skip_before_of=True,
        sibling=True,
    ),
    RoleSpec(
        "step-sister",
        "Step-sister",
        "child",
        _SIBLING_PREFIX + r"step[- ]?sisters?",
        skip_before_of=True,
        sibling=True,
    ),
    RoleSpec(
        "brother",
        "Brother",
        "child",
        _SIBLING_PREFIX + r"brothers?(?!-in-law)",
        male=True,
        skip_before_of=True,
        sibling=True,
    ),
    # A 'ward sister' is a nurse, not the child's sister.
    RoleSpec(
        "sister",
        "Sister",
        "child",
        r"(?<!ward\s)(?<!nursing\s)" + _SIBLING_PREFIX + r"sisters?(?!-in-law)",
        skip_before_of=True,
        sibling=True,
    ),
    RoleSpec(
        "siblings",
        "Sibling(s)",
        "child",
        r"(?:half|step)[- ]?siblings?|siblings?",
        skip_before_of=True,
        sibling=True,
    ),
    RoleSpec(
        "partner",
        "Partner (not said whose)",
        "adult",
        r"(?:her|his)\s+(?:new\s+)?(?:partner|boyfriend|girlfriend)|partner|boyfriend",
        male=False,
        skip_before_of=True,
    ),
)
SPEC_BY_ID = {s.id: s for s in ROLE_SPECS}
SIBLING_IDS = frozenset(s.id for s in ROLE_SPECS if s.sibling)

"""Word lists the redactor reads: names, ordinary words, role words, and words that are never names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

from assistant.lexicon import MONTH_WORDS, WEEKDAY_WORDS

# Letters with a stroke or a slash have no accent to take off (Unicode gives them no decomposition): "Łukasz",
# "ĐỖ", "Søren" and "Işık" are written "Lukasz", "Do", "Soren" and "Isik" as often.
_STROKED = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i", "ŧ": "t"})


@lru_cache(maxsize=1 << 17)
def fold(word: str) -> str:
    """Lowercase without accents, so Chloë, CHLOE and chloe look the same to the lists."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(_STROKED)


def norm(text: str) -> str:
    """`text` folded, its spaces made single: the key a span is known by. A text names the same people and places
    again and again, so a short one is looked up once."""
    return _short_norm(text) if len(text) <= 120 else " ".join(fold(text).split())


@lru_cache(maxsize=1 << 16)
def _short_norm(text: str) -> str:
    return " ".join(fold(text).split())


def data_lines(name: str) -> list[str]:
    """The lines of a shipped data file (assistant/privacy/data/), without comments and blank lines."""
    text = resources.files("assistant.privacy").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[:1] != "#"]


@cache
def _wordlist(name: str) -> frozenset[str]:
    return frozenset(fold(word) for line in data_lines(name) for word in line.split())


def first_names() -> frozenset[str]:
    return _wordlist("first_names.txt")


def surnames() -> frozenset[str]:
    return _wordlist("surnames.txt")


def word_surnames() -> frozenset[str]:
    """Surnames that are ordinary words ("best", "cross"): data/word_surnames.txt, a name only after a name."""
    return _wordlist("word_surnames.txt")


def common_words() -> frozenset[str]:
    return _wordlist("common_words.txt")


def countries() -> frozenset[str]:
    """The world's countries and regions (data/countries.txt): no person's name ("lives in Brazil")."""
    return _wordlist("countries.txt")


# The last word of a street's name ("Seaview Parade", "Enbrook Valley") and of a house's ("Holly Cottage"), as
# one alternation each: the address patterns (identifiers.py) and the reading of a log's capitals (venues.py)
# share them.
STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|Pl|Gardens|Gdns|"
    "Grove|Terrace|Walk|Hill|Park|Row|Mews|Square|Sq|Rise|View|Green|Parade|Vale|Wharf|Yard|Boulevard|"
    "Meadow|Meadows|Fields|Heights|Chase|Croft|Approach|Gate|Mount|End|Bank|Brow|Fold|Garth|Wynd|Lea|"
    "Path|Hollow|Circus|Quay|Causeway|Side|Village|Estate|Broadway|Cl|Tce|Pde|Gr|Gro|Av|"
    "Valley|Ridge|Spinney|Glade|Paddock|Paddocks|Orchard|Pastures|Esplanade|Promenade|Embankment|"
    # regional words for a street or lane: the Fens' droves, Norfolk's lokes, Sussex's twittens, Tyneside's
    # chares, the north's ginnels and snickets
    "Drove|Loke|Twitten|Chare|Ginnel|Gennel|Snicket|Corner|Nook|Dene|Leys"
)
HOUSE_TYPES = (
    "Cottage|Cottages|Farm|Farmhouse|Lodge|Barn|Vicarage|Rectory|House|Manor|Grange|Bungalow|Villa|Mill|"
    "Hall|Court|Mansions|Mills|Towers|Flats|Tower|Buildings|Chambers|Forge|Smithy|Stables|Granary|Gatehouse|Oast|"
    "Chapel|Bakery|Schoolhouse|Business Centre|Enterprise Centre"
)
# The same words as a set of folded words, for rules that look at one word beside a name.
STREET_OR_HOUSE_WORDS = frozenset(fold(w) for w in (STREET_TYPES + "|" + HOUSE_TYPES).split("|"))


# What a person does or is, said straight after her name or initials ("F said", "DC phoned", "K tearful"): the
# initial-letter rules read a letter or an abbreviation as someone only before one of these.
PERSON_VERBS = (
    "said|says|told|tells|was|is|has|had|disclosed|discloses|asked|asks|reported|reports|stated|states|wants|"
    "wanted|needs|needed|likes|misses|loves|hates|went|left|came|attended|returned|refused|cried|ran|did|does|"
    "got|gets|drew|draws|became|seemed|appeared|looked|presented|tearful|found|seen|late|absent|arrived|"
    "retaliated|admitted|denied|declined|agreed|explained|described|shared|spoke|talked|wrote|sang|played"
)


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The verbs an action plan or a log opens an item with, before whom it is about ("5. Register Florentina with a GP",
# "Tell Andrius", "CONTACT ROJIN", "Rang Costel", "Admitted Heron Ward"): over the development sets, none of the 43
# names read with one of these before them included it.
ACTION_VERBS = word_set(
    "emailed texted phoned messaged rang visited called met saw "
    "register refer book arrange liaise discuss ensure complete update visit contact invite share send request "
    "review convene offer provide consider agree escalate notify inform check confirm seek obtain ask follow explore "
    "progress support monitor schedule flag copy ring phone email text commission admit admitted transfer "
    "transferred discharge discharged advise advised signpost remind tell collect take bring give"
)


def english_words() -> frozenset[str]:
    """SCOWL's ordinary English words (data/english_words.txt): lowercase entries only, so no proper noun."""
    return _wordlist("english_words.txt")


@cache
def place_names() -> frozenset[str]:
    """Towns, villages, districts and estates of England and Wales, lower case ("reading", "houghton regis",
    "barrow-in-furness"): data/places.txt, written for this project, and GeoNames' places of 500 people or more
    (data/geonames_places.txt), which fill its gaps (Rhyl, King's Lynn)."""
    names = {norm(line) for line in data_lines("places.txt") + data_lines("geonames_places.txt")}
    # "Bradford-on-Avon" is written "Bradford on Avon" as often: both spellings of a linked name.
    return frozenset(names | {name.replace("-", " ") for name in names if "-" in name})


def ordinary_word_towns() -> frozenset[str]:
    """Towns whose name is an ordinary word or a month ("march", "street", "sale"): data/ordinary_word_towns.txt,
    read as a town only where nothing else can be meant."""
    return _wordlist("ordinary_word_towns.txt")


def welsh_words() -> frozenset[str]:
    """Welsh's ordinary words (data/welsh_words.txt): a bilingual record's headings are not names."""
    return _wordlist("welsh_words.txt")


def chat_words() -> frozenset[str]:
    """Text-speak, contractions without apostrophes and slang of messages: no one's name (data/chat_words.txt)."""
    return _wordlist("chat_words.txt")


@cache
def public_names() -> frozenset[str]:
    """Capitalised words that name no person and no local place: countries, big cities, brands, medicines."""
    return _wordlist("public_names.txt") | countries()


@cache
def public_titles() -> frozenset[str]:
    """National guidance, laws and programmes by their titles, folded ("working together", "signs of safety"), and
    the first two words or more of each ("working together" of "Working Together to Safeguard Children")."""
    keys: set[str] = set()
    for line in data_lines("public_titles.txt"):
        words = [fold(word) for word in line.split()]
        keys.add(" ".join(words))
        keys.update(" ".join(words[:n]) for n in range(2, len(words)))
    return frozenset(keys)


@lru_cache(maxsize=1 << 16)
def is_public_title(run: str) -> bool:
    """Whether a run of words is a title in public_titles.txt, or two or more words that start one (not "Clare's"
    alone of "Clare's Law", which is somebody), with its year or version after it ("Working Together 2023", "Open
    Government Licence v3"). Looked up for every name found, and a text names the same people again and again: a
    set, not a scan, and each run once."""
    words = run.split()
    if len(words) > 2 and _EDITION.fullmatch(words[-1]):
        words.pop()
    return " ".join(fold(word) for word in words) in public_titles()


_EDITION = re.compile(r"v?[0-9]{1,4}(?:\.[0-9]{1,2})?")


# A word's parts are looked up without these: "Co-accused", "Pre-birth", "I've", "Referrer's".
_PREFIXES = word_set(
    "co pre post non re ex anti semi sub inter multi self mid half step well over under out cross de un i e"
)
# Prefixes long enough that a name rarely starts with one followed by a whole English word ("Overton" and
# "Underwood" would, so over- and under- are not here).
_LEARNED_PREFIXES = (
    "neuro", "psycho", "hyper", "hypo", "multi", "inter", "intra", "trans", "anti", "semi", "para", "peri",
    "ante", "counter", "micro", "macro", "mono", "poly", "pseudo", "socio", "electro", "cardio", "gastro",
)  # fmt: skip
# Endings a practitioner adds to an ordinary word that the word list may not have ("Cuckooed").
_INFLECTIONS = ("ed", "ing", "s", "es", "er", "ers")
_CONTRACTION = re.compile(r"(?:'(?:s|ve|ll|re|d|m|t)|n't)$")


def _day_forms() -> frozenset[str]:
    """Weekdays and months as practitioners shorten or pluralise them ("Tues", "Thurs", "Fridays")."""
    forms: set[str] = set()
    for word in WEEKDAY_WORDS:
        forms |= {word + "s", word[:3], word[:4], word[:5], word[:3] + "s"}
    forms |= {"weds", "thur"}
    forms |= {month[:3] for month in MONTH_WORDS if month.isalpha()} | {"sept"}
    return frozenset(forms)


_DAY_FORMS = _day_forms()


@lru_cache(maxsize=1 << 16)
def is_vocabulary(token: str) -> bool:
    """Whether a capitalised word could be an ordinary word of English or of this genre, or a public name,
    rather than somebody's or some place's own name. Hyphenated and contracted words count when every part
    does ("Co-accused", "I've")."""
    if token[-1:] == "s" and token[:-1].isupper() and fold(token[:-1]) in ACRONYMS:
        return True  # "LADOs"
    folded = _CONTRACTION.sub("", fold(token))
    if _known(folded) or any(
        folded.endswith(ending) and _known(folded[: -len(ending)]) for ending in _INFLECTIONS
    ):
        return True
    parts = [part for part in re.split(r"[-']", folded) if part]
    if len(parts) > 1 and all(_known(part) or part in _PREFIXES for part in parts):
        return True
    # "Neurodevelopmental", "Psychosexual": a learned prefix on an ordinary word.
    return any(
        folded.startswith(prefix) and len(folded) - len(prefix) >= 6 and _known(folded[len(prefix) :])
        for prefix in _LEARNED_PREFIXES
    )


def _known(word: str) -> bool:
    return (
        word in english_words()
        or word in common_words()
        or word in public_names()
        or word in welsh_words()
        or word in _DAY_FORMS
        or word in WEEKDAY_WORDS
        or word in MONTH_WORDS
        or word in ROLE_WORDS
        or word in ACRONYMS
        or word in FUNCTION_WORDS
        or word in NATIONALITIES
        or word in CAR_MAKES
        or word in CAR_MODELS
        or word in MAKES_ALSO_SURNAMES
    )


# First names that are too often something else (a month, a RAG rating, a place, a verb) to be taken as a
# name on their own; they still count next to a surname, after a title or label, or once seen as a name.
NEVER_ALONE = word_set(
    "amber austin chelsea dale dean eden faith florence frank georgia hope jan jordan joy june may summer sydney "
    "victoria will"
)
# Names that are ordinary words mainly at the start of a sentence ("Mark the date", "Grace period").
NOT_AT_SENTENCE_START = word_set(
    "mark grace blessing harper brooke paige dawn precious favour goodluck comfort patience mercy storm "
    "raven willow ivy destiny nova skye jade luna aurora rio roman marley harley remy zion godwin"
)
# Values after a label that are roles or anonymised labels, not names.
NON_VALUES = word_set(
    "unknown none not redacted withheld tbc n a the deceased child adult mother father sibling baby young "
    "person subject name nk n/k re fw fwd"
)

# Family and professional roles: never a name, and a capitalised word right after one usually is one
# ("her friend Aoife", "the health visitor, Jane Hill"). Multi-word roles are written with single spaces.
FAMILY_ROLES = (
    "mother|mum|mummy|mom|father|dad|daddy|step-?father|step-?dad|step-?mother|step-?mum|stepfather|"
    "stepmother|parent|partner|ex-partner|ex|boyfriend|girlfriend|ex-boyfriend|ex-girlfriend|husband|wife|"
    "ex-husband|ex-wife|fiance|fiancee|brother|sister|half-brother|half-sister|step-?brother|step-?sister|"
    "sibling|twin|son|daughter|stepson|stepdaughter|aunt|auntie|aunty|uncle|cousin|nephew|niece|"
    "grandmother|grandfather|grandma|grandad|granddad|grandpa|grandparent|nan|nana|nanna|nanny|granny|"
    "gran|grandson|granddaughter|great-grandmother|great-grandfather|great-aunt|great-uncle|great-nan|great-gran|godmother|godfather|guardian|"
    "papai|mamae|mamai|papi|mami|maman|mamusia|tatus|tatay|nanay|ammi|ammu|abbu|abba|amma|appa|"
    "nain|taid|gogo|nani|nanu|dadi|nonna|nonno|oma|opa|babcia|dziadek|abuela|abuelo|mamgu|friend|best friend|mate|pal|bestie|neighbour|lodger|carer|foster carer|kinship carer|childminder|babysitter|"
    "baby|infant|child|brother-in-law|sister-in-law|mother-in-law|father-in-law|associate|peer|classmate|"
    "eldest|youngest|oldest|middle child|firstborn|cuz|cuzzy|coz|bruv|bro|sis"
)


def _family_words_in_other_languages() -> list[str]:
    """data/family_words.txt as pattern alternatives, in their own spelling and without accents ("Mătușa",
    "Matusa"). Letters only, so each is a pattern as it stands and splits into role words as the others do."""
    words = [word for line in data_lines("family_words.txt") for word in line.split()]
    return sorted({form for word in words for form in (word, fold(word))})


FAMILY_ROLES += "|" + "|".join(_family_words_in_other_languages())
# The family words of one word each ("mum", "aunty", "babcia"), as a set.
FAMILY_WORDS = frozenset(word for word in FAMILY_ROLES.replace("-?", "").split("|") if word.isalpha())
# The people a service works for or a court hears, named by what they are to it ("Client: A. NOWAK", "Applicant
# Agnieszka Nowak"): role words, but no job ("not a Spectrum client").
PARTY_ROLES = "client|applicant|respondent"
PARTY_WORDS = word_set(PARTY_ROLES.replace("|", " "))

PROFESSIONAL_ROLES = (
    "social worker|student social worker|health visitor|midwife|community midwife|teacher|class teacher|"
    "head teacher|headteacher|deputy head|head of year|SENCO|SENDCO|DSL|designated safeguarding lead|"
    "GP|doctor|paediatrician|consultant|registrar|nurse|school nurse|practice nurse|officer|police officer|"
    "detective|investigating officer|keyworker|key worker|support worker|family support worker|"
    "youth worker|early help worker|worker|manager|team manager|practice manager|practitioner|advocate|"
    # a caseworker who walks a young person through services ("CE Navigator", "Modern Slavery Navigator")
    "navigator|"
    "IDVA|ISVA|ChIDVA|ChiDVA|YIDVA|CYPIDVA|ChISVA|ICTG|therapist|psychologist|psychiatrist|counsellor|coach|tutor|mentor|pastor|imam|priest|vicar|"
    # faith settings' own offices, as a safeguarding note from a church, a synagogue, a yeshiva or a gurdwara
    # writes them ("Deaconess O. Adebayo", "the Rebbetzin", "Menahel Rabbi Katz", "the sevadars")
    "deacon|deaconess|evangelist|apostle|prophetess|rabbi|rebbe|rebbetzin|menahel|rav|granthi|giani|sevadar|"
    # ... and a church's, a mosque's, a madrasah's or a temple's others ("Qari", "the raqi", "Evang Chidi", "Canon
    # Prescott", "the Macallin", Somali for the teacher); not those that are also names, surnames or part of a
    # place's name (Hafiz, Sheikh, Pandit, Elder, Bishop, "Gurdwara Sahib")
    "prophet|archbishop|canon|reverend|minister|catechist|monsignor|cantor|chazan|swami|pujari|qari|hafiza|"
    "maulana|moulana|maulvi|molvi|moulvi|mufti|ustadh|ustadha|ustaz|ustaza|aalim|aalima|raqi|raaqi|macallin|"
    "macalin|macalimad|evang|"
    "solicitor|chair|reviewer|author|lead reviewer|independent reviewer|interpreter|caseworker|"
    "case worker|housing officer|probation officer|paramedic|sergeant|inspector|constable|clinician|"
    "safeguarding lead|named nurse|named doctor|designated nurse|designated doctor|supervisor|"
    "personal adviser|personal advisor|PA|IRO|independent reviewing officer|LADO|headmaster|headmistress|"
    "superintendent|chief superintendent|commander|director|coordinator|co-ordinator|administrator|"
    "receptionist|secretary|medical secretary|driver|assistant|caretaker|sponsor|host|landlord|landlady|befriender|specialist|nurse specialist|"
    "prescriber|nurse prescriber|pharmacist|community pharmacist|dentist|optician|physiotherapist|dietitian|"
    "occupational therapist|radiographer|sonographer|nursery nurse|"
    "teaching assistant|learning support assistant|family liaison officer|play specialist|youth leader|volunteer|"
    f"{PARTY_ROLES}|"
    "coroner|coroner's officer|surgeon|plastic surgeon|consultant surgeon|anaesthetist|radiologist|neonatologist|"
    "obstetrician|nurse practitioner|advanced nurse practitioner|matron|"
    "MGM|MGF|PGM|PGF|SGM|SGF|EWO|ESW|CPN|CSW|FSW|PSW|ISW|HV|SW|"
    # the same jobs in Welsh, as a bilingual record writes them ("Pennaeth Alun Thomas", "athrawes Bl. 4")
    # (single words: "iechyd" or "ysgol" alone would break a board's or a school's name), mutated forms too
    "pennaeth|bennaeth|athro|athrawes|nyrs|meddyg|feddyg|bydwraig|heddwas|swyddog|rheolwr|cadeirydd|dirprwy|"
    "cwnstabl|gwnstabl|ditectif|rhingyll|arolygydd|eiriolwr|cyfieithydd"
)
# Practitioners' own abbreviations for a job: teaching and learning support assistants, family liaison,
# senior practitioner and social worker, team manager, officer in the case, healthcare assistant, emergency
# medical technician, deputy DSL, designated safeguarding person, single point of contact, nurses... Roles only
# in capitals: "Flo" is a name and "ta" is thanks.
# A nurse's or a midwife's registration after the surname in a signature ("G Storr RM"): not part of the name,
# and not a team's acronym. RM is read as the role only there; alone it is a person's initials as often.
POST_NOMINALS = word_set("rm rn rgn rmn srn rsn rnld")
ROLE_ABBREVIATIONS = word_set(
    "TA SN LSA HLTA FLO SPO SSW TM OIC HCA EMT DDSL DSP SPOC PDSN ECA OT DHT AHT PSO YJW FNP EDT RN RGN RMN CMW NNEB "
    # an emotional literacy support assistant; and the in-laws, as a family's notes shorten them
    "ELSA SIL BIL MIL FIL DIL CCP "
    # a club's welfare officer, a prison's offender manager, in prison or in the community
    "CWO OM POM COM "
    # a children's ISVA, an ambulance call's emergency medical adviser and a parish's safeguarding representative
    "CISVA EMA PSR"
) | frozenset(line.split("#")[0].strip() for line in data_lines("job_abbreviations.txt"))
PROFESSIONAL_ROLES += "|" + "|".join(sorted(ROLE_ABBREVIATIONS))
# The words a job's title ends in beyond those above ("Consultant Paediatric Neurologist", "Chair of Trustees").
PROFESSIONAL_ROLES += "|" + "|".join(data_lines("job_heads.txt"))
# Jobs and ranks in letters, written before a name ("ANP Nerys Bowen", "PP A. Mensah", "PC GREEN", "SW M PARRY"):
# letters that elsewhere may be someone's initials are a job there, and say a name follows.
JOB_LETTERS = frozenset(
    w for w in re.split(r"[|\s]", PROFESSIONAL_ROLES) if len(w) >= 2 and w.isupper()
) | word_set("PC DC DS DI DCI PS PCSO SGT PP ANP MW SN RM")

# A qualifier's letters before a health visitor's or a social worker's letters make another job, not someone's
# initials: "PLHV" (paediatric liaison health visitor), "RSW" (residential), "APSW", "PFSW" (private fostering). No
# list can hold every team's variant; over the development sets no such run of letters was anyone's initials.
_QUALIFIED_JOB_LETTERS = re.compile(r"[A-Z]{1,3}(?:HV|SW)")


def is_role_abbreviation(letters: str) -> bool:
    """A job in letters ("TA", "SSW", "PLHV"), never a name's initials."""
    return letters in ROLE_ABBREVIATIONS or _QUALIFIED_JOB_LETTERS.fullmatch(letters) is not None


def is_job_letters(letters: str) -> bool:
    """A job or rank in letters that may stand before a name ("ANP Nerys Bowen", "PLHV Tara Beeby")."""
    return letters in JOB_LETTERS or _QUALIFIED_JOB_LETTERS.fullmatch(letters) is not None


# Role words that say what someone does but not that they are one person: a group, a service or a kinship
# qualifier ("MASH (police)", "CYP (children and young people)").
NOT_ONE_PERSON = word_set(
    "children child young people person persons family families adults adult parents parent siblings "
    "professional professionals staff services service health social care early help visiting mmr maternal "
    "paternal step half foster adoptive birth biological great police partners grandparents relatives relative"
)
# The words a job's name ends with ("nurse", "manager", "chair"); not family words: "Mother (MS)" may be
# her illness.
JOB_HEADS = (
    frozenset(
        fold(role.split()[-1]) for role in PROFESSIONAL_ROLES.replace("-?", " ").split("|") if role.strip()
    )
    - NOT_ONE_PERSON
    - word_set("year mgm mgf pgm pgf sgm sgf")
) | word_set("dc ds di dci pc ps pcso sgt insp")  # "WH (DC, CAIT)": an officer's rank is one person's job
# Words that say which of several relatives a family word means, in South Asian languages ("Boro Mama", the elder
# maternal uncle, "Choti Khala", "Bade Abbu"): part of the role only straight before a family word, as "boro" alone
# may be a town's short name.
KIN_QUALIFIERS = word_set(
    "boro baro bara bari bada bade bado choto chhoto chota chhota choti chhoti chote chhote mejo meja majhla majhli "
    "sejo shejo naw nowa"
)
# Family words said before a name as a title ("Uncle Shaz", "Nana Pearl", "Uncle DD"): the word is a role, what
# follows it is what the family calls someone. Not "Mother NI number", not "Abba" (also a priest's title).
KIN_TITLES = word_set(
    "uncle aunt auntie aunty nan nana nanna nanny gran granny grandma grandad granddad grandpa cousin nain taid"
)
# Where a message names someone in lower case: after these words ("me n rico", "tell kezz 2 come") and before
# these ("leon will come round"). The thread reader (transcripts.py) and the reader of found names that are
# words (names.py) share them.
MESSAGE_NAME_BEFORE = word_set("n with wiv wid tell ask bring ring text")
MESSAGE_NAME_AFTER = word_set(
    "is was will wants wanted got took said sed says knows keeps kept has had gonna cant dont aint told "
    "sent seen saw"
)
# Given names that are also English words and that no name list holds as names (they would make every "rose" or
# "will" a name): read as names only where a family word says so ("Husband Ray took him", "Nan Rose visited").
WORD_NAMES = word_set(
    "ray rose will bill jack mark pat sue dawn joy faith grace hope summer autumn april may june jade ruby amber "
    "pearl violet daisy holly ivy poppy lily iris heather hazel robin dean frank grant lance miles rich sunny sky "
    "storm river ash penny rusty buster chip duke king prince major sonny kit bob rob nick gene guy"
)
# Nationalities, languages, faiths and ethnic groups: capitalised, never a name ("mother's English").
NATIONALITIES = word_set(
    "english british scottish welsh irish polish romanian lithuanian latvian estonian bulgarian hungarian "
    "czech slovak slovakian albanian kosovan serbian croatian bosnian portuguese spanish italian french german "
    "dutch belgian greek cypriot turkish kurdish iranian iraqi syrian lebanese afghan pakistani indian "
    "bangladeshi nepali sri lankan tamil chinese vietnamese filipino thai japanese korean malaysian "
    "indonesian nigerian ghanaian somali somalian sudanese eritrean ethiopian kenyan ugandan tanzanian "
    "zimbabwean congolese cameroonian gambian senegalese jamaican caribbean african asian european american "
    "arab arabic urdu punjabi bengali bangla sylheti gujarati hindi farsi persian pashto dari tigrinya "
    "amharic yoruba igbo twi shona swahili lingala mandarin cantonese russian ukrainian belarusian muslim "
    "christian hindu sikh jewish catholic protestant orthodox anglican methodist baptist pentecostal "
    "traveller travellers roma romany gypsy british-pakistani black white mixed bsl makaton england scotland "
    "wales britain ireland europe africa asia "
    # languages families in England speak, as interpreters' notes name them
    "pahari mirpuri potwari pothwari sorani kurmanji badini bahdini oromo akan hausa krio ndebele tagalog hakka "
    "hokkien kutchi malayalam telugu kannada marathi sinhala sinhalese romani shelta malay hebrew yiddish gaelic "
    "cornish "
    # the other nationalities of families who come to England, and of the countries they pass through
    "libyan moroccan algerian tunisian egyptian yemeni saudi jordanian palestinian israeli moldovan georgian "
    "armenian azerbaijani kazakh uzbek chechen kosovar macedonian montenegrin slovenian austrian maltese swiss "
    "danish swedish norwegian finnish icelandic rwandan burundian ivorian liberian zambian malawian mozambican "
    "angolan namibian trinidadian barbadian guyanese bajan burmese nepalese kashmiri pashtun hazara berber"
) | _wordlist("peoples.txt")  # and every other people ("Brazilian", "Fijian")


def _roleword_set() -> frozenset[str]:
    words: set[str] = set()
    for role in (FAMILY_ROLES + "|" + PROFESSIONAL_ROLES).split("|"):
        for word in re.split(r"[ \-]|\?", role.replace("-?", "-")):
            if word and word not in ROLE_ABBREVIATIONS:
                words.add(fold(word))
        if "-?" in role and " " not in role:
            words.add(fold(role.replace("-?", "")))  # "step-?dad" is also written "stepdad"
    words |= word_set(
        "maternal paternal step half foster adoptive birth biological great mothers fathers parents "
        "siblings brothers sisters children adults carers partners grandparents family relative relatives "
        "victim perpetrator suspect witness defendant offender professional professionals staff colleague "
        "visitor health social care services visiting early help mmr"
    )
    # "best friend" is a role, "best" alone is not: it is a surname ("Kyle Best", "BEST, Kyle").
    return frozenset(words - {"best"})


ROLE_WORDS = _roleword_set()

# The Akan day names (Ghana), given by the weekday of birth, in their common spellings: after one, "Nana" is part of
# the name as an elder's or a chief's title ("Nana Kofi Agyeman", "Nana Yaa"), not a grandmother's word.
AKAN_DAY_NAMES = word_set(
    "kwasi kwesi akwasi akosua esi kwadwo kojo jojo adwoa adjoa kwabena ebo abena araba kwaku kweku akua yaw yao "
    "ekow yaa kofi fiifi afua efua kwame kwamena ama"
)
# The men's among them: "Nana" before one is a man's name or title, never a grandmother's word.
AKAN_MEN_DAY_NAMES = word_set(
    "kwasi kwesi akwasi kwadwo kojo jojo kwabena ebo kwaku kweku yaw yao ekow kofi fiifi kwame kwamena"
)

# What a police or ambulance log writes before a person's name in capitals ("FEMALE AGNIESZKA KOWALCZYK", "ADULT
# MALE CONNOR FITZGERALD", "CALLER BRIDGET MCDONAGH", "IP SAIMA RAFIQ", the injured party): who they are in the
# incident, never part of the name ("MEMBER OF PUBLIC JANET COOMBER" too).
LOG_DESCRIPTORS = word_set(
    "female male adult occupant caller ip informant witness juvenile intended spouse resident tenant "
    "driver passenger neighbour owner public guard misper mop"
)

# Words that start or glue sentences, pronouns and question words: capitalised at a sentence start or in a
# heading, never a name on their own.
FUNCTION_WORDS = word_set(
    "a an the and or but nor so yet for of in on at by to from with without within into onto upon over under "
    "after before during since until while when whenever where whereas wherever which who whom whose what "
    "why how if unless although though because as than that this these those there here then thus hence "
    "however therefore moreover furthermore also again still even just only both either neither each every "
    "all any some no not none few many much more most other others another such same own i me my mine we us "
    "our ours you your yours he him his she her hers it its they them their theirs myself yourself himself "
    "herself itself ourselves themselves is am are was were be been being has have had having do does did "
    "doing will would shall should can could may might must ought let lets one ones yes ok okay please "
    "following further given including regarding concerning via per about above below between among around "
    "through throughout towards toward across against along behind beside besides beyond near off out up "
    "down whether today yesterday tomorrow tonight now later soon once twice first second third next last "
    "previously subsequently initially finally overall meanwhile otherwise instead although whilst amongst "
    "on whom dear hi hello thanks thank regards note notes see"
)

# Institutions and services: a capitalised one after a role word ("the father, Police attended") is the
# start of the next clause, not a name.
INSTITUTION_WORDS = word_set(
    "police school schools college nursery academy hospital hospitals surgery practice court courts council "
    "authority local children children's childrens social health nhs trust mash camhs gp gps ambulance "
    "paramedics probation housing education education's services service team teams agency agencies "
    "department unit ward clinic centre center hub partnership board panel review reviews conference "
    "meeting strategy section early help family families emergency a&e ed fire army navy government "
    "home office ofsted dwp hmrc cafcass barnardo's nspcc childline samaritans refuge women's aid "
    "staff officers professionals records notes information the"
)

# Capitalised words that start the name of an operation or an app's feature, never a person's name ("Op
# Harrier", "Snap Map", "Insta Story").
NOT_NAME_STARTS = word_set(
    "op operation snap snapchat insta instagram tiktok whatsapp facebook youtube telegram"
)

# All-caps words that are acronyms in this genre, never a name spelt in capitals.
# Words a capital letter after them labels rather than names ("Child H", "Plan B", "Class A", "Band C"): the
# letter is nobody's initial there, and a full stop after it ends a sentence.
LETTER_LABELS = word_set(
    "child baby adult sibling person young plan section appendix option type category grade class year part "
    "annex table figure stage phase block ward room form schedule vitamin hepatitis group team level step "
    "mr mrs ms miss dr subject case family mother father perpetrator victim witness suspect exhibit item sex gender "
    "band code flat unit bay pitch bed zone wing"
)


ACRONYMS = word_set(
    "mash camhs icpc rcpc lado cspr lcspr dsl senco sendco ehcp ehc nhs gp ed ae cin cp cpp lac cla plo icb "
    "ccg idva isva marac mappa dash yot yjs sarc cse cce fgm prevent ace aces adhd asd send sen ico dbs dwp "
    "hmrc uk bme bame ofsted jtai csc cs cyp yp hv sw iro pa pru ks1 ks2 ks3 ks4 gcse sats ct mri ahd ahs "
    "nai ccg sgo cao rr cic csp lscp lscb scr dhr sar cpr vrm pnc pnd crn urn mrn cad caf id dob nk tbc n/a "
    "eta rag red amber green asap am pm uk usa eu un who ok tv pc dc ds di dci pcso sgt cctv bbc itv nspcc "
    "rspca aa ab ba bsc msc phd mbe obe ceo cqc hmic hmicfrs fyi sms mms pdf png mp bmi iq adhd ptsd ocd "
    "emis afc jfc ehe pe eoc btp cps nca hems la lcs picu nicu hart mace cait edt uasc nrm cypa glaa "
    "rhi cme oic ppu "  # a return home interview, children missing education, the officer in the case
    # sudden unexpected death in childhood or infancy, the National Police Chiefs' Council, the Met's command and
    # control, a pain scale, packed red cells, a consultant in communicable disease control: none a council's
    "sudc sudi npcc metcc flacc prbc ccdc "
    # Police and probation units, orders and systems, a paediatric liaison nurse, Gypsy, Roma and Traveller, and
    # paediatrics as notes shorten it: every dev set that uses one leaves it unmarked (not "CAIU", a team that
    # writers mark with its area, "CAIU West", nor "ROSH", which is also a name)
    "mosovo pln grt shpo anpr nomis oasys visor paeds"
)

# Compass points that start an area's name ("North Vale", "WEST PENNINE"), though each is a word.
COMPASS_WORDS = word_set("north south east west northern southern eastern western mid")

# Initials that are also abbreviations in this genre ("DV" for Daniel Vale is domestic violence).
NOT_INITIALS = word_set(
    "nfa dv da ps ot rip asb nb ltd plc qc kc tac tas bsl sdq am pm ok id tv uk us eu re cc dcs ddcs hos ceo "
    "cfo coo md dpo sgo aa adcs ni"
)
# Two letters a clinical or police note writes for a thing or a role ("BP", "TB", "SG referral", "IP conveyed", "CH:"
# a call handler): never read as a name's initials unless the text declares them someone's.
NOTE_ABBREVIATIONS = word_set("bp tb hr sg ip ch")


def can_be_initials(letters: str) -> bool:
    """Letters no acronym, job, little word or abbreviation takes ("DC" is a detective constable)."""
    folded = fold(letters)
    return not (
        folded in ACRONYMS
        or folded in ROLE_WORDS
        or folded in FUNCTION_WORDS
        or is_role_abbreviation(letters)
        or folded in NOT_INITIALS
    )


# Police ranks written before an officer's collar number ("PC 4471", "SGT 1150 PRIESTLEY"), as a pattern.
POLICE_RANKS = r"(?:PC|DC|DS|PS|PCSO|(?i:sgt|sergeant|constable))"
# Where each of those can start, for a quick str.find before the pattern is tried.
POLICE_RANK_STARTS = word_set("PC DC DS PS Sgt SGT sgt Serg SERG serg Const CONST const")

# Name particles that stay lowercase inside a name ("Pieter van der Berg", "Ahmed bin Rashid").
PARTICLES = word_set(
    "van von der den de da di du del della la le bin binti bint ibn al el ter ten do dos das ap abu"
)

# Car makes, and the words before a model ("Land Rover", "Range Rover"): the capitalised words after them
# are a model, not a person ("a Seat Leon", "Honda Civic"). Makes that are also common surnames (Ford,
# Morgan, Bentley) are left out.
CAR_MAKES = word_set(
    "seat honda toyota vauxhall nissan audi bmw mercedes mercedes-benz volkswagen vw skoda kia hyundai peugeot "
    "renault citroen fiat volvo mazda jaguar lexus suzuki tesla porsche dacia mitsubishi subaru chevrolet "
    "jeep cupra mg land range alfa merc beemer yamaha kawasaki ducati ktm piaggio vespa"
)
# Makes that are also surnames, and model names: "Ford Transit", "Morgan Plus" is a car only with a model
# after the make, and a model alone ("in the Transit") is never a name.
MAKES_ALSO_SURNAMES = word_set("ford morgan bentley lotus")
CAR_MODELS = word_set(
    "transit fiesta focus kuga puma ranger mondeo corsa astra insignia mokka zafira micra qashqai juke leaf "
    "note civic jazz yaris aygo corolla prius polo golf passat tiguan caddy octavia fabia superb clio megane "
    "captur kangoo 208 308 partner berlingo picasso punto panda sportage ceed picanto tucson i10 i20 i30 "
    "sprinter vito vivaro trafic crafter hilux navara discovery defender evoque velar ducato capri ka sandero "
    "duster leon ibiza arona ateca kona ioniq c-class a-class e-class glc gla cla x5 x3 t-roc up boxer "
    "relay master movano doblo cayenne auris avensis c-hr rav4 vitara i40 tourneo sentra cr-v hr-v"
)


_TRIE_DEPTH = 200  # longer than any name or word: such a run ("Vaéééé…" in a fuzzed text) is listed as it is


def trie(words: Iterable[str]) -> str:
    """An alternation of `words` factored by shared prefixes ("a(?:ccount|ddress)"): re tries one branch
    per character instead of every word, and the longest word still wins. A word longer than _TRIE_DEPTH is
    an alternative of its own, first, so building the pattern never recurses that deep."""
    short: set[str] = set()
    long_words: list[str] = []
    for word in words:
        if len(word) > _TRIE_DEPTH:
            long_words.append(word)
        else:
            short.add(word)
    # Built from the sorted words, whose runs sharing a character at each depth are the tree's branches in order:
    # a long text's found names are thousands of words, and a tree of one dict per character cost a tenth of a
    # second to build. A branch of one word is that word's rest, escaped whole.
    escape = re.escape

    def build(group: list[str], depth: int) -> str:
        ends_here = len(group[0]) == depth  # sorted: the word that is the prefix itself comes first
        rest = group[1:] if ends_here else group
        if not rest:
            return ""
        branches: list[str] = []
        i, size = 0, len(rest)
        while i < size:
            char = rest[i][depth]
            j = i + 1
            while j < size and rest[j][depth] == char:
                j += 1
            if j == i + 1:
                branches.append(escape(rest[i][depth:]))
            else:
                branches.append(escape(char) + build(rest[i:j], depth + 1))
            i = j
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends_here else body

    tree = build(sorted(short), 0) if short else ""
    if not long_words:
        return tree
    listed = "|".join(re.escape(word) for word in sorted(set(long_words), key=len, reverse=True))
    return f"(?:{listed}|{tree})" if short else f"(?:{listed})"


def trie_not_after(not_before: str, words: Iterable[str]) -> str:
    """The same as r"(?<!not_before)(?:" + trie(words) + ")", `not_before` one character's class, but with the
    look-behind after each branch's first letter ("a(?<![\\w]a)(?:ccount|ddress)|..."): a pattern that opens with
    a look-behind is tried at every character of a text, one that opens with letters skips straight to them. For
    words in capitals or capitalised (initials, places): words in lower case start at nearly every letter of prose,
    where the look-behind first is quicker."""
    words = set(words)
    if not words or "" in words:
        return f"(?<!{not_before})(?:{trie(words)})"
    escape = re.escape
    long_words = sorted((word for word in words if len(word) > _TRIE_DEPTH), key=len, reverse=True)
    branches = [f"{escape(w[0])}(?<!{not_before}{escape(w[0])}){escape(w[1:])}" for w in long_words]
    by_first: dict[str, set[str]] = {}
    for word in sorted(word for word in words if len(word) <= _TRIE_DEPTH):
        by_first.setdefault(word[0], set()).add(word[1:])
    # Each first letter's rest is trie() of the rests: the same factoring as trie() one level down.
    branches += [f"{escape(c)}(?<!{not_before}{escape(c)}){_group(rests)}" for c, rests in by_first.items()]
    return "(?:" + "|".join(branches) + ")"


def _group(rests: set[str]) -> str:
    body = trie(rests)
    return f"(?:{body})" if body else ""


def not_after_each(not_before: str, alternatives: Iterable[str]) -> str:
    """The same as r"(?<!not_before)(?:a|b|...)", in the same order, for alternatives that each open with a
    letter or digit: the look-behind after each one's first character, so re skips to those characters."""
    branches = []
    for alternative in alternatives:
        first, rest = alternative[:1], alternative[1:]
        assert first.isalnum() and rest[:1] not in ("?", "*", "+", "{"), alternative
        branches.append(f"{first}(?<!{not_before}{first}){rest}")
    return "(?:" + "|".join(branches) + ")"

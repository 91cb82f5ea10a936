"""The vocabulary (rules/vocab/*.toml): every word of the language and of the world the
engine relies on, one typed section per subject.

Every section forbids unknown keys, so a misspelled key is an error naming the file and
the closest known key, never a silent fall-back. Patterns written by users are compiled
and probed for catastrophic backtracking when the file is loaded.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from factlint.orthography import TONED_CAPITAL, TONED_SYLLABLE

REGEX_TIMEOUT = 1.0  # seconds one user pattern may take on one line before it is reported
# Probe strings a sane pattern handles in microseconds and a catastrophically backtracking
# one ((a+)+$, (\s*\w+)*x, (.*,)*…) cannot finish.
_PROBES = [c * 40 + "!" for c in ("a", " ", "0", TONED_CAPITAL, ".", ",", "-")] + [
    "a " * 40 + "!", (TONED_SYLLABLE + " ") * 40 + "!"]


def check_user_regex(pattern: str, what: str) -> None:
    """A user regex must compile (with the `regex` module) and must not backtrack
    catastrophically on the probe strings; raises ValueError saying which."""
    import regex

    try:
        compiled = regex.compile(pattern, regex.I)
    except regex.error as exc:
        raise ValueError(f"{what} does not compile: {exc}") from None
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=REGEX_TIMEOUT / 4)
        except TimeoutError:
            raise ValueError(f"{what} backtracks catastrophically (over {REGEX_TIMEOUT / 4:g} s "
                             f"on {len(probe)} characters); simplify it") from None


def _patterns(patterns: list[str], info: ValidationInfo) -> list[str]:
    """Check every pattern, unless the data comes from the cache of validated rules."""
    if not (info.context or {}).get("trusted"):
        for i, p in enumerate(patterns):
            check_user_regex(p, f"pattern {i + 1} {p!r}")
    return patterns


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- the world: titles, places, organisations, visit levels -------------------------------

class Title(Strict):
    name: str
    aliases: list[str] = []
    group: str | None = None  # titles in one group are exclusive for one person (Tổng thống / Thủ tướng)
    unique: bool = False  # one holder at a time for one country / organisation
    # the qualifiers a mention must give for its holder to be the only one (a unique title
    # is compared only then): "Đại sứ" is one person for one country posted to another;
    # empty: any one of "of" and "org"
    unique_scope: list[Literal["of", "at", "org"]] = []
    # the title without qualifiers is the home country's ([events] home_places): "Thủ tướng
    # Phạm Minh Chính" is the Prime Minister of Việt Nam
    home: bool = False


class Place(Strict):
    name: str
    aliases: list[str] = []
    kind: Literal["country", "province", "city", "district", "region", "landmark"] = "country"


class Organization(Strict):
    name: str
    aliases: list[str] = []


class VisitLevel(Strict):
    name: str
    forms: list[str] = []


# ---- the language: spelling, names, sentences, dates, numbers ------------------------------

class WordVariants(Strict):
    forms: list[str]
    preferred: str | None = None


class Orthography(Strict):
    syllables: dict[str, str] = {}  # variant syllable -> preferred (kỉ -> kỷ), folded in every key
    words: list[WordVariants] = []  # word-level variants checked for consistency


class Furniture(Strict):
    section_markers: list[str] = []  # a line saying this starts furniture to the end of the file
    caption_patterns: list[str] = []  # regexes for caption lines
    meta_patterns: list[str] = []  # regexes for datelines and metadata lines

    @field_validator("caption_patterns", "meta_patterns")
    @classmethod
    def _compile(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return _patterns(v, info)


class Names(Strict):
    surnames: list[str] = []  # Vietnamese family names: họ
    stopwords: list[str] = []  # capitalised words that never start or continue a person's name
    connectors: list[str] = []  # words between a visit level and its host ("tới", "đến")
    former: list[str] = []  # words before a title for a past or acting holder ("nguyên", "cố")
    posted_at: list[str] = []  # before the country a diplomat is posted to ("tại")


# ---- people: how a person is written about (rules/vocab/people.toml) ------------------------

class Families(Strict):
    """Family names other than the Vietnamese ones of [names] surnames."""

    chinese: list[str] = []  # read in Sino-Vietnamese: "Tập Cận Bình"
    east_asian: list[str] = []  # romanised, matched as written: "Park Hang-seo", "Kim Jong-un"


class Intros(Strict):
    """Words written right before a name, by what they let through (extract/person.py)."""

    honorifics: list[str] = []  # "ông", "chị": also a lone given or family name
    roles: list[str] = []  # "bác sĩ", "HLV", "bị cáo": also a given name of one or two syllables
    offices: list[str] = []  # "Bộ trưởng": a full or foreign name (a lone word is the organisation)
    org_roles: list[str] = []  # "đại diện", "sinh viên": a full name only
    not_intros: list[str] = []  # end like an honorific but are not one ("công bố", "cụ thể")
    copulas: list[str] = []  # between a one-word name and its role ("đang là")
    male: list[str] = []  # honorifics that say the person is a man, and those that say a woman:
    female: list[str] = []  # "ông X" and "bà X" are two people


class PersonContext(Strict):
    heads: list[str] = []  # make the run after them a thing: a street, a school, a prize
    locatives: list[str] = []  # make the run after them a place ("tại", "ở")
    verbs: list[str] = []  # follow a person ("cho biết", "ghi bàn"): a one-word name is a name
    age_words: list[str] = []  # "(52 tuổi)"
    place_words: list[str] = []  # before the name of a province or a country ("tỉnh", "nước")


class NonPerson(Strict):
    """Latin-script words of things (matched as written)."""

    words: list[str] = []  # brands, media, clubs, works, English words of names of things
    org_suffixes: list[str] = []  # end the name of an organisation or a work ("Institute")
    foreign_titles: list[str] = []  # stay outside a foreign name ("Sir", "Dr")
    name_suffixes: list[str] = []  # end a foreign name without being one ("Jr", "III")


class Bylines(Strict):
    photo: list[str] = []  # cue words of a photo credit ("Ảnh:")
    source: list[str] = []  # start a source or author line ("Theo")
    notes: list[str] = []  # in brackets after a byline ("(ghi)")
    tail_lines: int = Field(4, ge=0, le=20)  # how many last non-empty lines may hold the byline


class People(Strict):
    families: Families = Families()
    intro: Intros = Intros()
    context: PersonContext = PersonContext()
    nonperson: NonPerson = NonPerson()
    particles: list[str] = []  # lowercase words inside foreign names ("de", "van", "bin")
    byline: Bylines = Bylines()


class Sentences(Strict):
    # Short forms ending in a full stop that never end a sentence ("TP. Hồ Chí Minh",
    # "PGS. …"). A single capital letter (an initial) never ends one either.
    abbreviations: list[str] = []


class Grammar(Strict):
    """Function words the extractors read between the claims' own words."""

    conjunctions: list[str] = []  # join items of a list: "Nga và Belarus"
    possessives: list[str] = []  # "chuyến thăm của Tổng Bí thư …"
    invitations: list[str] = []  # "theo lời mời của …": the person after it invited, not visits


TimeBound = Literal["about", "at", "exact", "before", "after"]


class Dates(Strict):
    weekdays: dict[str, int] = {}  # weekday name -> ISO weekday (Monday = 1)
    weekday_names: dict[str, list[str]] = {}  # language -> the seven names, Monday first
    unambiguous_weekdays: list[str] = []  # cannot be read as an ordinal ("Chủ nhật")
    weekday_context: list[str] = []  # make any weekday a weekday when just before it ("vào thứ Hai")
    parts_of_day: dict[str, tuple[float, float]] = {}  # "chiều 2/4", "8h tối": the hours they cover
    day_prefixes: list[str] = []  # may stand right before a date ("ngày 13/5", "hôm 3/2")
    day_word: str = ""  # "ngày 5 tháng 5 năm 2025", "đến ngày 12/5"
    month_word: str = ""  # "tháng 5/2025"
    year_word: str = ""  # "năm 2025", "75 năm"
    hour_marks: list[str] = []  # between hours and minutes, besides ":" ("21h40", "9 giờ 30")
    minute_words: list[str] = []  # after the minutes ("30 phút")
    match_minute_words: list[str] = []  # "phút 83": the minute of a match
    duration_after: list[str] = []  # "1 giờ đồng hồ": a length of time
    duration_before: list[str] = []  # "trong 2 giờ"
    relative_days: dict[str, int] = {}  # "hôm nay" 0, "sáng mai" +1: days from the reference date
    same_day: list[str] = []  # "cùng ngày": the day of the last date written before
    date_words: list[str] = []  # make a bare "D/M" a date ("Ngày 13/5", "từ 28/4")
    range_from: list[str] = []  # "từ ngày 5 đến 12/5"
    range_to: list[str] = []
    time_qualifiers: dict[str, TimeBound] = {}  # "khoảng 23h30": about
    not_date_before: list[str] = []  # make "N/M" a rank, an address, a document number
    not_date_after: str = "^(?!)"  # regex tried right after a date-like number
    ordinal_nouns: list[str] = []  # "tháng thứ 6, ngày 13/4" is the sixth month, not a Friday
    never: list[str] = []  # whole tokens that are never dates ("24/7")

    @field_validator("not_date_after")
    @classmethod
    def _after(cls, v: str, info: ValidationInfo) -> str:
        return _patterns([v], info)[0]

    @field_validator("weekday_names")
    @classmethod
    def _seven(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for lang, names in v.items():
            if len(names) != 7:
                raise ValueError(f"{lang}: seven names, Monday first (got {len(names)})")
        return v


class Events(Strict):
    triggers: list[str] = []  # "chuyến thăm": a trip or a meeting of one actor
    home_places: list[str] = []  # the actors' home country: does not tell two trips apart
    end_words: list[str] = []  # the date of the sentence is the end of the event
    start_words: list[str] = []
    planned_words: list[str] = []  # the dates are planned rather than reported
    duration_patterns: list[str] = []  # regexes with a group (?P<n>…): "chuyến công du 8 ngày"
    anniversary_patterns: list[str] = []  # regexes with (?P<n>…) and (?P<what>…)
    base_year_pattern: str | None = None  # regex with (?P<what>…) and (?P<y>…)
    stopwords: list[str] = []  # left out when matching an anniversary with its base year
    relationship_words: list[str] = []  # "quan hệ": an anniversary of a relationship needs its counterpart
    future_words: list[str] = []  # "hướng tới kỷ niệm 100 năm": an anniversary still to come

    @field_validator("duration_patterns", "anniversary_patterns")
    @classmethod
    def _compile(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return _patterns(v, info)

    @field_validator("base_year_pattern")
    @classmethod
    def _base(cls, v: str | None, info: ValidationInfo) -> str | None:
        return v if v is None else _patterns([v], info)[0]


Bound = Literal["above", "at_least", "below", "at_most", "near", "about", "exact"]


class Units(Strict):
    scales: dict[str, float] = {}  # "5 tỷ USD"
    units: list[str] = []  # the number counts this unit ("USD", "%")
    qualifiers: dict[str, Bound] = {}  # "hơn" -> above
    tolerance: float = Field(0.1, ge=0, lt=1)  # relative width of "khoảng" / "gần"
    single_word_nouns: list[str] = []  # counted nouns of one syllable ("50 người")
    noun_qualifiers: list[str] = []  # make a one-syllable noun two ("200 người chết")
    not_nouns: list[str] = []  # after a number: not a counted quantity
    not_before: list[str] = []  # before a number: a rank, a document number, a name
    event_nouns: list[str] = []  # what a figure can be about when no person is named ("bão")
    event_numbers: list[str] = []  # "bão số 3 (Yagi)": the word before the storm's number


class Moments(Strict):
    steps: dict[str, list[str]] = {}  # a step of an event (a name of our own) -> the words that say it
    step_patterns: dict[str, list[str]] = {}  # step -> regexes, for steps words alone cannot say
    nouns: dict[str, list[str]] = {}  # an event (a name of our own) -> the words that name it
    once: list[str] = []  # events a story has once…
    once_steps: list[str] = []  # …and their steps taken once: on two days they cannot both be right
    locatives: list[str] = []  # before the place of a moment ("tại")

    @field_validator("step_patterns")
    @classmethod
    def _compile(cls, v: dict[str, list[str]], info: ValidationInfo) -> dict[str, list[str]]:
        for patterns in v.values():
            _patterns(patterns, info)
        return v


class Vocabulary(Strict):
    title: list[Title] = []
    place: list[Place] = []
    organization: list[Organization] = []
    visit_level: list[VisitLevel] = []
    orthography: Orthography = Orthography()
    furniture: Furniture = Furniture()
    names: Names = Names()
    people: People = People()
    sentences: Sentences = Sentences()
    grammar: Grammar = Grammar()
    dates: Dates = Dates()
    events: Events = Events()
    units: Units = Units()
    moments: Moments = Moments()
    # language -> message key -> template: what the engine says beyond the rule files'
    # messages (factlint/messages.py PHRASES lists the keys and their fields)
    messages: dict[str, dict[str, str]] = {}

    @field_validator("messages")
    @classmethod
    def _messages(cls, v: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        from factlint.messages import check_phrases

        check_phrases(v)
        return v

    def merge(self, other: Vocabulary) -> Vocabulary:
        """`other` on top: lists are joined, tables merged, single values replaced."""
        # both sides were validated when their files were read
        return Vocabulary.model_validate(_merge(self.model_dump(), other.model_dump(exclude_unset=True)),
                                         context={"trusted": True})


def _merge(base, top):
    if isinstance(base, dict) and isinstance(top, dict):
        out = dict(base)
        for k, v in top.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(top, list):
        return base + top
    return top

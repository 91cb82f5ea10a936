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
REGEX_SECONDS_PER_MB = 1.0  # …plus this per megabyte searched (a fast pattern does >10 MB/s)
MAX_STRING = 10_000  # characters in one string of a rule or vocabulary file
# Probe strings a sane pattern handles in microseconds and a catastrophically backtracking
# one ((a+)+$, (\s*\w+)*x, (.*,)*…) cannot finish. Each run is tried alone and followed by
# every ASCII character and a Vietnamese word: `regex` gives up at once on a text that
# lacks a character the pattern requires ("b" in (a+?)+?b), so the run alone proves little.
_RUNS = [c * 40 for c in ("a", "e", "o", "n", " ", "0", TONED_CAPITAL, ".", ",", "-", "_")] + [
    "a " * 40, (TONED_SYLLABLE + " ") * 40]
_TAIL = "!" + "".join(chr(c) for c in range(33, 127)) + " " + TONED_SYLLABLE
_PROBES = [run + "!" for run in _RUNS] + [run + _TAIL for run in _RUNS]


def check_user_regex(pattern: str, what: str) -> None:
    """A user regex must compile (with the `regex` module) and must not backtrack
    catastrophically on the probe strings; raises ValueError saying which."""
    import regex

    try:
        compiled = regex.compile(pattern, regex.I)
    except regex.error as exc:
        raise ValueError(f"{what} does not compile: {exc}") from None
    except RecursionError:  # the parser of `regex` recurses once per level of groups
        raise ValueError(f"{what} nests groups too deeply; simplify it") from None
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=REGEX_TIMEOUT / 4)
        except TimeoutError:
            raise ValueError(f"{what} backtracks catastrophically (over {REGEX_TIMEOUT / 4:g} s "
                             f"on {len(probe)} characters); simplify it") from None


class UserPattern:
    """A regex from a rule file, run with a time limit: the load-time probes cannot try
    every text, so a pattern that backtracks catastrophically on a real article stops the
    run with an error naming it (exit 2) instead of hanging. The limit grows with the
    length of the text searched, so a long document is never mistaken for a slow pattern.
    """

    __slots__ = ("what", "pattern", "compiled")

    def __init__(self, pattern: str, what: str, flags: int = 0):
        import regex

        self.what = what
        self.pattern = pattern
        self.compiled = regex.compile(pattern, flags)

    def _limit(self, text: str, pos: int, endpos: int | None) -> float:
        length = (len(text) if endpos is None else min(endpos, len(text))) - pos
        return REGEX_TIMEOUT + max(length, 0) / 2**20 * REGEX_SECONDS_PER_MB

    def _slow(self, limit: float):
        from factlint.errors import FactlintError

        return FactlintError(f"rules: {self.what} pattern {self.pattern!r} took more than {limit:.1f} s "
                             "(catastrophic backtracking); simplify the pattern")

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        limit = self._limit(text, pos, endpos)
        try:
            return self.compiled.search(text, pos, endpos, timeout=limit)
        except TimeoutError:
            raise self._slow(limit) from None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        limit = self._limit(text, pos, endpos)
        try:
            yield from self.compiled.finditer(text, pos, endpos, timeout=limit)
        except TimeoutError:
            raise self._slow(limit) from None


def _patterns(patterns: list[str], info: ValidationInfo) -> list[str]:
    """Check every pattern, unless the data comes from the cache of validated rules."""
    if not (info.context or {}).get("trusted"):
        for i, p in enumerate(patterns):
            check_user_regex(p, f"pattern {i + 1} {p!r}")
    return patterns


class Strict(BaseModel):
    # a huge string is a mistake or an attack (phrases become regex tries, built per character)
    model_config = ConfigDict(extra="forbid", str_max_length=MAX_STRING)


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


class Institutions(Strict):
    """Institutions and units named by a number ("Bệnh viện Quân y 175", "Sư đoàn 308"):
    the words that start such a name, capitalised in the text (extract/institution.py)."""

    types: list[str] = []


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
    possessors: list[str] = []  # "thư ký Thứ trưởng X", "vợ của ông X": X is whose, not who
    possessive_words: list[str] = []  # "của", between the relation noun and the person
    together: list[str] = []  # "vợ chồng ông X": X with a relation, not whose


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
    match_minute_marks: list[str] = []  # after its number: "phút 84'"
    added_time_marks: list[str] = []  # "phút 90+3": added time
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


# ---- numbers and quantities (rules/vocab/numbers.toml, factlint/lexicon/numbers.py) --------

Meaning = Literal["above", "near", "about", "at_least", "at_most", "below", "tens_of", "average"]


class NumberWords(Strict):
    """Numbers written in words: "hai mươi lăm", "ba trăm", "1,5 triệu", "một phần ba"."""

    digits: dict[str, int] = {}  # units digits
    after_tens: dict[str, int] = {}  # spellings of a digit used only after the tens ("hai mươi mốt")
    not_after_tens: list[str] = []  # digits that never follow the tens ("mười năm" is ten years)
    ten: list[str] = []  # 10 ("mười hai" 12)
    tens: list[str] = []  # "hai mươi" 20
    dozens: dict[str, int] = {}  # "hai chục" 20
    filler: list[str] = []  # "một trăm linh năm" 105
    hundred: list[str] = []
    scales: dict[str, float] = {}  # "1,5 triệu", "30.081 tỷ"
    scale_compounds: list[str] = []  # a scale word before these is none ("tỷ lệ")
    stacking_scales: list[str] = []  # scales that follow another one ("nghìn tỷ")
    half_after: list[str] = []  # "hai triệu rưỡi"
    half: list[str] = []  # "nửa"
    fraction_word: list[str] = []  # "một phần ba"
    double: dict[str, float] = {}  # after a multiple word: "gấp đôi"
    multiple_words: list[str] = []  # "gấp"
    start_words: list[str] = []  # a number in words can start with these
    zero_phrases: list[str] = []  # a bare zero only in these ("không bàn thắng")


class NumberAmbiguity(Strict):
    """When a number word is a number: "một" is mostly "a", "năm" mostly "year"."""

    one_after: list[str] = []  # "một" counts after these ("hòa một trận")
    one_never_before: list[str] = []  # "một" before these is an idiom ("một số")
    one_time_units: list[str] = []  # "chỉ một ngày sau": counts only after a bound
    strict_words: list[str] = []  # number words that need a known noun or unit after them
    not_before: dict[str, list[str]] = {}  # number word -> words after which it is none ("ba mẹ")
    strict_nouns: list[str] = []  # nouns after which a strict word is a number


class NumberQualifiers(Strict):
    """Bound and approximation words before a number, by what they mean (lexicon/numbers.py
    `interval`): "hơn 30" (30, 40), "gần 2 tỷ" [1,8 tỷ; 2 tỷ), "khoảng 200" [150; 250]."""

    above: list[str] = []
    near: list[str] = []
    about: list[str] = []
    at_least: list[str] = []
    at_most: list[str] = []
    below: list[str] = []
    tens_of: list[str] = []  # "hàng trăm" [100, 1000)
    average: list[str] = []
    only_before_age_or_time: list[str] = []  # "ngoài 60 tuổi", but "ngoài 2 người" is "besides"
    only_before_digits: list[str] = []  # "trên 5 triệu", but "trên một chiếc xe" is "on"
    only_before_scale: list[str] = []  # "hàng trăm"
    postfix: dict[str, Meaning] = {}  # after the noun: "trở lên"
    compare_words: list[str] = []  # "cao hơn 5 cm": a difference, not a bound…
    comparatives: list[str] = []  # …after these adjectives
    ratio_words: list[str] = []  # "15 phiếu trên 20 đại biểu": out of
    emphasis: list[str] = []  # left out of the span ("chỉ", "cả", "tới")


class NumberUnits(Strict):
    """Units by kind: written form -> canonical unit."""

    money: dict[str, str] = {}
    percent: dict[str, str] = {}
    measure: dict[str, str] = {}
    age: dict[str, str] = {}
    duration: dict[str, str] = {}
    compounds: list[str] = []  # nouns that start like a unit ("đồng đội")
    glued: list[str] = []  # written against the number ("5km", "6,6%")
    digits_only: list[str] = []  # units only after digits ("5 m", never "năm m")
    case_sensitive: list[str] = []  # "m" metres, "M" not


class CountedNouns(Strict):
    """What a number counts when no unit follows it."""

    single: dict[str, list[str]] = {}  # one-syllable nouns -> the words that may continue them
    fixed: list[str] = []  # nouns read whole though their first word ends a noun elsewhere
    classifiers: list[str] = []  # "2 em học sinh", "3 chiếc xe"
    stop: list[str] = []  # words that end a counted noun
    count_heads: list[str] = []  # "con số 40.000": a bare number after them counts
    relative_time: list[str] = []  # "con số 40.000 tuần trước": no unit
    tallies: dict[str, str] = {}  # "thắng 1, hòa 4": verb -> what it counts
    of_words: list[str] = []  # "hai trong số …"
    one_of: list[str] = []  # "một trong": never a count
    money_context: list[str] = []  # a bare amount with a scale is money in these clauses
    implied_money_unit: str = ""
    address_nouns: list[str] = []  # "12 phố Huế" is an address
    others_before: list[str] = []  # "A cùng 20 bị can khác": the count leaves out the one named…
    others_after: list[str] = []  # …when one of these follows its noun


class NotQuantity(Strict):
    """Numbers that are no quantity: ranks, identifiers, years, clock times, names."""

    before: list[str] = []  # a number after these is a rank or an identifier ("số 08", "lớp 12")
    before_exceptions: list[str] = []  # …unless one of these ends before it ("tổng số 15")
    clock_after: list[str] = []  # "17 giờ ngày 3/9": a clock time
    clock_units: list[str] = []  # "giờ", "h"
    clock_before: list[str] = []  # "lúc 17 giờ"
    duration_before: list[str] = []  # "trong 24 giờ": a length of time
    date_words: list[str] = []  # make "D/M" a date rather than a fraction
    vague_before: list[str] = []  # "vài chục"
    year_words: list[str] = []  # make a four-digit number a year
    month_units: list[str] = []  # "19 tháng 4"
    never: list[str] = []  # "a/b" tokens that are never fractions
    hypothetical: list[str] = []  # "hai bệnh hay là một bệnh": asserts nothing
    name_nouns: list[str] = []  # "ba chiều", "5 sao": names


class Ordinals(Strict):
    nouns: list[str] = []  # "lần thứ 3": the ordinal of an event
    markers: list[str] = []  # "thứ"


class NumberRanges(Strict):
    connectors: list[str] = []  # "10 đến 15 người"
    openers: list[str] = []  # "từ 90 đến 150"


class Scores(Strict):
    unit: str = ""
    context: list[str] = []  # words before "a-b" that make it a score


class Predicates(Strict):
    """What happened to the counted things, as written -> canonical."""

    after: dict[str, str] = {}  # right after the noun ("12 người chết")
    skip: list[str] = []  # between the noun and the predicate ("đã", "đều")
    before: dict[str, str] = {}  # before the number ("chở 53 người")
    broader: dict[str, str] = {}  # canonical -> a broader one it is compared with ("nhận hối lộ" -> "nhận")
    running: list[str] = []  # canonical predicates of tolls that grow as a story unfolds ("chết")
    corrections: list[str] = []  # words that correct an earlier figure ("đính chính")
    attributes: list[str] = []  # canonical predicates of a thing or a period ("giá"): compared with a person only
    charge_words: list[str] = []  # "về tội “…”": the word before the charge a count of people faces
    charge_plural: list[str] = []  # "về các tội …": several charges, none of them the count's
    charge_joins: list[str] = []  # words joining two charges ("“A” và “B”")
    charges: list[str] = []  # charges read without quotes ("về tội giết người")
    charged: list[str] = []  # canonical predicates a charge refines ("truy tố"): the stage of the case


class Plans(Strict):
    words: list[str] = []  # in a sentence, they make a figure a plan, not a report ("dự kiến")


class AsOf(Strict):
    """"Tính đến 17 giờ ngày 3/9", "đến 20h": the time a count stands at."""

    strong: list[str] = []  # open an as-of phrase on their own
    weak: list[str] = []  # only before a time or a date
    anchors: list[str] = []  # the strong phrases are looked for only around these words
    time_words: list[str] = []  # what the time part may be made of


class Numbers(Strict):
    words: NumberWords = NumberWords()
    ambiguity: NumberAmbiguity = NumberAmbiguity()
    qualifiers: NumberQualifiers = NumberQualifiers()
    units: NumberUnits = NumberUnits()
    nouns: CountedNouns = CountedNouns()
    not_quantity: NotQuantity = NotQuantity()
    ordinals: Ordinals = Ordinals()
    ranges: NumberRanges = NumberRanges()
    scores: Scores = Scores()
    predicates: Predicates = Predicates()
    plans: Plans = Plans()
    as_of: AsOf = AsOf()


class Moments(Strict):
    steps: dict[str, list[str]] = {}  # a step of an event (a name of our own) -> the words that say it
    step_patterns: dict[str, list[str]] = {}  # step -> regexes, for steps words alone cannot say
    nouns: dict[str, list[str]] = {}  # an event (a name of our own) -> the words that name it
    once: list[str] = []  # events a story has once…
    once_steps: list[str] = []  # …and their steps taken once: on two days they cannot both be right
    locatives: list[str] = []  # before the place of a moment ("tại")
    match_steps: list[str] = []  # steps of a match: the ones a match minute times
    score_steps: list[str] = []  # steps of a match that make a scoreline ("mở tỷ số 1-0")
    score_marks: list[str] = []  # between the numbers of a scoreline ("1-0")

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
    institutions: Institutions = Institutions()
    visit_level: list[VisitLevel] = []
    orthography: Orthography = Orthography()
    furniture: Furniture = Furniture()
    names: Names = Names()
    people: People = People()
    sentences: Sentences = Sentences()
    grammar: Grammar = Grammar()
    dates: Dates = Dates()
    events: Events = Events()
    numbers: Numbers = Numbers()
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

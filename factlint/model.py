"""What passes between the stages: claims (extract → compare) and findings (compare →
filter → report), with one typed payload per claim kind and one partial-date type.

Plain dataclasses with slots: one run makes tens of thousands of claims and rebuilds them
from the cache on every warm run. Pydantic is used only where claims leave the program
(`ClaimRecord`, for `factlint claims --format jsonl`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, fields
from functools import lru_cache
from operator import attrgetter
from typing import Any, ClassVar

# ---- dates ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day; the year itself may be unknown
    ("13/5" in a text with no reference date).

    ISO form: "2025", "2025-05", "2025-05-13", "????-05-13".
    """

    year: int | None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, iso: str | None) -> PartialDate | None:
        if not iso:
            return None
        parts = iso.split("-")
        try:
            year = None if parts[0] == "????" else int(parts[0])
            month = int(parts[1]) if len(parts) > 1 else None
            day = int(parts[2]) if len(parts) > 2 else None
        except ValueError:
            return None
        return cls(year, month, day)

    def iso(self) -> str:
        y = f"{self.year:04d}" if self.year else "????"
        if self.month is None:
            return y
        if self.day is None:
            return f"{y}-{self.month:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str:
        return "year" if self.month is None else "month" if self.day is None else "day"

    def with_year(self, year: int | None) -> PartialDate:
        """The same day with a missing year filled in."""
        return self if self.year or not year else PartialDate(year, self.month, self.day)

    def exact(self) -> dt.date | None:
        """The calendar day, when year, month and day are all known."""
        if not (self.year and self.month and self.day):
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    def anchor(self) -> dt.date | None:
        """A day standing for the date when distances are measured: the day itself, the
        first of a month, the middle of a year (1 July); None without a year."""
        if not self.year:
            return None
        try:
            return dt.date(self.year, self.month or 7, self.day or 1)
        except ValueError:
            return None

    def short(self) -> str:
        """Day and month as a Vietnamese text writes them: "12/5"."""
        return f"{self.day}/{self.month}"


def close_in_time(a: PartialDate | None, b: PartialDate | None, days: int) -> bool:
    """Whether two claims may be about the same days; an unknown date fits anything."""
    da, db = a.anchor() if a else None, b.anchor() if b else None
    return da is None or db is None or abs((da - db).days) <= days


@dataclass(slots=True)
class Reference:
    """The date a document is written at, settled before extraction: what a date without
    a year, or a claim without a date, refers to."""

    date: PartialDate
    source: str  # "front matter", "dateline", "metadata line", "dates in the text"

    def describe(self) -> str:
        return f"{self.source} ({self.date.iso()})"


# ---- payloads: what each claim kind knows beyond its value ---------------------------------


class Payload:
    """Base of the typed payloads. `DATE_FIELDS` name the fields holding PartialDates (or
    a pair of them), so the cache can store every payload as a tuple of plain values."""

    __slots__ = ()
    DATE_FIELDS: ClassVar[frozenset[str]] = frozenset()


@dataclass(frozen=True, slots=True)
class RoleScope:
    """What a title is a title of: a country or province ("of"), a country a diplomat is
    posted to ("at"), an organisation ("org")."""

    of: str | None = None
    at: str | None = None
    org: str | None = None

    def compatible(self, other: RoleScope) -> bool:
        """No qualifier given by both differs."""
        return all(a is None or b is None or a == b
                   for a, b in ((self.of, other.of), (self.at, other.at), (self.org, other.org)))

    def count(self) -> int:
        return sum(x is not None for x in (self.of, self.at, self.org))


@dataclass(slots=True)
class PersonData(Payload):
    name: str  # as written
    tokens: tuple[str, ...]  # folded name parts
    titles: tuple[str, ...]  # canonical title keys (titles.toml), from the title chain before the name or in its apposition
    scope: RoleScope
    title_text: str  # the title chain as written
    mention_start: int  # where the title chain (else the intro, else the name) starts
    former: bool = False  # "nguyên", "cố": no longer holds the title
    bare: bool = False  # a later mention resolved to a full name of the same document
    tail: tuple[str, ...] = ()  # folded lowercase words after a one-word name ("Tô lâm")
    tail_words: tuple[str, ...] = ()
    tail_ends: tuple[int, ...] = ()
    # how the name is written: vietnamese, foreign, east_asian, initials, given_only
    # ("chị Hoa"), surname_only ("Castex", "Bác Hồ"), mononym (one foreign word)
    form: str = "vietnamese"
    intro: str | None = None  # the honorific, role or title right before the name, as written
    intro_start: int | None = None
    intro_kind: str | None = None  # honorific, role, office or organisation role (ORG_ROLE)
    appos: str | None = None  # the role in apposition after the name ("…, giám đốc công ty X")
    age: int | None = None  # "(52 tuổi)" right after the name
    age_span: tuple[int, int] | None = None  # where the age is written ("52 tuổi")
    full: str | None = None  # the full name the mention resolves to in its document, as written
    byline: bool = False  # an author line or a photo credit (zone "meta": never compared)


# the kinds of intro (PersonData.intro_kind)
HONORIFIC, ROLE, OFFICE, ORG_ROLE = "honorific", "role", "office", "organisation role"


@dataclass(slots=True)
class VisitData(Payload):
    host: str
    level: str  # the level as the vocabulary writes it
    visitor: str = ""  # the visitor's key
    visitor_inferred: bool = False  # the document's usual visitor, not named in the sentence
    subject_display: str = ""


@dataclass(slots=True)
class DateData(Payload):
    DATE_FIELDS: ClassVar[frozenset[str]] = frozenset({"start", "end"})
    start: PartialDate | None = None  # the date, or the first day of a range (None: a bare weekday)
    end: PartialDate | None = None  # the last day of a range
    year_written: bool = False
    year_from: str | None = None  # how a missing year was inferred ("unknown": it was not)
    weekday: int | None = None  # ISO weekday written with it
    weekday_text: str | None = None
    part: str | None = None  # part of the day ("chiều")
    time: str | None = None  # "HH:MM"


@dataclass(slots=True)
class EventData(Payload):
    DATE_FIELDS: ClassVar[frozenset[str]] = frozenset({"start", "end"})
    actor: str
    hosts: tuple[str, ...]
    planned: bool
    trigger: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    year_from: str | None = None
    days: int | None = None  # a duration claim


@dataclass(slots=True)
class QuantityData(Payload):
    """A number that counts or measures something, with what the writer means by it:
    "hơn 30 người chết" is a count of people (unit), who died (predicate), between 30 and
    40 (low, high; open ends)."""

    DATE_FIELDS: ClassVar[frozenset[str]] = frozenset({"as_of_date", "period"})
    kind: str  # count, money, percent, measure, age, duration, score, fraction, multiple
    figure: float  # the number as written (the first of a range)
    figure_max: float | None  # the upper end of a range ("10-15", "từ 90 đến 150")
    second: float | None  # the second number of a score ("3-1") or a dimension ("2x3")
    step: float  # the figure's rounding: the place value of its last significant digit
    low: float | None  # the interval the writer means; None: unbounded
    high: float | None
    low_open: bool
    high_open: bool
    unit: str | None  # the unit ("USD", "%", "km") or the counted noun ("người"), canonical
    qualifier: str | None  # as written ("hơn", "khoảng hơn")
    predicate: str | None  # what happened to the counted things ("chết", "chở"), canonical
    head: str | None  # the word the figure follows ("có 60 người"), lower-cased
    as_of: str | None = None  # the as-of phrase as written ("tính đến 17 giờ ngày 3/9")
    as_of_date: PartialDate | None = None  # its day
    as_of_time: str | None = None  # its clock time, "HH:MM"
    notation: str = "plain"  # vi (2.000, 13,7), en (2,000, 13.7), plain (2000) or words
    alt_value: float | None = None  # the other reading of an ambiguous "1,500" (1,5)
    per: str | None = None  # "6,6%/năm": the unit it is per
    actor: str | None = None  # the key of the person the figure is about (nearest in the sentence)
    place: str | None = None  # the place named with it (nearest in the sentence)
    out_of: float | None = None  # "5/30 phòng": the whole the figure is a part of (30)
    corrected: bool = False  # the sentence corrects an earlier figure ("đính chính")
    planned: bool = False  # the sentence plans or targets it ("dự kiến", "mục tiêu"): not a report
    period: PartialDate | None = None  # the date its sentence writes nearest to it ("năm 2024")
    charge: str | None = None  # the charge a count of people faces ("nhận hối lộ"), lower-cased
    others: bool = False  # "A cùng 20 bị can khác": the count leaves out the one named (the group is one more)

    def interval(self) -> tuple[float, float, bool, bool]:
        """(low, high, low_open, high_open) with infinite ends for the unbounded."""
        return (-math.inf if self.low is None else self.low, math.inf if self.high is None else self.high,
                self.low_open, self.high_open)


@dataclass(slots=True)
class OrdinalData(Payload):
    """The ordinal of an event: "lần thứ 3", "kỳ họp thứ tám", "APEC lần thứ 25"."""

    number: int
    noun: str  # the noun it numbers ("lần", "kỳ họp"), folded
    notation: str  # plain (digits) or words
    what: str | None  # what is numbered: the words that name the event around it, folded
    actor: str | None = None  # the key of the person named nearest in the sentence


@dataclass(slots=True)
class AnniversaryData(Payload):
    what: str
    words: tuple[str, ...]
    years: int | None = None  # an anniversary: the number of years
    reference_year: int | None = None
    reference_source: str | None = None
    span: tuple[int, int] | None = None  # "(1930 – 2026)" written next to it
    year: int | None = None  # a base year
    counterparts: tuple[str, ...] = ()  # the countries its sentence names (besides the home country)
    future: bool = False  # "hướng tới kỷ niệm 100 năm": still to come


@dataclass(slots=True)
class SpellingData(Payload):
    preferred: str | None


@dataclass(slots=True)
class PlaceData(Payload):
    """A place written one slip away from the vocabulary's form of it."""

    preferred: str  # the vocabulary's form it is one slip from
    place_kind: str  # country, province, city, district, region, landmark


@dataclass(slots=True)
class InstitutionData(Payload):
    """An institution or unit named by a number: "Bệnh viện Quân y 175"."""

    name: str  # the name before the number, as written ("Bệnh viện Quân y")
    number: str  # the digits as written ("175")
    head: str  # the word that starts the name, folded ("bệnh viện")


@dataclass(slots=True)
class MomentData(Payload):
    """A step of an event at a time of day: "lúc 16 giờ … hạ cánh"."""

    DATE_FIELDS: ClassVar[frozenset[str]] = frozenset({"day", "match_day"})
    step: str  # the step's name in the vocabulary ("landing")
    step_text: str  # the step as written ("hạ cánh")
    time: str  # "clock", "part" (of the day), "minute" (of a match) or "day" (a date, no time)
    low: float  # minutes after midnight of `day` (a match minute: half a minute before it)
    high: float
    day: PartialDate | None = None
    event: str | None = None  # the event the sentence names ("fire")
    actor: str | None = None  # the key of the person the step is about
    planned: bool = False  # "dự kiến", "sẽ": a plan, not a report
    place: str | None = None  # where, as the sentence names it after "tại"/"ở" (folded)
    score: str | None = None  # the scoreline a step of a match makes ("mở tỷ số 1-0"): "1-0", the higher first
    match_day: PartialDate | None = None  # a match minute's day, else the last date written before it


@dataclass(slots=True)
class TopicData(Payload):
    """What one document is about: the names it writes (people, places, venues), folded.
    Documents that share rare names tell one story."""

    names: tuple[str, ...]


@dataclass(slots=True)
class DirectiveData(Payload):
    """A suppression comment cited by an unused/invalid-suppression warning."""


PAYLOADS: dict[str, type[Payload]] = {
    "person": PersonData, "visit": VisitData, "date": DateData, "event": EventData,
    "quantity": QuantityData, "anniversary": AnniversaryData, "spelling": SpellingData,
    "moment": MomentData, "topic": TopicData, "ordinal": OrdinalData, "place": PlaceData,
    "institution": InstitutionData,
    "suppression": DirectiveData,
}


# ---- claims -----------------------------------------------------------------------------

# Where a claim stands in its document (normalize/structure.py): the article (body, title)
# or page furniture (captions, related-news lists, comment forms, datelines and bylines).
ZONES = ("body", "title", "caption", "furniture", "meta")
COMPARED_ZONES = ("body", "title", "caption")  # what rules compare unless a rule file says otherwise (captions are newsroom text)


@dataclass(slots=True)
class Claim:
    kind: str  # person, visit, date, quantity, event, spelling, …
    subject: str  # key of what the claim is about ("ilham aliyev", "tô lâm > belarus")
    attribute: str  # which property of the subject ("name", "level", "end", …)
    value: str  # normalized value: what is compared
    text: str  # the words as written (working text)
    doc: str  # document path
    start: int  # span in the working text of the document
    end: int
    zone: str = "body"
    sentence: tuple[int, int] | None = None
    display: str = ""  # the value as written, for messages
    when: PartialDate | None = None  # the date the claim refers to
    data: Any = None  # the kind's payload (PAYLOADS)


# ---- findings ---------------------------------------------------------------------------

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    subject: str
    expected: str | None
    values: list[str]  # distinct values, the outlier's first
    sides: list[Claim]  # every claim cited: the outlier's first, then the sides it disagrees with
    outliers: int = 1  # how many of `sides` (from the start) are the outlier
    why: str = ""  # why the expected value was chosen / why the claims were judged comparable
    support: dict[str, str] = field(default_factory=dict)  # value -> "3 mentions in 2 documents"
    about: str = ""  # the subject in the words of the report's language, when `subject` is a key
    focus: str | None = None  # the outlier's disputed words, when narrower than its span
    fix: str | None = None  # a certain replacement of the outlier sides' words (style findings only)

    def sort_key(self):
        first = self.sides[0]
        return (first.doc, first.start, self.rule, self.subject)


def at_or_above(severity: str, threshold: str) -> bool:
    """Whether a finding of `severity` reaches `threshold` ("never": nothing does)."""
    return threshold != "never" and SEVERITY_RANK.get(severity, 2) >= SEVERITY_RANK[threshold]


# ---- plain rows, for the cache and for JSON ------------------------------------------------


def payload_row(payload: Payload | None) -> tuple | None:
    """A payload as a tuple of plain values (PartialDates as ISO strings)."""
    if payload is None:
        return None
    cls = type(payload)
    getter, special = _ROWS.get(cls) or _row_maker(cls)
    row = getter(payload)
    if not special:
        return row
    row = list(row)
    for i, is_date in special:
        v = row[i]
        if v is None:
            continue
        if is_date:
            row[i] = tuple(d.iso() for d in v) if isinstance(v, tuple) else v.iso()
        elif isinstance(v, RoleScope):
            row[i] = (v.of, v.at, v.org)
    return tuple(row)


_ROWS: dict[type, tuple] = {}


def _row_maker(cls: type) -> tuple:
    """(a getter of every field as one tuple, the (index, is a date) of the fields whose
    values need converting): one C call per payload instead of a loop over its fields."""
    names = _field_names(cls)
    special = [(i, name in cls.DATE_FIELDS) for i, name in enumerate(names)
               if name in cls.DATE_FIELDS or (cls is PersonData and name == "scope")]
    if len(names) > 1:
        getter = attrgetter(*names)
    else:  # attrgetter of one name gives the value, not a tuple
        getter = (lambda p: (getattr(p, names[0]),)) if names else (lambda p: ())
    _ROWS[cls] = (getter, special)
    return _ROWS[cls]


def payload_from_row(kind: str, row: tuple | None) -> Payload | None:
    if row is None:
        return None
    decode = _DECODERS.get(kind)
    if decode is None:
        decode = _DECODERS[kind] = _decoder(PAYLOADS[kind])
    return decode(row)


_DECODERS: dict[str, object] = {}


def _decoder(cls: type):
    """A function rebuilding a payload of `cls` from its row, converting only the fields
    that need it (a warm run rebuilds every claim of the corpus this way)."""
    names = _field_names(cls)
    size = len(names)
    convert = []
    for i, name in enumerate(names):
        if name in cls.DATE_FIELDS:
            convert.append((i, _dates))
        elif cls is PersonData and name == "scope":
            convert.append((i, _scope))

    def decode(row: tuple):
        if len(row) != size:
            raise ValueError(f"payload of {cls.__name__}: {len(row)} fields, expected {size}")
        if not convert:
            return cls(*row)
        values = list(row)
        for i, conv in convert:
            if values[i] is not None:
                values[i] = conv(values[i])
        return cls(*values)

    return decode


@lru_cache(maxsize=4096)
def _date(iso: str) -> PartialDate | None:
    return PartialDate.parse(iso)


def when_from_iso(iso: str | None) -> PartialDate | None:
    """A claim's date from its ISO text (the cache stores it so)."""
    return _date(iso) if iso else None


def _dates(value):
    return tuple(_date(d) for d in value) if isinstance(value, tuple) else _date(value)


@lru_cache(maxsize=4096)
def _scope(value) -> RoleScope:
    return RoleScope(*value)  # frozen: one object per scope, however many claims have it


def payload_dict(payload: Payload | None) -> dict:
    """A payload as JSON-ready key/value pairs (dates as ISO text)."""
    if payload is None:
        return {}
    out = dict(zip(_field_names(type(payload)), payload_row(payload)))
    for name in out:
        scope = getattr(payload, name)
        if isinstance(scope, RoleScope):
            out[name] = {"of": scope.of, "at": scope.at, "org": scope.org}
    return out


_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in fields(cls))
    return names

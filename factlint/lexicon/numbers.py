"""The number grammar, compiled from rules/vocab [numbers]: numbers as Vietnamese news
writes them, and where they stand.

    2.000 = 2000 · 13,7 = 13.7 · 1,5 triệu · 30.081 tỷ · 2 tỷ 500 triệu · 2 triệu rưỡi
    hai mươi lăm = 25 · ba trăm = 300 · một nghìn hai trăm = 1200 · mười lăm = 15
    hai mươi mốt = 21 · một trăm linh năm = 105 · nửa = 0.5 · một phần ba = 1/3
    10-15 · từ 90 đến 150 · 3-1 · 1/2 · 2x3 · gấp đôi

`NumberGrammar.parse(text)` reads one number written alone; `NumberGrammar.scan(text)`
finds every number expression of a text (a number, a range, a score, a fraction, a
dimension) with its span. What a number counts, and whether it is a quantity at all, is
decided by the quantity extractor (extract/quantity.py) from the words around it.
`interval` and `overlap` say what a qualifier makes of a figure ("hơn 30" is (30, 40)).

Notation. Vietnamese groups thousands with "." and writes decimals with ","; English text
(and some careless Vietnamese text) does the opposite. "2.000" and "13,7" are "vi",
"2,000" and "13.7" are "en", "2000" and "42" are "plain". "1,500" is read the English way
(1500: three digits after the comma are almost never decimals in news) but keeps the
Vietnamese reading in `alt_value`, so a rule can warn when "1,500 tỷ" and "1.500 tỷ" meet.

Speed. `regex` tries an alternation at every character of the text. Here the digit pass
is one pattern that can start only at a digit (its look-behind reads the three words
before the number, its tail the words after it, so the common case needs nothing more),
and number words are found by one `re` pattern that starts with a literal space (CPython's
`re` then skips from space to space with a fast search); the exact grammar runs only there.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import regex

from factlint.lexicon import any_of
from factlint.vocab import Dates, Numbers

_HS = r"[^\S\n]"  # horizontal white space: a number expression never spans two lines


def alternation(phrases) -> str:
    """Literal phrases as a trie alternation, any horizontal white space between words."""
    return any_of(phrases, space=_HS + "+")


def _fold(s: str) -> str:
    return " ".join(s.lower().split())


# ----------------------------------------------------------------------------- vocab
class NumberGrammar:
    """[numbers] compiled once: sets and dicts of folded phrases, and the few regexes built
    from them. Parts of the day come from [dates]."""

    def __init__(self, numbers: Numbers, dates: Dates):
        self.vocab = numbers
        w, amb, q, u, n, nq = (numbers.words, numbers.ambiguity, numbers.qualifiers, numbers.units,
                               numbers.nouns, numbers.not_quantity)
        f = _fold
        # number words
        self.digits = {f(k): int(v) for k, v in w.digits.items()}
        self.after_tens = {f(k): int(v) for k, v in w.after_tens.items()}
        self.not_after_tens = {f(x) for x in w.not_after_tens}
        self.ten = {f(x) for x in w.ten}
        self.tens = {f(x) for x in w.tens}
        self.dozens = {f(k): int(v) for k, v in w.dozens.items()}
        self.filler = {f(x) for x in w.filler}
        self.hundred = {f(x) for x in w.hundred}
        self.scales = {f(k): float(v) for k, v in w.scales.items()}
        self.stacking = {f(x) for x in w.stacking_scales}
        self.scale_compounds = {f(x) for x in w.scale_compounds}
        self.half_after = {f(x) for x in w.half_after}
        self.half = {f(x) for x in w.half}
        self.fraction_word = {f(x) for x in w.fraction_word}
        self.double = {f(k): float(v) for k, v in w.double.items()}
        self.multiple_words = {f(x) for x in w.multiple_words}
        self.start_words = [f(x) for x in w.start_words]
        self.zero_phrases = [f(x) for x in w.zero_phrases]
        self.number_words = (set(self.digits) | set(self.after_tens) | self.ten | self.tens | set(self.dozens)
                             | self.filler | self.hundred | set(self.scales) | self.half_after | self.half)
        # ambiguity
        self.one = {k for k, v in self.digits.items() if v == 1}
        self.zero = {k for k, v in self.digits.items() if v == 0}
        self.one_after = {f(x) for x in amb.one_after}
        self.one_never_before = {f(x) for x in amb.one_never_before}
        self.one_time_units = {f(x) for x in amb.one_time_units}
        self.strict_words = {f(x) for x in amb.strict_words}
        self.word_not_before = {f(k): {f(x) for x in v} for k, v in amb.not_before.items()}
        self.strict_nouns = {f(x) for x in amb.strict_nouns}
        # qualifiers: phrase -> meaning
        self.qualifiers: dict[str, str] = {}
        for meaning in ("above", "near", "about", "at_least", "at_most", "below", "tens_of", "average"):
            for x in getattr(q, meaning):
                self.qualifiers[f(x)] = meaning
        self.only_before_age_or_time = {f(x) for x in q.only_before_age_or_time}
        self.only_before_scale = {f(x) for x in q.only_before_scale}
        self.only_before_digits = {f(x) for x in q.only_before_digits}
        self.postfix = {f(k): v for k, v in q.postfix.items()}
        self.comparatives = {f(x) for x in q.comparatives}
        self.compare_words = {f(x) for x in q.compare_words}
        self.ratio_words = {f(x) for x in q.ratio_words}
        self.emphasis = {f(x) for x in q.emphasis}
        # units: written form -> (canonical, kind)
        self.units: dict[str, tuple[str, str, bool]] = {}
        self.unit_written: dict[str, str] = {}
        self.case_sensitive = set(u.case_sensitive)
        self.units_exact: dict[str, tuple[str, str, bool]] = {}  # case-sensitive forms
        for kind in ("money", "percent", "measure", "age", "duration"):
            for k, v in getattr(u, kind).items():
                k = " ".join(k.split())
                if k in self.case_sensitive:
                    self.units_exact[k] = (v, kind, False)
                else:
                    # the third field: the unit is written lower-case ("đồng"), so a
                    # capitalised "Đồng" is a name, not the unit
                    self.units[f(k)] = (v, kind, k[:1].islower())
                    self.unit_written[f(k)] = k
        # units that measure (money, percent, measures): alone they do not say what they measure
        self.measured_units = {canon for k, (canon, kind, _) in {**self.units, **self.units_exact}.items()
                               if kind in ("money", "percent", "measure")}
        self.glued = set(u.glued)
        # kept with one space: "đồng đội" -> compared against unit + " " + next word
        self.unit_compounds = {" ".join(f(x).split()) for x in u.compounds}
        self.unit_compound_heads = {x.split()[0] for x in self.unit_compounds}
        self.digits_only_units = set(u.digits_only)
        # nouns
        self.classifiers = {f(x) for x in n.classifiers}
        self.single_nouns = {f(k): [f(x) for x in conts] for k, conts in n.single.items()}
        self.fixed_nouns = [f(x) for x in n.fixed]
        self.others_before = {f(x) for x in n.others_before}
        self.others_after = {f(x) for x in n.others_after}
        self.stop = {f(x) for x in n.stop}
        self.count_heads = {f(x) for x in n.count_heads}
        self.tallies = {f(k): v for k, v in n.tallies.items()}
        self.relative_time = {f(x) for x in n.relative_time}
        self.of_words = {f(x) for x in n.of_words}
        self.one_of = {f(x) for x in n.one_of}
        self.money_context = [f(x) for x in n.money_context]
        self.implied_money = n.implied_money_unit
        self.address_nouns = {f(x) for x in n.address_nouns}
        # not quantities
        self.not_before = {f(x) for x in nq.before}
        self.before_exceptions = {f(x) for x in nq.before_exceptions}
        self.ordinal_nouns = {f(x) for x in numbers.ordinals.nouns}
        self.ordinal_marker = {f(x) for x in numbers.ordinals.markers}
        self.day_parts = {f(x) for x in dates.parts_of_day}
        self.clock_after = {f(x).split()[0] for x in nq.clock_after} | self.day_parts
        self.clock_units = {f(x) for x in nq.clock_units}
        self.clock_before = {f(x) for x in nq.clock_before}
        self.duration_before = {f(x) for x in nq.duration_before}
        self.date_words = {f(x) for x in nq.date_words}
        self.year_words = {f(x) for x in nq.year_words}
        self.never = set(nq.never)
        self.hypothetical = {f(x) for x in nq.hypothetical}
        self.vague_before = {f(x) for x in nq.vague_before}
        self.name_nouns = {f(x) for x in nq.name_nouns}
        # scores, predicates, as-of
        self.score_context = [f(x) for x in numbers.scores.context]
        self.score_unit = numbers.scores.unit
        self.month_units = {f(x) for x in nq.month_units}
        # the canonical units that may be clock times or dates ("giờ", "tháng"): the
        # written form is looked at only for them
        self.time_canon = {self.units[w][0] for w in (*self.clock_units, *self.month_units) if w in self.units}
        pr = numbers.predicates
        self.pred_after = {f(k): v for k, v in pr.after.items()}
        self.pred_before = {f(k): v for k, v in pr.before.items()}
        self.pred_skip = {f(x) for x in pr.skip}
        self.broader = dict(pr.broader)
        self.running = set(pr.running)
        self.corrections = list(pr.corrections)
        self.attributes = set(pr.attributes)
        self.charge_words = {f(x) for x in pr.charge_words}
        self.charge_plural = {f(x) for x in pr.charge_plural}
        self.charge_joins = {f(x) for x in pr.charge_joins}
        self.charges = sorted({" ".join(f(x).split()) for x in pr.charges}, key=len, reverse=True)
        self.charged = set(pr.charged)
        ao = numbers.as_of
        self.as_of_strong = [f(x) for x in ao.strong]
        self.as_of_weak = [f(x) for x in ao.weak]
        self.as_of_time_words = [f(x) for x in ao.time_words]
        self.connectors = [f(x) for x in numbers.ranges.connectors]
        # first words that make the scanner run its scale and range patterns
        self.connector_first = {k.split()[0] for k in self.connectors}
        # the next words worth parsing a word number for (the others are dropped early):
        # "một" before a scale, a half, a fraction, a unit of measure or a range; "năm"
        # and the other strict words before a known counted noun or unit; "hàng" before
        # a scale
        unit_first = {k.split()[0] for k in self.units} | {k.split()[0] for k in self.units_exact}
        measure_first = {k.split()[0] for k, u in {**self.units, **self.units_exact}.items()
                         if u[1] in ("money", "percent", "measure")}
        numeric_next = (set(self.scales) | self.hundred | set(self.dozens) | self.half | self.fraction_word
                        | self.half_after | self.connector_first)
        strict_next = (numeric_next | self.tens | unit_first | {k.split()[0] for k in self.strict_nouns}
                       | self.classifiers)
        self.prefilter_next = {w: strict_next for w in self.strict_words}
        for w in self.one:
            self.prefilter_next[w] = numeric_next | measure_first | {"-", "\u2013"}
        for w in self.only_before_scale:
            self.prefilter_next[w] = set(self.scales) | self.hundred | set(self.dozens)
        # the last words of what may stand before a counting "một"
        self.one_prev_last = {p.split()[-1] for p in [*self.qualifiers, *self.one_after, *self.connectors]}
        self._compile()

    def _compile(self) -> None:
        ci = regex.IGNORECASE
        # Number words in a row, parsed by parse_words (the grammar is in Python: it is
        # small, and a regex could not tell "hai năm" (two years) from "hai mươi lăm").
        self.word_seq = regex.compile(
            rf"(?:{alternation(self.number_words)})(?:{_HS}+(?:{alternation(self.number_words)}))*"
            r"(?![\p{L}\p{M}\d])", ci)
        # Where a number in words can start. A lower-case start word after a space is the
        # common case: one `re` pass whose literal first character lets CPython skip to
        # the next space with a fast search (an alternation at every character would run
        # at a third of the speed). A capitalised one after ". " or at a line start, where
        # a bracket, a quote or a list dash may stand before it, gets its own (rare) scan.
        low = alternation(self.start_words)
        both = alternation([*self.start_words, *[w.capitalize() for w in self.start_words]])
        opener = r"[(\[\"\u201c\u2018']?"
        self.word_starts = [
            re.compile(rf" ({low})(?![^\W\d_])"),
            re.compile(rf"\. {opener}({both})(?![^\W\d_])"),
            re.compile(rf"\n[-\u2013\u2022*]?[ ]?{opener}({both})(?![^\W\d_])"),
        ]
        self.word_starts_first = re.compile(rf"{opener}({both})(?![^\W\d_])")
        self.zero_forms = [*self.zero_phrases, *[p.capitalize() for p in self.zero_phrases]]
        sc = alternation(self.scales)
        self.scale_re = regex.compile(rf"{_HS}*({sc})(?![\p{{L}}\p{{M}}\d])", ci)
        self.half_after_re = regex.compile(rf"{_HS}+({alternation(self.half_after)})(?![\p{{L}}\p{{M}}\d])", ci)
        # a smaller amount after a scaled one: "2 tỷ 500 triệu"
        self.compound_re = regex.compile(rf"{_HS}+(\d{{1,3}}){_HS}*({sc})(?![\p{{L}}\p{{M}}\d])", ci)
        conn = alternation(self.vocab.ranges.connectors)
        qual = alternation(self.qualifiers)
        # the second number of a range or score: "-15", " - 15", " đến 15", " tới tối đa 35"
        self.range_digits_re = regex.compile(
            rf"(?:{_HS}*[-\u2013\u2014]{_HS}*|{_HS}+(?:{conn}){_HS}+(?:(?P<q2>{qual}){_HS}+)?)"
            r"(?P<n2>\d+(?:[.,]\d+)*)(?![\d])", ci)
        self.range_words_re = regex.compile(
            rf"(?:{_HS}*[-\u2013\u2014]{_HS}*|{_HS}+(?:{conn}){_HS}+(?:(?P<q2>{qual}){_HS}+)?)(?=\p{{L}})", ci)
        self.dim_re = regex.compile(rf"{_HS}*[x\u00d7]{_HS}*(\d+(?:[.,]\d+)*)(?![\d])")
        self.next_word_re = regex.compile(rf"{_HS}+([\p{{L}}\p{{M}}]+)")
        self._compile_tail()

    def _compile_tail(self) -> None:
        # The words after a number, in one match: a unit (longest form first) or a
        # counted noun (lower-case words that are no function words), a "per" unit, a
        # bound after it ("trở lên"), a predicate ("người chết", "người đã bị thương")
        # and an alternative posed as a hypothesis ("hai bệnh hay là một bệnh").
        nol = r"(?![\p{L}\p{M}])"
        nold = r"(?![\p{L}\p{M}\d])"
        stop = alternation([*self.stop, *self.number_words, *self.day_parts])
        pred = alternation(self.pred_after)
        w1 = rf"(?!(?:{stop}){nol})\p{{Ll}}[\p{{L}}\p{{M}}]*"
        wn = rf"(?!(?:{stop}|{pred}){nol})\p{{Ll}}[\p{{L}}\p{{M}}]*"
        # two syllables (most Vietnamese words), three after a classifier ("2 em học
        # sinh"); a one-syllable noun ("người") takes a second one only from a short
        # list ("người dân"), so "hai người khiến …" reads "hai người"
        single = "|".join(
            regex.escape(w) + nol + (rf"(?:{_HS}+(?:{alternation(conts)}){nol})?" if conts else "")
            for w, conts in sorted(self.single_nouns.items(), key=lambda kv: -len(kv[0])))
        # nouns whose first word is a stop word elsewhere ("54 bị can"), read whole
        fixed = rf"(?:{alternation(self.fixed_nouns)}){nol}|" if self.fixed_nouns else ""
        noun = rf"(?:(?:{alternation(self.classifiers)}){_HS}+)?(?:{fixed}{single}|{w1}(?:{_HS}+{wn})?)"
        after = (rf"(?:/(?P<per>[\p{{L}}\p{{M}}]+))?"
                 rf"(?:{_HS}+(?P<post>{alternation(self.postfix)}){nol})?"
                 rf"(?:{_HS}+(?:(?:{alternation(self.pred_skip)}){_HS}+){{0,2}}(?P<pred>{pred}){nol})?"
                 rf"(?:{_HS}+(?P<alt>{alternation(self.hypothetical)}){_HS}+"
                 rf"(?=\d|(?:{alternation(self.digits)}){nol}))?")
        forms_all, forms_words = self._unit_forms()
        tail_d = rf"{_HS}+(?:(?P<unit>{alternation(forms_all)}){nold}|(?P<noun>{noun})){after}"
        self.tail_digits = regex.compile(tail_d)
        self.tail_words = regex.compile(
            rf"{_HS}+(?:(?P<unit>{alternation(forms_words)}){nold}|(?P<noun>{noun})){after}")
        self.after_glued = regex.compile(after)
        self.tail_index = {}  # filled below for each pattern that holds the tail groups
        self.unit_of = {}
        for form in forms_all:
            hit = self.units_exact.get(form) or self.units.get(_fold(form))
            self.unit_of[" ".join(form.split())] = hit[:2] if hit else None
        # Every number in digits in one pass: the three words before it (a look-behind,
        # so the pass still starts at digits only), the digits, a scale, and the words
        # after it. The uncommon shapes (ranges, scores, fractions, glued units) are
        # finished in Python from there.
        words_before = (rf"(?:(?<=(?:(?:(?:^|(?<=\s))(?P<w3>\S+){_HS}+)?(?P<w2>\S+){_HS}+)?"
                        rf"(?:^|(?<=\s))(?P<w1>\S+){_HS}+))?")
        scale = "|".join(self._scale_patterns())
        stack = alternation(self.stacking)
        self.digit_re = regex.compile(
            rf"{words_before}(?<![\p{{L}}\p{{M}}\d_+#.,/:])(?P<n>\d+(?:[.,:/]\d+)*)"
            rf"(?:{_HS}*(?P<sc>(?:{scale})(?:{_HS}+(?:{stack}))?){nold})?"
            rf"(?P<t>{tail_d})?")
        # groups by index: a named look-up costs as much as the rest of the common path (w2,
        # w3 are the groups before w1)
        self.digit_groups = tuple(self.digit_re.groupindex[k] - 1 for k in ("w1", "n", "sc", "t"))
        names = ("unit", "noun", "per", "post", "pred", "alt")
        for p in (self.tail_digits, self.tail_words, self.digit_re):
            self.tail_index[p] = tuple(p.groupindex[k] for k in names)

    def _scale_patterns(self) -> list[str]:
        # "tỷ" but not "tỷ lệ" (a rate): a scale word is no scale before its compounds
        out = []
        for w in sorted(self.scales, key=len, reverse=True):
            seconds = [c.split(" ", 1)[1] for c in self.scale_compounds if c.split(" ", 1)[0] == w]
            forms = {w, w.capitalize()}
            for form in forms:
                guard = rf"(?!{_HS}+(?:{alternation(seconds)})(?![\p{{L}}\p{{M}}]))" if seconds else ""
                out.append(regex.escape(form) + guard)
        return out

    def _unit_forms(self) -> tuple[list[str], list[str]]:
        # A form written lower-case ("đồng") matches only lower-case (a capitalised
        # "Đồng" is a name); a form with capitals ("USD", "Hertz", "Nhân dân tệ") also
        # matches lower-case; case-sensitive forms ("m", "W") only as written. The
        # second list leaves out the units that follow only digits ("m", "g").
        out = []
        for key, (canon, kind, lower) in self.units.items():
            written = self.unit_written[key]
            out.append(written)
            if not lower:
                out.extend({written.lower(), written[:1].upper() + written[1:].lower()})
        out.extend(self.units_exact)
        return out, [f for f in out if f not in self.digits_only_units]

    def scan(self, text: str, skip: list[tuple[int, int]] = ()):
        """Every number expression of `text`, in order, not overlapping (`scan`)."""
        return scan(text, self, skip)

    def parse(self, text: str) -> Number | None:
        """One number written alone; None when the whole text is not one number."""
        return parse_number(text, self)

    def meanings(self, qualifier: str | None) -> list[str]:
        """What a qualifier as written means: a list of meanings, one per phrase of a chain
        ("khoảng hơn" -> about, above); [] for none."""
        if not qualifier:
            return []
        q = " ".join(qualifier.lower().split())
        if q in MEANINGS:
            return [q]
        if q in self.qualifiers:
            return [self.qualifiers[q]]
        words = q.split()
        out, i = [], 0
        while i < len(words):  # a chain, longest phrase first
            for k in range(len(words) - i, 0, -1):
                p = " ".join(words[i:i + k])
                if p in self.qualifiers:
                    out.append(self.qualifiers[p])
                    i += k
                    break
            else:
                i += 1  # an emphasis word inside the chain
        return out

    def interval(self, number: Number | str, qualifier: str | None = None,
                 discrete: bool = False) -> tuple[float, float, bool, bool]:
        """(low, high, low_open, high_open): the values a writer means by the qualifier and
        the number (see `interval_of`). `qualifier` is a phrase of [numbers.qualifiers], a
        chain of them, a meaning ("above", …) or None; `discrete`: the number counts whole
        things."""
        if isinstance(number, str):
            parsed = self.parse(number)
            if parsed is None:
                raise ValueError(f"not a number: {number!r}")
            number = parsed
        return hull(number, self.meanings(qualifier) or ["exact"], discrete)


# ---------------------------------------------------------------------------- numbers
@dataclass(slots=True)
class Number:
    # One number as written.
    #
    # `step` is its rounding unit: the place value of its last significant digit, scale
    # included ("30" → 10, "42,6 tỷ" → 0.1 tỷ, "2.000" → 1000, "hai mươi lăm" → 1). The
    # qualifier intervals of quantities.interval are built on it. `decimals` says the
    # figure was written with a fractional part (then it is exact only to its rounding).
    value: float
    step: float
    decimals: bool = False
    notation: str = "plain"      # vi | en | plain | words
    text: str = ""
    start: int = 0
    end: int = 0
    scaled: bool = False         # a scale word multiplies it (nghìn, triệu, tỷ)
    alt_value: float | None = None  # the Vietnamese reading of an ambiguous "1,500"


_VI_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_VI_DECIMAL = re.compile(r"\d+,\d+")
_EN_DECIMAL = re.compile(r"\d+\.\d+")
_PLAIN = re.compile(r"\d+")


def parse_digits(s: str) -> Number | None:
    """A number written in digits, either notation; None when it is no number ("1.2.3")."""
    if s.isdigit():
        # the step from the trailing zeros of the string: cheaper than dividing
        z = len(s) - len(s.rstrip("0"))
        return Number(float(s), 10.0 ** z if z < len(s) else 1.0, False, "plain", s)
    if _VI_GROUPED.fullmatch(s):
        whole, _, frac = s.partition(",")
        return _decimal(int(whole.replace(".", "")), frac, "vi", s)
    if _EN_GROUPED.fullmatch(s):
        whole, _, frac = s.partition(".")
        n = _decimal(int(whole.replace(",", "")), frac, "en", s)
        if not frac and s.count(",") == 1:  # "1,500": also 1.5 the Vietnamese way
            n.alt_value = float(s.replace(",", "."))
        return n
    if _VI_DECIMAL.fullmatch(s):
        whole, frac = s.split(",")
        return _decimal(int(whole), frac, "vi", s)
    if _EN_DECIMAL.fullmatch(s):
        whole, frac = s.split(".")
        return _decimal(int(whole), frac, "en", s)
    return None


def _decimal(whole: int, frac: str, notation: str, s: str) -> Number:
    if not frac:
        return Number(float(whole), _int_step(whole), False, notation, s)
    return Number(whole + int(frac) / 10 ** len(frac), 10.0 ** -len(frac), True, notation, s)


def _int_step(v: int) -> float:
    """The place value of the last non-zero digit: 30 → 10, 2000 → 1000, 42 → 1."""
    if v == 0:
        return 1.0
    step = 1
    while v % 10 == 0:
        v //= 10
        step *= 10
    return float(step)


def parse_words(tokens: list[str], v: NumberGrammar) -> tuple[float, float, int, float] | None:
    # The number that a run of number words starts with: (value, step, words used,
    # last scale applied, 1.0 when none). Consumes only what belongs to the number: "hai năm" is 2 (then "năm",
    # years, is the unit), "hai mươi lăm" is 25, "một nghìn hai trăm" 1200, "hai nghìn
    # năm" 2000 (then years), "mười năm" 10 (then years).
    toks = [t.lower() for t in tokens]
    n = len(toks)
    i = 0
    total = 0.0
    step = 1.0
    last_scale = math.inf
    while i < n:
        g = _word_group(toks, i, v)
        if g is None:
            break
        val, gstep, j = g
        # a group after a scale must be made of more than a bare digit: "hai nghìn năm"
        # is two thousand years, "một nghìn hai trăm" is 1200
        if i > 0 and j - i == 1 and not (j < n and toks[j] in v.scales):
            break
        sc = 1.0
        k = j
        while k < n and toks[k] in v.scales:
            s = v.scales[toks[k]]
            if sc > 1 and toks[k] not in v.stacking:
                break
            sc *= s
            k += 1
        if sc >= last_scale:  # "một triệu hai triệu": two numbers, not one
            break
        total += val * sc
        step = gstep * sc
        i = k
        if sc > 1:
            last_scale = sc
            if i < n and toks[i] in v.half_after:  # "hai triệu rưỡi"
                total += 0.5 * sc
                step = 0.5 * sc
                i += 1
                break
        else:
            break
    if i == 0:
        return None
    return total, step, i, (last_scale if last_scale != math.inf else 1.0)


def _word_group(toks: list[str], i: int, v: NumberGrammar) -> tuple[float, float, int] | None:
    """A number below 1000 in words at toks[i]: (value, step, next index)."""
    n = len(toks)
    t = toks[i]
    if t in v.ten:                                   # mười, mười lăm
        val, j = 10, i + 1
        if j < n:
            u = _units_after_tens(toks[j], v, after_ten=True)
            if u is not None:
                return float(10 + u), 1.0, j + 1
        return 10.0, 10.0, j
    d = v.digits.get(t)
    if d is None:
        return None
    j = i + 1
    if j < n and toks[j] in v.tens:                  # hai mươi, hai mươi mốt
        val = d * 10
        j += 1
        if j < n:
            u = _units_after_tens(toks[j], v, after_ten=False)
            if u is not None:
                return float(val + u), 1.0, j + 1
        return float(val), 10.0, j
    if j < n and toks[j] in v.dozens:                # hai chục
        return float(d * v.dozens[toks[j]]), float(v.dozens[toks[j]]), j + 1
    if j < n and toks[j] in v.hundred:               # ba trăm, ba trăm linh năm, ba trăm hai mươi
        val = d * 100
        j += 1
        if j + 1 < n and toks[j] in v.filler and toks[j + 1] in v.digits:
            return float(val + v.digits[toks[j + 1]]), 1.0, j + 2
        if j < n and toks[j] in v.half_after:        # một trăm rưỡi = 150
            return float(val + 50), 50.0, j + 1
        if j < n:
            sub = _word_group(toks, j, v)
            # only a tens part: a bare digit after "trăm" is not part of it ("hai trăm năm")
            if sub is not None and sub[2] - j >= 2 and sub[0] < 100:
                return float(val + sub[0]), sub[1], sub[2]
            if sub is not None and toks[j] in v.ten:
                return float(val + sub[0]), sub[1], sub[2]
        return float(val), 100.0, j
    if d == 0:
        return None  # a bare "không" is a negation
    return float(d), 1.0, j


def _units_after_tens(t: str, v: NumberGrammar, after_ten: bool) -> int | None:
    if t in v.not_after_tens:
        return None
    if t in v.after_tens:
        u = v.after_tens[t]
        if after_ten and u == 1:   # "mười mốt" is not written; "mười một" is
            return None
        return u
    d = v.digits.get(t)
    if d is None or d == 0:
        return None
    if d == 1 and not after_ten:   # "hai mươi một" is written "hai mươi mốt"; accept both
        return 1
    return d


def parse_number(text: str, v: NumberGrammar) -> Number | None:
    # One number written alone: "2.000", "13,7", "1,5 triệu", "30.081 tỷ", "2 tỷ 500
    # triệu", "hai mươi lăm", "một nghìn hai trăm", "1/2", "nửa", "một phần ba". None when
    # the whole text is not one number.
    s = " ".join(text.split())
    if not s:
        return None
    m = re.fullmatch(r"(\d+)/(\d+)", s)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if b == 0:
            return None
        return Number(a / b, 1.0 / b, True, "plain", s)
    if s[0].isdigit():
        m = re.match(r"\d+(?:[.,]\d+)*", s)
        num = parse_digits(m.group())
        if num is None:
            return None
        end = _extend_digits(num, s, m.end(), v)
        if end != len(s):
            return None
        num.text = s
        return num
    toks = s.split(" ")
    low = [t.lower() for t in toks]
    if len(low) == 3 and low[1] in v.fraction_word and low[0] in v.digits and low[2] in v.digits:
        a, b = v.digits[low[0]], v.digits[low[2]]
        return Number(a / b, 1.0 / b, True, "words", s) if b else None
    if (len(low) == 2 and low[0] in v.one and low[1] in v.half) or (len(low) == 1 and low[0] in v.half):
        return Number(0.5, 0.5, False, "words", s)  # "nửa", "một nửa": exactly a half
    r = parse_words(toks, v)
    if r is None or r[2] != len(toks):
        return None
    value, step, _, scale = r
    return Number(value, step, value != int(value), "words", s, scaled=scale > 1)


def _extend_digits(num: Number, text: str, pos: int, v: NumberGrammar) -> int:
    # Apply the scale words after a number in digits ("1,5 triệu", "30.081 tỷ", "2 tỷ
    # 500 triệu", "2 triệu rưỡi"); return where the number ends.
    sc = 1.0
    end = pos
    while True:
        m = v.scale_re.match(text, end)
        if not m:
            break
        w = m.group(1).lower()
        w = " ".join(w.split())
        if _compound(text, m.end(), w, v):  # "một tỷ lệ": a rate, not a billion
            break
        s = v.scales[w]
        if sc > 1 and w not in v.stacking:
            break
        sc *= s
        end = m.end()
    if sc == 1.0:
        return end
    num.value *= sc
    num.step *= sc
    num.scaled = True
    if num.alt_value is not None:
        num.alt_value *= sc
    m = v.half_after_re.match(text, end)
    if m:
        num.value += 0.5 * sc
        num.step = 0.5 * sc
        return m.end()
    m = v.compound_re.match(text, end)  # "2 tỷ 500 triệu"
    if m:
        s2 = v.scales[" ".join(m.group(2).lower().split())]
        if s2 < sc:
            small = int(m.group(1))
            num.value += small * s2
            num.step = _int_step(small) * s2 if small else num.step
            return m.end()
    return end


# --------------------------------------------------------------------------- scanning
@dataclass(slots=True)
class Found:
    # A number expression found in a text.
    #
    # kind: "number", "range" (10-15, từ 90 đến 150), "dash" (a-b: a range or a score,
    # extract/quantity.py decides from the words around it), "fraction" (1/2, một phần ba),
    # "slash" (a/b: a fraction or a date, decided from the words around it), "dimension"
    # (2x3), "multiple" (gấp đôi), "time" (21h40 and the like: never a quantity, kept so
    # the caller can tell why).
    start: int
    end: int
    kind: str
    a: Number
    b: Number | None = None
    words: bool = False          # written in words
    q2: str | None = None        # a qualifier inside a range: "30 tới tối đa 35"
    glued_unit: str | None = None  # "5km", "6,6%": the unit written against the number
    flags: set | None = None     # "tens_of" for "hàng trăm"
    bw: list | None = None       # the words before it, when the scan read them already
    tm: object = None            # the scan's match, whose tail groups hold the words after (False:
                                 # the scan tried the tail at `end` and found none)
    g: tuple | None = None       # its groups, already taken


_SKIPPED = Number(0.0, 1.0)  # the number that stands for a skipped span
_GLUED = regex.compile(r"(%|[\p{L}\u00b0][\p{L}\p{M}\u00b2\u00b3\d]*)")
_CLOCK = regex.compile(r"[hH](\d{1,2})?(?![\p{L}\d])")
_HEIGHT = regex.compile(r"m(\d{2})(?![\p{L}\d])")  # "1m75"


def scan(text: str, v: NumberGrammar, skip: list[tuple[int, int]] = ()):
    """Every number expression of `text`, in order, not overlapping (a generator: a long
    text's numbers are never all held at once). Numbers in digits inside the `skip` spans
    (sorted, disjoint: dates read before) are not read: each span is one "date"."""
    words = _scan_words(text, v)
    words.sort(key=_start)
    wi, nw = 0, len(words)
    last = -1
    for f in _scan_digits(text, v, skip):
        while wi < nw and words[wi].start < f.start:
            w = words[wi]
            wi += 1
            if w.start >= last:
                yield w
                last = w.end
        if f.start >= last:
            yield f
            last = f.end
    for w in words[wi:]:
        if w.start >= last:
            yield w
            last = w.end


def _start(f) -> int:
    return f.start


def _scan_digits(text: str, v: NumberGrammar, skip=()):
    """The number expressions in digits, in order (a generator: nothing is held); a skip
    span is searched no further than its first number, which stands for it."""
    pos = 0
    for a, b in skip:
        for f in _digits_between(text, v, pos, a):
            yield f
            pos = f.end
        if pos < b:
            yield Found(a, b, "date", _SKIPPED)
            pos = b
    yield from _digits_between(text, v, pos, None)


def _digits_between(text: str, v: NumberGrammar, pos: int, stop: int | None):
    """The number expressions in digits that start in text[pos:stop] (they may run on)."""
    n = len(text)
    last_end = pos
    i_w1, i_n, i_sc, i_t = v.digit_groups
    n_idx = i_n + 1
    for m in v.digit_re.finditer(text, pos):
        g = m.groups()
        s = m.start(n_idx)
        if stop is not None and s >= stop:
            return
        if s < last_end:
            continue
        # glued to a name by a dash: "Covid-19", "RX-7" (letters and dots are excluded by
        # the pattern: "B.1.617", "U23")
        if s >= 2 and text[s - 1] in "-\u2013" and text[s - 2].isalpha():
            continue
        run = g[i_n]
        e = s + len(run)
        if ":" in run:  # "21:40", "1:3"
            yield Found(s, e, "time", Number(0.0, 1.0, text=run))
            last_end = e
            continue
        bw = _words_of(m, g, i_w1) if g[i_w1] is not None else []
        if "/" in run:
            f = _slash(text, s, e, run)
            if f is not None:
                f.bw = bw
                yield f
            last_end = _skip_run(text, e) if f is None else f.end
            continue
        if run.isdigit():  # the common case, inlined (parse_digits does the same)
            z = len(run) - len(run.rstrip("0"))
            num = Number(float(run), 10.0 ** z if z < len(run) else 1.0, False, "plain", run, s)
        else:
            num = parse_digits(run)
            if num is None:
                continue
            num.start = s
        nxt = text[e] if e < n else "\n"
        if nxt.isalpha() or nxt in "%\u00b0":
            f = _glued(text, s, e, num, v)
            if f is not None:
                f.bw = bw
                yield f
                last_end = f.end
            else:
                last_end = _GLUED.match(text, e).end()
            continue
        end = e
        sc = g[i_sc]
        if sc:
            words = sc.lower().split()
            if len(words) > 1 and words[0] not in v.scales:  # a scale written in two words
                words = [" ".join(words)]
            mult = 1.0
            for w in words:
                mult *= v.scales[w]
            num.value *= mult
            num.step *= mult
            num.scaled = True
            if num.alt_value is not None:
                num.alt_value *= mult
            end = m.end(i_sc + 1)
            if text[end:end + 1] == " " and (text[end + 1:end + 2].isdigit() or _peek(text, end) in v.half_after):
                num = parse_digits(run)  # "2 tỷ 500 triệu", "2 triệu rưỡi": the slow way
                num.start = s
                end = _extend_digits(num, text, e, v)
        nxt = text[end] if end < n else "\n"
        if nxt in "-\u2013\u2014x\u00d7" or (g[i_t] is None and nxt == " "
                                             and _second_follows(text, end, v)):
            num.end = end
            f = _second_number(text, s, end, num, v)
            if f is None:
                last_end = _skip_run(text, end)
                continue
            f.bw = bw
            yield f
            last_end = f.end
            continue
        num.end = end
        # positional: keyword construction of a dataclass is the slower part of this line
        if g[i_t] is not None:
            yield Found(s, end, "number", num, None, False, None, None, None, bw, m, g)
        else:  # False: the tail was tried at `end` and nothing stands there
            yield Found(s, end, "number", num, None, False, None, None, None, bw, False if end == m.end() else None)
        last_end = end


_PUNCT_END = ".,;:!?)]}\"\u201d\u2019'\u2026\u00bb"
_PUNCT_START = "([{\"\u201c\u2018'\u00ab"


def _words_of(m, g, i_w1: int) -> list[tuple[str, int, str]]:
    """The words before a number that the scan's look-behind captured (nearest first;
    groups i_w1, i_w1 - 1, i_w1 - 2 of the match), as (folded, start, as written); the
    chain stops at punctuation and after a word that opens with a bracket or a quote (same
    rules as extract/quantity.py `_before`)."""
    out = []
    for i in (i_w1, i_w1 - 1, i_w1 - 2):
        w = g[i]
        if w is None:
            break
        c = w[-1]
        if c in _PUNCT_END or c in _PUNCT_START:
            break
        if w[0] in _PUNCT_START:
            bare = w.lstrip(_PUNCT_START)
            if bare:
                out.append((bare.lower(), m.start(i + 1) + len(w) - len(bare), bare))
            break
        out.append((w.lower(), m.start(i + 1), w))
    return out


def _second_follows(text: str, pos: int, v: NumberGrammar) -> bool:
    w = _peek(text, pos)
    return w in v.connector_first or w[:1] in "-\u2013\u2014x\u00d7"


def _glued(text: str, s: int, e: int, num: Number, v: NumberGrammar) -> Found | None:
    # Letters written against a number: a unit ("5km", "10.000đ", "6,6%"), a clock time
    # ("21h40"), a height ("1m75"), a dimension ("2x3cm"); None for a name ("5G", "3D").
    gm = _GLUED.match(text, e)
    tok = gm.group(1)
    if tok in v.glued:
        num.end = e
        return Found(s, e, "number", num, glued_unit=tok)
    cm = _CLOCK.match(text, e)
    if cm and num.value <= 24 and not num.decimals:
        return Found(s, cm.end(), "time", num)
    hm = _HEIGHT.match(text, e)
    if hm and num.value < 3:
        num.value += int(hm.group(1)) / 100
        num.step, num.decimals, num.end = 0.01, True, hm.end()
        return Found(s, hm.end(), "number", num, glued_unit="m")
    if tok[:1] in "x\u00d7" and v.dim_re.match(text, e):
        num.end = e
        return _second_number(text, s, e, num, v)
    return None


def _peek(text: str, pos: int) -> str:
    """The word after the space at pos, folded, without the punctuation after it."""
    w = text[pos + 1:pos + 12].split(None, 1)
    return w[0].lower().rstrip(".,;:!?)\"\u201d\u2019") if w else ""


def _slash(text: str, s: int, e: int, run: str) -> Found | None:
    # "a/b": a date or a fraction (decided by extract/quantity.py from the words around it);
    # "d/m/y" a date; "115/2020/NĐ-CP", "08/CĐ-TTg" a document number (None).
    parts = run.split("/")
    if text[e:e + 1] == "/" or not all(_PLAIN.fullmatch(p) for p in parts):
        return None
    if len(parts) > 2:
        return Found(s, e, "date", Number(0.0, 1.0, text=run))
    a, b = int(parts[0]), int(parts[1])
    if b == 0:
        return None
    return Found(s, e, "slash", Number(a / b, 1.0 / b, False, "plain", run, s, e))  # exact


def _second_number(text: str, s: int, end: int, num: Number, v: NumberGrammar) -> Found | None:
    # A number with a second one after it: a dimension ("2x3"), a range or a score
    # ("10-15", "6-1", "từ 90 đến 150"); or the number alone when none follows.
    n = len(text)
    dm = v.dim_re.match(text, end)
    if dm:
        b = parse_digits(dm.group(1))
        if b is not None:
            b.start, b.end = dm.start(1), dm.end(1)
            return Found(s, dm.end(), "dimension", num, b)
    rm = v.range_digits_re.match(text, end)
    if not rm:
        return Found(s, end, "number", num)
    tail = text[rm.end():rm.end() + 2]
    if tail[:1] == "/" or tail[:1] in "-\u2013" and tail[1:2].isdigit():
        # "5-12/5" is a date range, "0912-345-678" a phone number, "4-3-3" a formation
        if tail[:1] == "/":
            return Found(s, _skip_run(text, rm.end()), "date", num)
        return None
    b = parse_digits(rm.group("n2"))
    if b is None:
        return Found(s, end, "number", num)
    b.start = rm.start("n2")
    unscaled = b.value
    b_end = _extend_digits(b, text, rm.end("n2"), v)
    b.end = b_end
    if not num.scaled and b.scaled and unscaled:  # "5-7 tỷ": the scale is shared
        sc = b.value / unscaled
        num.value *= sc
        num.step *= sc
        num.scaled = True
    dash = rm.group().lstrip()[:1] in "-\u2013\u2014"
    f = Found(s, b_end, "dash" if dash else "range", num, b, q2=rm.group("q2"))
    nxt2 = text[b_end] if b_end < n else ""
    if nxt2.isalpha() or nxt2 == "%":
        gm = _GLUED.match(text, b_end)
        if gm.group(1) in v.glued:
            f.glued_unit = gm.group(1)
        elif _CLOCK.match(text, b_end):
            return Found(s, _CLOCK.match(text, b_end).end(), "time", num)
        else:
            return None
    return f


_RUN_TAIL = regex.compile(r"[\d/.\-\u2013:,]*[\d\p{L}]*")


def _skip_run(text: str, pos: int) -> int:
    # The end of a code or a date that started before pos ("/2020/NĐ-CP", "/5/2025").
    return _RUN_TAIL.match(text, pos).end()


def _scan_words(text: str, v: NumberGrammar) -> list[Found]:
    out: list[Found] = []
    hits = []
    for pattern in v.word_starts:
        hits.extend((m.start(1), m.group(1)) for m in pattern.finditer(text))
    m0 = v.word_starts_first.match(text)
    if m0:
        hits.append((0, m0.group(1)))
    hits.sort()
    last_end = 0
    for pos, word in hits:
        if pos < last_end:
            continue
        if not _worth(text, pos, word.lower(), v):
            continue
        f = _word_number_at(text, pos, v)
        if f is not None:
            out.append(f)
            last_end = f.end
    for phrase in v.zero_forms:  # "hòa không bàn thắng" (a few phrases: str.find)
        s = text.find(phrase)
        while s >= 0:
            if not (s and text[s - 1].isalpha()):
                e = s + len(phrase.split()[0])
                out.append(Found(s, e, "number", Number(0.0, 1.0, False, "words", text[s:e], s, e), words=True))
            s = text.find(phrase, s + 1)
    return out


def _worth(text: str, pos: int, word: str, v: NumberGrammar) -> bool:
    # A cheap first look at a number word: "một" is mostly "a/an", "năm" mostly "year",
    # "hàng" mostly "goods/row"; most of them are dropped here, before any parsing.
    if word in v.prefilter_next:
        end = pos + len(word)
        nw = text[end + 1:end + 14].split(None, 1)
        nw = nw[0].lower().rstrip(".,;:!?)\"\u201d") if nw and text[end:end + 1] == " " else ""
        if nw in v.prefilter_next[word]:
            return True
        seg = text[max(0, pos - 14):pos]
        if seg[-1:] == " ":
            pw = seg.split()
            pw = pw[-1].lower() if pw else ""
            if pw in v.ordinal_marker:  # "lần thứ ba", "lần thứ năm"
                return True
            if word in v.one and pw in v.one_prev_last:
                return True
        return False
    return True


def _compound(text: str, pos: int, word: str, v: NumberGrammar) -> bool:
    # Whether the scale word `word` ending at pos starts a compound ("tỷ lệ").
    m = v.next_word_re.match(text, pos)
    return bool(m) and f"{word} {m.group(1).lower()}" in v.scale_compounds


def _word_number_at(text: str, pos: int, v: NumberGrammar) -> Found | None:
    m = v.word_seq.match(text, pos)
    if m:
        toks = m.group().split()
        # cut before a scale word that starts a compound ("một tỷ lệ")
        at = pos
        for i, t in enumerate(toks):
            at = text.find(t, at) + len(t)
            if t.lower() in v.scales and _compound(text, at, t.lower(), v):
                toks = toks[:i]
                break
        r = parse_words(toks, v) if toks else None
    else:
        r = None
        toks = []
    if r is None:
        # "hàng trăm", "gấp đôi", "nửa", "một nửa", "một phần ba"
        return _word_special(text, pos, v)
    value, step, used, scale = r
    scaled = scale > 1
    # the end of the last word used
    end = pos
    rest = m.group()
    for i in range(used):
        k = rest.find(toks[i], end - pos)
        end = pos + k + len(toks[i])
    first_word = toks[0].lower()
    # "một nửa" (a half), "một phần ba" (a third)
    if used == 1 and first_word in v.one:
        sp = _word_special(text, pos, v)
        if sp is not None:
            return sp
    num = Number(value, step, value != int(value), "words", text[pos:end], pos, end, scaled=scaled)
    f = Found(pos, end, "number", num, words=True)
    # a range in words: "hai đến ba ngày", "một - hai tuần"; two digits in a row: "hai ba
    # ngày" (2 or 3)
    rm = v.range_words_re.match(text, end)
    if rm:
        m2 = v.word_seq.match(text, rm.end())
        if m2:
            r2 = parse_words(m2.group().split(), v)
            if r2:
                toks2 = m2.group().split()
                e2 = rm.end()
                for i in range(r2[2]):
                    k = text.find(toks2[i], e2)
                    e2 = k + len(toks2[i])
                b = Number(r2[0], r2[1], False, "words", text[rm.end():e2], rm.end(), e2, scaled=r2[3] > 1)
                num = f.a
                if not scaled and b.scaled:  # "hai đến ba triệu": the scale is shared
                    num.value *= r2[3]
                    num.step *= r2[3]
                    num.scaled = True
                if b.value > num.value:
                    f = Found(pos, e2, "range", num, b, words=True, q2=rm.group("q2"))
    elif used < len(toks) and not scaled:
        t2 = toks[used].lower()
        d1, d2 = v.digits.get(first_word), v.digits.get(t2)
        if used == 1 and d1 is not None and d2 is not None and d2 == d1 + 1 and d1 > 0:
            k = text.find(toks[used], end)
            e2 = k + len(toks[used])
            f = Found(pos, e2, "range", num, Number(float(d2), 1.0, False, "words", toks[used], k, e2), words=True)
    return f


def _word_special(text: str, pos: int, v: NumberGrammar) -> Found | None:
    w0 = text[pos:pos + 80].split(None, 3)  # a bounded slice: never copy the rest of the text
    if not w0:
        return None
    words = [w.lower().strip(".,;:!?)\"") for w in w0[:3]]
    first = words[0]
    # "nửa", "một nửa"
    if first in v.half:
        e = pos + len(words[0])
        return Found(pos, e, "fraction", Number(0.5, 0.5, False, "words", text[pos:e], pos, e), words=True)
    if first in v.one and len(words) > 1 and words[1] in v.half:
        e = text.find(w0[1], pos + len(w0[0])) + len(words[1])
        return Found(pos, e, "fraction", Number(0.5, 0.5, False, "words", text[pos:e], pos, e), words=True)
    # "một phần ba", "hai phần ba" (but "phần trăm" is the unit %)
    if first in v.digits and len(words) > 2 and words[1] in v.fraction_word and words[2] in v.digits:
        b = v.digits[words[2]]
        if b > 1:
            e = pos
            for w in w0[:3]:
                e = text.find(w, e) + len(w)
            val = v.digits[first] / b  # exact: "một phần ba" is a third, not 0,33 ± 0,005
            return Found(pos, e, "fraction", Number(val, 1.0 / b, False, "words", text[pos:e], pos, e), words=True)
    # "hàng trăm", "hàng nghìn", "hàng trăm nghìn", "hàng chục"
    if first in v.only_before_scale and len(words) > 1:
        sm = v.word_seq.match(text, text.find(w0[1], pos + len(w0[0])))
        if sm:
            toks = sm.group().split()
            val = 1.0
            used = 0
            for t in toks:
                tl = t.lower()
                if tl in v.hundred:
                    val *= 100
                elif tl in v.dozens:
                    val *= v.dozens[tl]
                elif tl in v.scales:
                    val *= v.scales[tl]
                else:
                    break
                used += 1
            if used:
                e = sm.start()
                for t in toks[:used]:
                    e = text.find(t, e) + len(t)
                num = Number(val, val, False, "words", text[pos:e], sm.start(), e, scaled=True)
                f = Found(pos, e, "number", num, words=True)
                f.flags = {"tens_of"}
                return f
        return None
    # "gấp đôi", "gấp ba", "gấp 3 lần" (the digits case is read by the digit scanner)
    if first in v.multiple_words and len(words) > 1:
        w1 = words[1]
        k = text.find(w0[1], pos + len(w0[0]))
        if w1 in v.double:
            e = k + len(w1)
            f = Found(pos, e, "multiple", Number(v.double[w1], 1.0, False, "words", text[k:e], k, e), words=True)
            return f
        sm = v.word_seq.match(text, k)
        if sm:
            r = parse_words(sm.group().split(), v)
            if r:
                toks = sm.group().split()
                e = k
                for t in toks[:r[2]]:
                    e = text.find(t, e) + len(t)
                return Found(pos, e, "multiple", Number(r[0], r[1], False, "words", text[k:e], k, e), words=True)
    return None


# ----------------------------------------------------------------------- intervals
# A figure is written to a rounding unit u, the place value of its last significant digit
# (Number.step: "30" -> 10, "300" -> 100, "42" -> 1, "42,6 tỷ" -> 0,1 tỷ, "2 tỷ" -> 1 tỷ).
# The qualifier says where the true value lies relative to the figure:
#
#   exact     an integer ("5 tỷ", "213"): exactly that, [x, x]; a decimal ("42,6 tỷ"):
#             exact to its rounding, [x - u/2, x + u/2)
#   above     "hơn 30" (30, 40), "hơn 300" (300, 400), "hơn 42 tỷ" (42, 43) tỷ: above the
#             figure, below its next step, (x, x + u): a writer who knew 40 would have
#             written "40" or "hơn 40". For a discrete count with u = 1 ("hơn 5 người") the
#             next step would hold no integer, so the bound is the next multiple of ten.
#   near      "gần 2 tỷ" [1,8 tỷ; 2 tỷ): below the figure by at most a tenth of it (at
#             least 1 for a discrete count: "gần 5 người" [4, 5)).
#   about     "khoảng 200" [150, 250]: x ± max(u/2, x/10) (at least ±1 for a count).
#   at_least  [x, ∞) · at_most [0, x] · below [0, x)
#   tens_of   "hàng trăm" [100, 1000): the figure's own order of magnitude
#   average   "trung bình 33.000": a mean, read as an exact figure
#
# A chain ("khoảng hơn 20") is the hull of its parts. Two figures agree when their
# intervals overlap: "hơn 42 tỷ" and "42,6 tỷ" agree; "hơn 30" and "hơn 40" conflict
# ((30, 40) and (40, 50) share no point); "1,2 tỷ" and "gần 2 tỷ" conflict; "khoảng 200"
# and "213" agree.

MEANINGS = ("exact", "above", "near", "about", "at_least", "at_most", "below", "tens_of", "average")
INF = math.inf


def hull(n: Number, meanings: list[str], discrete: bool) -> tuple[float, float, bool, bool]:
    boxes = [interval_of(n, m, discrete) for m in meanings]
    if len(boxes) == 1:
        return boxes[0]
    lo = min(boxes, key=lambda b: (b[0], b[2]))
    hi = max(boxes, key=lambda b: (b[1], not b[3]))
    return lo[0], hi[1], lo[2], hi[3]


def interval_of(n: Number, meaning: str, discrete: bool) -> tuple[float, float, bool, bool]:
    """The interval one meaning makes of a number (the table above)."""
    x, u = n.value, n.step
    discrete = discrete and not n.decimals and not n.scaled
    if meaning == "exact" or meaning == "average":
        if n.decimals:
            return x - u / 2, x + u / 2, False, True
        return x, x, False, False
    if meaning == "above":
        if discrete and u == 1:
            return x, (math.floor(x / 10) + 1) * 10, True, True
        return x, x + u, True, True
    if meaning == "near":
        d = max(0.1 * x, 1.0 if discrete else 0.0) or u
        return x - d, x, False, True
    if meaning == "about":
        h = max(u / 2, 0.1 * x, 1.0 if discrete else 0.0)
        return x - h, x + h, False, False
    if meaning == "at_least":
        return x, INF, False, True
    if meaning == "at_most":
        return 0.0, x, False, False
    if meaning == "below":
        return 0.0, x, False, True
    if meaning == "tens_of":
        return x, x * 10, False, True
    raise ValueError(meaning)


def overlap(a: tuple, b: tuple) -> bool:
    """Whether two intervals (low, high, low_open, high_open) share a point."""
    lo = max(a[0], b[0])
    hi = min(a[1], b[1])
    if lo < hi:
        return True
    if lo > hi:
        return False
    return _holds(a, lo) and _holds(b, lo)


def _holds(iv: tuple, p: float) -> bool:
    low, high, lo_open, hi_open = iv
    return (p > low or (p == low and not lo_open)) and (p < high or (p == high and not hi_open))

"""Quantities: every number of a text that counts or measures something, with its meaning.

    hơn 101.000 người thiệt mạng · khoảng 30 tới tối đa 35 năm · 2,75 tỷ USD · 6,6%/năm
    từ 90 đến 150 Hertz · 1/2 lưỡi · 5/30 phòng · nửa số trận · hàng trăm chủ tiệm
    thắng 1, hòa 4

A quantity is a number expression (lexicon/numbers.py) that is not a date, a year, a clock
time, a rank, an ordinal (extract/ordinal.py), an identifier (document, article, address,
phone, version, patient number) or a name with digits. The dates the date extractor read
are never read again: the number scan skips them. Each quantity claim (`QuantityData`)
carries:

- its span, as the claims gold defines it: qualifier (if any) + number + unit or counted
  noun; emphasis words ("chỉ", "cả", "tới" meaning "as many as") are left out; a range
  opened by "từ" starts there;
- the figure, its rounding step, and the interval the writer means (low, high, open ends:
  "hơn 30" is (30, 40), see lexicon/numbers.py), the notation it is written in and the
  other reading of an ambiguous "1,500";
- its unit, normalised ("tỉ" -> "tỷ", "đô la Mỹ" -> "USD"), or its counted noun; the whole
  of an "out of" count ("5/30 phòng": 5 of 30 rooms);
- its predicate, what happened to the counted things ("chết", "chở", "nhận hối lộ"): right
  after the noun, else the nearest before the number in its clause, else the one the noun
  holds ("10 ca tử vong"); without one, the word the figure follows ("có 60 người");
  a figure that is its whole clause ("…, lên tới 253 lần,") takes the predicate of the
  clause before it;
- the charge a count of people faces ("truy tố 20 bị can về tội “Nhận hối lộ”"), and
  whether it leaves out the one named before it ("A cùng 20 bị can khác");
- its scope: the person named nearest before it in its sentence (a person claim, else a
  full Vietnamese name; not one named as whose relation: "thư ký Thứ trưởng X"), the
  place named nearest before it;
- its as-of phrase ("tính đến 17 giờ ngày 3/9", "đến 20h", "đến nay") with its day and
  clock time, from the date claims inside it or from the reference date;
- whether its sentence corrects an earlier figure ("đính chính") or plans ("dự kiến").

Every word is in rules/vocab/numbers.toml [numbers]; this file only knows the shapes.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import timedelta

import regex

from factlint.extract import Extractor
from factlint.lexicon import any_of, lowered, words_re
from factlint.lexicon.numbers import INF, Found, Number, NumberGrammar, alternation, hull, interval_of, scan
from factlint.model import Claim, PartialDate, QuantityData
from factlint.normalize.structure import Spans

_HS = r"[^\S\n]"
_NOL = r"(?![\p{L}\p{M}])"          # no letter follows: the end of a word
_NOLD = r"(?![\p{L}\p{M}\d])"
_PUNCT_END = ".,;:!?)]}\"”’'…»"
_PUNCT_START = "([{\"“‘'«"
_MEASURED = ("money", "percent", "measure")
# How far back in its clause a predicate is looked for ("kim ngạch thương mại song phương đạt
# 4 tỷ USD"), and how many characters before the words read a quick look for one covers.
PREDICATE_WORDS = 8
PREDICATE_CHARS = 50
_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}\p{M}]*(?:[ \t]+\p{Lu}[\p{L}\p{M}]*)*")


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    value_max: float | None = None   # upper end of a range
    value2: float | None = None      # second number of a score or a dimension
    unit: str | None = None          # unit or counted noun, normalised
    qualifier: str | None = None     # as written
    low: float = 0.0                 # the interval the writer means (lexicon/numbers.py)
    high: float = 0.0
    low_open: bool = False
    high_open: bool = False
    predicate: str | None = None     # canonical, from [numbers.predicates]
    as_of: str | None = None         # the as-of phrase as written
    notation: str = "plain"          # vi | en | plain | words
    kind: str = "count"              # count money percent measure age duration score
                                     # fraction multiple ordinal
    noun: str | None = None          # the counted noun as written (None for a unit)
    implied_unit: bool = False       # the unit is not written (money in "dưới 100 tỷ")
    alt_value: float | None = None   # the Vietnamese reading of an ambiguous "1,500"
    per: str | None = None           # the "per" unit: "6,6%/năm" → "năm"
    step: float = 1.0                # the rounding of the figure
    as_of_span: tuple[int, int] | None = None  # where the as-of phrase stands
    out_of: float | None = None      # "5/30 phòng": the whole
    charge: str | None = None        # "20 bị can … về tội “Nhận hối lộ”": the charge, lower-cased
    others: bool = False             # "A cùng 20 bị can khác": the count leaves out the one named


# ------------------------------------------------------------------- compiled vocab
# Roles of the phrases that may stand right before a number (one dict lookup per phrase).
NOT, OK, QUAL, EMPH, ORD, TALLY, HEAD, OPENER, ONE_AFTER, MULT, HYPO, YEAR, DATE, CLOCK, DURATION, COMP, \
    VAGUE = (1 << i for i in range(17))


class _Compiled:
    """What the quantity reader builds from the number grammar, once."""

    def __init__(self, v: NumberGrammar):
        roles: dict[str, int] = {}

        def add(phrases, bit):
            for p in phrases:
                roles[p] = roles.get(p, 0) | bit
        add(v.not_before, NOT)
        add(v.before_exceptions, OK)
        add(v.count_heads, OK | HEAD)
        add(v.qualifiers, OK | QUAL)
        add(v.emphasis, OK | EMPH)
        add(v.ordinal_marker, ORD)
        add(v.tallies, TALLY)
        add(v.vocab.ranges.openers, OPENER)
        add(v.one_after, ONE_AFTER)
        add(v.multiple_words, MULT)
        add(v.hypothetical, HYPO)
        add(v.year_words, YEAR)
        add(v.date_words, DATE)
        add(v.clock_before, CLOCK)
        add(v.duration_before, DURATION)
        add(v.comparatives, COMP)
        add(v.vague_before, VAGUE)
        self.roles = roles
        self.multi_last = {p.split()[-1] for p in roles if " " in p}  # the last words of longer phrases
        self.pred_last = {p.split()[-1] for p in v.pred_before}
        self.pred_before_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(v.pred_before)}){_NOL}",
                                            regex.IGNORECASE)
        self.unit_of = v.unit_of
        self.next2 = regex.compile(rf"{_HS}+([\p{{L}}\p{{M}}]+)(?:{_HS}+([\p{{L}}\p{{M}}]+))?")
        self.score_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(v.score_context)}){_NOL}",
                                      regex.IGNORECASE)
        self.money_context = v.money_context
        tw = alternation(v.as_of_time_words)
        part = rf"(?:\d[\d/:.h]*(?:,\d+)?|(?:{tw}){_NOL})"
        self.as_of_strong = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(v.as_of_strong)}){_NOL}(?:{_HS}+{part})*", regex.IGNORECASE)
        self.as_of_weak = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(v.as_of_weak)}){_HS}+$",
                                        regex.IGNORECASE)
        # the anchor words, lower-case or capitalised: found with str.find in the lower-cased
        # text, then kept where the text writes one of those two forms
        self.as_of_probe: dict[str, tuple[str, ...]] = {}
        for a in v.vocab.as_of.anchors:
            for form in (a, a.capitalize()):
                self.as_of_probe[form.lower()] = (*self.as_of_probe.get(form.lower(), ()), form)
        # a weak trigger can only end with one of these words
        self.as_of_weak_ends = tuple({p.split()[-1] for p in v.as_of_weak})
        # "… về tội “Nhận hối lộ”": up to 8 words after a count, the charge word, a quote
        self.charge_re = regex.compile(
            rf"(?P<gap>(?:{_HS}+[\p{{L}}\p{{M}}]+){{0,8}}?){_HS}+(?P<w>{alternation(v.charge_words)}){_NOL}"
            rf"{_HS}*(?P<q>[“\"«])?", regex.IGNORECASE) if v.charge_words else None
        self.charge_probe = tuple({w.split()[0] for w in v.charge_words})


# --------------------------------------------------------------------------- reading
class _Ctx:
    __slots__ = ("text", "v", "c", "sentences", "starts", "prev_end", "times", "clock_end", "taken", "charges")

    def __init__(self, text: str, sentences, v: NumberGrammar, c: _Compiled):
        self.text, self.v, self.c = text, v, c
        self.sentences = sentences
        self.starts = [s for s, _ in sentences]
        self.prev_end = -10          # end of the last number expression read
        self.times: list[tuple[int, int]] = []  # clock times and dates, for as-of phrases
        self.clock_end = -1          # the end of "7 giờ 30": its minutes are no quantity
        self.taken = -1              # the end of the last quantity: spans never overlap
        # whether the text writes a charge word at all (most do not: no charge is looked for)
        self.charges = c.charge_re is not None and any(
            w in low for _, low in lowered(text) for w in c.charge_probe)

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        return self.sentences[i] if i >= 0 else (0, len(self.text))


def find_quantities(text: str, sentences: list[tuple[int, int]], v: NumberGrammar,
                    c: _Compiled, dates: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity of `text`, in order. `sentences` are (start, end) spans; they bound
    the as-of, score and money look-ups. `dates` are the spans of the dates and times the
    date extractor read, in order: no number in them is a quantity."""
    ctx = _Ctx(text, sentences, v, c)
    ctx.times.extend(dates)
    out: list[Quantity] = []
    di, nd = 0, len(dates)
    for f in scan(text, v, dates):
        while di < nd and dates[di][1] <= f.start:
            di += 1
        if di < nd and dates[di][0] <= f.start:
            ctx.prev_end = f.end
            continue                       # a date or a time the date extractor read
        if f.kind == "time" or f.kind == "date":
            ctx.times.append((f.start, f.end))
        elif f.start < ctx.clock_end:
            pass                           # the minutes of "7 giờ 30"
        elif f.start >= ctx.taken:         # in "60 năm ngày", "năm" is the unit of 60
            q = _read(ctx, f)
            if q is not None:
                out.append(q)
                ctx.taken = q.end
        ctx.prev_end = f.end
    if out:
        ctx.times.sort()
        _attach_as_of(ctx, out)
    return out


def _before(text: str, pos: int, n: int = 4, glued: bool = False) -> list[tuple[str, int, str]]:
    # Up to n words right before pos, nearest first: (folded, start, as written). The
    # chain stops at punctuation (a word followed by "," is not next to the number), after
    # a word that opens with a bracket or quote, and at the line start. A number glued to
    # what precedes it ("(47 tuổi)") has no words before it; with `glued`, pos may
    # follow a word (the words before a comma).
    if pos == 0 or (text[pos - 1] not in " \t\u00a0" and not glued):
        return []
    lo = pos - 10 * n if pos > 10 * n else 0
    seg = text[lo:pos]
    nl = seg.rfind("\n")
    if nl >= 0:
        seg = seg[nl + 1:]
        lo += nl + 1
        cut = False
    else:
        cut = lo > 0 and not text[lo - 1].isspace()
    toks = seg.rsplit(None, n)
    if cut or len(toks) > n:
        toks = toks[1:]  # a word cut by the window, or the rest of the line
    out = []
    end = pos
    for tok in reversed(toks):
        end = text.rfind(tok, lo, end)
        c = tok[-1]
        if c in _PUNCT_END or c in _PUNCT_START:
            break
        if tok[0] in _PUNCT_START:
            bare = tok.lstrip(_PUNCT_START)
            if bare:
                out.append((bare.lower(), end + len(tok) - len(bare), bare))
            break
        out.append((tok.lower(), end, tok))
    return out


def _phrases(bw, i: int = 0) -> list[str]:
    """The phrases of 1, 2, 3 words that end at bw[i] (bw nearest first)."""
    if len(bw) <= i:
        return []
    p = [bw[i][0]]
    if len(bw) > i + 1:
        p.append(bw[i + 1][0] + " " + p[0])
        if len(bw) > i + 2:
            p.append(bw[i + 2][0] + " " + p[1])
    return p


def _longest(masks: list[int], bits: int) -> int:
    """The word count of the longest phrase with one of `bits`, 0 when none."""
    for k in range(len(masks), 0, -1):
        if masks[k - 1] & bits:
            return k
    return 0


def _read(ctx: _Ctx, f: Found) -> Quantity | None:
    text, v, c = ctx.text, ctx.v, ctx.c
    num = f.a
    kind = f.kind
    bw = f.bw if f.bw is not None else _before(text, f.start)
    if bw and bw[-1][1] < ctx.taken:  # words of the previous quantity are not before this one
        bw = [w for w in bw if w[1] >= ctx.taken]
    if bw:  # the roles of the phrases of 1, 2, 3 words that end right before the number
        w0 = bw[0][0]
        get = c.roles.get
        anym = get(w0, 0)
        nb = len(bw)
        if nb == 1:
            masks = [anym]
        elif w0 in c.multi_last:  # only then can a longer phrase have a role
            p1 = bw[1][0] + " " + w0
            masks = [anym, get(p1, 0)] if nb == 2 else [anym, get(p1, 0), get(bw[2][0] + " " + p1, 0)]
            for m in masks:
                anym |= m
        else:
            masks = [anym, 0] if nb == 2 else [anym, 0, 0]
    else:
        w0, masks, anym = None, [], 0
    if anym & VAGUE:
        return None                        # "dăm ba lần", "vài chục người"
    if anym:
        if masks[0] & ORD:
            return None                    # "lần thứ 3" (extract/ordinal.py), "thứ 3", "thứ hạng"
        if anym & YEAR and _year_like(num):
            return None                    # "năm 2020", "SN 1993", "mùa giải 2020-2021"
        if kind == "slash" and anym & DATE:
            return None                    # "ngày 1/10", "sáng 20/4"
    # --- the words after it
    unit = ukind = noun = per = post = pred = None
    alt = False
    if f.glued_unit:
        unit, ukind = c.unit_of.get(f.glued_unit) or (f.glued_unit, "measure")
        am = v.after_glued.match(text, f.end + len(f.glued_unit))
        end = am.end("per") if am.group("per") else f.end + len(f.glued_unit)
        per, post, pred = am.group("per"), am.group("post"), am.group("pred")
    else:
        tm = f.tm
        if tm is None:
            tm = (v.tail_words if f.words else v.tail_digits).match(text, f.end)
        elif tm is False:
            tm = None
        end = f.end
        if tm is not None:
            # the groups by index (a named look-up per group costs more than the rest)
            iu, inoun, iper, ipost, ipred, ialt = v.tail_index[tm.re]
            g = f.g if f.g is not None else tm.groups()
            u = g[iu - 1]
            if u is not None and not _unit_compound(ctx, u, tm.end(iu)):
                unit, ukind = c.unit_of.get(u) or c.unit_of.get(" ".join(u.split())) or (u, "measure")
                end = tm.end(iu)
            elif u is not None:  # "đồng đội": a noun that starts like a unit
                noun = u + _next_word(text, tm.end(iu))
                end = tm.start(iu) + len(noun)
            elif g[inoun - 1] is not None:
                noun = g[inoun - 1]
                end = tm.end(inoun)
            if unit is not None or (noun is not None and u is None):
                if g[iper - 1]:
                    per, end = g[iper - 1], tm.end(iper)
                post, pred, alt = g[ipost - 1], g[ipred - 1], g[ialt - 1] is not None
    if unit is not None and ukind == "duration" and anym & HEAD and masks[_longest(masks, HEAD | NOT) - 1] & HEAD:
        m2 = c.next2.match(text, end)
        if m2 and m2.group(1).lower() in v.relative_time:
            unit = ukind = per = post = pred = None  # "con số 40.000 tuần trước"
            end = f.end
    measured = ukind in _MEASURED
    # --- identifiers, ranks, date parts and names before it
    if anym & (NOT | OK):
        k = _longest(masks, NOT | OK)
        if masks[k - 1] & NOT and not masks[k - 1] & OK and not (measured and not _year_like(num)) \
                and not (f.words and noun is not None) \
                and not (ukind == "duration" and not f.words and not masks[k - 1] & (DATE | YEAR)):
            # "số 08", "lớp 12", "phút 14", "hiệp hai"; but a measure is measured ("đường
            # 20 km"), a duration lasts ("giai đoạn 5 năm"; not "tháng 5 năm 2020") and a
            # word number before a counted noun counts ("những phút hai người thi đấu")
            return None
    if not f.words:
        if bw and not measured and not bw[0][2].islower() and _name_before(text, bw):
            return None                    # "Porsche 911", "khoa Lâm sàng 3"
        if (num.text[:1] == "0" or text[f.end + 1:f.end + 2].isdigit()) and _is_phone(text, f):
            return None                    # "0912 345 678", "1900 54 54 26"
    if num.notation == "plain" and 1800 <= num.value <= 2099 and (f.b is None or _year_like(f.b)):
        if (unit is None or f.b is not None) and not (ukind in ("duration", "age") and anym & QUAL):
            return None                    # "(1990)", "2016-2020"; but "hơn 2000 năm"
    # --- the qualifier right before it
    if anym & QUAL:
        qual, qstart, meanings = _qualifier(ctx, f, bw, masks, ukind)
    else:
        qual, qstart, meanings = None, f.start, []
    # --- the shapes
    value_max = value2 = out_of = None
    if kind == "slash":
        if not (num.value < 1 and (unit or noun) and not anym & DATE) or text[f.start:f.end] in v.never \
                or _after_date(text, f.start):
            return None                    # "20/4" is a date; "1/2 lưỡi" a fraction; "30/4 - 1/5"
        part, whole = (int(x) for x in num.text.split("/"))
        if noun is not None and unit is None and (whole > 10 or math.gcd(part, whole) > 1):
            # "5/30 phòng": 5 rooms of 30, not a sixth of a room
            num = Number(float(part), 1.0, False, "plain", num.text, num.start, num.end)
            out_of = float(whole)
            kind = "number"
        else:
            kind = "fraction"
    elif kind == "dash":
        a, b = num.value, f.b.value
        small = not num.decimals and not f.b.decimals and not num.scaled and a <= 30 and b <= 30
        if unit is None and noun is None and anym & DATE and not _score_context(ctx, f):
            return None                    # "từ 10-4 đến hết 31-12": dates
        if small and unit is None and (a >= b or _score_context(ctx, f)):
            # "thắng 2-0", "tỷ số 1-1", "vùi dập tới 6-1", "0-1"
            return _make(ctx, f, f.start, f.end, num, None, "score", unit=v.score_unit, value2=b)
        if a < b and (unit is not None or noun is not None or anym & OPENER):
            value_max = b
            kind = "range"
        else:
            return None
    elif kind == "range":
        if f.b.value <= num.value:
            return None
        value_max = f.b.value
    elif kind == "dimension":
        value2 = f.b.value
    elif anym & MULT and masks[0] & MULT and not f.words:
        kind = "multiple"                  # "gấp 3 lần"
    # --- does it count or measure something?
    if not _accept(ctx, f, bw, masks, anym, unit, ukind, noun, qual, end, alt):
        return None
    if kind in ("number", "range"):
        kind = ukind or "count"
    if kind == "dimension":
        kind = "measure"
    implied = False
    start = qstart
    if unit is None and noun is None:
        if anym & TALLY and masks[0] & TALLY:  # "hòa 1": a tally of matches
            unit = v.tallies[w0]
            if qual is None:
                start = bw[0][1]
        elif anym & HEAD and c.unit_of.get(w0):  # "ở tuổi 19": the head is the unit
            unit, kind = c.unit_of[w0]
        elif num.scaled and _money_context(ctx, f):
            unit, kind, implied = v.implied_money, "money", True
    if f.flags and "tens_of" in f.flags:   # "hàng trăm": the word is the qualifier
        qual, meanings, start = text[f.start:num.start].strip(), ["tens_of"], f.start
    if qual is None and value_max is not None and masks and masks[0] & OPENER:
        start = bw[0][1]                   # "từ 90 đến 150 Hertz"
    # positional: keywords cost more than the call
    q = _make(ctx, f, start, end, num, qual, kind, unit, noun, value_max, value2, meanings, per, implied, post)
    q.out_of = out_of
    if pred:
        q.predicate = v.pred_after[" ".join(pred.lower().split())]
        _after_noun(ctx, q, bw)
        return q
    # the nearest predicate before the span, up to a few words back in its clause ("chở 53
    # người", "nhận hối lộ tổng cộng 5 tỷ đồng", "ghi nhận kỷ lục 10 ca")
    last = c.pred_last
    near = None
    for i, w in enumerate(bw):
        if w[0] in last:
            near = i
            break
    if near is not None:
        # a phrase ending at a farther word read may start further back ("ghi nhận kỷ lục 10")
        q.predicate = _predicate_before(ctx, bw)
        if len(bw) >= 3 and (q.predicate is None or near > 0):
            q.predicate = _predicate_before(ctx, _before(text, start, PREDICATE_WORDS))
    elif len(bw) >= 3 and c.pred_before_re.search(text, max(0, bw[-1][1] - PREDICATE_CHARS), bw[-1][1]):
        q.predicate = _predicate_before(ctx, _before(text, start, PREDICATE_WORDS))
    if q.predicate is None and kind in ("count", "money"):
        q.predicate = _elliptical(ctx, bw, start, q.end)
    if q.predicate is None and q.unit and " " in q.unit:
        # the noun says it: "10 ca tử vong", "5 ca mắc"
        q.predicate = v.pred_after.get(q.unit.split(" ", 1)[1])
    _after_noun(ctx, q, bw)
    return q


_CLOSING = {"“": "”", '"': '"', "«": "»"}


def _after_noun(ctx: _Ctx, q: Quantity, bw) -> None:
    # What follows a count of people or things beyond its predicate: "khác" after "cùng
    # 20 bị can" (the count leaves out the one named: its span takes the word, and a
    # predicate may follow it), and the charge they face ("về tội “Nhận hối lộ”").
    if q.noun is None or q.kind != "count":
        return
    v, text = ctx.v, ctx.text
    if bw and (bw[0][0] in v.others_before or len(bw) > 1 and f"{bw[1][0]} {bw[0][0]}" in v.others_before):
        m = ctx.c.next2.match(text, q.end)
        if m and m.group(1).lower() in v.others_after:
            q.others = True
            q.end = m.end(1)
            q.text = text[q.start:q.end]
            if q.predicate is None:
                am = v.after_glued.match(text, q.end)
                if am and am.group("pred"):
                    q.predicate = v.pred_after[" ".join(am.group("pred").lower().split())]
    if ctx.charges and (q.predicate is None or q.predicate in v.charged):
        q.charge = _charge(ctx, q.end)


def _charge(ctx: _Ctx, end: int) -> str | None:
    """The one charge named after a count, in its sentence: "bị truy tố về tội “Nhận hối
    lộ”" (quoted: as written, lower-cased), "về tội giết người" (unquoted: a known charge);
    none for several ("về các tội …", "“A” và “B”")."""
    c, v, text = ctx.c, ctx.v, ctx.text
    hi = min(ctx.sentence(end)[1], end + 120)
    low = text[end:hi].lower()
    if not any(w in low for w in c.charge_probe):
        return None
    m = c.charge_re.match(text, end, hi)
    if m is None:
        return None
    gap = m.group("gap").split()
    if gap and gap[-1].lower() in v.charge_plural:
        return None                         # "về các tội …"
    if m.group("q"):
        close = text.find(_CLOSING[m.group("q")], m.end(), min(len(text), m.end() + 100))
        if close <= m.end() or "\n" in text[m.end():close]:
            return None
        charge = " ".join(text[m.end():close].lower().split()).strip(".,;:")
        after = text[close + 1:close + 12].split(None, 1)
        if after and (after[0][:1] in _CLOSING or after[0][:1] == ","
                      or after[0].lower() in v.charge_joins and after[1:] and after[1][:1] in _CLOSING):
            return None                     # "“A”, “B”", "“A” và “B”"
        return charge or None
    rest = " ".join(text[m.end():min(len(text), m.end() + 120)].lower().split())
    for charge in v.charges:
        if rest.startswith(charge) and not rest[len(charge):len(charge) + 1].isalpha():
            tail = rest[len(charge):].lstrip(" ,").split(None, 1)
            if tail and tail[0] in v.charge_joins and len(tail) > 1 and \
                    any(tail[1].startswith(x) for x in v.charges):
                return None                 # "về tội giết người và cướp tài sản"
            return charge
    return None


def _make(ctx: _Ctx, f: Found, start: int, end: int, num: Number, qual, kind: str, unit=None, noun=None,
          value_max=None, value2=None, meanings=(), per=None, implied=False, post=None) -> Quantity:
    v = ctx.v
    discrete = kind == "count" and not num.scaled
    if post:
        iv = interval_of(num, v.postfix[" ".join(post.lower().split())], discrete)
    elif not meanings:
        iv = (num.value, num.value, False, False) if not num.decimals else interval_of(num, "exact", discrete)
    else:
        iv = hull(num, list(meanings), discrete)
    if value_max is not None:
        q2 = v.meanings(f.q2) if f.q2 else list(meanings)
        hi = hull(f.b, q2 or ["exact"], discrete)
        iv = (iv[0], hi[1], iv[2], hi[3])
    if unit is None and noun is not None:
        unit = noun_unit(noun, v)
    # positional: a call with twenty keywords costs more than everything else here
    return Quantity(start, end, ctx.text[start:end], num.value, value_max, value2, unit, qual,
                    iv[0], iv[1], iv[2], iv[3], None, None, "words" if f.words else num.notation, kind, noun,
                    implied, num.alt_value, per.lower() if per else None, num.step)


def _unit_compound(ctx: _Ctx, unit: str, end: int) -> bool:
    # Whether the unit read is the first syllable of a compound noun ("đồng đội",
    # "đồng hồ"): then it is no unit.
    if unit.lower() not in ctx.v.unit_compound_heads:
        return False
    w = _next_word(ctx.text, end)
    return bool(w) and f"{unit.lower()} {w.split()[0].lower()}" in ctx.v.unit_compounds


def _next_word(text: str, pos: int) -> str:
    """The white space and the word right after pos ("" when none)."""
    m = _NEXT_WORD.match(text, pos)
    return m.group() if m else ""


_NEXT_WORD = regex.compile(r"[^\S\n]+[\p{L}\p{M}]+")


def noun_unit(noun: str | None, v: NumberGrammar) -> str | None:
    # The counted noun as a unit: folded, a classifier dropped ("em học sinh nữ" →
    # "học sinh nữ", "đứa con chung" → "con chung").
    if noun is None:
        return None
    words = noun.lower().split()
    if len(words) > 2 and words[0] in v.classifiers:  # but "con gái" stays "con gái"
        words = words[1:]
    return " ".join(words)


def _name_before(text: str, bw) -> bool:
    # A number right after a capitalised word that does not open its sentence is part of
    # a name: "Porsche 911", "iPhone 12", "khoa Lâm sàng 3", "Nghị định 100".
    if not bw:
        return False
    _, start, raw = bw[0]
    if raw.islower() or not any(ch.isupper() for ch in raw):
        return False
    k = start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    # the first word of a sentence or a line is capitalised anyway ("Có 2 em", "Hơn 100")
    return not (k < 0 or text[k] in "\n.!?:;\"“”'(–-•*")


_PHONE_TAIL = regex.compile(r"\d{2,4}(?: \d{2,4}){2,}(?![\d\p{L}])")


def _is_phone(text: str, f: Found) -> bool:
    """"0912 345 678", "1900 54 54 26", "0912.345.678": a phone number."""
    s = f.a.text
    if s[:1] == "0" and len(s) >= 4 and "," not in s:
        return True
    return text[f.end:f.end + 1] == " " and text[f.end + 1:f.end + 2].isdigit() and \
        _PHONE_TAIL.match(text, f.start) is not None


def _after_date(text: str, pos: int) -> bool:
    """Whether a dash and a date stand right before pos ("30/4 - 1/5", "30/4-1/5")."""
    k = pos - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    if k < 0 or text[k] not in "-\u2013":
        return False
    k -= 1
    while k >= 0 and text[k] == " ":
        k -= 1
    return k >= 0 and text[k].isdigit()


def _year_like(n: Number) -> bool:
    return n.notation == "plain" and 1800 <= n.value <= 2099 and not n.scaled


def _score_context(ctx: _Ctx, f: Found) -> bool:
    """A score word in the 60 characters before "a-b", within its sentence."""
    s0, _ = ctx.sentence(f.start)
    return ctx.c.score_re.search(ctx.text, max(s0, f.start - 60), f.start) is not None


def _money_context(ctx: _Ctx, f: Found) -> bool:
    s0, s1 = ctx.sentence(f.start)
    window = ctx.text[max(s0, f.start - 80):min(s1, f.end + 40)].lower()
    return any(w in window for w in ctx.c.money_context)


def _qualifier(ctx: _Ctx, f: Found, bw, masks, ukind):
    """(qualifier as written, span start, meanings) of the bound word(s) right before the
    number; (None, number start, []) when there is none."""
    v = ctx.v
    k = _longest(masks, QUAL)
    if not k:
        return None, f.start, []
    phrase = _phrases(bw)[k - 1]
    start = bw[k - 1][1]
    if phrase in v.only_before_scale:
        return None, f.start, []           # "hàng": the word scanner reads "hàng trăm"
    if phrase in v.only_before_age_or_time and ukind not in ("age", "duration"):
        return None, f.start, []           # "ngoài 2 người" is "besides two people"
    if phrase in v.only_before_digits and f.words and not f.a.scaled:
        return None, f.start, []           # "trên một chiếc xe" is "on a vehicle"
    meaning = v.qualifiers[phrase]
    if phrase in v.compare_words and len(bw) > k and bw[k][0] in v.comparatives:
        return None, f.start, []           # "cao hơn 5 cm": a difference, not a bound
    if phrase in v.ratio_words:
        gap = ctx.text[ctx.prev_end:start] if ctx.prev_end >= 0 else None
        if gap is not None and 0 <= len(gap) <= 25 and not any(ch in gap for ch in ",.;:()") \
                and len(gap.split()) <= 2:
            return None, f.start, []       # "15 phiếu trên 20 đại biểu": "out of"
    meanings = [meaning]
    if len(bw) > k:                        # a chain: "khoảng hơn 20", "gần như dưới 5"
        p2 = _phrases(bw, k)
        masks2 = [ctx.c.roles.get(p, 0) for p in p2]
        k2 = _longest(masks2, QUAL)
        # only an approximation can wrap a bound ("nông hơn dưới 50 mét" is a comparison
        # before a bound, not a chain)
        if k2 and v.qualifiers[p2[k2 - 1]] in ("about", "near"):
            meanings.insert(0, v.qualifiers[p2[k2 - 1]])
            start = bw[k + k2 - 1][1]
    return ctx.text[start:f.start].strip(), start, meanings


# --- acceptance ---------------------------------------------------------------------
def _accept(ctx: _Ctx, f: Found, bw, masks, anym, unit, ukind, noun, qual, end, alt) -> bool:
    """Whether the number counts or measures something (the exclusions that need the
    unit, the noun or the qualifier; the others were decided before)."""
    v, text = ctx.v, ctx.text
    if masks and masks[0] & HYPO or alt:
        return False                       # "hai bệnh hay là một bệnh"
    if noun is not None:
        head = noun.split(None, 1)[0].lower()
        if head in v.name_nouns:
            return False                   # "ba chiều" (3D), "khách sạn 5 sao"
        if head in v.address_nouns and " " not in noun and text[end:end + 1] == " " \
                and text[end + 1:end + 2].isupper():
            return False                   # "12 phố Huế"
    elif unit is not None and unit in v.time_canon:
        written = text[f.end:end].strip().split("/")[0].lower()
        if written in v.clock_units and _clock(ctx, f, masks, end):
            ctx.times.append((f.start, end))
            if _digit_follows(text, end):
                ctx.clock_end = end + 3
            return False                   # "7 giờ 30", "17 giờ chiều", "lúc 17 giờ"
        if written in v.month_units and _digit_follows(text, end):
            return False                   # "19 tháng 4"
    if f.words:
        return _accept_words(ctx, f, masks, anym, unit, ukind, noun, qual)
    if unit is not None or noun is not None:
        return True
    return _accept_bare(ctx, f, masks, anym)


def _digit_follows(text: str, pos: int) -> bool:
    return text[pos:pos + 1] == " " and text[pos + 1:pos + 2].isdigit()


def _clock(ctx: _Ctx, f: Found, masks, end: int) -> bool:
    v, text = ctx.v, ctx.text
    if f.a.value > 24 or f.a.decimals or f.b is not None:
        return False
    m = ctx.c.next2.match(text, end)
    if m:
        a0 = m.group(1).lower()
        if a0 in v.clock_after:
            return True
    if _digit_follows(text, end):
        return True
    k = _longest(masks, CLOCK | DURATION)
    return bool(k) and bool(masks[k - 1] & CLOCK) and not masks[k - 1] & DURATION


def _accept_words(ctx: _Ctx, f: Found, masks, anym, unit, ukind, noun, qual) -> bool:
    v, text = ctx.v, ctx.text
    num = f.a
    first = num.text.split(None, 1)[0].lower()
    m = ctx.c.next2.match(text, f.end)
    nxt = m.group(1).lower() if m else ""
    if first in v.word_not_before and nxt in v.word_not_before[first]:
        return False                       # "ba mẹ", "nửa đêm", "chín muồi"
    if f.kind == "multiple":
        return True
    if f.kind == "fraction":               # "nửa số trận", "một phần ba dân số"
        return unit is not None or noun is not None
    if f.flags and "tens_of" in f.flags:
        return unit is not None or noun is not None
    if num.text[:1].isupper() and m and m.group(1)[:1].isupper():
        return False                       # "Ba Lan", "Hai Bà Trưng"
    if unit is None and noun is None:
        # "hai trong số rất nhiều khách hàng"
        return num.value > 1 and m is not None and f"{nxt} {(m.group(2) or '').lower()}" in v.of_words
    if num.value == 1 and " " not in num.text:   # a bare "một" is mostly "a/an"
        if nxt in v.one_never_before:
            return False
        if ukind in _MEASURED or f.kind == "range":
            return True                    # "một km", "một đến hai tuần"
        if ukind == "duration" or (noun is not None and noun.split(None, 1)[0].lower() in v.one_time_units):
            return qual is not None        # "hơn một năm"; but "chỉ một ngày sau"
        return qual is not None or bool(anym & ONE_AFTER)  # "hòa một trận", "ghi một bàn"
    if first in v.strict_words and " " not in num.text.strip():
        if unit is not None:
            return True
        words = noun.lower().split()
        return words[0] in v.strict_nouns or " ".join(words[:2]) in v.strict_nouns
    return True


def _accept_bare(ctx: _Ctx, f: Found, masks, anym) -> bool:
    """A number in digits with neither unit nor noun counts only in a few contexts."""
    v, num = ctx.v, f.a
    if masks:
        m0 = masks[0]
        if f.kind in ("range", "dash") and m0 & OPENER:
            return True                    # "ở độ tuổi từ 20 đến 30"
        if m0 & TALLY and not num.decimals and num.value < 100:
            return True                    # "thắng 1, hòa 4"
        if anym & HEAD and _longest(masks, HEAD | NOT) and masks[_longest(masks, HEAD | NOT) - 1] & HEAD:
            return True                    # "con số 40.000"
    m = ctx.c.next2.match(ctx.text, f.end)
    if m:
        nxt = m.group(1).lower()
        if num.value == 1 and nxt in v.one_of:
            return False                   # "1 trong những"
        if num.value > 1 and f"{nxt} {(m.group(2) or '').lower()}" in v.of_words:
            return True                    # "2 trong số 5 trận"
    return num.scaled                      # "dưới 100 tỷ", "5,3 triệu"


# --- predicates and as-of -------------------------------------------------------------
def _predicate_before(ctx: _Ctx, bw) -> str | None:
    # The nearest predicate among the words before a span, bw nearest first ("chở 53
    # người", "chiếm đoạt hơn 10 tỷ đồng"), never across an earlier number.
    v, c = ctx.v, ctx.c
    last = c.pred_last
    for i, (w, start, _) in enumerate(bw):
        if start < ctx.prev_end:
            break
        if w in last:
            best = None
            for p in _phrases(bw, i) + ([" ".join(x[0] for x in reversed(bw[i:i + 4]))] if len(bw) > i + 3 else []):
                if p in v.pred_before:
                    best = p
            if best is not None:
                return v.pred_before[best]
    return None


def _elliptical(ctx: _Ctx, bw, start: int, end: int) -> str | None:
    # A figure that is its whole clause, with at most a bound or an emphasis word before
    # it ("…, người nhận hối lộ nhiều nhất, lên tới 253 lần, …"): the clause has no verb of
    # its own, so the figure is of the predicate of the clause before it, up to a comma.
    v, text = ctx.v, ctx.text
    k = end
    while k < len(text) and text[k] in " \t":
        k += 1
    if k < len(text) and text[k] not in ",;.\n":
        return None                         # "…, 31 mã tăng giá": the clause goes on
    if bw:
        phrase = " ".join(w[0] for w in reversed(bw))
        if phrase not in v.emphasis and phrase not in v.qualifiers:
            return None
        start = bw[-1][1]
    k = start - 1
    while k > 0 and text[k] in " \t":
        k -= 1
    if k <= 0 or text[k] != "," or k < ctx.sentence(start)[0]:
        return None
    words = _before(text, k, PREDICATE_WORDS, glued=True)
    if not words or words[-1][1] < ctx.prev_end:
        return None                         # "có 33 km2 diện tích, 10.524 người": a list of figures
    return _predicate_before(ctx, words)


def _attach_as_of(ctx: _Ctx, qs: list[Quantity]) -> None:
    # The as-of phrase of each quantity: the nearest one in its sentence, before it if
    # there is one ("Tính đến 17 giờ ngày 3/9, …"), else after it.
    phrases = _as_of_phrases(ctx)
    if not phrases:
        return
    text = ctx.text
    starts = [p[0] for p in phrases]
    for q in qs:
        i = bisect_right(starts, q.start)
        near = [p for p in phrases[max(0, i - 1):i + 1] if abs(p[0] - q.start) < 400]
        if not near:
            continue
        a, b = ctx.sentence(q.start)
        prior = [p for p in near if a <= p[0] and p[1] <= q.start]
        pick = prior[-1] if prior else next((p for p in near if q.end <= p[0] < b), None)
        if pick is not None:
            q.as_of = text[pick[0]:pick[1]].strip().rstrip(_PUNCT_END)
            q.as_of_span = pick


def _as_of_phrases(ctx: _Ctx) -> list[tuple[int, int]]:
    # Every as-of phrase of the text: a strong phrase ("tính đến", "đến nay"), looked for
    # only around its anchor words, and a clock time or a date after a weak trigger ("đến
    # 20h", "đến hết ngày 3/9").
    text, c = ctx.text, ctx.c
    out = []
    for k in _found(text, c.as_of_probe):
        m = c.as_of_strong.search(text, max(0, k - 25), min(len(text), k + 80))
        if m and m.start() <= k < m.end() + 1 and m.span() not in out:
            out.append(m.span())
    for t0, t1 in ctx.times:
        lo = max(0, t0 - 25)
        if not text[lo:t0].rstrip().lower().endswith(c.as_of_weak_ends):
            continue  # no trigger ends right before it
        m = c.as_of_weak.search(text, lo, t0)
        if m and not any(p[0] <= m.start() < p[1] for p in out):
            out.append((m.start(), t1))
    out.sort()
    return out


def _found(text: str, probe: dict[str, tuple[str, ...]]):
    """Where the text writes one of the forms of `probe` (lower-cased form -> the forms)."""
    pieces = lowered(text)
    if len(pieces) > 1:  # a form may run across two pieces: look in the text itself
        for forms in probe.values():
            for form in forms:
                k = text.find(form)
                while k >= 0:
                    yield k
                    k = text.find(form, k + 1)
        return
    low = pieces[0][1] if pieces else ""
    for lower, forms in probe.items():
        k = low.find(lower)
        while k >= 0:
            if text.startswith(forms, k):
                yield k
            k = low.find(lower, k + 1)


# ------------------------------------------------------------------------- claims
class QuantityExtractor(Extractor):
    kind = "quantity"
    needs = ("date", "person")

    def __init__(self, lexicon):
        super().__init__(lexicon)
        self.grammar = lexicon.numbers
        self.compiled = _Compiled(self.grammar)
        key = lexicon.folder.key
        v = lexicon.vocab
        # the patterns of the phrases by their first word: a sentence's words are looked up first
        self.corrections = _by_first(self.grammar.corrections)
        self.plans = _by_first(lexicon.vocab.numbers.plans.words)
        # their first words: as a substring of the lower-cased text (most sentences have
        # none, and are done), then as words of the sentence (runs of letters)
        firsts = "|".join(map(re.escape, sorted({*self.corrections, *self.plans}, key=len, reverse=True)))
        self.says_probe = re.compile(firsts) if firsts else None
        self.says_words = re.compile(rf"(?<![^\W\d_])(?:{firsts})(?![^\W\d_])")
        self.place_firsts = {form.split()[0] for form in lexicon.place_forms if form.strip()}
        pc = v.people.context
        self.possessors = {" ".join(x.lower().split()) for x in pc.possessors}
        self.possessive = {x.lower() for x in pc.possessive_words}
        self.not_possessors = {" ".join(x.lower().split()) for x in (*pc.together, *v.people.intro.not_intros)}
        self.relative_days = {key(k): n for k, n in v.dates.relative_days.items()}
        self.relative = words_re(v.dates.relative_days)
        units = any_of(self.grammar.clock_units, ignore_case=True)
        self.clock = regex.compile(rf"(?<![\d\p{{L}}])(?P<h>[01]?\d|2[0-4])\s*(?::|(?i:{units}))"
                                   rf"\s*(?P<m>[0-5]\d)?(?![\d\p{{L}}])")

    def extract(self, doc, found):
        text = doc.text
        dates = [d for d in found.get("date", ()) if d.attribute != "weekday"]
        spans = [(d.start, d.end) for d in dates]
        quantities = find_quantities(text, doc.sentences, self.grammar, self.compiled, _merged(spans))
        if not quantities:
            return []
        people = sorted(found.get("person", ()), key=lambda p: p.start)
        people_starts = [p.start for p in people]
        date_starts = [d.start for d in dates]
        period = _Periods(dates, date_starts).nearest
        sentence_of = Spans(doc.sentences)
        sentences = [sentence_of.find(q.start) for q in quantities]
        last = {s: q.start for s, q in zip(sentences, quantities)}  # the last figure of each sentence
        scope: dict = {}  # sentence -> what it says beyond its figures (_scope)
        pieces = lowered(text)
        pieces = ([o for o, _ in pieces], pieces)
        claims = []
        zone_at, path = doc.zone_at, doc.path
        for q, sentence in zip(quantities, sentences):
            facts = scope.get(sentence)
            if facts is None:
                facts = scope[sentence] = self._scope(text, sentence, last[sentence], people, people_starts, pieces)
            places, names, corrected, planned = facts
            as_of_date = as_of_time = None
            if q.as_of_span:
                as_of_date, as_of_time = self._as_of(doc, q.as_of_span, dates, date_starts)
            high = q.high
            data = QuantityData(
                q.kind, q.value, q.value_max, q.value2, q.step, q.low, None if high == INF else high,
                q.low_open, q.high_open, q.unit, q.qualifier, q.predicate,
                _head(text, sentence, q.start), q.as_of, as_of_date,
                as_of_time, q.notation, q.alt_value, q.per,
                None if q.others else _nearest(names, q.start), _nearest(places, q.start), q.out_of,
                corrected, planned, period(sentence, q.start), q.charge, q.others)
            claims.append(Claim("quantity", q.unit or q.kind, q.predicate or q.charge or q.kind, _value(q), q.text,
                                path, q.start, q.end, zone_at(q.start), sentence, q.text, as_of_date, data))
        return claims

    def _scope(self, text: str, sentence, last: int, people, people_starts, pieces) -> tuple:
        """What a sentence says beyond its figures: the places and the people it names
        before its last figure (`last`), as (start, key) in text order — the person
        claims, and full Vietnamese names (a family name and two or three more syllables);
        places and names are runs of capitalised words the vocabulary knows — and whether
        it corrects an earlier figure or plans."""
        if sentence is None:
            return _NONE_NAMED, _NONE_NAMED, False, False
        s0, s1 = sentence
        corrected = planned = False
        low, a, b = _lower_span(text, s0, s1, pieces)
        if self.says_probe is not None and self.says_probe.search(low, a, b):
            firsts = set(self.says_words.findall(text[s0:s1].lower()))  # the first words it has as words
            if firsts:
                corrected = _says(self.corrections, firsts, text, s0, s1)
                planned = _says(self.plans, firsts, text, s0, s1)
        lo, hi = bisect_left(people_starts, s0), bisect_left(people_starts, last)
        claimed = [(p.start, p.subject) for p in people[lo:hi] if not self._possessed(text, p)]
        kept = len(claimed) == hi - lo
        places, names = [], []
        firsts, surnames, key = self.place_firsts, self.lexicon.surnames, self.lexicon.folder.key
        stop, place = self.lexicon.name_stopwords, self.lexicon.place
        for m in _CAPITALISED.finditer(text, s0, last):
            words = m.group().split()
            i, n = 0, len(words)
            while i < n:
                if words[i] in firsts:  # the longest place name starting here
                    j = min(n, i + 4)
                    while j > i and not (named := place(" ".join(words[i:j]))):
                        j -= 1
                    if j > i:
                        places.append((m.start(), named))
                        i = j
                        continue
                if n - i >= 3 and key(words[i]) in surnames and key(words[i]) not in stop:
                    # where the name starts (a person claim read there is that name)
                    at = m.start() + _nth_word(m.group(), i)
                    names.append((at, key(" ".join(words[i:i + 4]))))
                    break
                i += 1
        if claimed or not kept:  # a name the person extractor read is that person (or whose)
            taken = {p.start for p in people[lo:hi]}
            names = sorted(claimed + [n for n in names if n[0] not in taken])
        return _named(places), _named(names), corrected, planned

    def _possessed(self, text: str, person) -> bool:
        """Whether the person is named as whose relation the sentence speaks of: "thư ký
        Thứ trưởng Bộ Y tế X", "vợ của ông X" (a relation noun right before the mention)."""
        d = person.data
        at = getattr(d, "mention_start", None)
        bw = _before(text, person.start if at is None else min(at, person.start), 4)
        if not bw:
            return False
        if bw[0][0] in self.possessive:
            bw = bw[1:]
        for p in reversed(_phrases(bw)):  # the longest phrase first: "tuyên bố" is no "bố"
            if p in self.possessors:
                return True
            if p in self.not_possessors:
                return False
        return False

    def _as_of(self, doc, span, dates, date_starts):
        """The day and the clock time of an as-of phrase: a date read in it, else a day named
        from the reference date ("đến nay", "hôm qua"); a clock time written in it."""
        a, b = span
        i = bisect_left(date_starts, a)
        day = time = None
        if i < len(dates) and dates[i].start < b:
            d = dates[i]
            day, time = d.when, d.data.time
        else:
            ref = doc.reference.date.exact() if doc.reference else None
            rel = self.relative.search(doc.text, a, b) if ref else None
            if rel:
                when = ref + timedelta(days=self.relative_days[self.lexicon.folder.key(rel.group())])
                day = PartialDate(when.year, when.month, when.day)
        if time is None:
            m = self.clock.search(doc.text, a, b)
            if m:
                time = f"{int(m.group('h')):02d}:{int(m.group('m') or 0):02d}"
        return day, time


def _nth_word(run: str, i: int) -> int:
    """The offset of the i-th word (from 0) of a run of words."""
    k, n = 0, len(run)
    for _ in range(i):
        while k < n and not run[k].isspace():
            k += 1
        while k < n and run[k].isspace():
            k += 1
    return k


def _lower_span(text: str, s0: int, s1: int, pieces) -> tuple[str, int, int]:
    """text[s0:s1] lower-cased, as (a lower-cased text, start, end), every character at
    its place: the document's own piece (lexicon.lowered, which the extractors share), or
    the pieces the span runs across joined. `pieces`: (their offsets, lowered(text))."""
    offsets, parts = pieces
    i = bisect_right(offsets, s0) - 1
    off, low = parts[i]
    if s1 - off > len(low):
        low = "".join(part for _, part in parts[i:bisect_left(offsets, s1)])
    return low, s0 - off, s1 - off


def _head(text: str, sentence, start: int) -> str | None:
    """The word right before `start` in its sentence, lower-cased (None after punctuation)."""
    lo = sentence[0] if sentence else 0
    seg = text[max(lo, start - 24):start]
    words = seg.split()
    if not words or not seg[-1:].isspace() or (len(words) == 1 and start - 24 > lo):
        return None  # after punctuation, or a word the window cut
    word = words[-1].lstrip(_PUNCT_START)
    return word.lower() if word.isalpha() else None


def _by_first(phrases) -> dict[str, list]:
    """Patterns finding each phrase as whole words in any case, by its first word lower-cased."""
    out: dict[str, list] = {}
    for phrase in phrases:
        words = phrase.lower().split()
        body = r"[ \t]+".join(regex.escape(w) for w in words)
        out.setdefault(words[0], []).append(
            regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{body})(?![\p{{L}}\p{{M}}])"))
    return out


def _says(by_first: dict[str, list], firsts: set[str], text: str, s0: int, s1: int) -> bool:
    """Whether text[s0:s1] holds one of the phrases of `by_first` whose first word it has."""
    return any(said.search(text, s0, s1) for first in firsts for said in by_first.get(first, ()))


def _value(q: Quantity) -> str:
    """The figure as compared: the qualifier, the number(s)."""
    figure = _fmt(q.value) + (f"-{_fmt(q.value_max)}" if q.value_max is not None else "") + \
        (f":{_fmt(q.value2)}" if q.value2 is not None else "")
    return f"{q.qualifier.lower()} {figure}" if q.qualifier else figure


def _fmt(x: float) -> str:
    if x.is_integer():  # most figures: rounding would keep them as they are
        return str(int(x))
    x = round(x, 6)
    if x.is_integer():
        return str(int(x))
    return f"{x:.6f}".rstrip("0")


class _Periods:
    """The dates of a text (date claims, with their starts), asked for the one nearest to a
    position in its sentence."""

    def __init__(self, dates, starts):
        self.dates, self.starts = dates, starts
        self.ordered = all(a <= b for a, b in zip(starts, starts[1:]))

    def nearest(self, sentence, at):
        """The date (a day, a month, a year) written in the sentence nearest to `at` (the
        first of those as near)."""
        if sentence is None:
            return None
        dates, starts = self.dates, self.starts
        lo, hi = bisect_left(starts, sentence[0]), bisect_left(starts, sentence[1])
        if lo == hi:
            return None
        if not self.ordered:
            return min(dates[lo:hi], key=lambda d: abs(d.start - at)).when
        # in order of start, the nearest is the last at or before `at` or the first after
        i = bisect_right(starts, at, lo, hi)
        if i == lo or (i < hi and starts[i] - at < at - starts[i - 1]):
            return dates[i].when
        return dates[bisect_left(starts, starts[i - 1], lo, hi)].when


class _Named:
    """(start, key) pairs in text order (places, people), asked for the nearest before a
    position."""

    __slots__ = ("named", "starts")

    def __init__(self, named):
        self.named = named
        self.starts = [start for start, _ in named]


_NONE_NAMED = _Named([])


def _named(named) -> _Named:
    return _Named(named) if named else _NONE_NAMED  # most sentences name no place


def _nearest(named: _Named, at) -> str | None:
    """The key of the pair nearest before `at` (the last of those that start there)."""
    i = bisect_left(named.starts, at)
    return named.named[i - 1][1] if i else None


def _merged(spans) -> list[tuple[int, int]]:
    """The union of [start, end) spans as sorted, disjoint spans."""
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]

"""Person mentions: every named person, with what introduces them.

    anh Đoàn Văn Tuân, giám đốc công ty …      vietnamese, intro "anh", apposition
    chị Tuyết                                  a given name, resolved to "Đào Thị Ánh Tuyết"
    Thủ tướng Pháp Jean Castex                 foreign, title "thủ tướng" of "Pháp"
    Đại sứ Việt Nam tại Nga Đặng Minh Khôi     title "đại sứ" of "Việt Nam" at "Nga"
    HLV Park Hang-seo / Tập Cận Bình           east_asian
    bệnh nhân H.T.Đ (47 tuổi)                  initials, age 47
    Nhật Linh (last line) / (Ảnh: M.Quân)      a byline: zone "meta", never compared

How it works:

1. Bylines and photo credits are found first (the last short lines of the article, a
   photo cue followed by a colon, a source line); their spans are never read again as
   ordinary mentions.
2. One `re` scan finds every capitalised run: capitalised words joined by single
   spaces, with foreign particles and middle initials allowed inside. `re` is used
   because it skips lowercase text with a first-character table (the word-boundary
   test sits after the first character so that the table is kept).
3. A one-word run is dropped after a class lookup unless it looks foreign, is a set of
   initials, or follows an intro word. A longer run is cut into segments by the kind of
   each token (see _plan): a Vietnamese family name starts a Vietnamese name; Latin
   words that are not Vietnamese syllables make a foreign name; honorifics, roles and
   titles become the intro; places, organisations, stop words and brands end a segment.
   The cut is cached per distinct run for the run of factlint. The words right before a
   run (an intro, or a head or locative that makes the run a street, a school, a place)
   and right after it (an apposition, an age) are read only for runs that hold a candidate.
4. Weak candidates (a one-word foreign name, a Vietnamese given name, initials, with
   no intro) are kept only when the document supports them: the word belongs to a full
   name of the same document, has an intro elsewhere in it, stands in a team sheet, or
   is followed by a speech or action verb or by a role in apposition. Words seen in
   names of things are not people anywhere in that document. Given names and surnames
   resolve to the full name (coreference) when exactly one full name fits.
5. The title chain before a name ("Phó Thủ tướng, Bộ trưởng Bộ Ngoại giao") or in its
   apposition gives the canonical titles of titles.toml and what they are titles of.

The subject of a person claim is the folded full name the mention resolves to; its value
the folded name as written.
"""
# Examples in comments may quote Vietnamese; string literals may not (tests/test_architecture.py).

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from sys import intern

from factlint.extract import Extractor
from factlint.lexicon.people import (
    ABBR, FOREIGN, HEAD, INIT_NAME, INITIALS, INTRO, LOCATIVE, LVN, NEUTRAL, OTHER, PLACE, STOP, VERB, VN,
    FORMER as FORMER_KIND, POSTED as POSTED_KIND, TITLE as TITLE_KIND,
    _CLAUSE_END, _CLOSE_QUOTES, _EDGE, _INITIAL_FOLLOW, _JOINER, _OPEN_QUOTES, _SPACE, _UP, _base, _VN_SYLLABLE,
    PeopleLexicon, _fold, _skey, _wkey, key, token_class)
from factlint.model import HONORIFIC, OFFICE, ORG_ROLE, ROLE, Claim, PersonData, RoleScope

# ---------------------------------------------------------------------------------------

@dataclass(slots=True, frozen=True)
class _NameKeys:
    """Keys of a name for the document-level decisions, computed once per distinct name."""
    name: str                  # key() of the whole name
    vocab: frozenset[str]      # vocabulary keys of its words (to test against things)
    suffixes: tuple[str, ...]  # key() of each proper ending ("Văn Tuân", "Tuân")
    words: tuple[str, ...]     # key() of each word of a foreign name (empty otherwise)


@dataclass(slots=True)
class Mention:
    """A name read in a document: a candidate while the document is read, a mention once
    the document-level decisions keep it (one object for both)."""
    start: int                 # the name itself: character offsets in the text
    end: int
    name: str                  # as written
    form: str = "vietnamese"   # vietnamese / foreign / east_asian / initials / given_only /
                               # surname_only / mononym (one foreign word no full name explains)
    intro: str | None = None   # honorific / role / title before the name, else the apposition
    intro_start: int | None = None
    ikind: str | None = None   # what the intro is: "hon", "role", "office", "org" (_intro_kind)
    tokens: tuple[str, ...] = ()
    keys: _NameKeys | None = None
    byline: bool = False
    full: str | None = None    # the full name this mention resolves to in the document
    appos: str | None = None   # the role in apposition after the name
    appos_start: int | None = None
    age: int | None = None
    age_span: tuple[int, int] | None = None


@lru_cache(maxsize=65536)
def _name_keys(tokens: tuple[str, ...], full: bool, foreign: bool) -> _NameKeys:
    """Keys of a name; the endings and words only for full names (they feed coreference)."""
    vocab = frozenset(map(str.casefold, tokens))
    if not full:
        return _NameKeys(key(" ".join(tokens)), vocab, (), ())
    names = [t for t in tokens if not (t[:1].islower() or len(t) <= 2 and t.endswith("."))]
    wk = [_wkey(t) for t in names]
    return _NameKeys(" ".join(map(_wkey, tokens)), vocab,
                     tuple(" ".join(wk[i:]) for i in range(1, len(wk))), tuple(wk) if foreign else ())


class _Doc:
    """One document being read: text, vocabulary, and the context readers."""

    def __init__(self, text: str, sentences, vocab: PeopleLexicon):
        self.text = text
        self.v = vocab
        self.sentences = sentences
        self._starts: set[int] | None = None
        self._headline: dict[int, bool] = {}
        self.places: list[tuple] = []  # runs that may name a place (see runs_not_people)

    def at_sentence_start(self, pos: int) -> bool:
        if self._starts is None:
            text, starts = self.text, set()
            for s, e in self.sentences:
                while s < e and not text[s].isalnum():
                    s += 1
                starts.add(s)
            self._starts = starts
        return pos in self._starts

    def phrase_before(self, a: int) -> tuple[str, int, str] | None:
        """(kind, start, intro kind) of the vocabulary phrase that ends right before a:
        an intro (with its kind, see _intro_kind), a head or a locative ("" for both),
        or a house number (an address: the run is a street). A run of spaces is one space."""
        text, v = self.text, self.v
        if a < 2 or text[a - 1] not in _SPACE:
            return None
        p = a - 1                      # where the word before ends
        if text[p - 1] in _SPACE:
            p = _skip_spaces_back(text, p)
        lo = p - 39
        j = text.rfind(" ", lo if lo > 0 else 0, p)
        if j < 0 < lo:                 # no space in reach: the "word" is all the text before
            got = _word_before_kind(v, text[:p])
        else:
            last = text[j + 1:p]
            got = v.before.get(last)
            if got is None:
                got = v.before[last] = _word_before_kind(v, last)
        if got is _NO_PHRASE:
            return None
        if len(got) == 2:              # a house number or a dotted title: the word itself
            return got[0], j + 1, got[1]
        if len(got) == 4:              # a one-word phrase: the word, or a former-marker before it
            kind, ikind, lead, _ = got
            i = j + 1 + lead
            return kind, (self._former_before(i) if not lead else i), ikind
        return self._phrase_of_words(a, p, got)

    def _phrase_of_words(self, a: int, p: int, got: tuple) -> tuple[str, int, str] | None:
        """phrase_before for a word that ends phrases of several words (`got`: its key and
        the phrase lengths to try): the words before it are read."""
        text, v = self.text, self.v
        kw, lens, _ = got
        lo = p + 1 - 16 * lens[0]
        raw = text[lo if lo > 0 else 0:p].rsplit(None, lens[0])
        words: list[str] = [kw]
        for w in reversed(raw[-lens[0]:-1]):
            if w[-1] in _CLAUSE_END or w[-1] == ".":
                break
            words.append(_skey(w))
            if w[0] in _EDGE:
                break
        words.reverse()
        for n in lens:
            if n <= len(words):
                ks = tuple(words[-n:])
                kind = v.back.get(ks)
                if kind == NEUTRAL:
                    return None       # "công bố Zico": a verb, not the father
                if kind:
                    return kind, self._start_of_words(a, n), _intro_kind(v, ks) if kind == INTRO else ""
        return None

    def _start_of_words(self, a: int, n: int) -> int:
        """Offset of the n-th word before position a (a follows a space); a word that
        marks a title as former or acting stays with the title."""
        text = self.text
        i = a - 1
        for _ in range(n):
            while i > 0 and text[i - 1] in _SPACE:
                i -= 1
            if i > 0 and not text[i - 1].isspace():
                # the word ending at i: the last one of a short slice, else character by character
                seg = text[max(0, i - 32):i]
                last = seg.rsplit(None, 1)[-1]
                if len(last) < len(seg) or i <= 32:
                    i -= len(last)
                else:
                    while i > 0 and not text[i - 1].isspace():
                        i -= 1
        while text[i] in _EDGE:
            i += 1
        return self._former_before(i)

    def _former_before(self, i: int) -> int:
        """i, or the start of the word before it when that word marks a title as former
        or acting ("nguyên Hiệu trưởng", "cựu HLV")."""
        text = self.text
        j = i - 1
        if j > 0 and text[j] in _SPACE:
            if text[j - 1] in _SPACE:
                j = _skip_spaces_back(text, j)
            k = text.rfind(" ", 0, j) + 1
            if _fold(text[k:j]) in self.v.former:
                return k
        return i

    def words_after(self, b: int, n: int) -> list[tuple[str, int]]:
        """Keys of up to n words right after b in the same clause, with their end offsets."""
        text = self.text
        if b >= len(text) or text[b] not in _SPACE:
            return []
        chunk = text[b:b + 16 * n].split("\n", 1)[0]
        out = []
        for m in _WORD.finditer(chunk):
            w = m.group()
            if w[0] in _EDGE:
                break
            out.append((_skey(w), b + m.start() + len(w.rstrip(_EDGE))))
            if len(out) >= n or w[-1] in _EDGE:
                break
        return out

    def headline(self, pos: int) -> bool:
        """A headline in Title Case, where function words are capitalised too: no run
        in it is read as a name."""
        text = self.text
        # only as far as a headline can reach: on one long line each name would scan the line
        lo = pos - _HEADLINE_MAX - 1
        ls = text.rfind("\n", lo if lo > 0 else 0, pos) + 1
        if lo > 0 and not ls:
            return False
        hit = self._headline.get(ls)
        if hit is None:
            le = text.find("\n", pos, ls + _HEADLINE_MAX + 1)
            le = le if le >= 0 else len(text)
            if le - ls > _HEADLINE_MAX:
                self._headline[ls] = False
                return False
            words = [w.strip(_EDGE) for w in text[ls:le].split()]
            words = [w for w in words if w and w[0].isalpha()]
            caps = [w for w in words if w[0].isupper()]
            func = sum(1 for w in caps[1:] if _fold(w) in self.v.stop)
            hit = len(words) >= 5 and len(caps) >= 0.75 * len(words) and func >= 2
            self._headline[ls] = hit
        return hit


_WORD = re.compile(r"\S+")
_HEADLINE_MAX = 300  # characters: a longer line is not a headline
_SHEET_MAX = 2000  # characters after the colon of a team sheet
_HOUSE_NUMBER = re.compile(r"\d{1,4}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?)*")
_NO_PHRASE = ()


def _skip_spaces_back(text: str, p: int) -> int:
    """The start of the run of spaces that ends at p (text[p - 1] is a space)."""
    while p > 0 and text[p - 1] in _SPACE:
        p -= 1
    return p


def _skip_spaces(text: str, i: int) -> int:
    """The end of the run of spaces that starts at i."""
    n = len(text)
    while i < n and text[i] in _SPACE:
        i += 1
    return i


def _key_before(text: str, a: int, reach: int) -> str:
    """Vocabulary key of the word right before a and the spaces before a ("" when no
    space precedes a); the word starts at most `reach` characters before the spaces."""
    if a < 2 or text[a - 1] not in _SPACE:
        return ""
    p = a - 1
    if text[p - 1] in _SPACE:
        p = _skip_spaces_back(text, p)
    lo = p - reach + 1
    return text[text.rfind(" ", lo if lo > 0 else 0, p) + 1:p].strip(_EDGE).casefold()


def _lower_after(text: str, e: int) -> int:
    """Where a lowercase word starts after the spaces at e (one space or more), else -1."""
    if e + 1 >= len(text) or text[e] != " ":
        return -1
    c = e + 1
    if text[c] == " ":
        c = _skip_spaces(text, c)
        if c >= len(text):
            return -1
    return c if text[c].islower() else -1


def _opens_appos(text: str, e: int) -> bool:
    """A comma, a bracket or a dash at e, or after the spaces at e."""
    c = text[e]
    if c == " ":
        c = text[e + 1]
        if c == " ":
            i = _skip_spaces(text, e + 1)
            c = text[i] if i < len(text) else ""
    return c in _APPOS_OPEN if c else False


def _word_before_kind(v: PeopleLexicon, last: str) -> tuple:
    """What the word `last` right before a run makes of it, whatever the words before it
    (see _Doc.phrase_before): _NO_PHRASE; (kind, intro kind) for a house number or a
    dotted title; (kind, intro kind, characters of edge punctuation before the word, 0)
    for a word that ends one-word phrases only; (key, phrase lengths, 0) when the words
    before it must be read."""
    if not last or last[-1] in _CLAUSE_END:
        return _NO_PHRASE
    if last[0].isdigit() and _HOUSE_NUMBER.fullmatch(last):
        return HEAD, ""
    kw = _skey(last)
    if kw not in v.bwd:
        if "." in last:
            # a dotted title: "PGS.TS", "ThS.BS", "PGS.TS."
            parts = [p for p in _DOTS.split(last) if p]
            if parts and all(_fold(p) in v.roles for p in parts):
                return INTRO, "role"
        return _NO_PHRASE
    if last[-1] == ".":
        return _NO_PHRASE             # a full stop ends the clause
    lens = v.bwd_lens[kw]
    if lens[0] == 1:                  # one-word phrases only: no more words to read
        ks = (kw,)
        kind = v.back[ks]
        return kind, _intro_kind(v, ks) if kind == INTRO else "", len(last) - len(last.lstrip(_EDGE)), 0
    return kw, lens, 0


def _clean_end(text: str, start: int, end: int) -> int:
    """Drop an apostrophe or quote glued to the last token, and an English possessive
    ("Chamberlain's")."""
    while end > start and text[end - 1] in "'\u2019":
        end -= 1
    if end - start > 3 and text[end - 1] == "s" and text[end - 2] in "'\u2019":
        end -= 2
    return end


def _intro_kind(v: PeopleLexicon, ks: tuple[str, ...]) -> str:
    got = v.intro_kinds.get(ks)
    if got is None:
        got = v.intro_kinds[ks] = _kind_of_intro(v, ks)
    return got


def _kind_of_intro(v: PeopleLexicon, ks: tuple[str, ...]) -> str:
    """What an intro lets through. "hon" (an honorific): also a lone given name or a
    lone family name. "role" (a person's role: doctor, coach, patient): also a lone
    given name. "office" (a title of office): a full or foreign name, not a lone
    Vietnamese word, which names the organisation. "org" (roles followed by an
    organisation more often than by a person, roles ending in a unit): a full name only."""
    phrase = " ".join(ks)
    if phrase in v.honorifics:
        return "hon"
    if phrase in v.org_roles or ks[-1] in v.head_words:
        return "org"
    if phrase in v.offices:
        return "office"
    return "role"


def _strong(form: str, ikind: str | None, nwords: int = 1) -> bool:
    """Whether a segment of this form is a person with an intro of this kind. After a
    role a capitalised word may name a field or a work, so a given name there is one or
    two syllables; after an honorific, up to three."""
    # "giáo viên Vật lí", "diễn viên Tây Du Ký"; "bà Tả Đại Phân"
    if form in ("vietnamese", "foreign", "east_asian"):
        return True
    if form == "surname_only":
        return ikind == "hon"
    if form == "given_only":
        return ikind == "hon" or ikind == "role" and nwords <= 2
    return ikind in ("hon", "role", "office")         # mononym, initials


def _glued(v: PeopleLexicon, tok: str) -> bool:
    """A word glued to a function word by a missing space: its end is an accented
    stop word and what comes before is a Vietnamese syllable. (A glued Vietnamese word
    keeps its tone mark, so a foreign name ending in a plain syllable is safe.)"""
    if tok.isascii() or len(tok) < 4:
        return False
    low = tok.lower()
    for n in (2, 3):
        tail = low[-n:]
        if (len(low) > n + 1 and not tail.isascii() and tail in v.stop
                and _VN_SYLLABLE.fullmatch(_base(low[:-n]))):
            return True
    return False


# ---------------------------------------------------------------------------------------
# Run analysis. How a run is cut into segments depends on its words, and on its context
# only at its edges: what stands right before it (an intro, a head, a locative) bears on
# the first segment alone and is applied when the plan is used. So the cut is computed
# once per distinct run and kept as a plan in relative offsets: names and places repeat
# a lot within and across articles. The few runs that depend on more (a sentence start,
# lowercase words after the run that finish a phrase) get plans of their own.

F_START, F_SENT, F_WEAK, F_CONT, F_LONG = 1, 2, 4, 8, 16


@dataclass(slots=True)
class _PlanSeg:
    i: int                    # first and last+1 token of the name
    j: int
    form: str
    strong: bool              # a person by itself, given only what is inside the run
    intro_from: int           # token where the in-run intro starts, or -1
    intro_end: int | None     # relative end of the in-run intro; negative: that many
                              # words after the run
    in_kind: str | None       # kind of the in-run intro (see _intro_kind)
    reach: bool               # what stands before the run bears on this segment
    q_end: int | None         # relative end of place / brand qualifiers before the name
    whole: bool               # a foreign name spanning the whole run (quotes matter)
    qual: bool                # a word between an intro and a place: part of the intro
                              # when an intro stands before the run
    rs0: int                  # relative offsets of the name, and of the in-run intro
    rs1: int
    ris: int
    words: tuple[str, ...]
    _keys: "_NameKeys | None" = None

    @property
    def nk(self) -> "_NameKeys":
        keys = self._keys
        if keys is None:  # kept on the plan: a plan is applied at every occurrence of its run
            keys = self._keys = _name_keys(self.words, self.form in _FULL_FORMS, self.form != "vietnamese")
        return keys


def _tokenise(v: PeopleLexicon, run: str):
    """The tokens of a run: words, start and end offsets in the run, classes, vocabulary
    keys, and whether each word is glued to a function word (_glued)."""
    if "  " in run or "\u00a0" in run:  # the run scan joins tokens with one space or more
        spans = [m.span() for m in _TOKEN.finditer(run)]
        words = [run[x:y] for x, y in spans]
        starts = [x for x, _ in spans]
        ends = [y for _, y in spans]
    else:
        words = run.split(" ")
        starts, ends = [], []
        pos = 0
        for w in words:
            starts.append(pos)
            pos += len(w)
            ends.append(pos)
            pos += 1
    known = v.tokens
    classes, keys, glued = zip(*[known.get(w) or _token_info(v, w) for w in words])
    return words, starts, ends, classes, keys, glued


def _token_info(v: PeopleLexicon, w: str) -> tuple[str, str, bool]:
    got = v.tokens[w] = (token_class(w), w.casefold(), _glued(v, w))
    return got


_TOKEN = re.compile(r"[^ \u00a0]+")
_DOTS = re.compile(r"[./]")


def _words_in(run: str) -> int:
    return run.count(" ") + 1 if "  " not in run else len(run.split())


def _plan(v: PeopleLexicon, run: str, sent_start: bool, after: tuple[str, ...] | None
          ) -> tuple[tuple[_PlanSeg, ...], tuple[str, ...], int]:
    """Segments of one run (see _PlanSeg), the words it shows to name things, and flags:
    F_START when the context before the run bears on a segment, F_SENT when a sentence
    start would change the cut, F_WEAK when every segment is weak, F_CONT when a phrase
    may go on past the run's end, F_LONG when the run is long enough to be a headline."""
    words, starts, ends, classes, keys, glued = _tokenise(v, run)
    n = len(words)
    segs: list[_PlanSeg] = []
    things: list[str] = []
    flags = 0
    strong_seen = False
    i_from, i_end, i_kind = -1, None, None        # the in-run intro being read
    q_end: int | None = None                      # qualifiers read while `reach` holds
    reach = True                                  # the context before the run still bears
    blocked = False                               # the next segment names a thing
    fwd, lens, table = v.fwd, v.fwd_lens, v.phrase
    family, places, nonperson, stop = v.family, v.places, v.nonperson, v.stop

    def phrase_at(i: int) -> tuple[str, int, int, tuple[str, ...]] | None:
        """(kind, last token inside the run, relative end, keys) of the longest
        vocabulary phrase starting at token i; it may go on into the words after the run."""
        for m in lens.get(keys[i], ()):
            if i + m <= n:
                ks = tuple(keys[i:i + m])
                kind = table.get(ks)
                if kind:
                    return kind, i + m - 1, ends[i + m - 1], ks
            elif after and len(after) >= i + m - n:
                ks = tuple(keys[i:]) + after[:i + m - n]
                kind = table.get(ks)
                if kind:
                    return kind, n - 1, n - i - m, ks
        return None

    def emit(i: int, j: int, form: str, whole: bool = False, qual: bool = False) -> None:
        nonlocal flags, strong_seen
        if reach:
            flags |= F_START
        strong = _strong(form, i_kind, j - i)
        strong_seen = strong_seen or strong
        segs.append(_PlanSeg(i, j, form, strong, i_from if i_kind else -1,
                             i_end, i_kind, reach, q_end if reach else None, whole, qual,
                             starts[i], _clean_end(run, starts[i], ends[j - 1]),
                             starts[i_from] if i_kind and i_from >= 0 else -1, tuple(words[i:j])))

    i = 0
    while i < n:
        tok, te, cls, k = words[i], ends[i], classes[i], keys[i]
        ph = phrase_at(i) if k in fwd and cls != OTHER else None
        if ph:
            kind, j, pe, ks = ph
            if kind == INTRO and i < j < n - 2 and keys[j] in family and classes[j + 1] in _VN_CLASSES \
                    and classes[j + 2] in _VN_CLASSES and table.get(tuple(keys[i:j])) == INTRO:
                # "Ông Hoàng Văn Lợi": the honorific and a full name, not "ông hoàng" + a name
                j, pe, ks = j - 1, ends[j - 1], tuple(keys[i:j])
            if kind == INTRO and j == i and k in places:
                if i == 0:
                    flags |= F_SENT
                if not (i == 0 and sent_start):
                    kind = PLACE      # mid-sentence "Anh" is England, not an honorific
            if j == i and k in family and (kind == STOP or kind == HEAD and n > 1):
                kind = None           # "Hồ" is a family name before it is a lake
            elif kind == HEAD and j == n - 1 and pe >= 0:
                kind = None           # a head with nothing after it: "ông Khoa" is a name
            if kind == INTRO:
                if not i_kind:
                    i_from = i
                i_end, i_kind = pe, _intro_kind(v, ks)
                blocked = False
                i = j + 1
                continue
            if kind == HEAD:
                things.extend(keys[t] for t in range(j + 1, n) if classes[t] in (FOREIGN, LVN))
                if reach:
                    flags |= F_START
                break                 # the rest of the run names a thing
            if kind == PLACE:
                if i_kind:
                    i_end = pe        # "Thủ tướng Pháp …": the intro's qualifier
                elif reach:
                    q_end = pe
                blocked = False
                i = j + 1
                continue
            if kind is not None:      # a stop word, a locative, a verb
                i_kind, reach = None, False
                blocked = kind == LOCATIVE
                i = j + 1
                continue
        if cls == ABBR:
            parts = [p for p in _DOTS.split(tok) if p]
            if len(parts) > 1 and all(_fold(p) in v.roles or _fold(p) in v.offices for p in parts):
                if not i_kind:
                    i_from = i
                i_end, i_kind = te, "role"            # "PGS.TS", "ThS.BS"
            else:
                i_kind, reach = None, False
                blocked = True                        # "FPT Telecom": a brand's name goes on
            i += 1
            continue
        if tok in nonperson or tok.rstrip(".") in v.foreign_titles:
            if tok.rstrip(".") in v.foreign_titles:
                if not i_kind:
                    i_from = i
                i_end, i_kind = te, "role"            # "Sir Alex Ferguson"
            elif i_kind:
                i_end = te                            # "HLV Real Madrid Zinedine Zidane"
            elif reach:
                q_end = te
            i += 1
            continue
        # -- a Vietnamese name: a family name and one to three more syllables
        if cls in _VN_CLASSES and k in family and not (i + 1 < n and classes[i + 1] == FOREIGN):
            j = i + 1
            while j < n and j - i < 4:
                if classes[j] not in _VN_CLASSES or glued[j]:
                    break
                if keys[j] in fwd:
                    ph2 = phrase_at(j)
                    # places are given names too ("Lê Vinh Danh", "Bùi Thanh Xuân"), so
                    # is a one-word head or honorific ("Nguyễn Xuân Trường", "Nguyễn
                    # Minh Anh"); titles and stop words end the name
                    # a phrase finished by the lowercase words after the run does not end
                    # it either ("Nguyễn Đăng Khoa" + "học lớp 5"), nor a one-word stop word
                    # that ends the run (given names by birth order: "Lê Văn Sáu")
                    if ph2 and not (ph2[0] == PLACE or ph2[2] < 0 and j == n - 1 or ph2[1] == j and ph2[2] == ends[j] and (
                            ph2[0] == HEAD or ph2[0] == INTRO and keys[j] in v.honorifics
                            or ph2[0] == STOP and j == n - 1 and j - i >= 2)):
                        break
                j += 1
            if not blocked and " ".join(keys[i:j]) not in places:
                if j - i >= 2:
                    emit(i, j, "east_asian" if k in v.family_cn and k not in v.family_vn else "vietnamese")
                elif i_kind == "hon" or reach:
                    emit(i, j, "surname_only")        # "Bác Hồ"; else needs "Bác" before
            i_kind, blocked, reach = None, False, False
            i = j
            continue
        # -- a foreign name: foreign words and particles, and Latin words shaped like a
        # Vietnamese syllable when a foreign word is next to them ("Ian Johnson")
        if cls in _NAME_START_CLASSES and not glued[i] and not (cls == INITIALS and tok[-1] != "."):
            j = i
            has_foreign = False
            while j < n:
                t2, c2 = words[j], classes[j]
                if (t2 in nonperson or keys[j] in places or t2.rstrip(".") in v.foreign_titles
                        or t2.rstrip(".") in v.name_suffixes):
                    break
                if c2 == FOREIGN and not glued[j]:
                    has_foreign = True
                elif c2 == LVN:
                    if keys[j] in stop or (j > i and keys[j] in fwd and (phrase_at(j) or ("",))[0] in (HEAD, STOP)):
                        break
                elif c2 == INITIALS and t2[-1] == "." and len(t2) <= 4 and j + 1 < n:
                    pass                              # "John F. Kennedy", "J.K. Rowling"
                elif t2 in v.particles or t2.split("-")[0] in v.particles:
                    if j == i or j + 1 >= n or (words[j + 1] not in v.particles and classes[j + 1] not in (FOREIGN, LVN)):
                        break
                    has_foreign = True                # "Von der Leyen", "Kevin de Bruyne"
                else:
                    break
                j += 1
            if has_foreign and not (cls == LVN and k in stop):
                names = [words[t] for t in range(i, j) if words[t] not in v.particles and classes[t] != INITIALS]
                # the name of a thing by its own words ("Uptime Institute", "Aruba ESP"),
                # or after a head inside the run; a head before the run is applied later
                thing = (len(names) > 4 or " ".join(keys[i:j]) in v.nonperson_phrases
                         or (j < n and (words[j] in v.org_suffixes or classes[j] in (ABBR, OTHER))))
                if thing or blocked:
                    things.extend(keys[t] for t in range(i, j) if classes[t] in (FOREIGN, LVN))
                elif len(names) >= 2:
                    form = "foreign"
                    if tok in v.east_asian and len(names) <= 3 and all("-" in t or len(t) <= 7 for t in names[1:]):
                        form = "east_asian"
                    emit(i, j, form, whole=i == 0 and j == n)
                elif names and (i_kind or reach) and j < n - 1 and (keys[j] in places or words[j] in nonperson):
                    # "Giám đốc điều hành Targa Australia Eugene Arocca": a qualifier
                    if i_kind:
                        i_end = ends[j - 1]
                    else:
                        emit(i, j, "mononym", qual=True)
                        q_end = ends[j - 1]
                    i = j
                    continue
                elif names:
                    emit(i, j, "mononym")
                i_kind, blocked, reach = None, False, False
                i = max(j, i + 1)
                continue
        # -- Vietnamese words without a family name: a given name after an honorific or
        # a role ("ông Danh", "anh Quang Hải"); otherwise weak
        if cls in _VN_CLASSES:
            j = i
            while j < n and j - i < 3:
                if classes[j] not in _VN_CLASSES or glued[j] or keys[j] in stop:
                    break
                if j > i and keys[j] in family and j + 2 < n and classes[j + 1] in _VN_CLASSES \
                        and classes[j + 2] in _VN_CLASSES:
                    break             # a full name starts: "(Chủ tịch) Nước Võ Văn Thưởng"
                if j > i and keys[j] in fwd:
                    ph2 = phrase_at(j)
                    if ph2 and not (ph2[1] == j and ph2[2] == ends[j] and ph2[0] in (PLACE, INTRO)):
                        break
                j += 1
            if j > i:
                if j < n and (words[j] in v.org_suffixes or classes[j] in (ABBR, OTHER)
                              or words[j] in nonperson and classes[j] == FOREIGN):
                    things.extend(keys[t] for t in range(i, j) if classes[t] == LVN)   # "Cen Land"
                elif not blocked and " ".join(keys[i:j]) not in places:
                    emit(i, j, "given_only")
                i_kind, blocked, reach = None, False, False
                i = j
                continue
        if cls in (INITIALS, INIT_NAME):
            if not blocked:
                emit(i, i + 1, "initials")
            i_kind, blocked, reach = None, False, False
            i += 1
            continue
        i_kind, reach = None, False   # digits, brand casing: the intro does not reach past them
        i += 1
    if segs and not strong_seen:
        flags |= F_WEAK
    if keys and keys[-1] in v.cont_keys:
        flags |= F_CONT
    if n >= 4 and len(run) > 24:
        flags |= F_LONG
    return tuple(segs), tuple(things), flags


_VN_CLASSES = (VN, LVN)
_NAME_START_CLASSES = (FOREIGN, LVN, INITIALS)


_PLAN_CACHE_MAX = 200_000


def _continuation(v: PeopleLexicon, run: str, after: tuple[str, ...]) -> tuple[str, ...] | None:
    """The words after a run that a phrase starting inside the run goes on with
    (longest), so that a separate plan is made only when they matter."""
    keys = [w.casefold() for w in run.split()]
    n = len(keys)
    best = 0
    for p in range(max(0, n - v.max_phrase), n):
        inside = tuple(keys[p:])
        for r in range(min(len(after), v.max_phrase - len(inside)), best, -1):
            if inside + after[:r] in v.phrase:
                best = r
                break
    return after[:best] if best else None


def _analyse_run(doc: _Doc, a: int, b: int, run: str, plan, out: list, pending: list, things: set,
                 weak_only: bool = False) -> None:
    """Apply the plan of the run text[a:b] at its place in the document. With weak_only
    (a weak run nobody introduces), the context is not read at all."""
    v, text = doc.v, doc.text
    segs, th, flags = plan
    if th:
        things.update(th)
    before = None
    if not weak_only:
        if flags & F_LONG and doc.headline(a):
            return
        # lowercase words after the run that finish a phrase, and a sentence start, may
        # change the cut itself: those runs get a plan of their own
        after = None
        c = _lower_after(text, b) if flags & F_CONT else -1
        if c > 0:
            e = text.find(" ", c, c + 23)
            if text[c:e if e > 0 else c + 23].strip(_EDGE).casefold() in v.cont_next:
                reach = v.cont_len[run[run.rfind(" ") + 1:].casefold()]
                words = tuple(k for k, _ in doc.words_after(b, reach))
                ck = (run, words)
                after = v.continuations.get(ck, False)
                if after is False:
                    after = v.continuations[ck] = _continuation(v, run, words)
        sent = bool(flags & F_SENT) and doc.at_sentence_start(a)
        if after is not None or sent:
            ck = (run, sent, after)
            plan = v.plans.get(ck)
            if plan is None:
                plan = v.plans[ck] = _plan(v, run, sent, after)
            segs, th, flags = plan
            if th:
                things.update(th)
        if flags & F_START:
            before = doc.phrase_before(a)
    bkind = before[2] if before else None            # "" for a head, a locative, a number
    for ps in segs:
        strong = ps.strong
        intro_start = a + ps.ris if ps.ris >= 0 else None
        local = False                 # a head or locative before the run is the place's
        if ps.reach and before:
            if ps.qual:
                continue              # a qualifier of the intro
            if bkind == "":
                # a street or a place ("đường Lê Lợi"), unless a place inside the run took
                # the head or locative and a full name follows it ("tại Nga Đặng Minh Khôi")
                if ps.q_end is None or ps.form not in _FULL_FORMS:
                    doc.places.append((a, b, _skey(text[before[1]:a - 1])))
                    continue
                local = True
            else:
                intro_start = before[1]   # the intro before the run, with any qualifiers
                if ps.in_kind is None:
                    strong = _strong(ps.form, bkind, len(ps.words))
        elif ps.form == "surname_only" and ps.in_kind is None:
            continue                  # a lone family name needs an honorific
        s0, s1 = a + ps.rs0, a + ps.rs1
        if ps.form == "initials" and s1 < len(text):
            if text[s1] == ".":
                s1 += 1               # "Đ.", "T.B.N." keep their last dot
            elif s1 - s0 == 1 and (text[s1] not in _INITIAL_FOLLOW or _lower_after(text, s1) > 0):
                continue              # "Y tế", "H&M": a capital letter that starts a word
        if ps.whole and strong and a > 0 and b < len(text) and text[a - 1] in _OPEN_QUOTES \
                and text[b] in _CLOSE_QUOTES:
            strong = False            # a quoted run is a title as often as a nickname
        intro = None
        if intro_start is not None:
            if ps.intro_from >= 0 and ps.intro_end is not None:
                if ps.intro_end < 0:  # the intro ends some words after the run
                    ws = doc.words_after(b, -ps.intro_end)
                    ie = ws[-1][1] if ws else b
                else:
                    ie = a + ps.intro_end
            elif ps.q_end is not None:
                ie = a + ps.q_end     # "Thủ tướng" + "Pháp"
            else:
                ie = a - 1
            intro = text[intro_start:ie].rstrip()
        ikind = ps.in_kind or (bkind if ps.reach and before and not local else None)
        (out if strong else pending).append(
            Mention(s0, s1, text[s0:s1], ps.form, intro, intro_start, ikind, ps.words, ps.nk))


# ---------------------------------------------------------------------------------------
# Bylines

def _name_like(v: PeopleLexicon, s: str) -> bool:
    toks = s.split()
    if not 1 <= len(toks) <= 5 or s.casefold() in v.places:
        return False
    for t in toks:
        c = token_class(t)
        if c == OTHER or not t[0].isupper() or _fold(t) in v.stop:
            return False
        if t in v.nonperson:
            return False
    return True


def _byline_form(v: PeopleLexicon, s: str) -> str:
    toks = s.split()
    if any(token_class(t) in (INITIALS, INIT_NAME) for t in toks):
        return "initials"
    if _fold(toks[0]) in v.family_vn and len(toks) > 1:
        return "vietnamese"
    if any(token_class(t) == FOREIGN for t in toks):
        return "foreign"
    return "given_only"


_NAME_PARTS = re.compile(r"[^/,&\u2013]+")
_LINE_PARTS = re.compile(r"[^/,&\u2013-]+")
_NOTE = re.compile(r"\(([^()]{1,120})\)\s*$")


def _find_bylines(doc: _Doc) -> list[Mention]:
    v, text = doc.v, doc.text
    out: list[Mention] = []
    # photo credits anywhere ("(Ảnh: M.Quân)", "Ảnh: Hữu Khoa/Dân trí"). Colons are
    # few, so they are looked for first and the cue word is checked before each one.
    pos = text.find(":")
    cues, lens = v.credit_cue_set, v.credit_cue_lens
    while pos >= 0:
        e = pos
        while e > 0 and text[e - 1] in " \t":
            e -= 1
        cue = None
        for n in lens:
            if text[e - n:e] in cues:
                cue = text[e - n:e]
                break
        if cue:
            cs = e - len(cue)             # where the cue starts; it must start a word
            m = v.credit_re.match(text, pos)
            if m and not (cs and text[cs - 1].isalnum()):
                for part in _NAME_PARTS.finditer(m.group(1)):
                    nm = part.group().strip()
                    if nm and _name_like(v, nm) and any(token_class(t) != ABBR for t in nm.split()):
                        off = m.start(1) + part.start() + part.group().index(nm)
                        out.append(Mention(off, off + len(nm), nm, _byline_form(v, nm), cue, cs, byline=True))
        pos = text.find(":", pos + 1)
    # the last short lines ("Nhật Linh", "Hoài Nam (ghi)", "Theo Văn Thường")
    end, seen = len(text), 0
    while end > 0 and seen < v.tail_lines:
        ls = text.rfind("\n", 0, end - 1) + 1
        line = text[ls:end].strip()
        if line.startswith("*"):
            line = ""                 # an editorial footer ("* Mọi ý kiến …") below the byline
        if line:
            seen += 1
            lstart = ls + text[ls:end].index(line)
            body = line
            pm = _NOTE.search(line)
            # a long line is article text, unless a note in brackets makes it long
            if len(line) - (len(pm.group()) if pm else 0) > 80:
                break
            if pm and pm.group(1).split() and (_fold(pm.group(1).strip()) in v.byline_notes
                                               or _fold(pm.group(1).split()[0]) in v.byline_notes):
                body = line[:pm.start()].rstrip()
            src = v.source_line_re.match(body)
            if src:
                # a source ("Theo Reuters", "Theo SCMP, CNA") or a writer ("Theo Văn Thường")
                for part in _NAME_PARTS.finditer(src.group(1)):
                    name = part.group().strip()
                    toks = name.split()
                    if (name and _name_like(v, name) and not all(token_class(t) == ABBR for t in toks)
                            and not (len(toks) == 1 and token_class(toks[0]) in (FOREIGN, LVN))):
                        off = lstart + src.start(1) + part.start() + part.group().index(name)
                        out.append(Mention(off, off + len(name), name, _byline_form(v, name),
                                           line[:src.start(1)].strip(), lstart, byline=True))
            else:
                # a line of names only ("Khánh Hồng - Nguyễn Hành")
                parts = [p for p in _LINE_PARTS.finditer(body) if p.group().strip()]
                if parts and all(_name_like(v, p.group().strip()) and all(
                        token_class(t) in (VN, LVN, INIT_NAME, INITIALS, FOREIGN) for t in p.group().split())
                        for p in parts):
                    for part in parts:
                        nm = part.group().strip()
                        off = lstart + part.start() + part.group().index(nm)
                        out.append(Mention(off, off + len(nm), nm, _byline_form(v, nm), byline=True))
        if ls == 0:
            break
        end = ls - 1
    return out


# ---------------------------------------------------------------------------------------
# Team sheets: a club, a formation, a colon, then players ("Chelsea (3-4-2-1): Mendy; …")

def _team_sheets(doc: _Doc) -> list[tuple[int, int]]:
    """Lines with a short head, a colon and five or more short capitalised items: every
    name in them is a player."""
    text, v = doc.text, doc.v
    spans = []
    pos = text.find(":")
    while pos >= 0:
        ls = text.rfind("\n", 0, pos) + 1
        le = text.find("\n", pos)
        le = len(text) if le < 0 else le
        if pos - ls <= 60 and le - pos <= _SHEET_MAX and text.count(",", pos, le) + text.count(";", pos, le) >= 4:
            items = [x.strip() for x in re.split(r"[,;]", text[pos + 1:le]) if x.strip()]
            good = 0
            for it in items:
                ws = re.sub(r"\([^)]*\)|\d+'?|'", "", it).split()
                if 1 <= len(ws) <= 4 and all(w[0].isupper() or w in v.particles for w in ws):
                    good += 1
            if len(items) >= 5 and good >= 0.8 * len(items):
                spans.append((pos + 1, le))
        pos = text.find(":", le)
    return spans


# ---------------------------------------------------------------------------------------

# what to do with a run: the actions of a one-word run (_single_action), and _MULTI; a
# foreign word may be joined to the next run over a dash, so from _FOREIGN_DROP on the
# dash after the run is looked at
_DROP, _NEEDS_INTRO, _ANALYSE, _FOREIGN_DROP, _FOREIGN_WORD, _MULTI = range(6)


def _single_action(v: PeopleLexicon, word: str) -> int:
    """What to do with a one-word run, whatever its context: a Vietnamese word is a name
    only after an intro; a foreign word that is not a place or a brand is a candidate;
    initials are analysed; acronyms, brands and digits are dropped."""
    c = token_class(word)
    if c == VN or c == LVN:
        return _NEEDS_INTRO
    if c == FOREIGN:
        return _FOREIGN_DROP if (word in v.nonperson or word.casefold() in v.places
                                 or word.rstrip(".") in v.name_suffixes) else _FOREIGN_WORD
    return _DROP if c == ABBR or c == OTHER else _ANALYSE


def _lowercase_name(doc: _Doc, s: Mention, full_keys: set[str]) -> Mention | None:
    """A family name with a title, followed by lowercase syllables that make a full name
    of the same document ("Tổng Bí thư Tô lâm" beside "Tô Lâm"): that name, as written."""
    words = doc.words_after(s.end, 3)
    for n in range(len(words), 0, -1):
        end = words[n - 1][1]
        written = doc.text[s.start:end]
        if key(written) in full_keys and all(w[:1].islower() for w in written.split()[1:]):
            tokens = tuple(written.split())
            return Mention(s.start, end, written, "vietnamese", s.intro, s.intro_start, s.ikind, tokens,
                           _name_keys(tokens, True, False))
    return None


_DASHES = "\u2013\u2011-"
_CLAUSE_OR_STOP = _CLAUSE_END + "."
_DASH_JOIN = re.compile(r"[ \u00a0]*[\u2013\u2011-][ \u00a0]*(?=" + _UP + ")")


def _join_dashed(v: PeopleLexicon, text: str, run: str, b: int) -> tuple[str, int]:
    """A foreign name written with a spaced dash ("Kassym – Jomart Tokayev") is one run:
    the run is extended over the dash when the words on both sides are foreign, and the
    spaces around the dash become word joiners (same length), so that the dashed pair
    stays one token ("Hà Nội – Hải Phòng" is two runs)."""
    while True:
        j = _DASH_JOIN.match(text, b)
        nxt = v.run_re.match(text, j.end()) if j else None
        if not nxt or token_class(run.rsplit(" ", 1)[-1]) != FOREIGN \
                or token_class(nxt.group().split(" ", 1)[0]) != FOREIGN:
            return run, b
        run += j.group().replace(" ", _JOINER).replace("\u00a0", _JOINER) + nxt.group()
        b = nxt.end()


def _in_spans(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


def find_persons(text: str, sentences: list[tuple[int, int]], vocab: PeopleLexicon) -> list[Mention]:
    """Person mentions of one NFC document with newline line ends, in text order."""
    doc = _Doc(text, sentences, vocab)
    v = vocab
    bylines = _find_bylines(doc)
    skip = sorted((m.start, m.end) for m in bylines)
    skip_starts = [s for s, _ in skip]
    sheets = _team_sheets(doc)
    strong: list[Mention] = []
    pending: list[Mention] = []
    weak_runs: list[tuple[int, int, str, tuple]] = []  # weak-only runs nothing introduces
    bare_foreign: list[tuple[int, int, str]] = []      # one foreign word nothing introduces
    things: set[str] = set()
    plans, singles, intro_last, bwd = v.plans, v.singles, v.intro_last, v.bwd
    if max(len(plans), len(singles), len(v.continuations), len(v.before), len(v.tokens)) > _PLAN_CACHE_MAX:
        plans.clear()             # the caches stay bounded on a long run
        singles.clear()
        v.tokens.clear()
        v.continuations.clear()
        v.before.clear()
    joined_to = -1
    n = len(text)
    for m in v.run_re.finditer(text):
        a, b = m.span()
        if a < joined_to:
            continue                  # joined to the run before it
        run = m.group()
        if " " in run or "\u00a0" in run:
            act = _MULTI
        else:
            # one word: the common case (a capitalised Vietnamese word) is settled by a
            # cached action and, at most, the word before it
            act = singles.get(run)
            if act is None:
                act = singles[run] = _single_action(v, run)
            if act == _DROP:
                continue
        if act >= _FOREIGN_DROP and b + 2 < n and (
                text[b] in _DASHES or text[b + 1] in _DASHES or text[b + 1] == " " == text[b]):
            run, b = _join_dashed(v, text, run, b)
            joined_to = b
            act = _MULTI if " " in run or "\u00a0" in run else _single_action(v, run)
        if act != _MULTI:
            if act == _NEEDS_INTRO:
                if not sheets:
                    # no intro ends with punctuation: a word opening a sentence is dropped
                    # before the word before it is even read
                    if a < 2 or text[a - 1] not in _SPACE:
                        continue
                    p = a - 1
                    if text[p - 1] in _SPACE:
                        p = _skip_spaces_back(text, p)
                    if p == 0 or text[p - 1] in _CLAUSE_OR_STOP:
                        continue
                    j = text.rfind(" ", p - 23 if p > 23 else 0, p)
                    if text[j + 1:p].strip(_EDGE).casefold() not in intro_last:
                        continue
            elif act == _FOREIGN_WORD:
                if _key_before(text, a, 24) not in bwd:
                    if not skip or not _in_spans(skip, skip_starts, a):
                        bare_foreign.append((a, b, run))
                    continue
            elif act != _ANALYSE:
                continue
        plan = plans.get(run)
        if plan is None:
            if b - a > 24 and _words_in(run) >= 4 and doc.headline(a):
                continue              # a headline in Title Case: not even planned
            plan = plans[run] = _plan(v, run, False, None)
        if not plan[0]:
            if plan[1]:
                things.update(plan[1])
            continue
        if skip and _in_spans(skip, skip_starts, a):
            continue                  # a byline or a photo credit
        if plan[2] & (F_WEAK | F_SENT) == F_WEAK and not sheets:
            # only weak candidates: unless an intro, head or locative stands right
            # before the run, keep it aside for the document-level decision
            if _key_before(text, a, 24) not in bwd:
                weak_runs.append((a, b, run, plan))
                continue
        _analyse_run(doc, a, b, run, plan, strong, pending, things)

    # -- document level: full names, support for weak candidates, coreference
    if things:
        strong = [s for s in strong if s.intro or s.form == "vietnamese" or things.isdisjoint(s.keys.vocab)]
    by_token: dict[str, set[str]] = {}      # a word of a foreign full name -> full names
    suffixes: dict[str, set[str]] = {}      # the end of a full name -> full names
    introduced: set[str] = set()
    written: dict[str, str] = {}            # key of a full name -> the name as first written
    for s in strong:
        # a name with an intro supports its bare occurrences; for a Vietnamese given
        # name only an honorific does (after a role it may be a field or a title)
        if s.intro and (s.form != "given_only" or s.ikind == "hon"):
            introduced.add(s.keys.name)
        if s.form in ("vietnamese", "foreign", "east_asian"):
            full = s.keys.name
            if full not in written:
                written[full] = " ".join(s.name.split())
            for k in s.keys.suffixes:
                suffixes.setdefault(k, set()).add(full)
            for k in s.keys.words:
                by_token.setdefault(k, set()).add(full)

    def known(k: str) -> bool:
        return k in by_token or k in suffixes or k in introduced

    full_keys = {s.keys.name for s in strong if s.form in _FULL_FORMS}

    for a, b, run, plan in weak_runs:
        # materialise a weak run only if one of its candidates could be supported
        if any(ps.form in ("mononym", "initials") or known(ps.nk.name) for ps in plan[0]):
            _analyse_run(doc, a, b, run, plan, strong, pending, things, weak_only=True)
    for a, b, run in bare_foreign:
        k = key(run)
        if run.casefold() in things:
            continue
        if (known(k) or _verb_after(doc, b) or _role_after(doc, b) or _copula_role_after(doc, b)
                or sheets and _in_sheet(sheets, a)):
            b = _clean_end(text, a, b)
            strong.append(Mention(a, b, text[a:b], "mononym", tokens=(run,), keys=_name_keys((run,), False, True)))
        else:
            doc.places.append((a, b, None))
    doc.places.extend((a, b, None) for a, b, run, _ in weak_runs if _words_in(run) < 4)
    for s in pending:
        nk = s.keys
        if things and s.form != "given_only" and not things.isdisjoint(nk.vocab):
            continue
        k = nk.name
        in_sheet = bool(sheets) and _in_sheet(sheets, s.start)
        if s.form == "given_only" and len(s.tokens) == 1:
            # a bare Vietnamese syllable ("Tỷ số") is a name only with an honorific
            # elsewhere in the document, or in a team sheet
            ok = k in introduced or in_sheet
        else:
            ok = known(k) or in_sheet
        if not ok and len(s.tokens) > 1 and s.form in ("foreign", "east_asian"):
            ok = any(w in by_token for w in nk.words)   # "Zico Thái" beside "Zico Kiatisuk"
        if not ok and s.form == "mononym":
            ok = _role_after(doc, s.end) or _verb_after(doc, s.end) or _copula_role_after(doc, s.end)
        if not ok and s.form == "initials" and len(s.tokens[0].replace(".", "")) >= 2:
            ok = True                 # two or more initials ("H.T.Đ") are a person's
        if ok:
            strong.append(s)
        elif s.form == "surname_only" and s.intro:
            # "Tổng Bí thư Tô lâm": the name as written when the document knows it, else
            # the titled family name alone (its lowercase tail may name someone known
            # elsewhere: rules see PersonData.tail)
            lowered = _lowercase_name(doc, s, full_keys)
            if lowered:
                strong.append(lowered)
            elif s.intro.casefold() in v.titles and _lower_after(text, s.end) > 0:
                strong.append(s)
    # a foreign name with no intro followed by a place is a place ("La Jolla, California"),
    # and one listed next to a brand or a thing is a brand or a thing too
    strong = [s for s in strong if s.intro or s.form == "vietnamese"
              or not (_place_after(doc, s.end) or _thing_neighbour(doc, s, things))]
    strong.sort(key=lambda s: s.start)

    result: list[Mention] = []
    tlen = len(text) - 1
    for mn in strong:
        s = mn
        k = s.keys.name
        if s.form in _FULL_FORMS:
            longer = suffixes.get(k)
            if longer and len(longer) == 1:
                mn.full = written[next(iter(longer))]  # "Văn Tuân" -> "Đoàn Văn Tuân"
            else:
                mn.full = " ".join(s.name.split())
        else:
            cands = suffixes.get(k, _EMPTY) | by_token.get(k, _EMPTY)
            if len(cands) == 1:
                mn.full = written[next(iter(cands))]
                if s.form == "mononym":
                    ft = mn.full.split()
                    if key(ft[0]) == k and ft[0] in v.east_asian or key(ft[-1]) == k:
                        mn.form = "surname_only"
                    elif key(ft[0]) == k:
                        mn.form = "given_only"
        e = s.end
        if e < tlen and _opens_appos(text, e):
            _after(doc, mn)
        result.append(mn)
    # an "apposition" that holds the next name is an item of a list ("Tổng thống Kazakhstan
    # X, Tổng thống Azerbaijan Y, …"): it says nothing about the name before it
    for m, nxt in zip(result, result[1:]):
        if m.appos and nxt.start < m.appos_start + len(m.appos):
            m.appos = m.appos_start = None
    # one initial resolves to a longer set ending with the same letter ("Đ." -> "H.T.Đ")
    longs = {m.name.rstrip(".") for m in result
             if m.form == "initials" and len(m.name.rstrip(".").replace(".", "")) >= 2}
    if longs:
        for m in result:
            if m.form == "initials" and len(m.name.rstrip(".")) == 1:
                c = {x for x in longs if x[-1] == m.name[0]}
                if len(c) == 1:
                    m.full = c.pop()
    if bylines:
        result.extend(bylines)
        result.sort(key=lambda m: m.start)
    _RUNS_NOT_PEOPLE[:] = [text, doc.places]
    return result


_RUNS_NOT_PEOPLE: list = [None, []]  # the last document read: its runs that named no person


def runs_not_people(text: str) -> list[tuple] | None:
    """(start, end, the head or locative before it, or None) of the runs of `text` that the
    last person pass read as no person and that may name a place (after a place word, a
    lone foreign word, a short run nothing introduces), or None when the last pass read
    another text. The place extractor reads them, so the text is scanned once."""
    return _RUNS_NOT_PEOPLE[1] if _RUNS_NOT_PEOPLE[0] is text else None


_EMPTY: frozenset = frozenset()
_FULL_FORMS = frozenset(("vietnamese", "foreign", "east_asian"))


def _in_sheet(sheets: list[tuple[int, int]], pos: int) -> bool:
    return any(x <= pos < y for x, y in sheets)


_PLACE_AFTER = re.compile(r",[ \u00a0]*(" + _UP + r"[\w'\u2019-]*(?:[ \u00a0]" + _UP + r"[\w'\u2019-]*){0,3})")


def _place_after(doc: _Doc, end: int) -> bool:
    m = _PLACE_AFTER.match(doc.text, end)
    return bool(m) and m.group(1).casefold() in doc.v.places


_LIST_PREV = re.compile(r"([^,;:()\n\"\u201c\u201d]{1,40}),[ \u00a0]*$")
_LIST_NEXT = re.compile(r",[ \u00a0]*([^,;:()\n\"\u201c\u201d.]{1,40})")


def _thing_neighbour(doc: _Doc, s: Mention, things: set[str]) -> bool:
    """Whether the item right before or after the name in a comma list names a thing
    (holds a brand or organisation word, or a word seen naming a thing here)."""
    text, v = doc.text, doc.v
    items = []
    if s.start > 2 and text[s.start - 2] == ",":
        m = _LIST_PREV.search(text, max(0, s.start - 44), s.start)
        if m:
            items.append(m.group(1))
    m = _LIST_NEXT.match(text, s.end)
    if m:
        items.append(m.group(1))
    for n, item in enumerate(items):
        words = [w.strip(_EDGE) for w in item.split()]
        if n == len(items) - 1 and m:
            # the item after: its leading capitalised words ("…, Prada và …"); an
            # apposition (", chuyên gia …") starts with a lowercase word and has none
            words = list(itertools.takewhile(lambda w: w[:1].isupper() or w == "&", words))
        elif not all(w[:1].isupper() or w == "&" for w in words if w):
            continue          # the item before must be a name by itself, not a clause
        if any(w in v.nonperson or w.casefold() in things or w in v.org_suffixes for w in words):
            return True
    return False


def _verb_after(doc: _Doc, end: int) -> bool:
    """A speech or action verb right after a name."""
    # "Rashford cho biết", "Benzema ghi bàn"
    text = doc.text
    c = _lower_after(text, end)
    if c < 0:
        return False
    e = text.find(" ", c, c + 23)
    if text[c:e if e > 0 else c + 23].strip(_EDGE).casefold() not in doc.v.verb_first:
        return False
    ks = tuple(w for w, _ in doc.words_after(end, doc.v.max_verb))
    table = doc.v.phrase
    return any(table.get(ks[:m]) == VERB for m in range(len(ks), 0, -1))


def _copula_role_after(doc: _Doc, end: int) -> bool:
    """A copula and a person's role right after a name."""
    # "Lacazette đang là chân sút chủ lực"
    v, text = doc.v, doc.text
    c = _lower_after(text, end)
    if c < 0:
        return False
    e = text.find(" ", c, c + 15)
    if text[c:e if e > 0 else c + 15].casefold() not in v.copula_first:
        return False
    words = [k for k, _ in doc.words_after(end, v.max_intro + 2)]
    for n in (2, 1):
        if tuple(words[:n]) in v.copulas:
            return any(_intro_kind(v, ph) in ("role", "office") for ph in _intros_at(v, words[n:]))
    return False


def _intros_at(v: PeopleLexicon, ks: list[str]):
    """The intros that the words `ks` (vocabulary keys) start with: a phrase of each
    length the first word opens is looked up, not every phrase it opens."""
    if ks:
        table = v.phrase
        for n in v.fwd_lens.get(ks[0], ()):
            c = tuple(ks[:n])
            if table.get(c) == INTRO:
                yield c


def _role_after(doc: _Doc, end: int) -> bool:
    """A role in apposition right after a name."""
    # "Lacazette, tiền đạo người Pháp"
    v, text = doc.v, doc.text
    if end >= len(text) - 1 or not _opens_appos(text, end):
        return False
    m = v.appos_re.match(text, end)
    return bool(m) and _opens_with_role(v, m.group(1))


def _opens_with_role(v: PeopleLexicon, body: str) -> bool:
    """Whether an apposition starts with a role, not an honorific (a former-marker may
    stand before it)."""
    ks = [_skey(w) for w in body.split(None, v.max_phrase + 1)[: v.max_phrase + 1]]
    if ks and ks[0] in v.former:
        ks = ks[1:]
    return any(" ".join(c) not in v.honorifics for c in _intros_at(v, ks))


def _after(doc: _Doc, mn: Mention) -> None:
    """The age or the apposition right after a name."""
    text, v = doc.text, doc.v
    e = mn.end
    # only a comma, a bracket or a dash can open an age or an apposition
    if e >= len(text) - 1 or not _opens_appos(text, e):
        return
    m = v.age_re.match(text, e)
    if m and _fold(m.group(2)) in v.age_words:
        mn.age, mn.age_span = int(m.group(1)), (m.start(1), m.end(2))
        return
    m = v.appos_re.match(text, e)
    if not m:
        return
    body = m.group(1)
    if not _opens_with_role(v, body):
        return
    # the apposition runs to the next verb of speech ("… cho biết"); verbs are looked
    # for by their first word before the whole phrase is compared
    vf = v.verb_first
    for w in _WORD.finditer(body):
        if w.start() and w.group().casefold() in vf and _verb_after(doc, m.start(1) + w.start() - 1):
            body = body[:w.start()]
            break
    mn.appos = body.strip()
    mn.appos_start = m.start(1)


_APPOS_OPEN = ",(-\u2013"



# ---------------------------------------------------------------------------------------
# Title chains: "Phó Thủ tướng, Bộ trưởng Bộ Ngoại giao", "Đại sứ Việt Nam tại Nga",
# read backwards from a name, or forwards in its apposition.

_CHAIN_WORD = re.compile(r"[^\s,]+|,")
_CLAUSE_STOP = ";:()\"\u201c\u201d.!?\u2013\u2014-"
_CHAIN_REACH = 160  # characters before a name where its title chain may start
_INTRO_KINDS = {"hon": HONORIFIC, "role": ROLE, "office": OFFICE, "org": ORG_ROLE}


_NO_SCOPE = RoleScope()


def _words_before(text: str, pos: int, reach: int = _CHAIN_REACH) -> tuple[list[tuple[str, int]], bool]:
    """(vocabulary key, start) of the words right before pos, in the same clause: a
    comma is a word of its own; other punctuation, a dash or a full stop ends the clause.
    Read from `reach` characters back (and never before the line): with a reach shorter
    than _CHAIN_REACH, also whether the words may be the end of a longer list (the first
    one may then be cut, and words before it are missing)."""
    lo = max(0, pos - reach)
    nl = text.rfind("\n", lo, pos)
    cut = nl < 0 and lo > 0 and reach < _CHAIN_REACH
    out = []
    for m in _CHAIN_WORD.finditer(text, nl + 1 if nl >= 0 else lo, pos):
        w = m.group()
        if w == ",":
            out.append((w, m.start()))
            continue
        k = _skey(w)
        if not k or w[-1] in _CLAUSE_STOP:
            out.clear()  # the clause starts after it
            if not k or w[-1] in ".!?":
                continue
        out.append((k, m.start()))
    return out, cut


_CHAIN_NEAR = 48  # characters read first for a title chain (most are short)


class PersonExtractor(Extractor):
    kind = "person"

    def __init__(self, lexicon):
        super().__init__(lexicon)
        self.people = lexicon.people
        self._chains: dict[tuple[str, ...], tuple] = {}
        self._names: dict[str, tuple[str, str, tuple[str, ...]]] = {}

    def _name(self, written: str) -> tuple[str, str, tuple[str, ...]]:
        """(name, folded name, its words), interned: names repeat across mentions and
        documents, and interned strings stay shared when claims are rebuilt from the cache."""
        got = self._names.get(written)
        if got is None:
            if len(self._names) > _PLAN_CACHE_MAX:
                self._names.clear()
            name = intern(written)
            value = intern(self.lexicon.folder.key(name))
            got = self._names[name] = (name, value, tuple(map(intern, value.split())))
        return got

    def extract(self, doc, found):
        lx, v = self.lexicon, self.people
        text = doc.text
        when = doc.reference.date if doc.reference else None
        sentences = doc.sentences
        starts = [s for s, _ in sentences]
        zones = doc.zones
        zone_starts = [z.start for z in zones]
        chain_last, path = v.chain_last, doc.path
        claims: list[Claim] = []
        for m in find_persons(text, sentences, v):
            start = m.start
            i = bisect_right(starts, start) - 1
            sentence = sentences[i] if i >= 0 and start < sentences[i][1] else None
            titles, scope, former, chain_start = (), _NO_SCOPE, False, None
            if m.byline:
                zone = "meta"
            else:
                k = bisect_right(zone_starts, start) - 1
                zone = zones[k].zone if k >= 0 and start < zones[k].end else "body"
                if _key_before(text, start, 40) in chain_last:
                    chain_start, titles, scope, former = self._chain_before(text, start)
                if not titles and m.appos:
                    _, titles, scope, former = self._chain(tuple(_skey(w) for w in m.appos.split()))
            intro, intro_start, intro_kind = m.intro, m.intro_start, _INTRO_KINDS.get(m.ikind)
            title_text = intern(text[chain_start:start].rstrip(" ,")) if chain_start is not None else ""
            if intro is None and chain_start is not None:  # the title chain is its intro
                intro, intro_start, intro_kind = title_text, chain_start, OFFICE
            elif intro:
                intro = intern(intro)
            if intro and not former:
                former = _skey(intro.split(None, 1)[0]) in v.former
            mention_start = start
            if intro_start is not None and intro_start < mention_start:
                mention_start = intro_start
            if chain_start is not None and chain_start < mention_start:
                mention_start = chain_start
            name, value, tokens = self._name(m.name)
            if m.full and m.full != name:
                full, subject, _ = self._name(m.full)
            else:
                full, subject = name, value
            data = PersonData(name, tokens, titles, scope, title_text, mention_start, former, subject != value,
                              (), (), (), m.form, intro, intro_start, intro_kind if intro else None,
                              m.appos, m.age, m.age_span, full, m.byline)
            if m.form == "surname_only" and sentence:
                self._tail(text, m.end, sentence[1], data)
            claims.append(Claim("person", subject, "name", value, name, path, start, m.end, zone, sentence,
                                name, when, data))
        return claims

    def _tail(self, text: str, end: int, limit: int, data: PersonData) -> None:
        """The lowercase words after a one-word name ("Tô lâm": name-case may know it)."""
        words, ends, pos = [], [], end
        for _ in range(3):
            m = _TAIL_WORD.match(text, pos, limit)
            if not m or not m.group(1)[0].islower():
                break
            words.append(m.group(1))
            ends.append(m.end())
            pos = m.end()
        if words:
            fold = self.lexicon.folder.key
            data.tail, data.tail_words, data.tail_ends = tuple(fold(w) for w in words), tuple(words), tuple(ends)

    def _chain_before(self, text: str, pos: int):
        """(start, titles, scope, former) of the title chain that ends right before pos.
        The words near pos are read first, all of the reach only when the chain may go on."""
        words, cut = _words_before(text, pos, _CHAIN_NEAR)
        got = self._chain_in(text, words, cut)
        if got is None:
            got = self._chain_in(text, _words_before(text, pos)[0], False)
        return got

    def _chain_in(self, text: str, words: list[tuple[str, int]], cut: bool):
        """_chain_before on the words before a name; None when `cut` (they may be the end
        of a longer list) and the first of them was read (it may be cut, and the chain
        may go on before it)."""
        v = self.people
        if cut and len(words) < 2:
            return None
        if not words or words[-1][0] not in v.chain_last:
            return None, (), _NO_SCOPE, False
        keys = [w for w, _ in words]
        i = len(words)
        low = i - 1  # the lowest index of `words` read
        start = None  # index of the first word of the chain read so far (when it holds a title)
        title_seen = False
        while i > 0:
            if i - 1 < low:
                low = i - 1
            if words[i - 1][0] == ",":
                if not title_seen:
                    break
                i -= 1
                title_seen = False
                continue
            hit = None
            for n in v.chain_last.get(words[i - 1][0], ()):
                if n <= i:
                    if i - n < low:
                        low = i - n
                    kind = v.chain.get(tuple(keys[i - n:i]))
                    if kind:
                        hit = (kind, n)
                        break
            if hit is None:
                break
            kind, n = hit
            if kind == TITLE_KIND:
                title_seen = True
                start = i - n
            elif kind == FORMER_KIND:
                if start != i:  # a former-marker stands only right before a title
                    break
                start = i - n
            i -= n
        if cut and low == 0:
            return None
        if start is not None and i == start and i > 0 and words[i - 1][0] != "," \
                and text[words[i - 1][1]].isupper() and words[i - 1][0] not in v.stop:
            # a capitalised word before the chain makes its first title part of a name
            # ("tại Phủ Chủ tịch, Chủ tịch nước …"): the chain starts after the next comma
            comma = next((k for k in range(start, len(words)) if words[k][0] == ","), None)
            start = comma + 1 if comma is not None and comma + 1 < len(words) else None
        if start is None:
            return None, (), _NO_SCOPE, False
        _, titles, scope, former = self._chain(tuple(keys[start:]))
        return (words[start][1], titles, scope, former) if titles else (None, (), _NO_SCOPE, False)

    def _chain(self, words: tuple[str, ...]):
        """(None, titles, scope, former) of a title chain given as vocabulary keys: titles,
        each followed by its qualifiers, separated by commas (memoized)."""
        got = self._chains.get(words)
        if got is not None:
            return got
        v, lx = self.people, self.lexicon
        titles: list[str] = []
        quals: dict[str, str] = {}
        former = False
        posted = False
        i, n = 0, len(words)
        while i < n:
            w = words[i]
            if w == ",":
                i += 1
                continue
            hit = None
            for m in v.chain_fwd_lens.get(w, ()):
                if i + m <= n:
                    kind = v.chain.get(words[i:i + m])
                    if kind:
                        hit = (kind, m)
                        break
            if hit is None:
                break
            kind, m = hit
            phrase = " ".join(words[i:i + m])
            if kind == TITLE_KIND:
                canon = lx.title_of.get(lx.folder.key(phrase))
                if canon:
                    titles.append(canon)
            elif kind == FORMER_KIND:
                former = former or not titles
            elif kind == POSTED_KIND:
                posted = True
            elif titles:
                place = lx.place(phrase)
                if posted and place:
                    quals.setdefault("at", place)
                elif place:
                    quals.setdefault("of", place)
                else:
                    quals.setdefault("org", lx.org_of.get(lx.folder.key(phrase), phrase))
                posted = False
            else:
                break  # a chain opens with a title (or a former-marker)
            i += m
        got = self._chains[words] = (None, tuple(dict.fromkeys(titles)), RoleScope(**quals), former)
        return got


_TAIL_WORD = re.compile(r"[ \t]+([^\W\d_]+)")

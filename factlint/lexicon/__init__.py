"""The vocabulary compiled once per run: keys, alias maps and regexes built from rules/vocab.

Built from a Vocabulary (pydantic) and kept as plain dicts and compiled patterns, so it
is cheap to use in hot loops and can be sent to worker processes.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import cached_property

import regex

from factlint.errors import FactlintError
from factlint.normalize.keys import Folder
from factlint.vocab import Vocabulary


def alternation(phrases, ignore_case: bool = False, space: str = r"\s+") -> str:
    """A regex alternation of literal phrases, longest first, flexible about white space.

    Written as a trie ("thứ (?:hai|ba)" rather than "thứ hai|thứ ba"): `regex` then tries
    one branch per character instead of every phrase, which matters for long lists.
    `space` is the pattern between the words of a phrase.
    Branches are tried longest phrase first, as in a longest-first alternation. For use
    inside `(?i:…)` say `ignore_case=True`: phrases that differ only in case must share
    one branch, or a shorter one could be tried first ("thứ" before "Thứ tư").
    """
    if ignore_case:
        phrases = [_lower_in_place(p) for p in phrases if p]
    trie: dict = {}
    for phrase in {" ".join(p.split()) for p in phrases if p and p.strip()}:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_part(trie, space)[0]


MAX_NESTING = 64  # groups inside groups in one alternation (`regex` parses them recursively)


def _trie_part(root: dict, space: str) -> tuple[str, int]:
    """The pattern of a trie node and the length of the longest phrase below it.

    Built bottom-up with a stack of its own: a recursion would be as deep as the longest
    phrase. Phrases that are each a prefix of the next nest one group per phrase; more
    than MAX_NESTING is an error (`regex` would overflow the stack compiling it)."""
    done: dict[int, tuple[str, int, int]] = {}  # id(node) -> (pattern, longest, nesting)
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for k, child in node.items() if k)
            continue
        parts = []
        nesting = 0
        for k, child in node.items():
            if k:
                pattern, longest, depth = done.pop(id(child))
                parts.append((-longest - 1, k, (space if k == " " else regex.escape(k)) + pattern))
                nesting = max(nesting, depth)
        if not parts:
            done[id(node)] = ("", 0, 0)
            continue
        parts.sort()
        body = parts[0][2] if len(parts) == 1 else "(?:" + "|".join(p for _, _, p in parts) + ")"
        nesting += (len(parts) > 1) + ("" in node)
        if nesting > MAX_NESTING:
            raise FactlintError(f"rules: vocabulary phrases nest more than {MAX_NESTING} deep "
                                f"(each a prefix of the next, from {parts[0][1]!r}); shorten the list")
        done[id(node)] = ((f"(?:{body})?" if "" in node else body), -parts[0][0], nesting)
    return done[id(root)][:2]


class WordForms:
    """Phrases as written, looked up at one position without a regex (compiling an
    alternation of a few hundred phrases costs a tenth of a second)."""

    def __init__(self, phrases):
        self.by_prefix: dict[str, list[list[str]]] = {}
        for phrase in {" ".join(p.split()) for p in phrases if p and p.strip()}:
            self.by_prefix.setdefault(phrase[:2], []).append(phrase.split())

    def at(self, text: str, pos: int) -> bool:
        """Whether one of the phrases stands at pos, not followed by a letter."""
        return any(_phrase_end(text, pos, words) is not None
                   for words in self.by_prefix.get(text[pos:pos + 2], ()))


def _phrase_end(text: str, pos: int, words: list[str]) -> int | None:
    i, n = pos, len(text)
    for j, word in enumerate(words):
        if j:
            k = i
            while k < n and text[k].isspace():
                k += 1
            if k == i:
                return None
            i = k
        if not text.startswith(word, i):
            return None
        i += len(word)
    if i < n and (text[i].isalpha() or unicodedata.combining(text[i])):
        return None
    return i


def _compile(pattern: str, key: str):
    """A furniture regex from the vocabulary (validated when the rule files were loaded)."""
    try:
        return regex.compile(pattern, regex.I)
    except regex.error as exc:
        raise FactlintError(f"rules: furniture.{key}: pattern {pattern!r} does not compile: {exc}") from None


def any_of(phrases, ignore_case: bool = False, space: str = r"\s+") -> str:
    """`alternation` that matches nothing when there are no phrases (an empty vocabulary
    list must not turn into a pattern that matches everywhere)."""
    return alternation(phrases, ignore_case, space) or r"(?!)"


def words_re(phrases):
    """Any of the phrases as whole words, case-insensitive; None when there are none."""
    alt = alternation(phrases, ignore_case=True)
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{alt})(?![\p{{L}}\p{{M}}])") if alt else None


_LOWERED: list = [None, None]  # the last text asked for and its lower-cased pieces
_LOWER_PIECE = 1 << 18


def lowered(text: str) -> list[tuple[int, str]]:
    """`text` lower-cased as (offset, piece) pairs, every character at its offset (one that
    would lower to two, like "İ", is kept as it is).

    Pieces of about 256 K characters end after a white space, so no word spans two: lower()
    of a whole 50 MB text would allocate 12 bytes of scratch per character, and joining the
    pieces would hold the text twice. The last answer is kept: every extractor asks about
    the same document in turn.
    """
    if _LOWERED[0] is not text:
        pieces = []
        start = 0
        while start < len(text):
            end = text.find(" ", start + _LOWER_PIECE) + 1 or len(text)
            pieces.append((start, _lower_in_place(text[start:end])))
            start = end
        _LOWERED[0], _LOWERED[1] = text, pieces
    return _LOWERED[1]


def _lower_in_place(s: str) -> str:
    low = s.lower()
    if len(low) != len(s):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in s)
    return low


def forget_lowered() -> None:
    """Drop the remembered lower-cased text (a document is done)."""
    _LOWERED[0] = _LOWERED[1] = None


def matches_at(pattern, text: str, candidates, endpos: int | None = None):
    """What `pattern.finditer(text)` finds, given (in order) every position where a match
    could start: the pattern is tried only there."""
    end = len(text) if endpos is None else endpos
    last = 0
    for pos in candidates:
        if pos < last:
            continue
        m = pattern.match(text, pos, end)
        if m:
            last = m.end() if m.end() > pos else pos + 1
            yield m


class Phrases:
    """Whole-word phrases, case-insensitive, any white space between their words.

    `regex` tries an alternation at every character (about 10 MB/s); here each distinct
    first word is found with `str.find` on the lower-cased text, and the exact pattern
    runs only where one stands. Matches are those of `words_re(phrases).finditer`.
    """

    def __init__(self, phrases):
        self.pattern = words_re(phrases)
        self.firsts = sorted({_lower_in_place(p.split()[0]) for p in phrases if p and p.strip()})

    def __bool__(self) -> bool:
        return self.pattern is not None

    def starts(self, text: str, pos: int = 0, endpos: int | None = None) -> list[int]:
        """Where a first word stands (not yet checked as a whole word), in order."""
        end = len(text) if endpos is None else endpos
        hits = set()
        for offset, low in lowered(text):
            lo, hi = max(pos - offset, 0), min(end - offset, len(low))
            if lo >= hi:
                continue
            for word in self.firsts:
                i = low.find(word, lo, hi)
                while i >= 0:
                    hits.add(offset + i)
                    i = low.find(word, i + 1, hi)
        return sorted(hits)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        if self.pattern is None:
            return iter(())
        end = len(text) if endpos is None else endpos
        return matches_at(self.pattern, text, self.starts(text, pos, end), end)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return next(self.finditer(text, pos, endpos), None)

    def first_in_each(self, text: str, spans: list[tuple[int, int]], pattern=None) -> list:
        """For each (start, end) span, in order and not overlapping, what
        `pattern.search(text, start, end)` gives (`pattern` starts with one of the
        phrases; default: the phrases themselves), from one pass over the text."""
        pattern = pattern or self.pattern
        out: list = [None] * len(spans)
        if pattern is None or not spans:
            return out
        span_starts = [s for s, _ in spans]
        for pos in self.starts(text, spans[0][0], spans[-1][1]):
            i = bisect_right(span_starts, pos) - 1
            if i < 0 or out[i] is not None or pos >= spans[i][1]:
                continue
            out[i] = pattern.match(text, pos, spans[i][1])
        return out


class Lexicon:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.folder = Folder(vocab.orthography.syllables)
        key = self.folder.key

        # titles: any form -> canonical title; group/unique by canonical key
        self.title_of: dict[str, str] = {}
        self.title_group: dict[str, str | None] = {}
        self.title_unique: dict[str, bool] = {}
        self.title_unique_scope: dict[str, tuple[str, ...]] = {}
        self.title_home: set[str] = set()
        self.title_name: dict[str, str] = {}  # canonical key -> the title as the vocabulary writes it
        for t in vocab.title:
            canon = key(t.name)
            for form in [t.name, *t.aliases]:
                self.title_of[key(form)] = canon
            self.title_group[canon] = t.group
            self.title_unique[canon] = t.unique
            self.title_unique_scope[canon] = tuple(t.unique_scope)
            if t.home:
                self.title_home.add(canon)
            self.title_name[canon] = t.name
        self.title_forms = [f for t in vocab.title for f in (t.name, *t.aliases)]

        # places and organisations: any form -> canonical name (as written in the vocabulary)
        self.place_of: dict[str, str] = {}
        self.place_kind: dict[str, str] = {}
        for p in vocab.place:
            for form in [p.name, *p.aliases]:
                self.place_of[key(form)] = p.name
            self.place_kind[p.name] = p.kind
        self.place_forms = [f for p in vocab.place for f in (p.name, *p.aliases)]
        self.org_of: dict[str, str] = {}
        for o in vocab.organization:
            for form in [o.name, *o.aliases]:
                self.org_of[key(form)] = o.name
        self.org_forms = [f for o in vocab.organization for f in (o.name, *o.aliases)]

        self.level_of: dict[str, str] = {}
        for lv in vocab.visit_level:
            for form in [lv.name, *lv.forms]:
                self.level_of[key(form)] = lv.name
        self.level_forms = [f for lv in vocab.visit_level for f in (lv.name, *lv.forms)]

        names = vocab.names
        self.surnames = {key(s) for s in names.surnames}
        self.name_stopwords = {key(s) for s in names.stopwords}
        self.connectors = [c for c in names.connectors]
        self.former = names.former

        self.section_markers = {key(m) for m in vocab.furniture.section_markers}
        # their first words: most lines are told apart by their first word alone
        self.section_marker_starts = {m.split()[0] for m in self.section_markers if m.split()}

    # The patterns below serve only the normalize stage: compiled on first use, so a run
    # whose documents all come from the cache never compiles them.

    @cached_property
    def caption_re(self) -> list:
        return [_compile(p, "caption_patterns") for p in self.vocab.furniture.caption_patterns]

    @cached_property
    def meta_re(self) -> list:
        return [_compile(p, "meta_patterns") for p in self.vocab.furniture.meta_patterns]

    @cached_property
    def abbreviation_re(self):
        """A short form or an initial right before a full stop: not the end of a sentence."""
        abbreviations = any_of(self.vocab.sentences.abbreviations)
        return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{abbreviations}|\p{{Lu}})$")

    @cached_property
    def people(self):
        """The people vocabulary compiled for the person extractor (lexicon/people.py)."""
        from factlint.lexicon.people import PeopleLexicon

        return PeopleLexicon(self.vocab, self.place_forms, self.title_forms, self.org_forms)

    @cached_property
    def place_slips(self):
        """The places of the vocabulary indexed for slips (lexicon/people.py PlaceIndex)."""
        from factlint.lexicon.people import PlaceIndex

        return PlaceIndex(self.vocab.place)

    @cached_property
    def dates(self):
        """The date grammar (lexicon/dates.py)."""
        from factlint.lexicon.dates import DateGrammar

        return DateGrammar(self.vocab.dates)

    @cached_property
    def numbers(self):
        """The number grammar (lexicon/numbers.py)."""
        from factlint.lexicon.numbers import NumberGrammar

        return NumberGrammar(self.vocab.numbers, self.vocab.dates)

    def place(self, text: str) -> str | None:
        return self.place_of.get(self.folder.key(text))

    def title(self, text: str) -> str | None:
        return self.title_of.get(self.folder.key(text))

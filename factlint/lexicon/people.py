"""The people vocabulary (rules/vocab/people.toml, with names.toml, the places and the
titles) compiled for the person extractor: word sets and phrase tables, the letters and
token classes a name is read with, and the scan that finds capitalised runs.

No Vietnamese word is written here: every word comes from the vocabulary. Letters are
classified with `unicodedata` (a Vietnamese-only letter is one with a horn, a breve, a
hook above, a dot below, d with stroke, …). Vocabulary matching is casefolded and every
entry is stored under both tone placements (hoà / hòa), so text is never normalised
word by word.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from factlint.normalize.keys import LOOKALIKE_LETTERS
from factlint.orthography import BREVE, CIRCUMFLEX, DOT_BELOW, HOOK_ABOVE, HORN, TILDE, TONE_MARKS

# ---------------------------------------------------------------------------------------
# Letters, built from Unicode data rather than written out.

_LATIN_RANGES = [(0x41, 0x24F), (0x1E00, 0x1EFF)]
_UPPER = "".join(chr(c) for lo, hi in _LATIN_RANGES for c in range(lo, hi + 1)
                 if chr(c).isalpha() and chr(c).isupper())
# a capital drawn like a Latin one starts a name too: mixed-script reports it
_UPPER += "".join(c for c in LOOKALIKE_LETTERS if c.isupper())
_UP = f"[{re.escape(_UPPER)}]"

_TONES = TONE_MARKS
_D_STROKE = frozenset((chr(0x111), chr(0x110)))
_DROP_TONES = {ord(c): None for c in _TONES}
_TONE_RE = re.compile("[" + "".join(sorted(_TONES)) + "]")

# A Vietnamese syllable with its marks taken off: an onset, a vowel group, a coda.
# Latin words that do not fit ("Momoa", "Jason", "Gea") are foreign; words that fit
# ("Kim", "Ian", "Minh") may be either.
_VN_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:ieu|yeu|oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue"
    r"|ui|uo|uu|uy|ye|[aeiouy])(?:ch|ng|nh|[cmnpt])?")

_EDGE = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]{}.,;:!?\u2026*\u2022-\u2013\u2014/"
_CLAUSE_END = ",;:()[]\"\u201c\u201d!?\u2026\u2013\u2014"
_OPEN_QUOTES = "\"\u201c\u2018\u00ab'"
_CLOSE_QUOTES = "\"\u201d\u2019\u00bb'"
_SPACE = " \u00a0"
_INITIAL_FOLLOW = " \u00a0\n,;:()"


def _vietnamese_only(ch: str) -> bool:
    """A letter that exists only in Vietnamese: d with stroke, a horn, a breve, a hook
    above or a dot below, a circumflex with a tone, or a tilde on e, i, u, y."""
    if ch in _D_STROKE:
        return True
    d = unicodedata.normalize("NFD", ch)
    marks = d[1:]
    if not marks:
        return False
    if HORN in marks or BREVE in marks or HOOK_ABOVE in marks or DOT_BELOW in marks:
        return True
    if CIRCUMFLEX in marks and len(marks) > 1:
        return True
    return TILDE in marks and d[0].lower() in "eiuy"


_VN_ONLY = frozenset(chr(c) for lo, hi in _LATIN_RANGES for c in range(lo, hi + 1)
                     if chr(c).isalpha() and _vietnamese_only(chr(c)))


# the marks of the combining diacritics block dropped and d with stroke read as d: the
# skeleton of most words in one translate()
_BASE_FAST = {c: None for c in range(0x300, 0x370) if unicodedata.combining(chr(c))}
_BASE_FAST.update((ord(c), "d") for c in _D_STROKE)


@lru_cache(maxsize=None)
def _base(word: str) -> str:
    """Lowercase ASCII skeleton: marks dropped, d with stroke read as d."""
    d = unicodedata.normalize("NFD", word.lower())
    fast = d.translate(_BASE_FAST)
    if fast.isascii():
        return fast
    return "".join("d" if ch in _D_STROKE else ch for ch in d if not unicodedata.combining(ch))


def key(text: str) -> str:
    """Comparison key for names: casefolded, with each word's tone mark moved to its
    end, so that old and new tone placement give one key (used for coreference; the
    vocabulary is matched with casefold() alone, see Vocab)."""
    words = text.split()
    return _wkey(words[0]) if len(words) == 1 else " ".join(map(_wkey, words))


@lru_cache(maxsize=131072)
def _wkey(word: str) -> str:
    low = word.casefold()
    if low.isascii():
        return low
    d = unicodedata.normalize("NFD", low)
    tones = _TONE_RE.findall(d)
    return unicodedata.normalize("NFC", d.translate(_DROP_TONES)) + "".join(tones) if tones \
        else unicodedata.normalize("NFC", d)


def _fold(w: str) -> str:
    return w.casefold()


def _skey(w: str) -> str:
    """Vocabulary key of a word with its edge punctuation taken off."""
    return w.strip(_EDGE).casefold()


def _tone_variants(phrase: str, limit: int = 16) -> set[str]:
    """The phrase with each toned syllable's mark placed on each of its vowels, so that
    a vocabulary word matches old and new tone placement with a plain casefold()."""
    per = []
    for syl in phrase.split():
        d = unicodedata.normalize("NFD", syl)
        tones = [c for c in d if c in _TONES]
        bare = d.translate(_DROP_TONES)
        opts = {syl}
        if len(tones) == 1:
            for p, ch in enumerate(bare):
                if ch.lower() in "aeiouy":
                    q = p + 1
                    while q < len(bare) and unicodedata.combining(bare[q]):
                        q += 1
                    opts.add(unicodedata.normalize("NFC", bare[:q] + tones[0] + bare[q:]))
        per.append(sorted(opts))
    out = set()
    for combo in itertools.islice(itertools.product(*per), limit):
        out.add(" ".join(combo).casefold())
    out.add(phrase.casefold())
    return out


# ---------------------------------------------------------------------------------------
# Token classes. A token is one capitalised word of a run.

VN, LVN, FOREIGN, INITIALS, INIT_NAME, ABBR, OTHER = "vn", "lvn", "f", "init", "initname", "abbr", "x"
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|O'|O\u2019|D'|D\u2019|De|Di|Da|Du|La|Le|Van|Von|Fitz)(?=[A-Z])")


_JOINER = "\u2060"  # stands for a space around a dash inside one token (extract/person.py)


@lru_cache(maxsize=None)
def token_class(tok: str) -> str:
    """VN (Vietnamese: a Vietnamese-only letter, or an accented Vietnamese-shaped
    syllable), LVN (plain Latin shaped like a Vietnamese syllable: Minh, Kim, Ian),
    FOREIGN, INITIALS (H.T.D, D, F.), INIT_NAME (M.Quan), ABBR (capitals, dotted
    titles) or OTHER (digits, brand casing such as VinFast or TikTok)."""
    if _JOINER in tok or "\u2013" in tok or "\u2011" in tok:
        tok = tok.replace(_JOINER, "").replace("\u2013", "-").replace("\u2011", "-")
    if tok.isalpha():
        if len(tok) == 1:
            return INITIALS
        if tok[1:].islower():
            if not _VN_ONLY.isdisjoint(tok):
                return VN
            if _VN_SYLLABLE.fullmatch(_base(tok)):
                return LVN if tok.isascii() else VN
            return FOREIGN
        if tok.isupper():
            return ABBR
    if any(c.isdigit() for c in tok):
        return OTHER
    if "." in tok:
        parts = tok.split(".")
        if parts[-1] == "":
            parts = parts[:-1]
        if parts and all(len(p) == 1 and p.isupper() for p in parts):
            return INITIALS
        if len(parts) == 2 and len(parts[0]) == 1 and parts[1][:1].isupper() and parts[1][1:].islower():
            return INIT_NAME
        return ABBR if all(p[:1].isupper() for p in parts if p) else OTHER
    parts = tok.split("-")
    if len(parts) > 1 and parts[0].isalpha() and all(
            p[:1].islower() and _VN_SYLLABLE.fullmatch(_base(p)) for p in parts[1:]):
        return FOREIGN                    # a name in Vietnamese syllables: "Pu-tin", "Cô-va-len-cô"
    letters = tok.replace("-", "").replace("'", "").replace("\u2019", "")
    if len(letters) == 1:
        return INITIALS
    if letters.isupper():
        return ABBR
    # capitals inside a word, other than after a hyphen or apostrophe or in a name
    # prefix (McTominay, DeChambeau, O'Neill), mean a brand
    for part in re.split(r"[-'\u2019]", tok):
        rest = _NAME_PREFIX.sub("", part, count=1)
        if any(c.isupper() for c in rest[1:]):
            return ABBR if sum(c.isupper() for c in part) > len(part) / 2 else OTHER
    if not _VN_ONLY.isdisjoint(tok):
        return VN
    b = _base(tok)
    if "-" not in b and _VN_SYLLABLE.fullmatch(b):
        return LVN if tok.isascii() else VN
    return FOREIGN


# ---------------------------------------------------------------------------------------
# Vocabulary

INTRO, HEAD, PLACE, STOP, LOCATIVE, VERB, NEUTRAL = "intro", "head", "place", "stop", "loc", "verb", "neutral"

TITLE, QUAL, POSTED, FORMER = "title", "qual", "posted", "former"


def _fset(words) -> set[str]:
    """Casefolded words with both tone placements."""
    out: set[str] = set()
    for w in words:
        out |= _tone_variants(w)
    return out


def _by_first(table: dict[tuple[str, ...], str]) -> tuple[dict, dict]:
    """Phrases keyed by their first word, longest first, and the lengths to try per word."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for ks, kind in sorted(table.items(), key=lambda x: -len(x[0])):
        index.setdefault(ks[0], []).append((ks, kind))
    return index, {w: sorted({len(ks) for ks, _ in lst}, reverse=True) for w, lst in index.items()}


class PeopleLexicon:
    """The people vocabulary indexed for the person extractor: word sets, and phrase
    tables keyed by a phrase's first word (read forwards from a token of a run) and by
    its last word (read backwards from the start of a run). Keys are casefolded; every
    entry is stored under both tone placements."""

    def __init__(self, vocab, place_forms: list[str], title_forms: list[str], org_forms: list[str]):
        people, names = vocab.people, vocab.names
        fam = people.families
        self.family_vn = _fset(names.surnames)
        self.family_cn = _fset(fam.chinese)
        self.family = self.family_vn | self.family_cn
        self.east_asian = frozenset(fam.east_asian)  # romanised, case-sensitive
        it = people.intro
        self.honorifics = _fset(it.honorifics)
        self.roles = _fset(it.roles)
        # every title of office in titles.toml introduces a name as an office does
        offices = list(it.offices) + list(title_forms)
        self.offices = _fset(offices)
        self.org_roles = _fset(it.org_roles)
        self.titles = _fset(title_forms)
        self.former = _fset(names.former)
        self.male = _fset(it.male)
        self.female = _fset(it.female)
        self.copulas = {tuple(w.split()) for w in _fset(it.copulas)}
        self.copula_first = {c[0] for c in self.copulas}
        ctx = people.context
        self.stop = _fset(names.stopwords)
        self.head_words = _fset(w for w in ctx.heads if " " not in w.strip())
        self.age_words = _fset(ctx.age_words)
        self.places = _fset(place_forms)
        np = people.nonperson
        self.nonperson = frozenset(w for w in np.words if " " not in w)
        self.nonperson_phrases = {w.casefold() for w in np.words if " " in w}
        self.org_suffixes = frozenset(np.org_suffixes)
        self.foreign_titles = frozenset(w.rstrip(".") for w in np.foreign_titles)
        self.name_suffixes = frozenset(w.rstrip(".") for w in np.name_suffixes)
        self.particles = frozenset(people.particles)
        bl = people.byline
        self.byline_notes = _fset(bl.notes)
        self.tail_lines = bl.tail_lines
        intros = it.honorifics + it.roles + offices + it.org_roles

        # Forward table, for the capitalised words of a run. A word listed twice keeps
        # the later kind: a capitalised locative opening a sentence is a locative, a
        # capitalised head word a head, an honorific that is also a country an honorific
        # (mid-sentence it is read as the country, see extract/person.py _plan).
        kinds: dict[tuple[str, ...], str] = {}
        # (an organisation qualifies a title as a place does: "Bộ trưởng Công Thương …")
        for kind, words in ((VERB, ctx.verbs), (STOP, names.stopwords), (LOCATIVE, ctx.locatives),
                            (PLACE, org_forms), (PLACE, place_forms), (HEAD, ctx.heads), (INTRO, intros)):
            for w in words:
                for var in _tone_variants(w):
                    kinds[tuple(var.split())] = kind
        self.fwd, self.fwd_lens = _by_first(kinds)
        self.phrase = kinds
        # Backward table, for the lowercase words right before a run: intros, heads and
        # locatives only (there a locative is never a stop word).
        back: dict[tuple[str, ...], str] = {}
        for kind, words in ((LOCATIVE, ctx.locatives), (HEAD, ctx.heads), (INTRO, intros),
                            (NEUTRAL, it.not_intros)):
            for w in words:
                for var in _tone_variants(w):
                    back[tuple(var.split())] = kind
        self.bwd: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for ks, kind in sorted(back.items(), key=lambda x: -len(x[0])):
            self.bwd.setdefault(ks[-1], []).append((ks, kind))
        self.back = back
        self.bwd_lens = {w: sorted({len(ks) for ks, _ in lst}, reverse=True) for w, lst in self.bwd.items()}
        self.max_phrase = max((len(k) for k in kinds), default=1)
        # last words of intros: a one-word run after any other word is not a name
        self.intro_last = {ks[-1] for ks, kind in back.items() if kind == INTRO}
        # words that a phrase may continue, past the end of a run, with lowercase words
        # ("Bộ" + "trưởng", "Bệnh" + "viện"); place names are written capitalised
        self.cont_keys = {w for ks, kind in kinds.items() if kind != PLACE for w in ks[:-1]}
        self.cont_next = {w for ks, kind in kinds.items() if kind != PLACE for w in ks[1:]}
        self.verb_first = {ks[0] for ks, kind in kinds.items() if kind == VERB}
        # how many words a phrase may go on after a word (past the end of a run), and the
        # longest verb and intro phrases: the words after a name are read no further
        self.cont_len: dict[str, int] = {}
        for ks in kinds:
            for i, w in enumerate(ks[:-1]):
                self.cont_len[w] = max(self.cont_len.get(w, 0), len(ks) - i - 1)
        self.max_verb = max((len(ks) for ks, kind in kinds.items() if kind == VERB), default=1)
        self.max_intro = max((len(ks) for ks, kind in kinds.items() if kind == INTRO), default=1)
        # what one run of factlint learns about runs and words, per process (see
        # extract/person.py): the cut of each distinct run, the action for each one-word run
        self.plans: dict = {}
        self.singles: dict[str, int] = {}
        self.continuations: dict[tuple, tuple[str, ...] | None] = {}  # (run, words after) -> _continuation
        self.before: dict[str, tuple] = {}  # the word right before a run -> what it makes of it
        self.tokens: dict[str, tuple[str, str, bool]] = {}  # a word of a run -> class, key, glued
        self.intro_kinds: dict[tuple[str, ...], str] = {}

        # Title chains ("Phó Thủ tướng, Bộ trưởng Bộ Ngoại giao", "Đại sứ Việt Nam tại
        # Nga"): titles of titles.toml, their qualifiers (places, organisations), the word
        # before a diplomat's posting, and the words that mark a title as former.
        chain: dict[tuple[str, ...], str] = {}
        for kind, words in ((QUAL, org_forms), (QUAL, place_forms), (POSTED, names.posted_at),
                            (TITLE, title_forms), (FORMER, names.former)):
            for w in words:
                for var in _tone_variants(w):
                    chain[tuple(var.split())] = kind
        self.chain = chain
        self.chain_fwd, self.chain_fwd_lens = _by_first(chain)
        self.chain_last: dict[str, list[int]] = {}
        for ks in chain:
            self.chain_last.setdefault(ks[-1], []).append(len(ks))
        for w in self.chain_last:
            self.chain_last[w] = sorted(set(self.chain_last[w]), reverse=True)

        # the run scan (see extract/person.py for why the boundary test is not first)
        word = r"[\w'\u2019]*(?:(?:-|\.(?=" + _UP + r"))[\w'\u2019]+)*"
        initial = r"\.(?=[ \u00a0]+" + _UP + ")"
        first = _UP + r"(?<![\w'\u2019.\-]" + _UP + ")(?:" + initial + "|" + word + ")"
        tok = _UP + "(?:" + initial + "|" + word + ")"
        part = "|".join(sorted((re.escape(p) for p in self.particles), key=len, reverse=True)) or "(?!)"
        joined = r"(?:" + part + ")-" + _UP + r"[\w'\u2019]*"  # "al-Assad"
        self.run_re = re.compile(
            first + r"(?:[ \u00a0]+(?:(?:" + part + r")[ \u00a0]+)*(?:" + joined + "|" + tok + "))*")
        self.credit_cue_set = frozenset(bl.photo)
        self.credit_cue_lens = sorted({len(c) for c in bl.photo}, reverse=True)
        self.credit_re = re.compile(r":[ \t]*([^()\n;:]{1,60}?)[ \t]*(?=\)|\.?[ \t]*$|\.\s)", re.M)
        src = "|".join(re.escape(c) for c in bl.source) or "(?!)"
        self.source_line_re = re.compile(r"(?:" + src + r")\s*:?\s+(.+?)\s*$")
        self.age_re = re.compile(r"\s*(?:,|\()\s*(\d{1,3})\s+(\w+)")
        self.appos_re = re.compile(r"\s*(?:,|\(|-|\u2013)\s*([^,.;:()\n\"\u201c\u201d]{2,120})")


class PlaceIndex:
    """Places of the vocabulary found from a form one slip away: a province or a country
    written with another tone mark on one syllable ("Quãng Ninh" / "Quảng Ninh"), or a
    foreign name of seven letters or more with one letter more or less inside the word
    ("Phillippines" / "Philippines"; a last letter more or less is another form of the
    word: "Milano", "Australian")."""

    MIN_LETTERS = 7
    TONE_KINDS = ("country", "province")

    def __init__(self, places):
        self.toneless: dict[str, set[tuple[str, str]]] = {}  # form without tone marks -> (place, form)
        self.deleted: dict[str, set[tuple[str, str]]] = {}  # foreign form with a letter out
        self.foreign: dict[str, tuple[str, str]] = {}
        for p in places:
            for form in (p.name, *p.aliases):
                if not form[:1].isupper():
                    continue  # "tỉnh An Giang": the place word is read before the run
                if form.isascii():
                    f = form.casefold()
                    self.foreign.setdefault(f, (p.name, form))
                    if len(f) >= self.MIN_LETTERS and " " not in f:
                        for i in range(1, len(f) - 1):
                            self.deleted.setdefault(f[:i] + f[i + 1:], set()).add((p.name, form))
                elif p.kind in self.TONE_KINDS and " " in form:
                    self.toneless.setdefault(_toneless(form), set()).add((p.name, form))

    def near(self, written: str, province_context: bool = True) -> tuple[str, str] | None:
        """(place, its form) when `written` is one slip from exactly one place.
        `province_context`: nothing before the run says it is a smaller place."""
        if written.isascii():
            f = written.casefold()
            if len(f) < self.MIN_LETTERS or " " in f:
                return None
            found = set(self.deleted.get(f, ()))  # a letter left out
            for i in range(1, len(f) - 1):
                hit = self.foreign.get(f[:i] + f[i + 1:])
                if hit and len(hit[1]) >= self.MIN_LETTERS:
                    found.add(hit)  # a letter too many
        elif province_context and " " in written:
            found = {x for x in self.toneless.get(_toneless(written), ()) if _one_tone(written, x[1])}
        else:
            return None
        return next(iter(found)) if len({p for p, _ in found}) == 1 else None


def _toneless(text: str) -> str:
    d = unicodedata.normalize("NFD", text.casefold())
    return unicodedata.normalize("NFC", d.translate(_DROP_TONES))


def _one_tone(a: str, b: str) -> bool:
    """Two names that differ by the tone mark of one syllable only."""
    wa, wb = a.casefold().split(), b.casefold().split()
    return len(wa) == len(wb) and sum(_wkey(x) != _wkey(y) for x, y in zip(wa, wb)) == 1



"""Visit levels attached to each host they govern.

    thăm cấp Nhà nước tới Kazakhstan, Azerbaijan, dự Lễ … và thăm chính thức Liên bang Nga

A level governs the places that follow it (through commas and conjunctions) until an item
that is not a place. The visitor is the person right after a possessive ("chuyến thăm …
của cố Tổng Bí thư X năm 2022": X's visit, of 2022 when a year follows the name), else the
nearest person named before the level in the same sentence, skipping people of the host
country and whoever invited ("Nhận lời mời của X, Y sẽ thăm …": Y visits), else the
document's usual visitor.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

import regex

from factlint.extract import Extractor
from factlint.lexicon import Phrases, alternation, any_of
from factlint.model import Claim, VisitData
from factlint.normalize.structure import Spans


class VisitExtractor(Extractor):
    kind = "visit"
    needs = ("person", "date")

    def __init__(self, lexicon):
        super().__init__(lexicon)
        lx = lexicon
        place = alternation([f for p in lx.vocab.place if p.kind == "country" for f in (p.name, *p.aliases)])
        conn = alternation(lx.connectors)
        conj = any_of(lx.vocab.grammar.conjunctions)
        self.level_re = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?P<level>(?i:{alternation(lx.level_forms, ignore_case=True)}))"
            rf"(?:\s+(?:{conn}))?\s+(?P<hosts>(?P<host>{place})(?:(?:\s*,\s*|\s+(?:{conj})\s+)(?&host))*)"
            rf"(?![\p{{L}}\p{{M}}])")
        self.place_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{place})(?![\p{{L}}\p{{M}}])")
        self.levels = Phrases(lx.level_forms)  # where a level may start
        former = any_of(lx.vocab.names.former, ignore_case=True)  # "của cố Tổng Bí thư …"
        self.of_re = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?:{any_of(lx.vocab.grammar.possessives)})\s+(?:(?i:{former})\s+)?$")
        self.invited_by = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?i:{any_of(lx.vocab.grammar.invitations, ignore_case=True)})\s+$")

    def extract(self, doc, found):
        # the level pattern runs only in the sentences where a level word stands
        sentence_of = Spans(doc.sentences)
        with_level = dict.fromkeys(map(sentence_of.find, self.levels.starts(doc.text)))
        with_level.pop(None, None)
        if not with_level:
            return []
        lx = self.lexicon
        by_sentence: dict[tuple[int, int], list[Claim]] = {}
        for p in found.get("person", []):
            by_sentence.setdefault(p.sentence, []).append(p)
        ends_of = {s: [p.end for p in people] for s, people in by_sentence.items()}
        usual = Counter()
        names: dict[str, str] = {}
        dated = {}  # sentence -> the first date to the day read in it
        years = []  # "năm 2022": (start, date) of the years written alone
        for d in found.get("date", ()):
            if d.when and d.when.precision == "day":
                dated.setdefault(d.sentence, d.when)
            elif d.attribute == "year":
                years.append((d.start, d.when))
        reference = doc.reference.date if doc.reference else None
        pending: list[tuple[Claim, str | None]] = []
        for s in with_level:
            for m in self.level_re.finditer(doc.text, s[0], s[1]):
                level = lx.level_of[lx.folder.key(m.group("level"))]
                hosts = [lx.place(h.group()) for h in self.place_re.finditer(m.group("hosts"))]
                people = by_sentence.get(s, [])
                person, owner = self._visitor(doc.text, people, ends_of.get(s, []), m, hosts)
                visitor = person.subject if person else None
                when = dated.get(s) or reference
                if owner:  # "của cố Tổng Bí thư X năm 2022": that visit is of 2022
                    when = next((y for start, y in years if 0 <= start - person.end <= 8), when)
                if person:
                    usual[visitor] += 1
                    names[visitor] = person.display
                for host in dict.fromkeys(hosts):
                    claim = Claim(
                        kind="visit", subject="", attribute="level", value=lx.folder.key(level),
                        text=m.group(), doc=doc.path, start=m.start("level"), end=m.end("level"),
                        zone=doc.zone_at(m.start()), sentence=s, display=m.group("level"),
                        when=when, data=VisitData(host=host, level=level))
                    pending.append((claim, visitor))
        fallback = usual.most_common(1)[0][0] if usual else None
        out = []
        for claim, visitor in pending:
            who = visitor or fallback
            if who is None:
                continue
            claim.data.visitor = who
            claim.data.visitor_inferred = visitor is None
            claim.subject = f"{who} > {lx.folder.key(claim.data.host)}"
            claim.data.subject_display = f"{names.get(who, who)} → {claim.data.host}"
            out.append(claim)
        return out

    def _visitor(self, text: str, people: list[Claim], ends: list[int], m, hosts):
        """(the visitor, whether it owns the visit by a possessive); `people` of the sentence
        in text order, `ends` their ends."""
        k = bisect_right(ends, m.start())
        for p in people[k:]:  # "chuyến thăm … của Tổng Bí thư X", not "theo lời mời của …"
            at = p.data.mention_start
            if p.start >= m.end() and self.of_re.search(text, max(m.end(), at - 40), at) \
                    and not self.invited_by.search(text, max(0, at - 30), at):
                return p, True
        for i in range(k - 1, -1, -1):  # the nearest before, skipping the hosts' own people
            p = people[i]
            at = p.data.mention_start
            if p.data.scope.of not in hosts and not self.invited_by.search(text, max(0, at - 30), at):
                return p, False
        return None, False

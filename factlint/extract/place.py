"""Places written one slip away from the vocabulary: "Quãng Ninh" for "Quảng Ninh",
"Indonesa" for "Indonesia".

The person pass reads every capitalised run of a document once; the runs it read as no
person and that may name a place (after a head or a locative such as "tỉnh" or "tại", a
lone foreign word, a short run nothing introduces) are looked up here in an index of the
vocabulary's places (lexicon/people.py PlaceIndex). Vietnamese toponyms are dense (a
ward "Trung Hòa", a district "Quỳ Châu"), so a Vietnamese name is a slip only of a
province or a country, by one tone mark, and not after a head that names a smaller place
("phường", "xã"); a foreign name of seven letters or more by one letter more or less
inside the word ("Phillippines"). A run that is itself a place of the vocabulary is never
a slip.
"""

from __future__ import annotations

from factlint.extract import Extractor
from factlint.extract.person import runs_not_people
from factlint.model import Claim, PlaceData


class PlaceExtractor(Extractor):
    kind = "place"
    needs = ("person",)  # the person pass leaves the runs it did not take (runs_not_people)

    def __init__(self, lexicon):
        super().__init__(lexicon)
        key = lexicon.folder.key
        self.place_words = {key(w) for w in lexicon.vocab.people.context.place_words}

    def extract(self, doc, found):
        runs = runs_not_people(doc.text)
        if not runs:
            return []
        lx = self.lexicon
        index = lx.place_slips
        when = doc.reference.date if doc.reference else None
        out = []
        seen = set()
        for a, b, head in runs:
            if a in seen:
                continue
            seen.add(a)
            written = doc.text[a:b]
            hit = index.near(written, head is None or head in self.place_words)
            if hit is None or lx.place(written):
                continue
            place, form = hit
            out.append(Claim(kind="place", subject=place, attribute="name", value=lx.folder.key(written),
                             text=written, doc=doc.path, start=a, end=b, zone=doc.zone_at(a),
                             display=written, when=when,
                             data=PlaceData(preferred=form, place_kind=lx.place_kind.get(place, "country"))))
        return out

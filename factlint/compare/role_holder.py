"""Type `role-holder`: another family name or another middle name for one person.

Vietnamese names are compared syllable by syllable (họ / đệm / tên): the same role with
the same given name but another family name ("Đại sứ Việt Nam tại Nga Đặng Minh Khôi" /
"Đại sứ Nguyễn Minh Khôi"), another middle name, or two given syllables swapped ("Nguyễn
Thị Lan Hương" / "Nguyễn Thị Hương Lan") is one person written two ways. Only a role can
tell (`People`): the one holder of a unique role in the same days, or the same role or
title within one story. A non-unique title across stories (two deputy ministers, two
delegates) is never a conflict, and a different given name is another person.
"""

from __future__ import annotations

from typing import Literal

from factlint.compare.one_spelling import Evidence, OneSpelling, SpellingParams
from factlint.names import OTHER_NAME, SLIPS, name_slip


class HolderParams(SpellingParams):
    slips: list[Literal[tuple(sorted(SLIPS))]] = sorted(OTHER_NAME)
    evidence: list[Evidence] = ["unique-role", "role"]  # only a role tells another family name


class RoleHolder(OneSpelling):
    type = "role-holder"
    Params = HolderParams
    MESSAGES = {"default": frozenset({"role", "outlier", "expected"}),
                "middle": frozenset({"role", "outlier", "expected"}),
                "disagree": frozenset({"subject", "values", "role"})}

    def _names(self, by_name: dict, people) -> list:
        """Only a role tells another family name: names with a role in some mention."""
        return [n for n, cs in by_name.items()
                if any(c.data.titles or (c.data.intro or c.data.appos) and people.role(c)[1] for c in cs)]

    def subject(self, finding, role: str) -> str:
        """What the finding is about: the role ("Đại sứ Việt Nam tại Nga")."""
        return role

    def words(self, outlier: str, expected: str, role: str) -> str:
        key = "middle" if name_slip(outlier, expected) == "middle-name" else "default"
        return self.message(key, role=role, outlier=outlier, expected=expected)

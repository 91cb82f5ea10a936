"""Messages in two languages, every word from the rule files: each rule and each shared
phrase has a Vietnamese template; suggested values are written as the text writes them;
subjects are things, not paths."""

import pytest

from conftest import REPO, run_paths


@pytest.fixture(scope="module")
def vi_rules():
    from factlint.config import Settings
    from factlint.pipeline import load_rules

    return load_rules(Settings(), "vi")


def test_every_rule_and_phrase_speaks_both_languages(rules):
    from factlint.messages import PHRASES

    for spec in rules.ruleset.rules:
        assert set(spec.message["vi"]) == set(spec.message["en"]), spec.id
    messages = rules.ruleset.vocabulary.messages
    assert set(messages["en"]) == set(PHRASES) == set(messages["vi"])


def test_an_unknown_phrase_key_is_an_error_naming_it(tmp_path):
    from factlint.errors import RuleFileError
    from factlint.ruleset import load_ruleset

    (tmp_path / "vocab").mkdir()
    (tmp_path / "checks").mkdir()
    (tmp_path / "vocab" / "report.toml").write_text('[messages.vi]\nsuport = "{mentions}"\n', encoding="utf-8")
    with pytest.raises(RuleFileError, match="did you mean 'support'"):
        load_ruleset([tmp_path])
    (tmp_path / "vocab" / "report.toml").write_text('[messages.vi]\nsupport = "{mention}"\n', encoding="utf-8")
    with pytest.raises(RuleFileError, match="not a field"):
        load_ruleset([tmp_path])


def _lint(tmp_path, rules, texts):
    folder = tmp_path / "c"
    folder.mkdir(exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"d{i}.txt").write_text(text, encoding="utf-8")
    return run_paths([folder], rules).findings


def test_a_weekday_slip_suggests_the_weekday_as_the_text_writes_it(tmp_path, rules, vi_rules):
    texts = ["Hà Nội, Thứ năm, ngày 14/05/2025, hội nghị đã khai mạc. Sáng thứ 5, ngày 14/05/2025 họp tiếp."]
    found = [f for f in _lint(tmp_path, rules, texts) if f.rule == "weekday-date"]
    assert sorted(f.expected for f in found) == ["Thứ tư", "thứ 4"]
    assert {f.subject for f in found} == {"14/05/2025"}  # the date, not the file
    assert found[0].message.endswith("(a Wednesday)")
    vi = [f for f in _lint(tmp_path, vi_rules, texts) if f.rule == "weekday-date"]
    assert "Thứ năm không đúng thứ của ngày 14/05/2025: ngày đó là Thứ tư" in [f.message for f in vi]


def test_a_range_is_its_own_subject(tmp_path, rules):
    found = [f for f in _lint(tmp_path, rules, ["Hội chợ diễn ra từ ngày 12-5/5/2025 tại Hà Nội."])
             if f.rule == "date-range-order"]
    assert [f.subject for f in found] == ["ngày 12-5/5/2025"]


def test_a_title_conflict_cites_and_reads_the_titles(tmp_path, rules):
    found = [f for f in _lint(tmp_path, rules, [
        "Tổng thống Ấn Độ Narendra Modi tới Hà Nội.",
        "Thủ tướng Ấn Độ Narendra Modi phát biểu. Thủ tướng Narendra Modi nói.",
        "Thủ tướng Narendra Modi hội đàm."]) if f.rule == "person-title"]
    assert len(found) == 1
    f = found[0]
    assert [c.display for c in f.sides] == ["Tổng thống", "Thủ tướng", "Thủ tướng", "Thủ tướng"]
    assert f.sides[0].doc.endswith("d0.txt") and f.sides[0].start == 0  # the mention starts at the title
    from factlint.report.markdown import finding_marks

    assert finding_marks(f, ["Tổng thống Ấn Độ Narendra Modi", "Thủ tướng Ấn Độ Narendra Modi",
                             "Thủ tướng Narendra Modi", "Thủ tướng Narendra Modi"]) == \
        [{"Tổng", "thống"}, {"Thủ", "tướng"}, {"Thủ", "tướng"}, {"Thủ", "tướng"}]


def test_no_english_prose_left_in_the_finding_code():
    """The phrases that moved to rules/vocab/report.toml are in no string literal of Python."""
    import ast

    from test_architecture import _docstrings

    for path in (REPO / "factlint").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        literals = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                    and isinstance(node.value, str) and id(node) not in docs]
        for phrase in ("the form the vocabulary prefers", "suppresses nothing", "is given by",
                       "Consistency matrix", "Suggested value", "mention in"):
            assert not [v for v in literals if phrase in v], (path, phrase)


def test_rewording_a_phrase_keeps_the_extraction_cache(rules):
    from factlint.cache import fingerprint

    vocab = rules.ruleset.vocabulary
    reworded = vocab.model_copy(update={"messages": {"en": {"support": "{mentions} times"}}})
    assert fingerprint(reworded) == fingerprint(vocab)
    other = vocab.model_copy(update={"dates": vocab.dates.model_copy(update={"day_word": "x"})})
    assert fingerprint(other) != fingerprint(vocab)

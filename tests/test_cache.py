"""The per-document extraction cache: same findings with and without it, content keys,
invalidation by vocabulary, atomic entries, `--no-cache` and `factlint clean`."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, SEEDS, run_paths


def _findings(result):
    return [(f.rule, f.severity, f.message, f.subject, f.outliers,
             [(c.doc, c.start, c.end, c.value, c.zone) for c in f.sides])
            for f in result.findings]


def _claims(result):
    return list(result.claims)


def _locations(result):
    out = []
    for c in result.claims:
        doc = result.documents[c.doc]
        out.append((c.doc, doc.line_col(c.start), doc.line_col(c.end), doc.raw_slice(c.start, c.end)))
    return out


def _run(paths, rules, cache_dir):
    return run_paths(paths, rules, cache_root=cache_dir, jobs=1)


def test_cached_run_gives_identical_results(seeds_copy, tmp_path, rules):
    plain = _run([seeds_copy], rules, None)
    cold = _run([seeds_copy], rules, tmp_path)
    warm = _run([seeds_copy], rules, tmp_path)
    assert plain.findings, "the seeds must produce findings for this test to mean anything"
    assert cold.timings["cache-hits"] == 0
    assert warm.timings["cache-hits"] == len(list(seeds_copy.glob("*.txt")))
    for r in (cold, warm):
        assert _findings(r) == _findings(plain)
        assert _claims(r) == _claims(plain)
        assert _locations(r) == _locations(plain)
        assert [(d.path, d.zones, d.sentences, d.reference) for d in r.documents.values()] == \
               [(d.path, d.zones, d.sentences, d.reference) for d in plain.documents.values()]


def _pack(root):
    packs = list(root.glob("*.pack"))
    assert len(packs) == 1, packs
    return packs[0]


def test_cache_folder_is_tagged_and_ignored(seeds_copy, tmp_path, rules):
    import marshal

    from factlint.cache import _read_pack, load_entry

    _run([seeds_copy], rules, tmp_path)
    root = tmp_path / ".factlint_cache"
    assert (root / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (root / ".gitignore").read_text().strip() == "*"
    pack = _pack(root)
    assert not list(root.rglob("*.part")), "temporary files must not be left behind"
    entries, _ = _read_pack(pack)
    assert len([k for k in entries if not k.startswith("result:")]) == 5
    assert len([k for k in entries if k.startswith("result:")]) == 1  # the corpus's findings
    documents = [v for k, v in entries.items() if not k.startswith("result:")]
    for name in (p.name for p in seeds_copy.glob("*.txt")):
        # the corpus result names its documents; a document's entry is content keyed
        assert not any(name.encode() in v for v in documents), "entries are path-free"
    assert all(len(row) == 12 for row in marshal.loads(load_entry(documents[0])[6]))


def test_changed_file_is_recomputed_and_others_hit(seeds_copy, tmp_path, rules):
    _run([seeds_copy], rules, tmp_path)
    target = sorted(seeds_copy.glob("*.txt"))[0]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Aliyev", "Aliyevv", 1), encoding="utf-8")
    before = target.stat().st_mtime_ns
    warm = _run([seeds_copy], rules, tmp_path)
    assert warm.timings["cache-hits"] == 4
    assert _findings(warm) == _findings(_run([seeds_copy], rules, None))
    # same bytes again, any mtime: a hit (content key, not mtime)
    target.write_text(text, encoding="utf-8")
    os.utime(target, ns=(before, before))
    again = _run([seeds_copy], rules, tmp_path)
    assert again.timings["cache-hits"] == 5


def test_copy_under_new_name_hits_and_gets_its_own_path(seeds_copy, tmp_path, rules):
    _run([seeds_copy], rules, tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    src = sorted(seeds_copy.glob("*.txt"))[1]
    shutil.copy(src, other / "renamed.txt")
    cached = _run([other], rules, tmp_path)
    plain = _run([other], rules, None)
    assert cached.timings["cache-hits"] == 1
    assert cached.claims and all(c.doc.endswith("renamed.txt") for c in cached.claims)
    assert _claims(cached) == _claims(plain)


def _write_pack(path, entries):
    import hashlib
    import marshal

    from factlint.cache import MAGIC

    payload = marshal.dumps((1, entries, {k: 1 for k in entries}), 4)
    path.write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)


def test_corrupt_entry_is_a_miss(seeds_copy, tmp_path, rules):
    import marshal

    from factlint.cache import _read_pack

    _run([seeds_copy], rules, tmp_path)
    pack = _pack(tmp_path / ".factlint_cache")
    entries, _ = _read_pack(pack)
    keys = sorted(entries)
    entries[keys[0]] = b"{not an entry"
    entries[keys[1]] = marshal.dumps((3, None, [{"bogus": 1}], b"", (), b"", ()))
    _write_pack(pack, entries)
    warm = _run([seeds_copy], rules, tmp_path)
    assert warm.timings["cache-hits"] == 3
    assert _findings(warm) == _findings(_run([seeds_copy], rules, None))
    # the broken entries were rewritten
    assert _run([seeds_copy], rules, tmp_path).timings["cache-hits"] == 5


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "foreign-magic"])
def test_damaged_pack_is_a_miss_and_is_rewritten(seeds_copy, tmp_path, rules, damage):
    _run([seeds_copy], rules, tmp_path)
    pack = _pack(tmp_path / ".factlint_cache")
    data = pack.read_bytes()
    pack.write_bytes({"garbage": b"\x00\xff" * 100, "truncated": data[:len(data) // 2],
                      "flipped": data[:-10] + bytes([data[-10] ^ 1]) + data[-9:], "empty": b"",
                      "foreign-magic": b"PK\x03\x04" + data[4:]}[damage])
    warm = _run([seeds_copy], rules, tmp_path)
    assert warm.timings["cache-hits"] == 0
    assert _findings(warm) == _findings(_run([seeds_copy], rules, None))
    assert _run([seeds_copy], rules, tmp_path).timings["cache-hits"] == 5


def test_a_file_without_our_header_is_never_decoded(tmp_path, monkeypatch):
    """Only files that carry our header and checksum reach marshal."""
    from factlint import cache as cache_mod

    def refuse(_data):
        raise AssertionError("marshal.loads called on a file that is not ours")

    path = tmp_path / "x.pack"
    import marshal
    payload = marshal.dumps({"k": b"v"})
    for data in (payload, cache_mod.MAGIC + b"\0" * 32 + payload):
        path.write_bytes(data)
        monkeypatch.setattr(cache_mod.marshal, "loads", refuse)
        assert cache_mod._read_pack(path)[0] is None
        monkeypatch.undo()


def test_concurrent_runs_keep_each_others_entries(tmp_path):
    from factlint.cache import Cache, _read_pack

    a, b = Cache(tmp_path, "fp"), Cache(tmp_path, "fp")
    assert a.get_bytes("k0") is None and b.get_bytes("k0") is None  # both read the (empty) pack
    a.put("ka", (3, None, (), b"", (), b"", ()))
    b.put("kb", (3, None, (), b"", (), b"", ()))
    assert b.flush() and a.flush()
    entries, _ = _read_pack(a.path)
    assert set(entries) == {"ka", "kb"}
    c = Cache(tmp_path, "fp")
    assert c.get_bytes("ka") and c.get_bytes("kb") and c.hits == 2


def test_pack_drops_entries_no_recent_run_used(tmp_path, monkeypatch):
    from factlint import cache as cache_mod

    monkeypatch.setattr(cache_mod, "KEEP_RUNS", 3)
    entry = (3, None, (), b"", (), b"", ())
    c = cache_mod.Cache(tmp_path, "fp")
    for i in range(5):
        c.put(f"k{i}", entry)
    c.flush()
    for run in range(4):  # runs on a sub-folder: only k0 is used, one new entry each
        d = cache_mod.Cache(tmp_path, "fp")
        assert d.get_bytes("k0")
        d.put(f"new{run}", entry)
        d.flush()
        entries, _ = cache_mod._read_pack(d.path)
        if run < 2:  # the others were used 1, 2 writes ago: still there
            assert {"k1", "k4"} <= set(entries)
    assert set(entries) == {"k0", "new1", "new2", "new3"}  # unused for 3 writes: dropped
    warm = cache_mod.Cache(tmp_path, "fp")
    assert warm.get_bytes("new1") and warm.flush()  # nothing new: not rewritten
    assert cache_mod._read_pack(warm.path)[0] == entries


def test_warm_run_writes_nothing(seeds_copy, tmp_path, rules):
    _run([seeds_copy], rules, tmp_path)
    pack = _pack(tmp_path / ".factlint_cache")
    before = pack.stat().st_mtime_ns
    os.utime(pack, ns=(before - 10**9, before - 10**9))
    _run([seeds_copy], rules, tmp_path)
    assert pack.stat().st_mtime_ns == before - 10**9


def test_fingerprint_follows_the_vocabulary():
    from factlint.cache import fingerprint
    from factlint.vocab import Title, Vocabulary

    base = Vocabulary()
    same = Vocabulary()
    other = Vocabulary(title=[Title(name="Đại sứ")])
    assert fingerprint(base) == fingerprint(same)
    assert fingerprint(base) != fingerprint(other)
    with pytest.raises(Exception):  # the pydantic boundary: unknown keys are refused
        Vocabulary.model_validate({"titles": []})


class _Own:
    pass


def test_entry_refuses_data_that_cannot_round_trip():
    from dataclasses import replace

    from factlint.cache import load_entry, make_entry, restore
    from factlint.model import Claim, PartialDate, PersonData, QuantityData, RoleScope
    from factlint.normalize.text import make_document

    doc = make_document("a.txt", "Xin chào")
    person = PersonData(name="Xin", tokens=("xin",), titles=("t",), scope=RoleScope(of="Nga"),
                        title_text="", mention_start=0, tail=("a", "b"))
    figure = QuantityData("count", 30.0, None, None, 10.0, 30.0, 40.0, True, True, "người", "hơn",
                          "chết", "làm", "tính đến 3/5", PartialDate(None, 5, 3), "17:00")
    ok = [Claim("person", "s", "a", "v", "Xin", "a.txt", 0, 3, sentence=(0, 8), data=person,
                when=PartialDate(2025, 5)),
          Claim("quantity", "s", "a", "v", "Xin", "a.txt", 0, 3, data=figure)]
    assert make_entry(doc, ok) is not None
    for bad in (replace(person, name=_Own()), replace(person, name=bytearray(b"ab")),
                replace(figure, low=float("nan"))):
        assert make_entry(doc, [replace(ok[0], kind=bad.__class__ is PersonData and "person" or "quantity",
                                        data=bad)]) is None
    doc2, claims = restore(make_entry(doc, ok), "b.txt", "Xin chào")
    assert doc2.path == "b.txt" and claims[0].doc == "b.txt"
    assert claims == [replace(c, doc="b.txt") for c in ok]  # tuples stay tuples, dates stay dates
    assert type(claims[0].data.tail) is tuple and type(claims[0].sentence) is tuple
    with pytest.raises(ValueError):
        load_entry(b"\x00garbage")


def test_unwritable_cache_does_not_stop_the_run(seeds_copy, tmp_path, rules):
    blocker = tmp_path / "ro"
    blocker.write_text("a file where the cache folder would go")
    result = _run([seeds_copy], rules, blocker)  # .factlint_cache cannot be created under a file
    assert _findings(result) == _findings(_run([seeds_copy], rules, None))


def _cli(*args, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "factlint", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=300)


def test_cli_no_cache_and_clean(tmp_path):
    work = tmp_path / "work"
    shutil.copytree(SEEDS, work / "seeds")
    r1 = _cli("seeds", "--no-cache", cwd=work)
    assert r1.returncode in (0, 1), r1.stderr
    assert not (work / ".factlint_cache").exists()
    r2 = _cli("seeds", cwd=work)
    assert (work / ".factlint_cache" / "CACHEDIR.TAG").is_file()
    r3 = _cli("seeds", cwd=work)
    assert r1.stdout == r2.stdout == r3.stdout
    assert r1.returncode == r2.returncode == r3.returncode
    c = _cli("clean", cwd=work)
    assert c.returncode == 0 and not (work / ".factlint_cache").exists()
    assert _cli("clean", cwd=work).returncode == 0  # nothing to remove is fine


def test_clean_refuses_a_folder_it_did_not_make(tmp_path):
    from factlint.cache import clean
    from factlint.errors import FactlintError

    (tmp_path / ".factlint_cache").mkdir()
    (tmp_path / ".factlint_cache" / "precious.txt").write_text("keep me")
    with pytest.raises(FactlintError):
        clean(tmp_path)
    assert (tmp_path / ".factlint_cache" / "precious.txt").exists()


def test_hits_are_not_decoded_but_say_and_show_the_same(seeds_copy, tmp_path, rules):
    """A hit skips decoding: the decoding notes come from the entry and the text is decoded
    only when a report needs it — warnings, findings and locations stay the same."""
    import unicodedata

    first = sorted(seeds_copy.glob("*.txt"))[0].read_text(encoding="utf-8")
    (seeds_copy / "legacy.txt").write_bytes(first.encode("cp1258", errors="replace"))
    (seeds_copy / "u16.txt").write_bytes(b"\xff\xfe" + first.encode("utf-16-le"))
    (seeds_copy / "nfd-crlf.txt").write_bytes(
        unicodedata.normalize("NFD", first).replace("\n", "\r\n").encode())
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "binary.txt").write_bytes(b"\x89PNG\x00\x00")
    plain = _run([seeds_copy], rules, None)
    cold = _run([seeds_copy], rules, tmp_path)
    warm = _run([seeds_copy], rules, tmp_path)
    assert warm.timings["cache-hits"] == len(warm.documents) == 9
    assert all(d._raw is None and d._text is None for d in warm.documents.values())
    assert any("Windows-1258" in w for w in plain.warnings)
    assert any("UTF-16 LE" in w for w in plain.warnings)
    assert any("binary file" in w for w in plain.warnings)
    for r in (cold, warm):
        assert r.warnings == plain.warnings
        assert _findings(r) == _findings(plain)
        assert _locations(r) == _locations(plain)
        assert {p: d.raw for p, d in r.documents.items()} == {p: d.raw for p, d in plain.documents.items()}
        assert {p: d.text for p, d in r.documents.items()} == {p: d.text for p, d in plain.documents.items()}


def test_stale_packs_and_the_old_layout_are_removed_on_write(tmp_path):
    from factlint import cache as cache_mod

    root = tmp_path / ".factlint_cache"
    old_layout = root / ("ab" * 12) / "cd"
    old_layout.mkdir(parents=True)
    (old_layout / ("cd" * 32 + ".json")).write_text("{}")
    stale, recent = root / ("0" * 24 + ".pack"), root / ("1" * 24 + ".pack")
    for p in (stale, recent):
        p.write_bytes(b"x")
    old = os.stat(stale).st_mtime - (cache_mod.STALE_DAYS + 1) * 86400
    os.utime(stale, (old, old))
    (root / "keep.txt").write_text("not ours to judge")
    c = cache_mod.Cache(root, "f" * 24)
    c.put("k", (3, None, (), b"", (), b"", ()))
    assert c.flush()
    assert sorted(p.name for p in root.iterdir()) == sorted(
        [".gitignore", "CACHEDIR.TAG", recent.name, "f" * 24 + ".pack", "keep.txt"])


def _flush_rounds(root, tag, rounds):
    from factlint.cache import Cache

    for i in range(rounds):
        c = Cache(root, "fp")
        c.get_bytes("shared")
        c.put(f"{tag}-{i}", (3, None, (("k", "s", "a", "v", "t", 0, 1, "body", None, "", None, {}),),
                             b"", (), b"", ()))
        c.put("shared", (3, None, (), b"", (), b"", ()))
        assert c.flush()


def test_concurrent_writers_never_leave_a_broken_pack(tmp_path):
    import multiprocessing

    from factlint.cache import Cache, _read_pack

    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    procs = [ctx.Process(target=_flush_rounds, args=(tmp_path, tag, 25)) for tag in "abc"]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    entries, _ = _read_pack(Cache(tmp_path, "fp").path)
    assert entries is not None and "shared" in entries  # readable, whoever wrote last
    assert any(k.startswith("a-") for k in entries) or any(k.startswith("b-") for k in entries)
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".tmp-*"))


def test_findings_of_an_unchanged_corpus_come_back_without_decoding_claims(seeds_copy, tmp_path, rules):
    from conftest import make_rules
    from factlint.ruleset import default_rules_dir

    cold = _run([seeds_copy], rules, tmp_path)
    warm = _run([seeds_copy], rules, tmp_path)
    assert warm.claims._claims is None, "the stored findings were used: no claim decoded"
    assert len(warm.claims) == len(cold.claims)
    assert _findings(warm) == _findings(cold) and warm.warnings == cold.warnings
    assert _locations(warm) == _locations(cold)  # iterating decodes them, equal to the cold ones
    # other rules, another result: never a stale one
    only = make_rules([default_rules_dir()], select=["name-case"])
    narrow = _run([seeds_copy], only, tmp_path)
    assert {f.rule for f in narrow.findings} == {"name-case"}
    assert _findings(_run([seeds_copy], rules, tmp_path)) == _findings(cold)
    # one file changed: compared again
    victim = sorted(seeds_copy.glob("*.txt"))[3]
    victim.write_text(victim.read_text(encoding="utf-8").replace("Inham", "Ilham"), encoding="utf-8")
    fixed = _run([seeds_copy], rules, tmp_path)
    assert isinstance(fixed.claims, list)
    assert len(fixed.findings) < len(cold.findings)
    assert _findings(fixed) == _findings(_run([seeds_copy], rules, None))

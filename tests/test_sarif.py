"""`--format sarif`: SARIF 2.1.0 structure, required fields, stable fingerprints."""

import json
import shutil

import jsonschema
import pytest

from conftest import SEEDS
from test_report_formats import make_result, render

# The parts of the SARIF 2.1.0 schema factlint relies on, with the spec's required fields
# (sarifLog: version, runs; run: tool; tool: driver; toolComponent: name;
# reportingDescriptor: id; result: message; message: text; region line/column >= 1).
_MESSAGE = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "minLength": 1}}}
_REGION = {
    "type": "object", "required": ["startLine"],
    "properties": {k: {"type": "integer", "minimum": 1}
                   for k in ("startLine", "startColumn", "endLine", "endColumn")}
    | {"snippet": {"type": "object", "required": ["text"]}},
}
_PHYSICAL = {
    "type": "object", "required": ["artifactLocation", "region"],
    "properties": {
        "artifactLocation": {"type": "object", "required": ["uri"],
                             "properties": {"uri": {"type": "string", "pattern": r"^(?![a-z]+:|/)"}}},
        "region": _REGION, "contextRegion": _REGION,
    },
}
MINIMAL_SARIF_SCHEMA = {
    "type": "object",
    "required": ["$schema", "version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["tool", "results"],
            "properties": {
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name", "version", "informationUri", "rules"],
                    "properties": {
                        "name": {"const": "factlint"},
                        "informationUri": {"type": "string", "pattern": "^https?://"},
                        "rules": {"type": "array", "items": {
                            "type": "object",
                            "required": ["id", "shortDescription", "fullDescription", "defaultConfiguration"],
                            "properties": {
                                "shortDescription": _MESSAGE, "fullDescription": _MESSAGE,
                                "defaultConfiguration": {"type": "object", "required": ["level"], "properties": {
                                    "level": {"enum": ["none", "note", "warning", "error"]}}},
                            }}},
                    }}}},
                "results": {"type": "array", "items": {
                    "type": "object",
                    "required": ["ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints"],
                    "properties": {
                        "ruleIndex": {"type": "integer", "minimum": 0},
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "message": _MESSAGE,
                        "locations": {"type": "array", "minItems": 1, "items": {
                            "type": "object", "required": ["physicalLocation"],
                            "properties": {"physicalLocation": _PHYSICAL}}},
                        "relatedLocations": {"type": "array", "items": {
                            "type": "object", "required": ["id", "physicalLocation", "message"],
                            "properties": {"id": {"type": "integer", "minimum": 0},
                                           "physicalLocation": _PHYSICAL, "message": _MESSAGE}}},
                        "partialFingerprints": {"type": "object", "minProperties": 1,
                                                "additionalProperties": {"type": "string"}},
                    }}},
            }}},
    },
}


def _specs():
    from factlint.ruleset import RuleSpec

    return [RuleSpec(id="person-title", type="one-title", severity="error",
                     description="One title per person. Not a president here and a prime minister there.",
                     why="Two titles tell two stories.")]


def test_minimal_schema_rejects_what_it_should():
    """The schema is a real check: drop a required field and it fails."""
    log = json.loads(render("sarif", make_result()))
    jsonschema.validate(log, MINIMAL_SARIF_SCHEMA)
    for breakage in (lambda d: d.pop("version"),
                     lambda d: d["runs"][0]["results"][0].pop("message"),
                     lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
                     .__setitem__("startColumn", 0),
                     lambda d: d["runs"][0]["tool"]["driver"].pop("name")):
        broken = json.loads(json.dumps(log))
        breakage(broken)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, MINIMAL_SARIF_SCHEMA)


def test_result_fields_on_a_small_corpus():
    r = make_result()
    r.rules = _specs()
    log = json.loads(render("sarif", r))
    jsonschema.validate(log, MINIMAL_SARIF_SCHEMA)
    run = log["runs"][0]
    assert log["$schema"].endswith("sarif-2.1.0.json")
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["version"] == "9.9.9"
    rule = driver["rules"][0]
    assert rule["id"] == "person-title" and rule["defaultConfiguration"]["level"] == "error"
    assert rule["shortDescription"]["text"] == "One title per person."
    (res,) = run["results"]
    assert res["ruleId"] == "person-title" and driver["rules"][res["ruleIndex"]]["id"] == "person-title"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "corpus/b.txt"
    assert loc["region"] == {"startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 14,
                             "snippet": {"text": "Thủ tướng"}}
    assert loc["contextRegion"]["snippet"]["text"] == "Ông Thủ tướng Ilham Aliyev, nói: 100% đồng ý."
    related = res["relatedLocations"]
    assert [x["id"] for x in related] == [1, 2]
    # a space in a path is percent-encoded: the uri is a relative URI reference
    assert related[1]["physicalLocation"]["artifactLocation"]["uri"] == "corpus/c%20d.txt"
    assert related[1]["physicalLocation"]["region"]["startColumn"] == 10  # NFD counts as written
    # the message links to the related locations by id
    assert "](1)" in res["message"]["text"] and "](2)" in res["message"]["text"]


@pytest.mark.parametrize("severity,level", [("error", "error"), ("warning", "warning"), ("info", "note")])
def test_levels(severity, level):
    log = json.loads(render("sarif", make_result(severity=severity)))
    assert log["runs"][0]["results"][0]["level"] == level


def test_rule_missing_from_the_run_gets_a_descriptor():
    log = json.loads(render("sarif", make_result()))  # no rules listed in the result
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["person-title"]
    assert log["runs"][0]["results"][0]["ruleIndex"] == 0


def test_fingerprint_ignores_lines_but_not_values():
    from factlint.report.sarif import fingerprint

    a, b = make_result().findings[0], make_result().findings[0]
    b.sides[0].start += 5  # the text moved
    assert fingerprint(a) == fingerprint(b)
    b.values = ["phó thủ tướng", "tổng thống"]
    assert fingerprint(a) != fingerprint(b)


@pytest.fixture(scope="module")
def seed_logs(tmp_path_factory, rules):
    """SARIF of the seeds, and of the seeds with two lines inserted at the top of every file."""
    import os

    from conftest import run_paths
    from factlint.registry import renderer

    logs = []
    for shifted in (False, True):
        root = tmp_path_factory.mktemp("shifted" if shifted else "plain")
        shutil.copytree(SEEDS, root / "seeds")
        if shifted:
            for p in (root / "seeds").glob("*.txt"):
                p.write_text("\n\n" + p.read_text(encoding="utf-8"), encoding="utf-8")
        cwd = os.getcwd()
        os.chdir(root)
        try:
            result = run_paths(["seeds"], rules)
        finally:
            os.chdir(cwd)
        logs.append(json.loads(renderer("sarif")(result)))
    return logs


def test_seeds_validate_and_cite_every_side(seed_logs):
    log = seed_logs[0]
    jsonschema.validate(log, MINIMAL_SARIF_SCHEMA)
    run = log["runs"][0]
    assert len(run["results"]) >= 4
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        for loc in res["locations"] + res.get("relatedLocations", []):
            pl = loc["physicalLocation"]
            path = SEEDS / pl["artifactLocation"]["uri"].split("/", 1)[1]
            line = path.read_text(encoding="utf-8").splitlines()[pl["region"]["startLine"] - 1]
            region = pl["region"]
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]
    inham = [r for r in run["results"]
             if r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "Inham Aliyev"]
    assert inham and inham[0]["level"] == "error"
    assert inham[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "seeds/003_d671c4e71e4553ce.txt"


def test_seed_fingerprints_are_stable_when_lines_move(seed_logs):
    plain, shifted = ([(r["ruleId"], r["partialFingerprints"]["factlintFinding/v1"],
                        r["locations"][0]["physicalLocation"]["region"]["startLine"])
                       for r in log["runs"][0]["results"]] for log in seed_logs)
    assert [(rule, fp) for rule, fp, _ in plain] == [(rule, fp) for rule, fp, _ in shifted]
    assert all(b == a + 2 for (_, _, a), (_, _, b) in zip(plain, shifted))
    fps = [fp for _, fp, _ in plain]
    assert len(set(fps)) == len(fps)  # one identity per finding


def test_round_trip_through_a_sarif_object_model(seed_logs):
    """Read the log back with sarif-pydantic (a SARIF 2.1.0 object model), when installed."""
    sarif_pydantic = pytest.importorskip("sarif_pydantic")
    log = seed_logs[0]
    model = sarif_pydantic.Sarif.model_validate(log)
    run = model.runs[0]
    assert run.tool.driver.name == "factlint"
    assert len(run.results) == len(log["runs"][0]["results"])
    first = run.results[0]
    assert first.rule_id == log["runs"][0]["results"][0]["ruleId"]
    region = first.locations[0].physical_location.region
    assert region.start_line == log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
    again = json.loads(model.model_dump_json(by_alias=True, exclude_none=True))
    assert again["runs"][0]["results"][0]["partialFingerprints"] == \
        log["runs"][0]["results"][0]["partialFingerprints"]


def test_sarif_caps_related_locations(monkeypatch):
    import factlint.report.sarif as sarif

    monkeypatch.setattr(sarif, "MAX_RELATED", 1)
    monkeypatch.setattr(sarif, "MAX_LINKS", 1)
    res = json.loads(render("sarif", make_result()))["runs"][0]["results"][0]
    assert [x["id"] for x in res["relatedLocations"]] == [1]
    assert "contextRegion" not in res["relatedLocations"][0]["physicalLocation"]
    assert "contextRegion" in res["locations"][0]["physicalLocation"]
    assert res["message"]["text"].endswith("; 1 more.")

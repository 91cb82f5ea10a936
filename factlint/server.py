"""`factlint server`: a Language Server (LSP over stdio, built on pygls) for editors.

For the open article it publishes the findings that involve it, computed against the
whole configured corpus (`[tool.factlint]` found upward from the article's folder; the
article's folder when there is none): a conflict with another file is shown on the
article's line, and the other sides are the diagnostic's related information, each with
its location. The editor's text stands for the file (saved or not); the other files come
through the content-hash cache, so a check after a keystroke extracts one document.
Checks wait until the typing stops (`--debounce`, 0.3 s). Style findings whose fix is
certain (`--fix`) are offered as quick-fix code actions.

Positions are converted to the encoding the client and server agreed on (UTF-16 unless
the client offers another), from factlint's columns in characters.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from factlint import __version__
from factlint.errors import FactlintError

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def units(text: str, encoding) -> int:
    """The length of `text` in the position units of the connection."""
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Fix:
    range: types.Range
    text: str
    diagnostic: types.Diagnostic


class Checker:
    """What the server keeps between checks: the rules of each project (by settings root)."""

    def __init__(self, lang: str | None):
        self.lang = lang
        self._rules: dict[tuple, object] = {}

    def settings_for(self, path: str):
        from factlint.config import resolve_settings

        folder = Path(path).resolve().parent
        settings = resolve_settings(start=folder)
        if not settings.paths:  # no configured corpus: the article's folder
            settings = resolve_settings(start=folder, paths=[str(folder)])
        return settings

    def check(self, path: str, text: str):
        """The result of the corpus with `text` standing for `path`, and the findings
        that involve the file."""
        from factlint.pipeline import Job, load_rules, run

        settings = self.settings_for(path)
        lang = self.lang or settings.lang or "vi"
        key = (settings.root, tuple(map(str, settings.rule_folders())), repr(settings.selection()), lang)
        job = Job(lang=lang, jobs=1, overrides={path: text})
        if key not in self._rules:
            self._rules = {key: load_rules(settings, lang, Path(settings.root) / ".factlint_cache")}
        result = run(settings, job, rules=self._rules[key])
        real = os.path.realpath(path)
        mine = [f for f in result.findings if any(os.path.realpath(c.doc) == real for c in f.sides)]
        return result, mine


def _range(result, claim, encoding) -> types.Range:
    from factlint.report import location

    doc = result.documents[claim.doc]
    loc = location(result, claim)

    def position(line: int, column: int) -> types.Position:
        return types.Position(line=line - 1, character=units(doc.line_text(line)[:column - 1], encoding))

    return types.Range(start=position(loc["line"], loc["column"]), end=position(loc["end_line"], loc["end_column"]))


def diagnostics(result, findings, path: str, encoding) -> tuple[list[types.Diagnostic], list[Fix]]:
    """One diagnostic per side of a finding in `path`; the sides elsewhere as related
    information. The fixes of the outlier sides, for code actions."""
    from factlint.fix import shaped
    from factlint.report import location

    real = os.path.realpath(path)
    out, fixes = [], []
    for f in findings:
        for i, c in enumerate(f.sides):
            if os.path.realpath(c.doc) != real:
                continue
            related = []
            for j, other in enumerate(f.sides):
                if j == i:
                    continue
                loc = location(result, other)
                related.append(types.DiagnosticRelatedInformation(
                    location=types.Location(uri=from_fs_path(os.path.abspath(other.doc)),
                                            range=_range(result, other, encoding)),
                    message=f"{loc['value']} ({loc['path']}:{loc['line']}:{loc['column']})"))
            message = f.message + (f" → {f.expected}" if f.expected else "")
            d = types.Diagnostic(range=_range(result, c, encoding), message=message,
                                 severity=SEVERITY.get(f.severity), code=f.rule, source="factlint",
                                 related_information=related or None)
            out.append(d)
            if f.fix is not None and i < f.outliers:
                original = result.documents[c.doc].raw_slice(c.start, c.end)
                fixes.append(Fix(d.range, shaped(f.fix, original), d))
    return out, fixes


def make_server(lang: str | None = None, debounce: float = 0.3) -> LanguageServer:
    server = LanguageServer("factlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    checker = Checker(lang)
    pending: dict[str, asyncio.TimerHandle] = {}
    fixes: dict[str, list[Fix]] = {}

    def publish(uri: str) -> None:
        pending.pop(uri, None)
        path = to_fs_path(uri)
        document = server.workspace.get_text_document(uri)
        if path is None:
            return
        try:
            result, mine = checker.check(path, document.source)
        except FactlintError as exc:
            server.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                               message=f"factlint: {exc}"))
            return
        found, fixes[uri] = diagnostics(result, mine, result_path(result, path),
                                        server.workspace.position_encoding)
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=found))

    def schedule(uri: str, delay: float) -> None:
        if uri in pending:
            pending[uri].cancel()
        pending[uri] = asyncio.get_running_loop().call_later(delay, publish, uri)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: types.DidOpenTextDocumentParams):
        schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params: types.DidChangeTextDocumentParams):
        schedule(params.text_document.uri, debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: types.DidSaveTextDocumentParams):
        schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        if uri in pending:
            pending.pop(uri).cancel()
        fixes.pop(uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls, params: types.CodeActionParams):
        uri = params.text_document.uri
        actions = []
        for fix in fixes.get(uri, ()):
            if not _overlaps(fix.range, params.range):
                continue
            actions.append(types.CodeAction(
                title=f"factlint: {fix.diagnostic.code} → {fix.text}", kind=types.CodeActionKind.QuickFix,
                diagnostics=[fix.diagnostic], is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=fix.range, new_text=fix.text)]})))
        return actions

    return server


def result_path(result, path: str) -> str:
    """The name the result gives the file at `path`."""
    real = os.path.realpath(path)
    return next((p for p in result.documents if os.path.realpath(p) == real), path)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p):
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def serve(args) -> None:
    import gc

    gc.enable()  # a long-running process: the CLI's start-up pause does not apply
    make_server(args.lang, args.debounce).start_io()

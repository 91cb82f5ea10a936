"""`factlint server`, driven by a real LSP client (pygls's) over stdio: the diagnostics of
an open seed, with the other sides as related locations; updates on change; the --fix
edits as code actions."""

import asyncio
import shutil
import sys

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from conftest import SEEDS

TIMEOUT = 120


@pytest.fixture
def project(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "factlint.toml").write_text('paths = ["seeds"]\n', encoding="utf-8")
    return tmp_path


class Session:
    """A client talking to `python -m factlint server` in the project folder."""

    def __init__(self, root):
        self.root = root
        self.client = LanguageClient("factlint-test", "1")
        self.published: dict[str, list] = {}
        self.changed = asyncio.Condition()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def on_diagnostics(params: types.PublishDiagnosticsParams):
            async with self.changed:
                self.published.setdefault(params.uri, []).append(params.diagnostics)
                self.changed.notify_all()

    async def start(self):
        await self.client.start_io(sys.executable, "-m", "factlint", "server", "--lang", "en",
                                   "--debounce", "0.2", cwd=self.root)
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(self.root))))
        self.client.initialized(types.InitializedParams())

    async def diagnostics(self, uri: str, count: int) -> list:
        """The `count`-th diagnostics published for `uri`."""
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: len(self.published.get(uri, [])) >= count),
                                   TIMEOUT)
        return self.published[uri][count - 1]

    def open(self, path, text):
        uri = from_fs_path(str(path))
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
        return uri

    async def stop(self):
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, TIMEOUT * 2))


def test_open_seed_gets_its_conflicts_with_the_other_sides(project):
    path = project / "seeds" / "003_d671c4e71e4553ce.txt"
    text = path.read_text(encoding="utf-8")

    async def scenario():
        s = Session(project)
        await s.start()
        try:
            uri = s.open(path, text)
            found = await s.diagnostics(uri, 1)
            # the misspelt president, on line 3 (0-based 2), column 85 (0-based 84)
            inham = [d for d in found if d.code == "person-name-spelling" and "Inham" in d.message]
            assert [(d.range.start.line, d.range.start.character) for d in inham] == [(2, 84), (20, 541)]
            assert all(d.severity == types.DiagnosticSeverity.Error and d.source == "factlint" for d in inham)
            related = inham[0].related_information
            where = {(r.location.uri.rsplit("/", 1)[-1], r.location.range.start.line) for r in related}
            assert ("000_cf5f54279f3bea86.txt", 28) in where  # "Ilham Aliyev" in another article
            assert ("001_470c9a7835538eab.txt", 4) in where
            # this article is the other side of the Tokayev misspelling in 001
            tokayev = [d for d in found if "Kassym-Jormat" in d.message]
            assert tokayev and any(r.location.uri.endswith("001_470c9a7835538eab.txt")
                                   for r in tokayev[0].related_information)
            # an edit that fixes the name is checked again after the pause in typing
            s.client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(
                    text=text.replace("Inham", "Ilham"))]))
            again = await s.diagnostics(uri, 2)
            assert not [d for d in again if "Inham" in d.message]
            assert [d for d in again if "Kassym-Jormat" in d.message]
        finally:
            await s.stop()

    run(scenario())


def test_fix_is_offered_as_a_code_action(project):
    path = project / "seeds" / "002_9e6953dc23a5de19.txt"

    async def scenario():
        s = Session(project)
        await s.start()
        try:
            uri = s.open(path, path.read_text(encoding="utf-8"))
            found = await s.diagnostics(uri, 1)
            case = next(d for d in found if d.code == "name-case")
            actions = await s.client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), range=case.range,
                context=types.CodeActionContext(diagnostics=[case])))
            assert len(actions) == 1
            edit = actions[0].edit.changes[uri][0]
            assert edit.new_text == "Tô Lâm" and edit.range == case.range
            # a fact is never offered a fix
            facts = [d for d in found if d.severity == types.DiagnosticSeverity.Error]
            for d in facts:
                assert not await s.client.text_document_code_action_async(types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
                    context=types.CodeActionContext(diagnostics=[d])))
        finally:
            await s.stop()

    run(scenario())

"""An editor's view of a playbook: yaml-language-server, spoken to over LSP, with the JSON Schema.

The playbook names the schema in its first line, as the README tells authors to:
``# yaml-language-server: $schema=playbook.schema.json``. The server must then report a value
of the wrong type, complete a severity's keys and show a key's description on hover.
Every wait is bounded, and the server is always killed.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from conftest import MINIMAL_PLAYBOOK, NODE_TOOLS, node_tool

from playbook.schema import schema_text

TIMEOUT = 30.0
SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}}
MODELINE = "# yaml-language-server: $schema=playbook.schema.json\n"
SERVER = NODE_TOOLS / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


class Client:
    """Just enough of an LSP client: framed JSON-RPC, answers to the server's own requests."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdin is not None and process.stdout is not None
        self.process, self.stdin = process, process.stdin
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        threading.Thread(target=self._read, args=(process.stdout,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if not line:
                return
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)["result"]

    def wait(self, wanted: Any) -> dict[str, Any]:
        """The next message ``wanted`` accepts, answering the server's requests meanwhile."""
        while True:
            try:
                message = self.messages.get(timeout=TIMEOUT)
            except queue.Empty:
                pytest.fail("the language server did not answer in time")
            if message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            elif "method" in message and "id" in message:  # a request from the server
                items = message.get("params", {}).get("items", [])
                result = (
                    [SETTINGS.get(item.get("section", ""), SETTINGS) for item in items] if items else None
                )
                self.send({"id": message["id"], "result": result})
            if wanted(message):
                return message


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    node = node_tool("yaml-language-server")
    (tmp_path / "playbook.schema.json").write_text(schema_text(), encoding="utf-8")
    process = subprocess.Popen(
        [node, str(SERVER), "--stdio"], cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        lsp = Client(process)
        capabilities = {
            "textDocument": {
                "completion": {"completionItem": {"snippetSupport": False}},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {},
            },
            "workspace": {"configuration": True},
        }
        lsp.request(
            "initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": capabilities}
        )
        lsp.notify("initialized", {})
        lsp.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
        yield lsp
    finally:
        process.kill()
        process.wait(timeout=10)


def open_document(client: Client, path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": document})
    return uri


def diagnostics(client: Client, uri: str) -> list[dict[str, Any]]:
    client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
    return client.diagnostics[uri]


def line_of(text: str, needle: str) -> int:
    """The 0-based line, as LSP counts, of the first line holding ``needle``."""
    return next(n for n, line in enumerate(text.splitlines()) if needle in line)


def test_a_valid_playbook_has_no_diagnostic(client: Client, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "playbook.yaml", MODELINE + MINIMAL_PLAYBOOK)
    assert diagnostics(client, uri) == []


def test_a_number_for_a_duration_is_reported_at_its_line(client: Client, tmp_path: Path) -> None:
    text = MODELINE + MINIMAL_PLAYBOOK.replace("respond_within: 15m", "respond_within: 15")
    uri = open_document(client, tmp_path / "playbook.yaml", text)
    found = diagnostics(client, uri)
    assert [d["range"]["start"]["line"] for d in found] == [line_of(text, "respond_within: 15")], found
    assert "string" in found[0]["message"].lower(), found


def test_an_unknown_key_is_reported(client: Client, tmp_path: Path) -> None:
    text = MODELINE + MINIMAL_PLAYBOOK.replace("    resolve_within: 1h\n", "    resolve_whithin: 1h\n")
    uri = open_document(client, tmp_path / "playbook.yaml", text)
    lines = {d["range"]["start"]["line"] for d in diagnostics(client, uri)}
    assert line_of(text, "resolve_whithin") in lines


def test_completion_in_a_severity_offers_its_keys(client: Client, tmp_path: Path) -> None:
    text = MODELINE + MINIMAL_PLAYBOOK.replace("    respond_within: 15m\n", "    \n", 1)
    uri = open_document(client, tmp_path / "playbook.yaml", text)
    line = line_of(text, "name: Critical") + 1
    result = client.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 4}}
    )
    items = result["items"] if isinstance(result, dict) else result
    labels = {item["label"] for item in items}
    assert {"respond_within", "update_every"} <= labels, sorted(labels)
    assert "name" not in labels  # already there


def test_hover_on_a_key_shows_its_description(client: Client, tmp_path: Path) -> None:
    text = MODELINE + MINIMAL_PLAYBOOK
    uri = open_document(client, tmp_path / "playbook.yaml", text)
    line = line_of(text, "respond_within: 15m")
    position = {"line": line, "character": 8}
    result = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    contents = result["contents"]
    shown = contents["value"] if isinstance(contents, dict) else json.dumps(contents)
    assert "How soon a responder must acknowledge" in shown, shown

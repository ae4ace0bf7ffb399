"""A stand-in Telegram Bot API server on 127.0.0.1 for end-to-end bot tests and the benchmark.

It answers ``/bot<token>/<method>`` with the real JSON shapes (``{"ok": true, "result": ...}``),
serves uploaded and queued files at ``/file/bot<token>/<path>``, records every call, long-polls
``getUpdates`` for real, and can inject faults (429 with retry_after, 502, slow answers).
Tests play the user: :meth:`StandIn.send_text`, :meth:`send_document`, :meth:`press`.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "123456:TEST-token-for-the-stand-in"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "PB Exchange", "username": "PBExchangeBot",
            "can_join_groups": False, "can_read_all_group_messages": False,
            "supports_inline_queries": False}
JSON_FIELDS = ("reply_markup", "entities", "allowed_updates", "link_preview_options",
               "caption_entities", "reply_parameters")


@dataclass
class Call:
    """One request the bot made: method name, decoded parameters, uploaded files, time."""

    method: str
    params: dict
    files: dict = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def markup(self) -> dict:
        return self.params.get("reply_markup") or {}

    def buttons(self) -> list[dict]:
        return [b for row in self.markup.get("inline_keyboard", []) for b in row]


@dataclass
class Fault:
    """An answer to give instead of the real one, once, to the next call of ``method``."""

    method: str
    status: int = 200
    retry_after: int | None = None
    delay: float = 0.0


class StandIn:
    """The server and the user's side of the conversation."""

    def __init__(self, token: str = TOKEN):
        self.token = token
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.webhook_url = ""
        self._updates: list[dict] = []
        self._files: dict[str, tuple[str, bytes]] = {}
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._file_ids = itertools.count(1)
        self._changed = threading.Condition()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- life cycle ------------------------------------------------------------------------

    def start(self) -> StandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._changed:
            self._changed.notify_all()
        self.server.shutdown()
        self.server.server_close()

    # --- the user's side ---------------------------------------------------------------------

    def _user(self, user_id, language_code, first_name="Ana"):
        return {"id": user_id, "is_bot": False, "first_name": first_name,
                "language_code": language_code}

    def push(self, update: dict) -> dict:
        """Queue an update for getUpdates; returns it (with its update_id)."""
        with self._changed:
            update = {"update_id": next(self._update_ids), **update}
            self._updates.append(update)
            self._changed.notify_all()
        return update

    def message(self, text: str = "", *, user_id: int = 42, chat_id: int | None = None,
                language_code: str = "en", **extra) -> dict:
        """A private-chat message update (not queued), with bot_command entities for /commands."""
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": {"id": chat_id or user_id, "type": "private", "first_name": "Ana"},
                   "from": self._user(user_id, language_code), **extra}
        if text:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0,
                                        "length": len(command)}]
        return {"message": message}

    def send_text(self, text: str, **kwargs) -> dict:
        return self.push(self.message(text, **kwargs))

    def add_file(self, data: bytes, *, name: str = "file") -> tuple[str, str]:
        """Store a file the bot may fetch with getFile; returns (file_id, file_path)."""
        number = next(self._file_ids)
        file_id, path = f"FILE{number}", f"documents/file_{number}_{name}"
        self._files[file_id] = (path, data)
        return file_id, path

    def send_document(self, filename: str, data: bytes, *, size: int | None = None,
                      **kwargs) -> dict:
        file_id, _path = self.add_file(data, name=filename)
        document = {"file_id": file_id, "file_unique_id": f"U{file_id}", "file_name": filename,
                    "mime_type": "application/octet-stream",
                    "file_size": len(data) if size is None else size}
        return self.push(self.message(document=document, **kwargs))

    def press(self, data: str, **kwargs) -> dict:
        """The user presses an inline button carrying ``data`` (queued for getUpdates)."""
        return self.push(self.callback(data, **kwargs))

    def callback(self, data: str, *, user_id: int = 42, chat_id: int | None = None,
                 message_id: int = 1, language_code: str = "en") -> dict:
        """A callback-query update for a button carrying ``data`` (not queued)."""
        message = {"message_id": message_id, "date": int(time.time()),
                   "chat": {"id": chat_id or user_id, "type": "private"}, "from": BOT_USER,
                   "text": "…"}
        return {"callback_query": {
            "id": f"cb{next(self._message_ids)}", "from": self._user(user_id, language_code),
            "chat_instance": "ci", "data": data, "message": message}}

    # --- what the bot did ----------------------------------------------------------------------

    def calls_to(self, method: str, *, chat_id: int | None = None, since: int = 0,
                 until: int | None = None) -> list[Call]:
        return [c for c in self.calls[since:until] if c.method == method
                and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))]

    def wait_for(self, method: str, *, count: int = 1, since: int = 0, timeout: float = 15,
                 chat_id: int | None = None, containing: str = "") -> list[Call]:
        """Wait until the bot made ``count`` calls of ``method`` (after call number ``since``)."""
        deadline = time.monotonic() + timeout
        found, checked = [], since
        while True:  # look at each call once (the benchmark waits for thousands)
            until = len(self.calls)
            found += [c for c in self.calls_to(method, chat_id=chat_id, since=checked,
                                               until=until) if containing in c.text]
            checked = until
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                seen = [(c.method, c.text[:120]) for c in self.calls[since:]]
                raise AssertionError(f"no {count} x {method} {containing!r} within {timeout}s; "
                                     f"calls: {seen}")
            time.sleep(0.01)

    def mark(self) -> int:
        """The current number of calls, to wait only for what comes next."""
        return len(self.calls)

    # --- the server -----------------------------------------------------------------------------

    def _handler_class(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                standin._serve(self)

            def do_POST(self):
                standin._serve(self)

        return Handler

    def _serve(self, request) -> None:
        path = urllib.parse.unquote(urllib.parse.urlparse(request.path).path)
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        file_prefix = f"/file/bot{self.token}/"
        if path.startswith(file_prefix):
            wanted = path[len(file_prefix):]
            found = next((data for p, data in self._files.values() if p == wanted), None)
            if found is None:
                return self._reply(request, 404, {"ok": False, "error_code": 404,
                                                  "description": "Not Found"})
            return self._raw(request, 200, found, "application/octet-stream")
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return self._reply(request, 401, {"ok": False, "error_code": 401,
                                              "description": "Unauthorized"})
        method = path[len(prefix):]
        params, files = self._params(request.headers.get("Content-Type", ""), body)
        self.calls.append(Call(method, params, files))
        fault = next((f for f in self.faults if f.method == method), None)
        if fault is not None:
            self.faults.remove(fault)
            if fault.delay:
                time.sleep(fault.delay)
            if fault.status == 429:
                return self._reply(request, 429, {
                    "ok": False, "error_code": 429,
                    "description": f"Too Many Requests: retry after {fault.retry_after}",
                    "parameters": {"retry_after": fault.retry_after}})
            if fault.status != 200:
                description = "Bad Gateway" if fault.status >= 500 else "Bad Request: injected"
                return self._reply(request, fault.status, {
                    "ok": False, "error_code": fault.status, "description": description})
        answer = getattr(self, "_" + method, None)
        if answer is None:
            return self._reply(request, 404, {"ok": False, "error_code": 404,
                                              "description": "Not Found: method not found"})
        try:
            result = answer(params, files)
        except (KeyError, ValueError) as error:
            return self._reply(request, 400, {"ok": False, "error_code": 400,
                                              "description": f"Bad Request: {error}"})
        return self._reply(request, 200, {"ok": True, "result": result})

    @staticmethod
    def _params(content_type: str, body: bytes) -> tuple[dict, dict]:
        params, files = {}, {}
        if content_type.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True)
                if part.get_filename():
                    files[name] = (part.get_filename(), payload)
                else:
                    params[name] = payload.decode()
        elif content_type.startswith("application/json"):
            params = json.loads(body or b"{}")
        else:
            params = {k: v[-1] for k, v in urllib.parse.parse_qs(body.decode()).items()}
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params, files

    def _reply(self, request, status: int, payload: dict) -> None:
        self._raw(request, status, json.dumps(payload).encode(), "application/json")

    @staticmethod
    def _raw(request, status: int, data: bytes, content_type: str) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        try:
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the bot stopped waiting (shutdown of a long poll)

    # --- Bot API methods (each returns the "result" of the real method) ------------------------

    def _message(self, params, **content) -> dict:
        chat_id = int(params.get("chat_id", 0))
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private"}, "from": BOT_USER, **content}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _getMe(self, params, files):
        return BOT_USER

    def _getUpdates(self, params, files):
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates or time.monotonic() >= deadline:
                    return self._updates[:limit]
                self._changed.wait(max(deadline - time.monotonic(), 0))

    def _sendMessage(self, params, files):
        return self._message(params, text=params.get("text", ""))

    def _store_upload(self, params, files, field_name) -> tuple[str, int]:
        if field_name in files:
            name, data = files[field_name]
            file_id, _path = self.add_file(data, name=name)
            return file_id, len(data)
        return str(params.get(field_name, "")), 0

    def _sendDocument(self, params, files):
        file_id, size = self._store_upload(params, files, "document")
        name = files.get("document", ("file",))[0]
        return self._message(params, caption=params.get("caption", ""), document={
            "file_id": file_id, "file_unique_id": "U" + file_id, "file_name": name,
            "file_size": size})

    def _sendPhoto(self, params, files):
        file_id, size = self._store_upload(params, files, "photo")
        return self._message(params, caption=params.get("caption", ""), photo=[
            {"file_id": file_id, "file_unique_id": "U" + file_id, "width": 860, "height": 400,
             "file_size": size}])

    def _editMessageText(self, params, files):
        message = self._message(params, text=params.get("text", ""))
        message["message_id"] = int(params.get("message_id") or 0)
        message["edit_date"] = int(time.time())
        return message

    def _editMessageReplyMarkup(self, params, files):
        message = self._message(params, text="…")
        message["message_id"] = int(params.get("message_id") or 0)
        return message

    def _answerCallbackQuery(self, params, files):
        return True

    def _setWebhook(self, params, files):
        self.webhook_url = params.get("url", "")
        return True

    def _deleteWebhook(self, params, files):
        self.webhook_url = ""
        return True

    def _getWebhookInfo(self, params, files):
        return {"url": self.webhook_url, "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}

    def _setMyCommands(self, params, files):
        return True

    def _getFile(self, params, files):
        file_id = params.get("file_id", "")
        if file_id not in self._files:
            raise KeyError(file_id)
        path, data = self._files[file_id]
        return {"file_id": file_id, "file_unique_id": "U" + file_id, "file_size": len(data),
                "file_path": path}

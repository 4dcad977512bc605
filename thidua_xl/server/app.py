"""The ASGI app of ``thidua serve``: xlwings Server's FastAPI app carrying our functions, scripts, manifest
and task pane, inside a thin outer app that adds the downloads, the request size limit and a log without
personal data.

xlwings Server is configured through its ``XLWINGS_*`` settings, read once when it is first imported, so
:func:`create_app` sets them first (and ``XLWINGS_ON_SERVER=true`` before xlwings is imported). Our
``custom_functions`` / ``custom_scripts`` modules are built in memory and registered under the names its
router imports; its "custom" auth provider checks the school's token (:mod:`thidua_xl.server.tokens`).

``uvicorn thidua_xl.server.app:create_app --factory`` runs it; ``thidua serve`` does that with checks.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import sys
import time
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException, Request, status
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from thidua_xl.errors import InputError
from thidua_xl.messages import t
from thidua_xl.server import (
    DEFAULT_MAX_MB,
    MANIFEST_ID,
    MAX_MB_ENV,
    NAMESPACE,
    PROJECT_NAME,
    SITE,
    addin,
    downloads,
    functions,
    scripts,
)
from thidua_xl.server.tokens import TokenStore

log = logging.getLogger("thidua_xl.server")

# xlwings Server settings (environment variables it reads when first imported). Forced: what makes it our
# add-in. Defaults: what a ward may change (log level, the public host name used in the manifest, ...).
FORCED = {
    "XLWINGS_ON_SERVER": "true",  # before the first `import xlwings`, or it lists no function (silently)
    "XLWINGS_PROJECT_DIR": str(SITE),  # our templates and static files (no Python files there)
    "XLWINGS_PROJECT_NAME": PROJECT_NAME,
    "XLWINGS_FUNCTIONS_NAMESPACE": NAMESPACE,
    "XLWINGS_ENVIRONMENT": "prod",
    "XLWINGS_MANIFEST_ID_PROD": MANIFEST_ID,
    "XLWINGS_AUTH_PROVIDERS": '["custom"]',
    "XLWINGS_ENABLE_SOCKETIO": "false",  # no Redis, no streaming functions: plain HTTP requests
    "XLWINGS_ENABLE_HOTRELOAD": "false",
    "XLWINGS_ENABLE_EXAMPLES": "false",
    "XLWINGS_ENABLE_WASM": "false",
    "XLWINGS_CDN_OFFICEJS": "false",  # office.js from the server itself: no third-party host
}
DEFAULTS = {"XLWINGS_LOG_LEVEL": "INFO", "XLWINGS_REQUEST_TIMEOUT": "600"}


def configure_environment() -> None:
    os.environ.update(FORCED)
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    config = sys.modules.get("xlwings_server.config")
    if config is not None:  # `import xlwings_server` alone reads the settings: read them again, in place
        if "xlwings_server.main" in sys.modules:
            raise RuntimeError("xlwings Server was started before thidua_xl configured it")
        config.PROJECT_DIR = SITE
        if str(SITE) not in sys.path:
            sys.path.insert(0, str(SITE))
        fresh = config.Settings()
        for name in type(fresh).model_fields:
            setattr(config.settings, name, getattr(fresh, name))


# ----------------------------------------------------------------------------- auth


async def validate_token(token_string: str) -> Any:
    """xlwings Server's custom auth provider: the school whose token is in the Authorization header."""
    from xlwings_server.models import User  # heavy: licence-gated server package

    try:
        school = TokenStore().verify(token_string)
    except InputError as exc:
        raise HTTPException(status_code=status.HTTP_500_INTERNAL_SERVER_ERROR, detail=str(exc)) from None
    if school is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail=t("server.auth_failed"))
    return User(id=school, name=school)


# ----------------------------------------------------------------------------- log without personal data


class NoPersonalData(logging.Filter):
    """Keeps staff data out of the log: an exception is logged by its type only (its text may quote a
    cell), a traceback is dropped, and a request line loses its query string (the alert dialog carries
    the closing message, which may name a person, in its URL)."""

    CALLED = re.compile(r'^(Function|Script) "(.*)" called by', re.S)

    def __init__(self, known: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.known = known  # the function and script names, logged as they are; any other name is not

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(("Function ", "Script ")):
            text = record.getMessage()
            m = self.CALLED.match(text)
            if m and m.group(2) not in self.known:
                record.msg, record.args = text.replace(f'"{m.group(2)}"', '"?"', 1), ()
        if isinstance(record.msg, BaseException):
            record.msg, record.args = f"{type(record.msg).__name__} (chi tiết không ghi vào nhật ký)", ()
        if record.exc_info:
            exc = record.exc_info[1]
            record.msg, record.args = f"{record.getMessage().splitlines()[0][:120]} [{type(exc).__name__}]", ()
            record.exc_info, record.exc_text = None, None
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) >= 3:
            args = list(record.args)
            args[2] = str(args[2]).split("?", 1)[0]
            record.args = tuple(args)
        return True


LOGGERS = ("xlwings_server", "xlwings_server.main", "xlwings_server.routers.xlwings", "xlwings_server.dependencies",
           "uvicorn.error", "uvicorn.access", "thidua_xl.server")


def install_log_filter(known: frozenset[str] = frozenset()) -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, NoPersonalData)]:
            logger.removeFilter(old)
        logger.addFilter(NoPersonalData(known))


# ----------------------------------------------------------------------------- request size limit


class SizeLimit:
    """ASGI middleware: a request body above ``max_bytes`` gets 413 with a Vietnamese reason (by its
    Content-Length before anything is read, or while a chunked body streams in)."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, send: Any, size: int) -> None:
        body = t("server.too_large", size=round(size / 2**20, 1), limit=round(self.max_bytes / 2**20, 1))
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
        await send({"type": "http.response.body", "body": body.encode("utf-8")})

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(send, int(length))
            return
        seen = 0
        started = refused = False

        async def limited_receive() -> Any:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes and not refused:
                    refused = True
                    if not started:
                        await self._refuse(send, seen)
                    return {"type": "http.disconnect"}  # the app stops reading; its answer is dropped
            return message

        async def tracked_send(message: Any) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except Exception:
            if not refused:
                raise


def max_bytes() -> int:
    try:
        mb = float(os.environ.get(MAX_MB_ENV) or DEFAULT_MAX_MB)
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 2**20)


# ----------------------------------------------------------------------------- the app

_APP: Any = None


def create_app() -> Any:
    """The app (built once per process: xlwings Server's settings are read once)."""
    global _APP
    if _APP is None:
        _APP = _build()
    return _APP


def _build() -> Any:
    configure_environment()
    sys.modules[functions.MODULE_NAME] = function_module = functions.build_module()
    sys.modules[scripts.MODULE_NAME] = script_module = scripts.build_module()
    known = frozenset(n for n in (*vars(function_module), *vars(script_module)) if not n.startswith("_"))

    import xlwings_server.auth.custom as custom_auth  # heavy: licence-gated server package, now configured
    from xlwings_server import dependencies as dep  # heavy: licence-gated server package
    from xlwings_server import main as xw_main  # heavy: licence-gated server package
    from xlwings_server.templates import templates  # heavy: licence-gated server package

    custom_auth.validate_token = validate_token  # type: ignore[assignment]
    if importlib.util.find_spec("pyodide") is None:
        # Not in Pyodide, so no cell is Pyodide's JsNull; xlwings asks by trying `from pyodide.ffi import
        # JsNull` once per cell of every range, a failing import each time (a 1,000-row table call: 1.1 s → 0.4 s)
        import xlwings.utils  # heavy: xlwings, imported by the server above anyway

        xlwings.utils.is_jsnull = _never_jsnull
    templates.env.globals["thidua"] = addin.site_context()
    install_log_filter(known)

    outer = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @outer.get("/static/js/ribbon.js")
    async def ribbon_js() -> Response:
        return Response(addin.ribbon_js(), media_type="text/javascript")

    @outer.post("/thidua/tai-ve/{kind}")
    async def download(kind: str, request: Request, user: Any = Depends(dep.get_user)) -> Response:  # noqa: B008
        spec = downloads.BY_KIND.get(kind)
        if spec is None:
            return PlainTextResponse(t("server.unknown_download", kind=kind[:40]), status_code=404)
        started = time.perf_counter()
        payload = None
        if spec.needs_book:
            try:
                payload = await request.json()
                if not isinstance(payload, dict) or not isinstance(payload.get("sheets"), list):
                    raise ValueError
            except ValueError:
                return PlainTextResponse(t("server.bad_payload"), status_code=400)
        try:
            made = await run_in_threadpool(_download, kind, payload)
        except InputError as exc:
            log.info("download %s by %s: input error", kind, user.name)
            return PlainTextResponse(t("excel.error.input", action=spec.label, error=exc), status_code=400)
        except Exception as exc:  # noqa: BLE001 - a sentence for the user; only the type goes to the log
            log.warning("download %s by %s failed: %s", kind, user.name, type(exc).__name__)
            return PlainTextResponse(t("server.download.failed", action=spec.label, error=type(exc).__name__),
                                     status_code=500)
        log.info("download %s by %s: %d bytes in %.2f s", kind, user.name, len(made.data),
                 time.perf_counter() - started)
        return Response(made.data, media_type=made.media_type, headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(made.name)}",
            "X-Thidua-Filename": quote(made.name),
            "X-Thidua-Message": quote(made.message),
            "Cache-Control": "no-store",
        })

    outer.mount("/", xw_main.main_app)
    return SizeLimit(outer, max_bytes())


def _never_jsnull(value: Any) -> bool:
    return False


def _download(kind: str, payload: dict[str, Any] | None) -> Any:
    if payload is None:
        return downloads.make(kind, None)
    import xlwings as xw  # heavy: xlwings' remote Book (licence-gated)

    with xw.Book(json=payload) as book:
        return downloads.make(kind, book)

"""``thidua serve [--host 127.0.0.1] [--port 8000] [--workers N]`` and ``thidua serve token add TRUONG``: the
"Thi đua" ribbon, task pane and THIDUA.TDKT_ functions served to schools by a ward or Sở (xlwings Server)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from thidua_xl.cli import EXIT_INPUT, EXIT_OK
from thidua_xl.messages import t
from thidua_xl.server import DEFAULT_MAX_MB, LICENSE_ENV, MAX_MB_ENV
from thidua_xl.server.tokens import TokenStore
from thidua_xl.text import clean

NAME = "serve"
ORDER = 90
HELP = "Chạy máy chủ add-in Thi đua cho các trường (serve the Office.js add-in to schools: xlwings Server)"
DESCRIPTION = (
    "Chạy máy chủ phục vụ add-in Office.js \"Thi đua\": thẻ ribbon, ngăn tác vụ và các hàm =THIDUA.TDKT_ cho Excel "
    "365, Excel 2021, Excel trên web và Mac, không cần cài Python ở máy trường. Cần gói phụ server (pip install "
    "\"thidua_xl[server]\") và khóa giấy phép xlwings (XLWINGS_LICENSE_KEY; 'noncommercial' cho trường học, cơ "
    "quan nhà nước theo PolyForm Noncommercial). Mặc định chỉ nghe ở 127.0.0.1; nghe ra ngoài phải có HTTPS "
    "(--cert/--key, hoặc --sau-proxy sau nginx/IIS). Mỗi trường một mã truy cập: thidua serve token add TRƯỜNG. "
    "Xem docs/server.md.\n"
    "Serve the Office.js add-in (ribbon tab, task pane, =THIDUA.TDKT_ functions) to schools with nothing installed "
    "locally. Needs the server extra and an xlwings licence key; localhost by default, HTTPS required otherwise; "
    "one access token per school.\n\n"
    "Mã thoát (exit codes): 0 = đã dừng bình thường / xong (stopped, done); 2 = thiếu giấy phép, thiếu gói, thiếu "
    "HTTPS hoặc tham số sai (missing licence, extra or HTTPS; bad arguments)."
)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1",
                   help="địa chỉ nghe, mặc định 127.0.0.1 (chỉ máy này) (listen address; default: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="cổng, mặc định 8000 (port)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="số tiến trình; một lệnh bảng lớn chiếm một tiến trình đến khi xong, mặc định 1 (worker "
                        "processes; a large table call blocks its worker)")
    p.add_argument("--cert", type=Path, default=None, metavar="TỆP.pem",
                   help="chứng chỉ HTTPS (TLS certificate), đi cùng --key")
    p.add_argument("--key", type=Path, default=None, metavar="TỆP.key", help="khóa riêng của chứng chỉ (TLS key)")
    p.add_argument("--sau-proxy", "--behind-proxy", dest="behind_proxy", action="store_true",
                   help="nginx/IIS phía trước lo HTTPS và chuyển yêu cầu tới đây (a reverse proxy terminates "
                        "HTTPS; X-Forwarded-* headers are trusted from --proxy-ip)")
    p.add_argument("--proxy-ip", default="127.0.0.1",
                   help="địa chỉ của proxy được tin, mặc định 127.0.0.1 (trusted proxy address)")
    p.add_argument("--ten-mien", "--public-host", dest="public_host", default=None, metavar="TÊN.MIỀN",
                   help="tên miền công khai ghi trong manifest, ví dụ thidua.phuong.gov.vn (public host name used "
                        "in the manifest; default: the host each request names)")
    p.add_argument("--gioi-han-mb", "--max-mb", dest="max_mb", type=float, default=None, metavar="MB",
                   help=f"giới hạn dung lượng một yêu cầu, mặc định {DEFAULT_MAX_MB} MB (request size limit)")
    sub = p.add_subparsers(dest="serve_command", metavar="LỆNH")
    tok = sub.add_parser("token", help="mã truy cập của các trường (schools' access tokens)",
                         description="Cấp, liệt kê, thu hồi mã truy cập (issue, list, revoke access tokens).")
    tsub = tok.add_subparsers(dest="token_command", metavar="LỆNH", required=True)
    add = tsub.add_parser("add", help="cấp mã mới cho một trường (issue a token; replaces the old one)",
                          description="Cấp mã truy cập mới cho một trường (issue a new token for a school).")
    add.add_argument("school", metavar="TRƯỜNG", help="tên trường (school name)")
    tsub.add_parser("list", help="liệt kê các trường có mã (list schools)",
                    description="Liệt kê các trường có mã truy cập (list schools with a token).")
    rm = tsub.add_parser("remove", help="thu hồi mã của một trường (revoke a school's token)",
                         description="Thu hồi mã truy cập của một trường (revoke a school's token).")
    rm.add_argument("school", metavar="TRƯỜNG", help="tên trường (school name)")


def _tokens(args: argparse.Namespace) -> int:
    store = TokenStore()
    if args.token_command == "add":
        token = store.add(args.school)
        print(t("server.token_added", school=clean(args.school), token=token, path=store.path))
        return EXIT_OK
    if args.token_command == "remove":
        if not store.remove(args.school):
            print(t("server.token_unknown", school=args.school), file=sys.stderr)
            return EXIT_INPUT
        print(t("server.token_removed", school=args.school))
        return EXIT_OK
    schools = store.load()
    if not schools:
        print(t("server.token_list_empty"))
        return EXIT_OK
    print(t("server.token_list", n=len(schools), path=store.path))
    for school, entry in sorted(schools.items()):
        print(f"  {school}  ({entry.get('created', '')})")
    return EXIT_OK


def refusal(args: argparse.Namespace) -> str | None:
    """Why the server must not start with these settings (Vietnamese), or None."""
    if not os.environ.get(LICENSE_ENV, "").strip():
        return t("server.no_license")
    if (args.cert is None) != (args.key is None):
        return t("server.cert_pair")
    for path in (args.cert, args.key):
        if path is not None and not path.is_file():
            return t("server.cert_missing", path=path)
    if args.host not in LOCAL_HOSTS and args.cert is None and not args.behind_proxy:
        return t("server.needs_https", host=args.host)
    return None


def run(args: argparse.Namespace) -> int:
    if args.serve_command == "token":
        return _tokens(args)
    reason = refusal(args)
    if reason:
        print(f"Lỗi: {reason}", file=sys.stderr)
        return EXIT_INPUT
    # xlwings Server reads its settings when first imported: only look for it here (the app configures it)
    missing = [name for name in ("xlwings_server", "fastapi", "uvicorn") if importlib.util.find_spec(name) is None]
    if missing:
        print(f"Lỗi: {t('server.no_extra', error=', '.join(missing))}", file=sys.stderr)
        return EXIT_INPUT
    import uvicorn  # heavy: the web server, only when serving
    if not TokenStore().load():
        print(t("server.no_tokens"), file=sys.stderr)
    if args.max_mb is not None:
        os.environ[MAX_MB_ENV] = str(args.max_mb)
    if args.public_host:
        os.environ["XLWINGS_HOSTNAME"] = args.public_host
    scheme = "https" if args.cert else "http"
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(t("server.starting", url=f"{scheme}://{host}:{args.port}", workers=args.workers), flush=True)
    uvicorn.run("thidua_xl.server.app:create_app", factory=True, host=args.host, port=args.port,
                workers=max(1, args.workers), ssl_certfile=args.cert, ssl_keyfile=args.key,
                proxy_headers=args.behind_proxy, forwarded_allow_ips=args.proxy_ip, server_header=False,
                log_level=os.environ.get("XLWINGS_LOG_LEVEL", "info").lower())
    return EXIT_OK

"""The first page of each document of the demo dossier as a small PNG, for docs/reports.md.

    .venv/bin/python benchmarks/render_pages.py [--out docs/img] [--dpi 70]

Makes the dossier of ``workbooks/demo_thcs.xlsx`` with PDFs (``thidua report --pdf``: LibreOffice, the same
conversion as :mod:`thidua_xl.reports.pdf`), then renders page 1 of each document with ``pdftoppm``
(poppler-utils) into ``docs/img/<document>.png`` — one per document, the first achievement report for the
báo cáo thành tích. The images are reduced to 16 grey levels when Pillow is installed, to stay small.
Needs ``soffice`` and ``pdftoppm`` (``apt-get install libreoffice-writer-nogui poppler-utils``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thidua_xl import api  # noqa: E402 - after the path set-up, so the script runs from a checkout
from thidua_xl.reports import DOCUMENTS  # noqa: E402

DEMO = ROOT / "workbooks" / "demo_thcs.xlsx"


def first_pages(out: Path, dpi: int) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("Cần pdftoppm (apt-get install poppler-utils).")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="thidua_pages_") as tmp:
        result = api.report(DEMO, Path(tmp) / "ho_so", pdf=True, bundle=False)
        if result.pdf_missing:
            raise SystemExit("Cần LibreOffice (apt-get install libreoffice-writer-nogui).")
        for template, name in DOCUMENTS.items():
            target = Path(tmp) / "ho_so" / name
            pdf = sorted(target.glob("*.pdf"))[0] if target.is_dir() else target.with_suffix(".pdf")
            png = out / f"{Path(name).stem}.png"
            prefix = Path(tmp) / Path(name).stem
            subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(prefix)], check=True)
            _shrink(prefix.with_suffix(".png"), png)
            written.append(png)
            print(f"{template}: {png.relative_to(ROOT) if png.is_relative_to(ROOT) else png} "
                  f"({png.stat().st_size // 1024} KB)")
    return written


def _shrink(src: Path, dst: Path) -> None:
    try:
        from PIL import Image
    except ImportError:  # Pillow is optional: the PNG as rendered
        shutil.copyfile(src, dst)
        return
    with Image.open(src) as im:
        im.convert("L").quantize(16).save(dst, optimize=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    p.add_argument("--dpi", type=int, default=70)
    args = p.parse_args(argv)
    first_pages(args.out, args.dpi)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

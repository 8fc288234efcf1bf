"""Copy the NHS.UK design system and axe-core from node_modules into static/ (``make frontend``).

What it writes, all git-ignored and served through ``STATICFILES_DIRS``:

- ``static/nhsuk/nhsuk-frontend.min.css`` (+ ``.map``), rewritten so that it needs no other host:
  the ``/assets/...`` icon URLs become relative to the CSS file, and the ``@font-face`` rules that
  fetch Frutiger from assets.nhs.uk are dropped (the font stack falls back to Arial);
- ``static/nhsuk/nhsuk-frontend.min.js`` (+ ``.map``), the ES module that ``core/static/core/init.js`` imports;
- ``static/nhsuk/assets/`` (icons, favicons, manifest);
- ``static/vendor/axe.min.js``, for the accessibility checks of the browser tests only.

It fails, with the reason, when a file is missing (run ``npm ci`` first) or when the CSS would
still send the browser to ``/assets/`` or to another host. Files that are already up to date
are left alone, so running it again costs a few milliseconds.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NHSUK_DIST = ROOT / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NHSUK_OUT = ROOT / "static" / "nhsuk"
VENDOR_OUT = ROOT / "static" / "vendor"

CSS = "nhsuk-frontend.min.css"
COPIED_AS_IS = [f"{CSS}.map", "nhsuk-frontend.min.js", "nhsuk-frontend.min.js.map"]

FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
# url(/assets/x), url("/assets/x") or url('/assets/x'): the quote, if any, is kept.
ABSOLUTE_ASSET_URL = re.compile(r"""url\(\s*(["']?)/assets/""")
REMOTE_URL = re.compile(r"""https?://[^\s"')]+""")
# XML namespaces (an inline SVG's xmlns) name a URL but are never fetched.
NAMESPACES = ("http://www.w3.org/",)
PROTOCOL_RELATIVE_URL = re.compile(r"""url\(\s*["']?(//[^"')]*)""")


class BuildError(Exception):
    """The front-end files cannot be built as they are; the message says why."""


def rewrite_css(css: str) -> str:
    """The compiled CSS with no font from another host and asset URLs relative to the CSS file."""
    kept = FONT_FACE.sub(lambda match: "" if REMOTE_URL.search(match.group()) else match.group(), css)
    # The CSS sits in static/nhsuk/ next to assets/, so /assets/x becomes assets/x.
    kept = ABSOLUTE_ASSET_URL.sub(r"url(\1assets/", kept)
    leftovers = sorted(set(re.findall(r"""url\(\s*["']?(/assets/[^"')]*)""", kept)))
    if leftovers:
        raise BuildError(f"{CSS} still has absolute /assets/ URLs: {', '.join(leftovers)}")
    remote = {url for url in REMOTE_URL.findall(kept) if not url.startswith(NAMESPACES)}
    remote = sorted(remote | set(PROTOCOL_RELATIVE_URL.findall(kept)))
    if remote:
        raise BuildError(f"{CSS} still points at other hosts: {', '.join(remote)}")
    return kept


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless ``path`` already holds it; True when it wrote."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def copy_if_changed(source: Path, target: Path) -> bool:
    """Copy a file unless the target has the same size and is at least as new; True when it copied."""
    if not source.is_file():
        raise BuildError(f"{source.relative_to(ROOT)} is missing: run `npm ci` (or `make frontend`) first")
    if target.is_file():
        have, want = target.stat(), source.stat()
        if have.st_size == want.st_size and have.st_mtime >= want.st_mtime:
            return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return True


def build() -> list[Path]:
    """Write every front-end file that is missing or out of date; return those written."""
    source_css = NHSUK_DIST / CSS
    if not source_css.is_file():
        raise BuildError(f"{source_css.relative_to(ROOT)} is missing: run `npm ci` (or `make frontend`) first")
    written = []
    if write_if_changed(NHSUK_OUT / CSS, rewrite_css(source_css.read_text(encoding="utf-8")).encode()):
        written.append(NHSUK_OUT / CSS)
    copies = [(NHSUK_DIST / name, NHSUK_OUT / name) for name in COPIED_AS_IS]
    assets = NHSUK_DIST / "assets"
    if not assets.is_dir():
        raise BuildError(f"{assets.relative_to(ROOT)} is missing: run `npm ci` (or `make frontend`) first")
    copies += [(path, NHSUK_OUT / path.relative_to(NHSUK_DIST)) for path in sorted(assets.rglob("*")) if path.is_file()]
    copies.append((AXE, VENDOR_OUT / "axe.min.js"))
    written += [target for source, target in copies if copy_if_changed(source, target)]
    return written


def main() -> int:
    try:
        written = build()
    except BuildError as error:
        print(f"build_frontend: {error}", file=sys.stderr)
        return 1
    print(f"build_frontend: {len(written)} file(s) updated in static/nhsuk and static/vendor")
    return 0


if __name__ == "__main__":
    sys.exit(main())

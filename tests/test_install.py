"""The install a new user makes: `pip install newsarchive` with the pip that Python 3.11
bundles (23.2). scripts/check-install does it for real in CI (a plain venv, minutes on the
package index); these are the fast checks of the same causes."""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
VENDORED = ROOT / "archive" / "_vendor" / "readability"

# sha256 of each file as the readability_lxml-0.9 wheel's RECORD gives it
READABILITY_0_9_RECORD = {
    "__init__.py": "gJkLuSKHxcjW9csU92VAfGN4MOQ5CTAtIu-xBWJtC1k",
    "browser.py": "wUokLlGmb03uO_mUB55k4b4Y2cGCwLqjiq_Dr3h1d70",
    "cleaners.py": "CXW4VWIj0fpjCTM6-Zjmd-FhWKWe4svvsfpg2XbNaqE",
    "debug.py": "0dnRdQfDbbE4XRwAwawM2Km8sLSJS_I85sYWL6gEblc",
    "encoding.py": "xZtOSeicnLu77AZHtdsEiJ-ToswWGnGEksPOvrDsRkk",
    "htmls.py": "OaahShbyWtVaxa4J14c7TiQNUPjPKKPkTRPP0-x2ClY",
    "readability.py": "7C5eBzhG9vluT8-h4FWXjhhcvcENZwGHuQtHkLNEIz4",
    "LICENSE": "xx0jnfkXJvxRnG63LTGOxlggYnIysveWIZ6H3PNdCrQ",
    "NOTICE": "rk4r5I0_G9_xBnAouDbZsi4j5YhKMbcWnVvGmGJftLI",
}


def _extra_key(extra: str) -> str:
    # PEP 685: extras compare as normalised names (pip 23.3 and later do; 23.2 does not)
    return re.sub(r"[-_.]+", "-", extra).lower()


def _closure() -> list[Requirement]:
    """Every requirement of the project and its extras, and of what they require in
    turn, as installed in this environment."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pending = [Requirement(text) for text in project["dependencies"]]
    for group in project.get("optional-dependencies", {}).values():
        pending += [Requirement(text) for text in group]
    seen: set[tuple[str, frozenset[str]]] = set()
    found: list[Requirement] = []
    while pending:
        req = pending.pop()
        found.append(req)
        key = (canonicalize_name(req.name), frozenset(_extra_key(e) for e in req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = importlib.metadata.distribution(req.name)
        except importlib.metadata.PackageNotFoundError:
            continue
        extras = {""} | set(req.extras)
        for text in dist.requires or ():
            sub = Requirement(text)
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in extras):
                pending.append(sub)
    return found


def test_no_extra_is_asked_for_under_two_spellings() -> None:
    """pip 23.2 (Python 3.11's bundled pip) stops with `AssertionError: ... lxml[html-clean,
    html-clean]` when one requirement asks for `lxml[html-clean]` and another for
    `lxml[html_clean]`: readability-lxml 0.9 and justext did. Every extra in the project's
    requirements, direct or not, has one spelling."""
    spellings: dict[tuple[str, str], set[str]] = {}
    closure = _closure()
    for req in closure:
        for extra in req.extras:
            spellings.setdefault((canonicalize_name(req.name), _extra_key(extra)), set()).add(extra)
    # the walk reached the requirements of requirements (justext comes from trafilatura)
    assert {"justext", "lxml"} <= {canonicalize_name(req.name) for req in closure}
    clashes = {key: sorted(found) for key, found in spellings.items() if len(found) > 1}
    assert clashes == {}


def test_vendored_readability_is_the_release_unchanged() -> None:
    """archive/_vendor/readability is readability-lxml 0.9 byte for byte, with its licence
    and notice (Apache-2.0), and nothing imports the readability-lxml package itself."""
    for name, digest in READABILITY_0_9_RECORD.items():
        data = (VENDORED / name).read_bytes()
        got = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert got == digest, name
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(canonicalize_name(Requirement(text).name) == "readability-lxml"
                   for text in project["dependencies"])
    importers = []
    for folder in ("archive", "crawler", "spiders", "bench", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            if VENDORED in path.parents:
                continue
            if re.search(r"^\s*(from|import) readability\b", path.read_text(encoding="utf-8"),
                         re.M):
                importers.append(str(path.relative_to(ROOT)))
    assert importers == []

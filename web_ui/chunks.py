"""Which of the built app's script chunks a page's module needs (Vite's build manifest, dist/.vite/manifest.json): the
web app server names them in modulepreload links, so a phone fetches them with the app's own script, not after it."""

import json
from functools import lru_cache
from pathlib import Path

MANIFEST = Path(".vite") / "manifest.json"
ENTRY = "index.html"


def preloads(dist: Path, sources: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The addresses (/assets/…) of the script chunks of sources (the pages' module files, as the manifest names
    them) and of what they import, less what index.html loads already; and of their style sheets, which the app
    would otherwise ask for only once those chunks have run. ([], []) without a manifest."""
    path = dist / MANIFEST
    try:
        manifest = _read(path, path.stat().st_mtime_ns)
    except (OSError, ValueError):
        return [], []
    loaded = _closure(manifest, [ENTRY])
    wanted = [key for key in _closure(manifest, [s for s in sources if s in manifest]) if key not in loaded]
    styles = {sheet: None for key in wanted for sheet in manifest[key].get("css", [])}
    return [f"/{manifest[key]['file']}" for key in wanted], [f"/{sheet}" for sheet in styles]


@lru_cache(maxsize=4)
def _read(path: Path, _modified: int) -> dict:
    """The manifest, read again only when the build changes it."""
    return json.loads(path.read_text(encoding="utf-8"))


def _closure(manifest: dict, keys: list[str]) -> list[str]:
    """keys and every chunk they import, in first-seen order."""
    found, todo = {}, list(keys)
    while todo:
        key = todo.pop(0)
        if key not in found and key in manifest:
            found[key] = None
            todo += manifest[key].get("imports", [])
    return list(found)

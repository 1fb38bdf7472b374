"""The repository holds sources only: no installed packages, virtual environment, build output, local settings or
registry addresses, whatever form they take (a link committed from a worktree is one)."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NEVER_TRACKED = ("node_modules", ".venv", "venv", "dist", ".env", "__pycache__")


def _tracked() -> list[str]:
    try:
        listing = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=30)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [name for name in listing.stdout.decode().split("\0") if name]


def test_no_installed_packages_environments_build_output_or_settings_are_tracked():
    tracked = [name for name in _tracked() if set(Path(name).parts) & set(NEVER_TRACKED)]
    assert tracked == []


def test_the_lockfile_names_no_registry():
    lockfile = (ROOT / "frontend" / "package-lock.json").read_text()
    assert '"resolved":' not in lockfile
    assert "omit-lockfile-registry-resolved=true" in (ROOT / "frontend" / ".npmrc").read_text()

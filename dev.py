#!/usr/bin/env python3
"""The two commands: `python3 dev.py run` starts everything, `python3 dev.py test` runs every test.

Both create a virtual environment in .venv and install the pinned requirements into it on first use;
later runs reinstall only when a requirements file changed, so they are fast the second time.
"""
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _requirements_digest(requirements: Path) -> str:
    """Hash of a requirements file and the files it includes with -r."""
    digest = hashlib.sha256()
    for path in sorted({requirements, ROOT / "requirements.txt"}):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_environment(requirements: Path) -> None:
    """Create .venv and install requirements unless the same set is already installed."""
    if not PYTHON.exists():
        print(f"Creating virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{requirements.stem}-{_requirements_digest(requirements)}"
    if stamp.exists():
        return
    print(f"Installing {requirements.name} ...", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(requirements)],
                   check=True)
    for old in VENV.glob(f".installed-{requirements.stem}-*"):
        old.unlink()
    stamp.touch()


def run(args: list[str]) -> int:
    """Install what is needed and start the whole system."""
    ensure_environment(ROOT / "requirements.txt")
    return subprocess.call([str(PYTHON), str(ROOT / "start_services.py"), *args])


def test(args: list[str]) -> int:
    """Install what is needed and run the whole test suite."""
    ensure_environment(ROOT / "requirements-dev.txt")
    return subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)


COMMANDS = {"run": run, "test": test}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        print("usage: python3 dev.py run [--dev] | python3 dev.py test [pytest options]")
        return 2
    try:
        return COMMANDS[sys.argv[1]](sys.argv[2:])
    except KeyboardInterrupt:
        return 130
    except subprocess.CalledProcessError as exc:
        print(f"Set-up step failed (exit {exc.returncode}): {' '.join(map(str, exc.cmd))}", file=sys.stderr)
        return exc.returncode


if __name__ == "__main__":
    sys.exit(main())

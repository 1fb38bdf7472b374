"""The import contracts in .importlinter hold: layers of main_app and crm_microservice, the domain packages one way,
delivery/ free of domains, the domains free of the edge. dev.py's lint step runs the same check."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_import_contract_is_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

"""dev.py's set-up steps: what they redo and what they leave alone."""

import subprocess

import pytest

import dev


@pytest.fixture
def empty_venv(monkeypatch, tmp_path):
    """dev.py pointed at a virtual environment in tmp_path whose interpreter fails whatever it is asked to run."""
    monkeypatch.setattr(dev, "VENV", tmp_path)
    monkeypatch.setattr(dev, "PYTHON", tmp_path / "python")
    (tmp_path / "python").symlink_to("/bin/false")
    return tmp_path


def test_run_after_test_installs_nothing_because_the_test_set_includes_the_runtime_one(empty_venv):
    (empty_venv / f".installed-requirements-dev-{dev._requirements_digest(dev.ROOT / 'requirements-dev.txt')}").touch()
    dev.ensure_environment(dev.ROOT / "requirements.txt")  # pip would be /bin/false: this would raise


def test_a_changed_test_set_does_not_count_for_the_runtime_one(empty_venv):
    (empty_venv / ".installed-requirements-dev-0000000000000000").touch()
    with pytest.raises(subprocess.CalledProcessError):
        dev.ensure_environment(dev.ROOT / "requirements.txt")

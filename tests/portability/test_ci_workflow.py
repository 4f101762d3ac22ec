"""The GitHub Actions recipe (``.github/workflows/ci.yml``) is valid YAML and has the jobs the
README promises: the suite offscreen on windows-latest and ubuntu-latest, lint and types."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "ci.yml"


def load() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def commands(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in job["steps"])


def test_workflow_is_valid_yaml_with_triggers_and_environment() -> None:
    data = load()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare "on" as true
    assert {"push", "pull_request"} <= set(triggers)
    env = data["env"]
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    assert env["PYTHON_KEYRING_BACKEND"] == "keyring.backends.fail.Keyring"
    assert env["PYTHONWARNDEFAULTENCODING"] == "1"


def test_windows_and_ubuntu_jobs_install_test_lint_and_type_check() -> None:
    jobs = load()["jobs"]
    assert jobs["windows"]["runs-on"] == "windows-latest"
    assert jobs["ubuntu"]["runs-on"] == "ubuntu-latest"
    for name in ("windows", "ubuntu"):
        job = jobs[name]
        uses = [step.get("uses", "") for step in job["steps"]]
        assert any(u.startswith("actions/checkout@") for u in uses), name
        setup = next(
            s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python")
        )
        assert setup["with"]["python-version"] == "3.11"
        run = commands(job)
        assert "pip install -q -e" in run and ".[test]" in run, name
        assert "python -m pytest" in run, name
        assert "ruff check pos_app tests" in run and "ruff format --check" in run, name
        assert "mypy" in run, name
        assert "continue-on-error" not in job  # the suite itself must pass on both


def test_the_bundle_is_marked_and_does_not_block() -> None:
    jobs = load()["jobs"]
    bundle = jobs["windows-bundle"]
    assert bundle["runs-on"] == "windows-latest" and bundle["needs"] == "windows"
    assert bundle["continue-on-error"] is True
    for name in ("windows-bundle", "ubuntu-bundle"):
        run = commands(jobs[name])
        assert ".[bundle]" in run and "-m pos_app.packaging build" in run, name
        assert "--version" in run and "doctor --json" in run, name
    assert "NOT VERIFIED" in WORKFLOW.read_text(encoding="utf-8")


def test_ubuntu_job_installs_what_ci_run_installs() -> None:
    run_script = (WORKFLOW.parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    ubuntu = commands(load()["jobs"]["ubuntu"])
    for package in ("libegl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libgl1"):
        assert package in run_script and package in ubuntu, package


def test_posix_only_tests_are_skipped_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the windows job relies on: ``@pytest.mark.posix`` tests skip there, others run."""
    from tests import conftest

    class Item:
        def __init__(self, *keywords: str) -> None:
            self.keywords = dict.fromkeys(keywords, True)
            self.added: list[pytest.MarkDecorator] = []

        def add_marker(self, marker: pytest.MarkDecorator) -> None:
            self.added.append(marker)

    posix, anywhere = Item("posix"), Item("gui")
    # A context of its own: monkeypatch.undo() also undid the suite's POS_APP_HOME.
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(sys, "platform", "win32")
        conftest.pytest_collection_modifyitems(None, [posix, anywhere])  # type: ignore[arg-type]
    assert [m.name for m in posix.added] == ["skip"] and anywhere.added == []
    here = Item("posix")
    conftest.pytest_collection_modifyitems(None, [here])  # type: ignore[arg-type]
    assert here.added == []  # and run here

"""Fixtures for the sandbox tests; the helpers themselves live in pos_app.sandbox.testing."""

from __future__ import annotations

import pytest

from pos_app.sandbox import SandboxState
from pos_app.sandbox.testing import InProcessSandbox, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def state(clock: ManualClock) -> SandboxState:
    state = SandboxState.seeded()
    state.clock = clock
    return state


@pytest.fixture
def sb(state: SandboxState) -> InProcessSandbox:
    return InProcessSandbox(state)

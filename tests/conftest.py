"""Shared fixtures: the project's shared data folder (``../shared`` beside the project root)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", PROJECT_ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; tests that read gold data fail clearly when it is missing."""
    if not (SHARED / "data").is_dir():
        pytest.fail(f"shared data not found at {SHARED}; set NEWSGRAPH_SHARED to its location")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared: Path) -> str:
    return (shared / "data/articles/seed/us-mexico-fentanyl-labs.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def samples() -> Path:
    return PROJECT_ROOT / "samples"

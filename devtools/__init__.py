"""Maintainer tooling run from a source checkout (not shipped in the wheel)."""

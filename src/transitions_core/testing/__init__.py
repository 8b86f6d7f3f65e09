"""The plugin author's test kit: golden files, sample views, and fixtures (see docs/plugins.md)."""

from __future__ import annotations

from transitions_core.testing.golden import UPDATE_VAR, assert_golden

__all__ = ["UPDATE_VAR", "assert_golden"]

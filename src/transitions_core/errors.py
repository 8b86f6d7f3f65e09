"""Errors that reach a user: each says what is wrong, where, and what to do."""

from __future__ import annotations


class TransitionsError(Exception):
    """An error the CLI prints as one message, with exit code 1."""

    exit_code = 1


class StoreError(TransitionsError):
    """The store cannot be opened or used."""


class NotFound(TransitionsError):
    """A cohort or territory the store does not hold."""


class WriteConflict(StoreError):
    """Other writers kept changing the same aggregates: nothing was written."""

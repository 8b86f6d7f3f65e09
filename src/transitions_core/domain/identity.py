"""Identifiers derived from slugs, so that importing the same history twice finds the same aggregates."""

from __future__ import annotations

from uuid import UUID, uuid5

NAMESPACE = UUID("6f1c3c1e-0a53-5a57-9d3b-7a1b2f7e8c40")


def cohort_id(cohort: str) -> UUID:
    """The aggregate id of a cohort."""
    return uuid5(NAMESPACE, f"cohort:{cohort}")


def territory_id(cohort: str, territory: str) -> UUID:
    """The aggregate id of a territory within a cohort."""
    return uuid5(NAMESPACE, f"territory:{cohort}/{territory}")

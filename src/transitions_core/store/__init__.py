"""Persistence: the eventsourcing application, its pydantic mapper, and the timeline read model."""

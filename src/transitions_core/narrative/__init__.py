"""Narratives: the view models plugins receive, the formats they declare, and the template renderer."""

"""Event logs for analysis: a flat CSV table and an OCEL 2.0 object-centric log of a stored cohort."""

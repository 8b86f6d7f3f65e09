"""Checking the model against a stored history: parameter uncertainty from the recorded counts, predictive
bands, the check's power, breakdowns, and validation out of sample (calibrated before a split day)."""

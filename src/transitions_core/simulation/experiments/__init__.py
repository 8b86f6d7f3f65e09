"""Experiments over a scenario's uncertain parameters: designs (SALib), sensitivity indices and PRIM discovery.

A design is a list of points in the box of the uncertainties; each point is a scenario of its own, run
`runs_per_point` times on the same seed streams as `transitions simulate` (common random numbers).
"""

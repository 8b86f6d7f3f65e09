"""Scenario simulations: a calibrated discrete-event model of a cohort's life that emits real domain events.

The package is imported only by `transitions simulate` and `transitions calibrate`: numpy and SimPy stay
out of every other command.
"""

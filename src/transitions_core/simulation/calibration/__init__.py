"""Calibration: the rates a recorded cohort measures, written as a scenario, and the factors behind them."""

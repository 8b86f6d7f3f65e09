"""Running many runs: chunks on a process pool or Dask in a fixed order, Ctrl-C, and keeping histories."""

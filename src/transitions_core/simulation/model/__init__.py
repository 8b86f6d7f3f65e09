"""The model of one run: the SimPy cohort and territory processes, their calendar, draws and outcomes."""

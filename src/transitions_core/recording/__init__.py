"""Recording history without writing YAML: entries from the terminal, corrections, the audit trail."""

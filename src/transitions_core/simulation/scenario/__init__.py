"""The simulation scenario: its file format, its loading with line-exact errors, and YAML output."""

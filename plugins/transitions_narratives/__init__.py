"""The built-in narrative plugins. Each module is one plugin, registered through the `transitions_core`
entry-point group exactly as a third-party plugin would be (see pyproject.toml)."""

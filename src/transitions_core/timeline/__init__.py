"""The timeline read model: built from the notification log, queried by the CLI and the narratives."""

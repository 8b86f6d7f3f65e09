"""History files: the YAML a coordinator writes, validated and turned into domain events."""

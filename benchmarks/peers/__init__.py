"""The same programme lifecycle written with the tools researchers would otherwise pick (benchmark only)."""

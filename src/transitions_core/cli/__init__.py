"""The `transitions` command line. Kept thin: each command parses, calls the library, prints."""

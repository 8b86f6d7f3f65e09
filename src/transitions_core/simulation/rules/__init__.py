"""Behavioural rules: the protocol, the built-in rules read from the report, and the plugin hooks that give them."""

"""The built-in narrative templates (jinja2), installed as package data of `transitions_core.narratives`.

This folder is a package only so that `importlib.resources` finds it in every kind of install;
it holds no code.
"""

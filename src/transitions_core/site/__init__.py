"""Publishing a cohort as a static website: pages rendered through `narrative/` and the plugin host.

The site never reads the store: the command line hands it the read model, from which `narrative.build`
makes the views every narrative gets, and the host renders them. Pages are streamed to disk, in a
temporary folder renamed at the end, then checked for leaks before the rename.
"""

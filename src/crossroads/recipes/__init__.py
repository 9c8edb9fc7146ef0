"""Recipes that rebuild the committed compact tables from the raw public datasets.

Each recipe reads files under a raw-data root (``../shared/data`` in development,
any path a user gives), writes one or more compact CSV tables under ``data/``
and a provenance record beside each: source, citation, raw files with their
SHA-256, the transformation, and the build date. A fresh install reads only the
committed tables and never needs the raw files or the network.
"""

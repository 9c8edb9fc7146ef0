"""The ``crossroads`` command line (Typer + Rich)."""

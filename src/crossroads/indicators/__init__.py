"""Indicator series per dyad and year: built from the chronology and from the compact tables."""

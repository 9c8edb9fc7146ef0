"""Analyses: relations index, phases, Kashmir prospects, the triangle and the claims (issue 4)."""

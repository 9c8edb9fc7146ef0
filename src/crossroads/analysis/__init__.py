"""Analyses: relations index, phases, the Kashmir record, the triangle, the claims and the shared context."""

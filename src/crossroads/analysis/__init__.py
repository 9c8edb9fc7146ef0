"""Analyses: relations index, phases, Kashmir record and prospects, the triangle, the claims, and the context every door shares."""

"""The self-contained HTML report and its figures (issue 5)."""

"""The explorer: FastAPI JSON API and the browser front end (issue 7)."""

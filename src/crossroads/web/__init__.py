"""The explorer: FastAPI JSON API and the browser front end."""

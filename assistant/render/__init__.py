"""Presentation of results as markdown and Word documents (shared by the CLI and the app)."""

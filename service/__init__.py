"""Pipeline, API and CLI."""

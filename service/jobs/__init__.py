"""Durable jobs for work that takes minutes: a SQLite store, worker threads, callbacks."""

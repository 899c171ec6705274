"""Versioned prompt templates and the glossary (package data)."""

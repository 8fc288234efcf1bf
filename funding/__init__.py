"""Funding awards and the funding streams they come from."""

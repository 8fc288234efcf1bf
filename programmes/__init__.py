"""Programmes and initiatives, the missions they serve, their reported figures and events."""

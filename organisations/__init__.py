"""Organisations, the people who hold roles in them, and the relationships between them."""

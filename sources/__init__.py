"""Provenance: the source documents and the citations that tie every record to them."""

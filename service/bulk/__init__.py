"""Bulk extraction: many documents from JSON Lines or a directory, in order, resumable, sharded."""

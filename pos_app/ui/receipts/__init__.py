"""Receipts through Qt: preview, PDF and the system printers."""

"""The shared store database (issue 17): PostgreSQL, fed from each counter's ledger outbox."""

"""Demo mode's customer phone window."""

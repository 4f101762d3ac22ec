"""Start-up recovery of a damaged ledger, crash catching and the support file."""

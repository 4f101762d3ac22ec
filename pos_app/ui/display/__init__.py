"""The customer-facing second screen and where windows go."""

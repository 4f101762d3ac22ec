"""Tools → Products: the catalog window, product editor and CSV import."""

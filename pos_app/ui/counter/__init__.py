"""The cashier's main window and everything on it: cart, scan field, payment panel, totals,
sales view.
"""

"""Qt plumbing: the asyncio bridge, workarounds, errors shown to the cashier, translations,
style.
"""

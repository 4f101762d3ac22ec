"""The Day menu: cash drawer, the day's close and refunds."""

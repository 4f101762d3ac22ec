"""Small widgets shared by several rooms (money entry, alert bar, form parts)."""

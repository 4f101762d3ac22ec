"""The Settings dialog, its pages, the first-run assistant and the QR sticker."""

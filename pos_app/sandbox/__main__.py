"""``python -m pos_app.sandbox``: same as ``pos-app sandbox``."""

from pos_app.sandbox.cli import main

raise SystemExit(main())

"""The windows. Every module here imports PySide6; importing this package first makes PySide6's
``__feature__`` check of each module an import statement names a read of its file
(:mod:`pos_app.ui.qtkit.feature_check`: start-up time, issue 19)."""

import PySide6.QtCore  # noqa: F401  # its import hook first, then the quicker check

from pos_app.ui.qtkit import feature_check

feature_check.install()

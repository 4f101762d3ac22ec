# PyInstaller's own hook for PySide6.QtWidgets, minus the Qt plugins and translations the
# till never loads (pos_app.packaging.qt_parts). PyInstaller ranks --additional-hooks-dir
# above its own hooks.
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

from pos_app.packaging.qt_parts import trim

hiddenimports, binaries, datas = trim(*add_qt6_dependencies(__file__))

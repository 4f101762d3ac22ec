# PyInstaller's own hook for PySide6.QtNetwork, minus the Qt plugins and translations the till
# never loads (pos_app.packaging.qt_parts). PyInstaller ranks --additional-hooks-dir above its
# hooks. Its hook also collects the OpenSSL libraries of Qt's TLS backend: left out with the
# "tls" plugins (the app's QtNetwork is a local socket; HTTPS is httpx's, over Python's ssl).
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

from pos_app.packaging.qt_parts import trim

hiddenimports, binaries, datas = trim(*add_qt6_dependencies(__file__))

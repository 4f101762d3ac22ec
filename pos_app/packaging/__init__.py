"""The standalone one-folder bundle (PyInstaller): ``python -m pos_app.packaging build``.

See :mod:`pos_app.packaging.build`. PyInstaller is an optional dependency (``pip install
-e '.[bundle]'``); nothing in the app imports this package.
"""

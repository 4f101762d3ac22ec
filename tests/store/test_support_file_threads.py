"""The support file reads the disk and the keyring on worker threads, never on the thread of the
event loop that asks for it (the window's, for Help → Save a support file), with every check
that reads either: the doctor's ledger checks (its quick check reads the whole file: seconds
for a busy shop's year), the store database's check (its password, and the ledger opened again
for its waiting changes), the receiver's (the webhook secret), the last sales, the logs and
the zip. The window's side: tests/ui/test_support_file_off_gui_thread.py."""

from __future__ import annotations

import asyncio
import json
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pos_app.cli import doctor, main, support
from pos_app.cli import store as store_cli
from pos_app.ledger import recovery
from pos_app.settings import config as config_mod
from pos_app.settings import paths, secrets
from tests.keyring_threads import ThreadNotingKeyring, thread_noting_keyring
from tests.store.helpers import open_ledger, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = pytest.mark.posix


def test_the_support_file_reads_disk_and_keyring_off_the_loop_s_thread(
    pg_server: PgServer,
    store_db: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ledger = open_ledger(paths.ledger_path().parent, outbox=False)
    sell(ledger, "CAJA01")
    ledger.close()
    with thread_noting_keyring() as noting:
        assert main(["configure", "--store-database", pg_server.admin_url(store_db)]) == 0
        config_mod.save(
            config_mod.load().config.with_changes(
                store_external_id="SUC001",
                box_external_id="CAJA01",
                notify_listen="127.0.0.1:0",
                notify_url="https://shop.example.com/mp/notifications",
            )
        )
        secrets.save_webhook_secret("whsec-kept")
        logs = paths.logs_dir()
        (logs / "pos-app.log").write_text("INFO pos_app.notifications.app: hint\n", "utf-8")
        capsys.readouterr()
        noting.accesses.clear()
        ThreadNotingKeyring.priority_looks.clear()

        loop_thread = threading.current_thread()
        on_loop: list[str] = []
        done: set[str] = set()

        def wrap(owner: Any, name: str) -> None:
            real: Callable[..., Any] = getattr(owner, name)
            what = f"{getattr(owner, '__name__', owner)}.{name}"

            def noted(*args: Any, **kwargs: Any) -> Any:
                (on_loop.append if threading.current_thread() is loop_thread else done.add)(what)
                return real(*args, **kwargs)

            monkeypatch.setattr(owner, name, noted)

        wrap(doctor, "Ledger")
        wrap(store_cli, "Ledger")
        wrap(recovery, "read_only")
        wrap(config_mod, "load")
        wrap(support, "_tail")
        wrap(zipfile.ZipFile, "writestr")
        out = asyncio.run(support.write_support_file(tmp_path / "support.zip"))

        assert on_loop == []
        assert done == {
            "pos_app.cli.doctor.Ledger",
            "pos_app.cli.store.Ledger",
            "pos_app.ledger.recovery.read_only",
            "pos_app.settings.config.load",
            "pos_app.cli.support._tail",
            "ZipFile.writestr",
        }
        read = {(key, on_main) for op, key, on_main in noting.accesses if op == "get"}
        assert read == {
            (secrets.TOKEN_KEY, False),
            (secrets.WEBHOOK_KEY, False),
            (secrets.STORE_DB_KEY, False),
        }
        assert True not in ThreadNotingKeyring.priority_looks

    with zipfile.ZipFile(out) as zf:
        texts = {name: zf.read(name).decode("utf-8") for name in zf.namelist()}
    checks = {c["name"]: c for c in json.loads(texts["doctor.json"])["checks"]}
    assert checks["store database"]["ok"], checks["store database"]
    assert "1 change(s) waiting" in checks["store database"]["detail"]
    assert checks["ledger"]["ok"] and json.loads(texts["settings.json"])["webhook_secret_set"]
    for text in texts.values():
        assert SUPERPASS not in text and "whsec-kept" not in text

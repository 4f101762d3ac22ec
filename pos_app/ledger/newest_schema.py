"""The ledger's newest schema, for a new (empty) ledger file: made in one script instead of
replaying every step (``ALTER TABLE`` reparses the whole schema each time: ~3 ms of a new
ledger's ~4 ms). Written by ``python -m devtools.ledger_schema`` from the steps in
:mod:`pos_app.ledger.migrations`, never by hand; a ledger that exists is always migrated step by
step. ``STATEMENTS`` are the ``sqlite_master`` text of a ledger that went through steps 1 to
``VERSION``, in SQLite's order (``sqlite_sequence`` comes with the first ``AUTOINCREMENT``)."""

from __future__ import annotations

VERSION = 15

STATEMENTS: tuple[str, ...] = (
    "CREATE TABLE sales (\n"
    "        id INTEGER PRIMARY KEY,\n"
    "        external_reference TEXT NOT NULL UNIQUE,\n"
    "        user_id INTEGER,\n"
    "        store_external_id TEXT NOT NULL,\n"
    "        box_external_id TEXT NOT NULL,\n"
    "        site_id TEXT NOT NULL,\n"
    "        currency TEXT NOT NULL,\n"
    "        status TEXT NOT NULL,\n"
    "        title TEXT NOT NULL,\n"
    "        total TEXT NOT NULL,\n"
    "        iva_total TEXT,\n"
    "        created_at TEXT NOT NULL,\n"
    "        updated_at TEXT NOT NULL,\n"
    "        expires_at TEXT,\n"
    "        merchant_order_ids TEXT NOT NULL DEFAULT '[]',\n"
    "        payment_ids TEXT NOT NULL DEFAULT '[]',\n"
    "        paid_amount TEXT NOT NULL DEFAULT '0',\n"
    "        tender TEXT,\n"
    "        failure_reason TEXT NOT NULL DEFAULT '',\n"
    "        last_attempt_rejected INTEGER NOT NULL DEFAULT 0,\n"
    "        partially_paid TEXT,\n"
    "        trouble_since TEXT,\n"
    "        trouble TEXT NOT NULL DEFAULT '',\n"
    "        cancel_requested INTEGER NOT NULL DEFAULT 0,\n"
    "        late_payment INTEGER NOT NULL DEFAULT 0\n"
    "    , sale_discount_kind TEXT, sale_discount_value TEXT,"
    " sale_discount_reason TEXT NOT NULL DEFAULT '',"
    " sale_discount_amount TEXT NOT NULL DEFAULT '0',"
    " api TEXT NOT NULL DEFAULT 'instore', order_id TEXT NOT NULL DEFAULT '',"
    " order_payment_ids TEXT NOT NULL DEFAULT '[]',"
    " qr_data TEXT NOT NULL DEFAULT '', create_key TEXT NOT NULL DEFAULT '',"
    " cancel_key TEXT NOT NULL DEFAULT '', refund_key TEXT NOT NULL DEFAULT '',"
    " qr_mode TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX sales_open ON sales (box_external_id, status)",
    "CREATE INDEX sales_created ON sales (created_at)",
    "CREATE TABLE sale_lines (\n"
    "        sale_id INTEGER NOT NULL REFERENCES sales (id),\n"
    "        position INTEGER NOT NULL,\n"
    "        sku TEXT NOT NULL,\n"
    "        barcode TEXT NOT NULL,\n"
    "        title TEXT NOT NULL,\n"
    "        unit_price TEXT NOT NULL,\n"
    "        quantity INTEGER NOT NULL,\n"
    "        category TEXT NOT NULL,\n"
    "        unit_measure TEXT NOT NULL,\n"
    "        iva_rate TEXT NOT NULL, sale_unit TEXT NOT NULL DEFAULT 'unit',"
    " measure TEXT, discount_kind TEXT, discount_value TEXT,"
    " discount_reason TEXT NOT NULL DEFAULT '',"
    " discount_amount TEXT NOT NULL DEFAULT '0', charged TEXT,\n"
    "        PRIMARY KEY (sale_id, position)\n"
    "    )",
    "CREATE TABLE sale_events (\n"
    "        id INTEGER PRIMARY KEY,\n"
    "        sale_id INTEGER NOT NULL REFERENCES sales (id),\n"
    "        at TEXT NOT NULL,\n"
    "        kind TEXT NOT NULL,\n"
    "        old_status TEXT,\n"
    "        new_status TEXT,\n"
    "        cause TEXT NOT NULL,\n"
    "        detail TEXT NOT NULL DEFAULT ''\n"
    "    )",
    "CREATE INDEX sale_events_sale ON sale_events (sale_id, id)",
    "CREATE TRIGGER sale_events_append_only_u BEFORE UPDATE ON sale_events\n"
    "        BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END",
    "CREATE TRIGGER sale_events_append_only_d BEFORE DELETE ON sale_events\n"
    "        BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END",
    "CREATE TABLE catalog (\n"
    "        sku TEXT PRIMARY KEY,\n"
    "        barcode TEXT NOT NULL DEFAULT '',\n"
    "        title TEXT NOT NULL,\n"
    "        title_norm TEXT NOT NULL,\n"
    "        unit_price TEXT NOT NULL,\n"
    "        category TEXT NOT NULL DEFAULT '',\n"
    "        unit_measure TEXT NOT NULL DEFAULT 'unit',\n"
    "        iva_rate TEXT NOT NULL DEFAULT '0'\n"
    "    , sale_unit TEXT NOT NULL DEFAULT 'unit')",
    "CREATE INDEX catalog_barcode ON catalog (barcode)",
    "CREATE INDEX catalog_title_norm ON catalog (title_norm)",
    "CREATE INDEX sales_order_id ON sales (order_id)",
    "CREATE TABLE shifts (\n"
    "        id INTEGER PRIMARY KEY,\n"
    "        cashier TEXT NOT NULL,\n"
    "        starting_float TEXT NOT NULL,\n"
    "        opened_at TEXT NOT NULL\n"
    "    , handover INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE cash_movements (\n"
    "        id INTEGER PRIMARY KEY,\n"
    "        kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),\n"
    "        amount TEXT NOT NULL,\n"
    "        reason TEXT NOT NULL,\n"
    "        at TEXT NOT NULL\n"
    "    )",
    "CREATE TABLE closes (\n"
    "        number INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "        opened_at TEXT NOT NULL,\n"
    "        closed_at TEXT NOT NULL,\n"
    "        report TEXT NOT NULL\n"
    "    )",
    "CREATE TABLE day_events (\n"
    "        id INTEGER PRIMARY KEY,\n"
    "        at TEXT NOT NULL,\n"
    "        kind TEXT NOT NULL,\n"
    "        subject_id INTEGER,\n"
    "        detail TEXT NOT NULL DEFAULT ''\n"
    "    )",
    "CREATE INDEX sale_events_at ON sale_events (at)",
    "CREATE TRIGGER shifts_append_only_u BEFORE UPDATE ON shifts\n"
    "        BEGIN SELECT RAISE(ABORT, 'shifts are append-only'); END",
    "CREATE TRIGGER shifts_append_only_d BEFORE DELETE ON shifts\n"
    "        BEGIN SELECT RAISE(ABORT, 'shifts are append-only'); END",
    "CREATE TRIGGER cash_movements_append_only_u BEFORE UPDATE ON cash_movements\n"
    "        BEGIN SELECT RAISE(ABORT, 'cash movements are append-only'); END",
    "CREATE TRIGGER cash_movements_append_only_d BEFORE DELETE ON cash_movements\n"
    "        BEGIN SELECT RAISE(ABORT, 'cash movements are append-only'); END",
    "CREATE TRIGGER closes_append_only_u BEFORE UPDATE ON closes\n"
    "        BEGIN SELECT RAISE(ABORT, 'a closed period never changes'); END",
    "CREATE TRIGGER closes_append_only_d BEFORE DELETE ON closes\n"
    "        BEGIN SELECT RAISE(ABORT, 'a closed period never changes'); END",
    "CREATE TRIGGER day_events_append_only_u BEFORE UPDATE ON day_events\n"
    "        BEGIN SELECT RAISE(ABORT, 'day_events is append-only'); END",
    "CREATE TRIGGER day_events_append_only_d BEFORE DELETE ON day_events\n"
    "        BEGIN SELECT RAISE(ABORT, 'day_events is append-only'); END",
    "CREATE TRIGGER cash_movements_open_period BEFORE INSERT ON cash_movements\n"
    "        WHEN NEW.at < (SELECT MAX(closed_at) FROM closes)\n"
    "        BEGIN SELECT RAISE(ABORT, 'that period is closed'); END",
    "CREATE TRIGGER shifts_open_period BEFORE INSERT ON shifts\n"
    "        WHEN NEW.opened_at < (SELECT MAX(closed_at) FROM closes)\n"
    "        BEGIN SELECT RAISE(ABORT, 'that period is closed'); END",
    "CREATE TABLE outbox (\n"
    "        seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "        kind TEXT NOT NULL,\n"
    "        record_id TEXT NOT NULL,\n"
    "        payload TEXT NOT NULL,\n"
    "        created_at TEXT NOT NULL\n"
    "    , ledger TEXT NOT NULL DEFAULT '', refused TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE refunds (\n"
    "        id INTEGER PRIMARY KEY,\n"
    "        sale_id INTEGER NOT NULL REFERENCES sales (id),\n"
    "        idempotency_key TEXT NOT NULL UNIQUE,\n"
    "        payment_id INTEGER,\n"
    "        amount TEXT NOT NULL,\n"
    "        tender TEXT NOT NULL,\n"
    "        status TEXT NOT NULL,\n"
    "        mp_refund_id TEXT NOT NULL DEFAULT '',\n"
    "        reason TEXT NOT NULL DEFAULT '',\n"
    "        lines TEXT NOT NULL DEFAULT '[]',\n"
    "        created_at TEXT NOT NULL,\n"
    "        updated_at TEXT NOT NULL\n"
    "    , order_payment_id TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX refunds_sale ON refunds (sale_id, id)",
    "CREATE TABLE ledger_identity (id TEXT NOT NULL, since TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX sales_status ON sales (status)",
    "CREATE INDEX outbox_waiting ON outbox (refused, created_at)",
)

"""Schema versions, applied in order. Never edit a released step: add the next one, then run
``python -m devtools.ledger_schema`` (a new, empty ledger is made from the newest schema in one
script, :mod:`pos_app.ledger.newest_schema`; an existing one is always migrated step by step)."""

from __future__ import annotations

import sqlite3

from pos_app.ledger.refunds import REFUNDS_NOTE, REFUNDS_ORDER_PAYMENT, REFUNDS_SCHEMA

MIGRATIONS: list[str] = [
    # 1: sales, their lines, their append-only history, and the catalog
    """
    CREATE TABLE sales (
        id INTEGER PRIMARY KEY,
        external_reference TEXT NOT NULL UNIQUE,
        user_id INTEGER,
        store_external_id TEXT NOT NULL,
        box_external_id TEXT NOT NULL,
        site_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        status TEXT NOT NULL,
        title TEXT NOT NULL,
        total TEXT NOT NULL,
        iva_total TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        expires_at TEXT,
        merchant_order_ids TEXT NOT NULL DEFAULT '[]',
        payment_ids TEXT NOT NULL DEFAULT '[]',
        paid_amount TEXT NOT NULL DEFAULT '0',
        tender TEXT,
        failure_reason TEXT NOT NULL DEFAULT '',
        last_attempt_rejected INTEGER NOT NULL DEFAULT 0,
        partially_paid TEXT,
        trouble_since TEXT,
        trouble TEXT NOT NULL DEFAULT '',
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        late_payment INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sales_open ON sales (box_external_id, status);
    CREATE INDEX sales_created ON sales (created_at);
    CREATE TABLE sale_lines (
        sale_id INTEGER NOT NULL REFERENCES sales (id),
        position INTEGER NOT NULL,
        sku TEXT NOT NULL,
        barcode TEXT NOT NULL,
        title TEXT NOT NULL,
        unit_price TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        category TEXT NOT NULL,
        unit_measure TEXT NOT NULL,
        iva_rate TEXT NOT NULL,
        PRIMARY KEY (sale_id, position)
    );
    CREATE TABLE sale_events (
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales (id),
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        old_status TEXT,
        new_status TEXT,
        cause TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX sale_events_sale ON sale_events (sale_id, id);
    CREATE TRIGGER sale_events_append_only_u BEFORE UPDATE ON sale_events
        BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END;
    CREATE TRIGGER sale_events_append_only_d BEFORE DELETE ON sale_events
        BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END;
    CREATE TABLE catalog (
        sku TEXT PRIMARY KEY,
        barcode TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        title_norm TEXT NOT NULL,
        unit_price TEXT NOT NULL,
        category TEXT NOT NULL DEFAULT '',
        unit_measure TEXT NOT NULL DEFAULT 'unit',
        iva_rate TEXT NOT NULL DEFAULT '0'
    );
    CREATE INDEX catalog_barcode ON catalog (barcode);
    CREATE INDEX catalog_title_norm ON catalog (title_norm);
    """,
    # 2: products sold by measure; measured quantities and discounts on lines and sales.
    # ``charged`` is what a line was charged after its share of the sale's discount (what a
    # refund of that line gives back); NULL on sales written before this step (= its total).
    """
    ALTER TABLE catalog ADD COLUMN sale_unit TEXT NOT NULL DEFAULT 'unit';
    ALTER TABLE sale_lines ADD COLUMN sale_unit TEXT NOT NULL DEFAULT 'unit';
    ALTER TABLE sale_lines ADD COLUMN measure TEXT;
    ALTER TABLE sale_lines ADD COLUMN discount_kind TEXT;
    ALTER TABLE sale_lines ADD COLUMN discount_value TEXT;
    ALTER TABLE sale_lines ADD COLUMN discount_reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE sale_lines ADD COLUMN discount_amount TEXT NOT NULL DEFAULT '0';
    ALTER TABLE sale_lines ADD COLUMN charged TEXT;
    ALTER TABLE sales ADD COLUMN sale_discount_kind TEXT;
    ALTER TABLE sales ADD COLUMN sale_discount_value TEXT;
    ALTER TABLE sales ADD COLUMN sale_discount_reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE sales ADD COLUMN sale_discount_amount TEXT NOT NULL DEFAULT '0';
    """,
    # 3: the API each sale went through (instore v2 or the Orders API), the Orders API's ids and
    # dynamic QR, and every write's idempotency key, stored before the write is sent
    """
    ALTER TABLE sales ADD COLUMN api TEXT NOT NULL DEFAULT 'instore';
    ALTER TABLE sales ADD COLUMN order_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE sales ADD COLUMN order_payment_ids TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE sales ADD COLUMN qr_data TEXT NOT NULL DEFAULT '';
    ALTER TABLE sales ADD COLUMN create_key TEXT NOT NULL DEFAULT '';
    ALTER TABLE sales ADD COLUMN cancel_key TEXT NOT NULL DEFAULT '';
    ALTER TABLE sales ADD COLUMN refund_key TEXT NOT NULL DEFAULT '';
    CREATE INDEX sales_order_id ON sales (order_id);
    """,
    # 4: the shop's day: shifts, cash movements, closes, and their append-only history
    """
    CREATE TABLE shifts (
        id INTEGER PRIMARY KEY,
        cashier TEXT NOT NULL,
        starting_float TEXT NOT NULL,
        opened_at TEXT NOT NULL
    );
    CREATE TABLE cash_movements (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
        amount TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );
    -- AUTOINCREMENT: a close number is never reused, even after the newest row is lost.
    CREATE TABLE closes (
        number INTEGER PRIMARY KEY AUTOINCREMENT,
        opened_at TEXT NOT NULL,
        closed_at TEXT NOT NULL,
        report TEXT NOT NULL
    );
    CREATE TABLE day_events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject_id INTEGER,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX sale_events_at ON sale_events (at);
    CREATE TRIGGER shifts_append_only_u BEFORE UPDATE ON shifts
        BEGIN SELECT RAISE(ABORT, 'shifts are append-only'); END;
    CREATE TRIGGER shifts_append_only_d BEFORE DELETE ON shifts
        BEGIN SELECT RAISE(ABORT, 'shifts are append-only'); END;
    CREATE TRIGGER cash_movements_append_only_u BEFORE UPDATE ON cash_movements
        BEGIN SELECT RAISE(ABORT, 'cash movements are append-only'); END;
    CREATE TRIGGER cash_movements_append_only_d BEFORE DELETE ON cash_movements
        BEGIN SELECT RAISE(ABORT, 'cash movements are append-only'); END;
    CREATE TRIGGER closes_append_only_u BEFORE UPDATE ON closes
        BEGIN SELECT RAISE(ABORT, 'a closed period never changes'); END;
    CREATE TRIGGER closes_append_only_d BEFORE DELETE ON closes
        BEGIN SELECT RAISE(ABORT, 'a closed period never changes'); END;
    CREATE TRIGGER day_events_append_only_u BEFORE UPDATE ON day_events
        BEGIN SELECT RAISE(ABORT, 'day_events is append-only'); END;
    CREATE TRIGGER day_events_append_only_d BEFORE DELETE ON day_events
        BEGIN SELECT RAISE(ABORT, 'day_events is append-only'); END;
    -- Nothing is written into a period that is already closed.
    CREATE TRIGGER cash_movements_open_period BEFORE INSERT ON cash_movements
        WHEN NEW.at < (SELECT MAX(closed_at) FROM closes)
        BEGIN SELECT RAISE(ABORT, 'that period is closed'); END;
    CREATE TRIGGER shifts_open_period BEFORE INSERT ON shifts
        WHEN NEW.opened_at < (SELECT MAX(closed_at) FROM closes)
        BEGIN SELECT RAISE(ABORT, 'that period is closed'); END;
    -- The first period starts at the local midnight of the day this version arrived: a shop
    -- with months of sales does not get them all in its first close.
    INSERT INTO day_events (at, kind, subject_id, detail) VALUES (
        strftime('%Y-%m-%dT%H:%M:%f', date('now', 'localtime'), 'utc') || '+00:00',
        'day_book_started', 0, '');
    """,
    # 5: the store database's outbox (issue 17): one row per ledger change, written in the same
    # transaction as the change while a store database is configured, deleted once PostgreSQL
    # has it. ``seq`` is the box's change number: delivered in this order, never reused.
    """
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    """,
]

# Refunds (issue 12): their own step, appended here so that other steps added to the list above
# keep their numbers; the script is idempotent (IF NOT EXISTS) should it ever be renumbered.
MIGRATIONS.append(REFUNDS_SCHEMA)
# Refunds of Orders API sales: the order's payment (PAY…) each refund row is for.
MIGRATIONS.append(REFUNDS_ORDER_PAYMENT)
# The ledger's own identity (issue 17): a random id made when the ledger is created (or reaches
# this step), part of the store database's key of the rows whose ids the ledger numbers itself
# (refunds, shifts, cash movements, closes): a fresh ledger numbers from 1 again, and a restored
# backup re-issues the ids the lost file had used; each gets a new id, so their rows never
# overwrite older ones. Every outbox row keeps the id it was written under.
MIGRATIONS.append(
    """
    CREATE TABLE ledger_identity (id TEXT NOT NULL);
    INSERT INTO ledger_identity (id) VALUES (lower(hex(randomblob(16))));
    ALTER TABLE outbox ADD COLUMN ledger TEXT NOT NULL DEFAULT '';
    UPDATE outbox SET ledger = (SELECT id FROM ledger_identity);
    """
)
# The Orders API QR mode (static, dynamic, hybrid) each sale's order was made with: a create
# sent again after a restart must be the very same request, whatever Settings say by then ('':
# a sale from before this step, or of the instore API; the configured mode is used).
MIGRATIONS.append("ALTER TABLE sales ADD COLUMN qr_mode TEXT NOT NULL DEFAULT '';")
# The cashier's note on each refund (why the money went back), written with the row before
# Mercado Pago is asked; refunds from before this step have an empty note.
MIGRATIONS.append(REFUNDS_NOTE)
# An outbox change the store database refuses whatever the retries (PostgreSQL's error, '' for
# the ones waiting): set aside so the later changes go on, kept, tried again at each start and
# told by the status bar and ``doctor`` (pos_app.store.replication says why).
MIGRATIONS.append("ALTER TABLE outbox ADD COLUMN refused TEXT NOT NULL DEFAULT '';")
# The sales waiting for payment, of any box (the close, doctor, the start-up's resume), found
# by their status: ``sales_open`` starts with the box, so without one every sale was read (a
# year of a busy box: ~35 ms, at every close preview). Self-contained (IF NOT EXISTS): it may
# be renumbered if another step lands before it.
MIGRATIONS.append("CREATE INDEX IF NOT EXISTS sales_status ON sales (status);")
# How many outbox changes wait and since when (the store database's status, after each batch
# the delivery sends), and the refused ones, without reading every waiting row: a month
# offline is ~40,000 changes, ~60 MB of JSON, read whole in ~130 ms each time. Self-contained
# (IF NOT EXISTS): it may be renumbered if another step lands before it.
MIGRATIONS.append("CREATE INDEX IF NOT EXISTS outbox_waiting ON outbox (refused, created_at);")
# A shift that took the drawer over from the one before it, the cash counted then as its
# starting float (``DayBook.hand_over``): not a second float, never added to the expected cash.
MIGRATIONS.append("ALTER TABLE shifts ADD COLUMN handover INTEGER NOT NULL DEFAULT 0;")
# When the ledger's identity was renewed (a backup put back in place; '' for a ledger that has
# kept the identity it was made with): its sales from before may have been refunded by the file
# it replaced, which only the store database knows (pos_app.store.refund_check).
MIGRATIONS.append("ALTER TABLE ledger_identity ADD COLUMN since TEXT NOT NULL DEFAULT '';")


class NewerLedgerError(Exception):
    """The ledger's schema is newer than this release's steps: a newer version wrote it."""

    def __init__(self, found: int) -> None:
        super().__init__(f"ledger schema {found}, this release knows up to {len(MIGRATIONS)}")
        self.found = found
        self.known = len(MIGRATIONS)


def check_known(conn: sqlite3.Connection) -> int:
    """The ledger's schema version; :class:`NewerLedgerError` past this release's last step
    (the shop went back to an older version): nothing is written to such a ledger."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise NewerLedgerError(version)
    return version


# What the steps up to :data:`pos_app.ledger.newest_schema.VERSION` write into a new ledger
# besides its schema, for a new ledger made from that schema in one go: the day book's start
# (step 4) and the ledger's identity (step 8; its ``since`` column's default, from step 15). Kept
# by hand, beside the steps: tests/ledger/test_newest_schema.py compares every row with a ledger
# made step by step.
NEW_LEDGER_ROWS = """
    INSERT INTO day_events (at, kind, subject_id, detail) VALUES (
        strftime('%Y-%m-%dT%H:%M:%f', date('now', 'localtime'), 'utc') || '+00:00',
        'day_book_started', 0, '');
    INSERT INTO ledger_identity (id) VALUES (lower(hex(randomblob(16))));
"""


def _new_ledger(conn: sqlite3.Connection) -> tuple[str, int]:
    """For an empty file (version 0, nothing in ``sqlite_master``): the newest schema in one
    script and the version it stands for, instead of replaying the steps (~1 ms instead of ~4:
    each ``ALTER TABLE`` reparses the whole schema). ``("", 0)`` for anything else, which is
    migrated step by step as it always was."""
    if conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None:
        return "", 0
    from pos_app.ledger import newest_schema  # only a new ledger needs it

    if len(MIGRATIONS) < newest_schema.VERSION:
        return "", 0
    statements = ";\n".join(newest_schema.STATEMENTS)
    version = newest_schema.VERSION
    return f"{statements};\n{NEW_LEDGER_ROWS}\nPRAGMA user_version = {version};\n", version


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to the newest version; returns it.

    Every pending step and its version bump in one transaction: all of them or none (a step
    that fails leaves the file at the version it had), and one commit, so one sync to disk
    (a new ledger took 8, ~80 ms on an ordinary disk; SQLite's ``user_version`` is part of the
    transaction). A ledger newer than this release raises :class:`NewerLedgerError`. A new,
    empty file is given the newest schema in one go (:mod:`pos_app.ledger.newest_schema`, the
    very ``sqlite_master`` the steps make), then any step past it."""
    version = check_known(conn)
    if version == len(MIGRATIONS):
        return version
    # The version is read again under the write lock: two processes opening the same new
    # ledger at once (the window and a command, the first day) both read 0 above, and the one
    # that waited for the lock then ran the new-ledger script over the other's tables ("table
    # ... already exists"). The statements go one by one inside this transaction
    # (``executescript`` would commit it first, and the lock with it).
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = check_known(conn)
        if version < len(MIGRATIONS):
            start = ""
            if version == 0:
                start, version = _new_ledger(conn)
            steps = "\n".join(
                f"{script}\nPRAGMA user_version = {number};"
                for number, script in enumerate(MIGRATIONS[version:], start=version + 1)
            )
            for statement in statements_of(start + steps):
                conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return len(MIGRATIONS)


def statements_of(script: str) -> list[str]:
    """A script's statements, each whole (a trigger's ``BEGIN ... END;``, a ``;`` in a string
    or a comment stay inside theirs: SQLite's own :func:`sqlite3.complete_statement` says where
    one ends)."""
    found: list[str] = []
    pending = ""
    pieces = script.split(";")
    for number, piece in enumerate(pieces):
        last = number == len(pieces) - 1
        pending += piece if last else piece + ";"
        if last or sqlite3.complete_statement(pending):
            if pending.strip().strip(";").strip():
                found.append(pending)
            pending = ""
    return found

"""The store database's schema: versioned steps, applied on connect under an advisory lock.

The first counter (or the administrator, with a role that may create tables) creates it; later
connections only check the version. A schema newer than this release is refused with a clear
message, never written to. Never edit a released step: add the next one.

Roles: ``pos_counter`` (group role of every counter's login) reads the whole store and may
insert/update only the rows of its own box, the one named by the session setting
``pos_app.box`` (row-level security); ``pos_backoffice`` reads everything and writes nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from psycopg import AsyncConnection, sql

from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message

log = logging.getLogger(__name__)

CTX = "StoreDatabase"
_LOCK_KEY = 0x706F735F617070  # "pos_app": one migration at a time across all counters
TABLES = ("changes", "sales", "sale_lines", "sale_events", "boxes")

MIGRATIONS: list[str] = [
    # 1: every change as delivered (the log, keyed by box and change number), the sales with
    # their lines and history as the counters' ledgers hold them, and each box's progress.
    """
    CREATE TABLE changes (
        box TEXT NOT NULL,
        seq BIGINT NOT NULL,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        payload JSONB NOT NULL,
        changed_at TIMESTAMPTZ NOT NULL,
        received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (box, record_id, seq)
    );
    CREATE INDEX changes_order ON changes (box, seq);
    CREATE TABLE boxes (
        box TEXT PRIMARY KEY,
        store TEXT NOT NULL,
        last_seq BIGINT NOT NULL,
        last_seen TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE TABLE sales (
        box TEXT NOT NULL,
        reference TEXT NOT NULL,
        seq BIGINT NOT NULL,
        store TEXT NOT NULL,
        site_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        status TEXT NOT NULL,
        title TEXT NOT NULL,
        total NUMERIC NOT NULL,
        paid_amount NUMERIC NOT NULL,
        tender TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        row JSONB NOT NULL,
        PRIMARY KEY (box, reference)
    );
    CREATE INDEX sales_created ON sales (created_at);
    CREATE TABLE sale_lines (
        box TEXT NOT NULL,
        reference TEXT NOT NULL,
        position INTEGER NOT NULL,
        sku TEXT NOT NULL,
        title TEXT NOT NULL,
        unit_price NUMERIC NOT NULL,
        quantity INTEGER NOT NULL,
        charged NUMERIC,
        row JSONB NOT NULL,
        PRIMARY KEY (box, reference, position)
    );
    CREATE TABLE sale_events (
        box TEXT NOT NULL,
        event_id BIGINT NOT NULL,
        reference TEXT NOT NULL,
        at TIMESTAMPTZ NOT NULL,
        kind TEXT NOT NULL,
        old_status TEXT,
        new_status TEXT,
        cause TEXT NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (box, reference, event_id)
    );
    DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pos_counter') THEN
            CREATE ROLE pos_counter NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pos_backoffice') THEN
            CREATE ROLE pos_backoffice NOLOGIN;
        END IF;
    END $$;
    GRANT SELECT ON changes, boxes, sales, sale_lines, sale_events TO pos_backoffice;
    GRANT SELECT, INSERT, UPDATE ON changes, boxes, sales, sale_lines, sale_events
        TO pos_counter;
    """,
]


def _rls(table: str) -> str:
    own = "box = current_setting('pos_app.box', true)"
    return f"""
    ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
    CREATE POLICY {table}_read ON {table} FOR SELECT USING (true);
    CREATE POLICY {table}_insert ON {table} FOR INSERT TO pos_counter WITH CHECK ({own});
    CREATE POLICY {table}_update ON {table} FOR UPDATE TO pos_counter
        USING ({own}) WITH CHECK ({own});
    """


MIGRATIONS[0] += "".join(_rls(t) for t in TABLES)
# The owner (the first counter or the administrator) keeps its writes: FORCE applies the
# policies to it as well, so it gets the same "own box" rule.
MIGRATIONS[0] += "".join(
    f"""CREATE POLICY {t}_owner ON {t} FOR ALL TO CURRENT_USER
        USING ({"box = current_setting('pos_app.box', true)"})
        WITH CHECK ({"box = current_setting('pos_app.box', true)"});
    """
    for t in TABLES
)

_OWN = "box = current_setting('pos_app.box', true) AND pos_app_owns_box(box)"

# 2: a box belongs to the login that first wrote it. The session setting alone would let one
# counter's login name another box; now it also has to be (a member of) that box's owner.
MIGRATIONS.append(
    """
    CREATE TABLE box_owners (
        box TEXT PRIMARY KEY,
        owner NAME NOT NULL DEFAULT current_user,
        claimed_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE FUNCTION pos_app_owns_box(wanted TEXT) RETURNS BOOLEAN
        LANGUAGE sql STABLE AS $fn$
        SELECT EXISTS (SELECT 1 FROM box_owners o
                       WHERE o.box = wanted AND pg_has_role(current_user, o.owner, 'MEMBER'))
    $fn$;
    GRANT SELECT, INSERT ON box_owners TO pos_counter;
    GRANT SELECT ON box_owners TO pos_backoffice;
    ALTER TABLE box_owners ENABLE ROW LEVEL SECURITY;
    ALTER TABLE box_owners FORCE ROW LEVEL SECURITY;
    CREATE POLICY box_owners_read ON box_owners FOR SELECT USING (true);
    CREATE POLICY box_owners_claim ON box_owners FOR INSERT TO pos_counter
        WITH CHECK (owner = current_user AND box = current_setting('pos_app.box', true));
    CREATE POLICY box_owners_owner ON box_owners FOR ALL TO CURRENT_USER
        USING (true) WITH CHECK (true);
    """
    + "".join(
        f"""
    DROP POLICY {t}_insert ON {t};
    DROP POLICY {t}_update ON {t};
    CREATE POLICY {t}_insert ON {t} FOR INSERT TO pos_counter WITH CHECK (OWN);
    CREATE POLICY {t}_update ON {t} FOR UPDATE TO pos_counter USING (OWN) WITH CHECK (OWN);
    """
        for t in TABLES
    ).replace("OWN", _OWN)
)

# 3: the counters' refunds, cash movements, shifts and closes (issues 12/13), keyed by box and
# the ledger's own id (a close by its number); ``seq`` is the change that wrote the row.
_DAY_TABLES = ("refunds", "cash_movements", "shifts", "closes")
MIGRATIONS.append(
    """
    CREATE TABLE refunds (
        box TEXT NOT NULL,
        id BIGINT NOT NULL,
        seq BIGINT NOT NULL,
        reference TEXT NOT NULL,
        amount NUMERIC NOT NULL,
        tender TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        row JSONB NOT NULL,
        PRIMARY KEY (box, id)
    );
    CREATE INDEX refunds_created ON refunds (created_at);
    CREATE TABLE cash_movements (
        box TEXT NOT NULL,
        id BIGINT NOT NULL,
        seq BIGINT NOT NULL,
        kind TEXT NOT NULL,
        amount NUMERIC NOT NULL,
        reason TEXT NOT NULL,
        at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (box, id)
    );
    CREATE TABLE shifts (
        box TEXT NOT NULL,
        id BIGINT NOT NULL,
        seq BIGINT NOT NULL,
        cashier TEXT NOT NULL,
        starting_float NUMERIC NOT NULL,
        opened_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (box, id)
    );
    CREATE TABLE closes (
        box TEXT NOT NULL,
        number BIGINT NOT NULL,
        seq BIGINT NOT NULL,
        opened_at TIMESTAMPTZ NOT NULL,
        closed_at TIMESTAMPTZ NOT NULL,
        net NUMERIC NOT NULL,
        report JSONB NOT NULL,
        PRIMARY KEY (box, number)
    );
    GRANT SELECT ON refunds, cash_movements, shifts, closes TO pos_backoffice;
    GRANT SELECT, INSERT, UPDATE ON refunds, cash_movements, shifts, closes TO pos_counter;
    """
    + "".join(
        f"""
    ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE {t} FORCE ROW LEVEL SECURITY;
    CREATE POLICY {t}_read ON {t} FOR SELECT USING (true);
    CREATE POLICY {t}_insert ON {t} FOR INSERT TO pos_counter WITH CHECK (OWN);
    CREATE POLICY {t}_update ON {t} FOR UPDATE TO pos_counter USING (OWN) WITH CHECK (OWN);
    CREATE POLICY {t}_owner ON {t} FOR ALL TO CURRENT_USER
        USING (box = current_setting('pos_app.box', true))
        WITH CHECK (box = current_setting('pos_app.box', true));
    """
        for t in _DAY_TABLES
    ).replace("OWN", _OWN)
)

# 4: each row's ledger (the counter's ledger identity, ``Ledger.ledger_id``). A fresh or restored
# ledger numbers its refunds, shifts, cash movements, closes and changes from where its file
# does, not from where the lost one was: those rows are keyed by box, ledger and id, so a new
# ledger's refund 1 is a row of its own beside the old ledger's refund 1.
_KEYED = {
    "changes": "box, ledger, record_id, seq",
    "sale_events": "box, ledger, reference, event_id",
    "refunds": "box, ledger, id",
    "cash_movements": "box, ledger, id",
    "shifts": "box, ledger, id",
    "closes": "box, ledger, number",
}
MIGRATIONS.append(
    "".join(
        f"""
    ALTER TABLE {table} ADD COLUMN ledger TEXT NOT NULL DEFAULT '';
    ALTER TABLE {table} DROP CONSTRAINT {table}_pkey;
    ALTER TABLE {table} ADD PRIMARY KEY ({key});
    """
        for table, key in _KEYED.items()
    )
    + """
    ALTER TABLE sales ADD COLUMN ledger TEXT NOT NULL DEFAULT '';
    ALTER TABLE boxes ADD COLUMN ledger TEXT NOT NULL DEFAULT '';
    """
)

LEDGER_KEYED = (*_KEYED, "sales")  # the tables with a ledger column

# 5: a refund is also found by its idempotency key (unique per refund, kept by a backup): a
# refund that a restored ledger settles, under its new identity, updates the row the old
# identity delivered instead of adding a second one (pos_app.store.kinds.apply_refunds).
MIGRATIONS.append(
    """
    CREATE INDEX refunds_key ON refunds (box, (row->>'idempotency_key'));
    """
)

# 6: the cashier's note on each refund (why the money went back; ``reason`` in ``row`` is Mercado
# Pago's refusal), a column of its own so the office can read and search it. No backfill: a row
# delivered before this step came from a ledger without notes (a counter migrates the schema
# before it delivers), and the note is in ``row`` as well.
MIGRATIONS.append(
    """
    ALTER TABLE refunds ADD COLUMN note TEXT NOT NULL DEFAULT '';
    """
)

# 7: a shift that took the drawer over from the one before it (a hand-over: its starting float
# is the cash counted then, never added to the expected cash again). Rows delivered before
# this step came from ledgers without hand-overs.
MIGRATIONS.append(
    """
    ALTER TABLE shifts ADD COLUMN handover BOOLEAN NOT NULL DEFAULT false;
    """
)

# 8: a sale's refunds found by its reference, whichever box or ledger wrote them: each refund
# of a counter with a store database reads them under the sale's lock (pos_app.store.
# refund_check), and the live close's IVA reads a sale's refunds together.
MIGRATIONS.append(
    """
    CREATE INDEX refunds_reference ON refunds (reference);
    """
)

VERSION = len(MIGRATIONS)


class StoreDatabaseError(UserFacingError):
    """The store database cannot be used as it is (newer schema, no rights to create it)."""


def newer_schema(found: int) -> StoreDatabaseError:
    return StoreDatabaseError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "StoreDatabase",
                "The store database has schema version {found}, newer than this app knows "
                "({known}). Nothing was written to it; the sales wait in this counter's "
                "ledger. Update pos-app on this counter.",
            ),
            found=found,
            known=VERSION,
        )
    )


def box_taken(box: str, owner: str) -> StoreDatabaseError:
    return StoreDatabaseError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "StoreDatabase",
                "In the store database, box {box} belongs to the login {owner}, not to this "
                "counter's. Nothing was written; the sales wait in this counter's ledger. Check "
                "the box in Settings, or the login in the store database's address.",
            ),
            box=box,
            owner=owner,
        )
    )


async def schema_version(conn: AsyncConnection[Any]) -> int:
    cur = await conn.execute("SELECT to_regclass('pos_app_schema') IS NOT NULL")
    row = await cur.fetchone()
    if not row or not row[0]:
        return 0
    cur = await conn.execute("SELECT version FROM pos_app_schema")
    found = await cur.fetchone()
    return int(found[0]) if found else 0


async def ensure_schema(conn: AsyncConnection[Any]) -> int:
    """Bring the store database to this release's version (or check it is there); returns it.

    Raises :class:`StoreDatabaseError` for a newer schema, and psycopg's error when the schema
    is missing and this role may not create it."""
    version = await schema_version(conn)
    if version == VERSION:
        return version
    if version > VERSION:
        raise newer_schema(version)
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        await conn.execute("CREATE TABLE IF NOT EXISTS pos_app_schema (version INTEGER NOT NULL)")
        cur = await conn.execute("SELECT version FROM pos_app_schema FOR UPDATE")
        row = await cur.fetchone()
        version = int(row[0]) if row else 0
        if version > VERSION:
            raise newer_schema(version)
        if row is None:
            await conn.execute("INSERT INTO pos_app_schema VALUES (0)")
            await conn.execute(
                "GRANT SELECT ON pos_app_schema TO PUBLIC"  # every role may check the version
            )
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            await conn.execute(sql.SQL(step))  # type: ignore[arg-type,unused-ignore]
            await conn.execute("UPDATE pos_app_schema SET version = %s", (number,))
            log.info("store database schema now at version %d", number)
    return VERSION

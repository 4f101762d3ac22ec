"""External references: the only link between a local sale and Mercado Pago's records.

Letters and digits only (the newer Orders API forbids ``-`` and ``_``), at most 64 characters,
and unique across boxes and reinstalls: the box id, a per-ledger sequence and a random suffix.
The random part matters because a reinstalled app restarts its sequence at 1, and a reference
that matched an old sale would make an old payment look like a new one.
"""

from __future__ import annotations

import re
import string

MAX_REFERENCE = 64
REFERENCE_RE = re.compile(r"^[A-Za-z0-9]{1,64}\Z")  # \Z: "$" took "REF\n"
_ALPHABET = string.ascii_uppercase + string.digits


def new_reference(box_external_id: str, sequence: int, random_chars: int = 8) -> str:
    import secrets  # only to make one (with hmac, hashlib): reading sales never does

    box = re.sub(r"[^A-Za-z0-9]", "", box_external_id).upper()[:24] or "BOX"
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(random_chars))
    ref = f"{box}S{sequence:06d}X{suffix}"
    return ref[-MAX_REFERENCE:]


def is_valid_reference(ref: str) -> bool:
    return bool(REFERENCE_RE.match(ref))

"""The discount limit and the supervisor's PIN (issue 20).

A discount above ``max_discount_percent`` of the line (or of the sale) needs the supervisor's
PIN. The PIN is a few digits, not an account: it is stored in the config file as a salted,
slow hash (PBKDF2-SHA256), never as the digits, and compared in constant time. Without a PIN
set, a discount over the limit is refused.
"""

from __future__ import annotations

import re

# hashlib, hmac and secrets are imported where a PIN is hashed or checked, and the patterns are
# compiled on first use (re caches them): the counter window imports this module before its
# first frame (start-up time, issue 19).
ITERATIONS = 200_000
_PIN = r"^[0-9]{4,8}\Z"  # \Z: "$" also matched before a final new line
_HASH = r"^pbkdf2_sha256\$([0-9]{4,7})\$([0-9a-f]{32})\$([0-9a-f]{64})\Z"


def pin_problem(pin: str) -> str | None:
    """A PIN is 4 to 8 digits."""
    return None if re.match(_PIN, pin, re.ASCII) else "a PIN is 4 to 8 digits"


def hash_pin(pin: str, *, iterations: int = ITERATIONS) -> str:
    if problem := pin_problem(pin):
        raise ValueError(problem)
    import hashlib
    import secrets

    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("ascii"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def pin_hash_problem(value: str) -> str | None:
    """The config's ``supervisor_pin``: empty (none) or a hash written by :func:`hash_pin`."""
    return None if not value or re.match(_HASH, value) else "not a PIN hash"


def check_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` is the one ``stored`` was made from (False without a stored PIN)."""
    match = re.match(_HASH, stored)
    if not match or pin_problem(pin):
        return False
    import hashlib
    import hmac

    iterations, salt, digest = int(match[1]), bytes.fromhex(match[2]), match[3]
    mine = hashlib.pbkdf2_hmac("sha256", pin.encode("ascii"), salt, iterations).hex()
    return hmac.compare_digest(mine, digest)


def max_discount_problem(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        return "not a whole percentage from 0 to 100"
    return None

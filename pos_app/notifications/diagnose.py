"""What ``pos-app doctor`` says about the receiver: can it listen, and does the URL reach it?

When the app is not running, the receiver is started for a moment on the configured address;
when the app is running (it holds the port), its receiver is probed instead. Either way the
public URL gets a ping, which proves a request to it arrives here (the ping is counted by the
briefly started receiver, or recognised by its answer from the running one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pos_app.settings.setup import parse_listen

if TYPE_CHECKING:
    from pos_app.notifications.receiver import NotificationReceiver

# The receiver, its server and the probe (Starlette, uvicorn, httpx) are imported when there is
# a receiver to try: ``pos-app doctor`` on a box that only polls does not load them.

RECEIVER = "notification receiver"
URL = "notification URL"


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    detail: str
    advice: str = ""


async def _ignore(topic: str, resource_id: str) -> None:
    """The doctor's receiver only answers pings; anything else is dropped."""


async def check_receiver(
    listen: str,
    public_url: str,
    *,
    secret_set: bool = False,
    trusted_proxies: str = "",
    timeout: float = 5.0,
) -> list[Finding]:
    if not listen:
        if public_url:
            return [
                Finding(
                    RECEIVER,
                    False,
                    f"off, yet orders tell Mercado Pago to post to {public_url}",
                    "Set the address to listen on ('pos-app configure --notify-listen "
                    '127.0.0.1:8088\') or clear the URL (--notify-url "").',
                )
            ]
        return [Finding(RECEIVER, True, "off: payments are found by polling alone")]
    from pos_app.notifications.app import PATH
    from pos_app.notifications.probe import probe
    from pos_app.notifications.receiver import NotificationReceiver
    from pos_app.notifications.server import url_host

    try:
        host, port = parse_listen(listen)
        receiver = NotificationReceiver(_ignore, listen=listen, trusted_proxies=trusted_proxies)
    except ValueError as exc:
        advice = (
            "Fix it with 'pos-app configure --notify-listen HOST:PORT' "
            "(or --notify-trusted-proxy ADDRESS)."
        )
        return [Finding(RECEIVER, False, str(exc), advice)]
    local = f"http://{url_host(host)}:{port}{PATH}"
    signed = (
        "signed webhooks are checked, unsigned ones refused"
        if secret_set
        else "no webhook secret set"
    )
    if receiver.trusted_proxies:
        signed += f"; X-Forwarded-For believed from {receiver.trusted_proxies} only"
    else:
        signed += "; senders counted by their own address (no trusted proxy)"
    try:
        try:
            await receiver.start()
            ours: NotificationReceiver | None = receiver
            detail = f"can listen on {listen} (the app is not running); {signed}"
        except OSError as exc:
            ours = None
            answer = await probe(local, timeout=timeout)
            if not answer.ok:
                return [
                    Finding(
                        RECEIVER,
                        False,
                        f"cannot listen on {listen} ({exc.strerror or exc}); {local}: "
                        f"{answer.detail}",
                        "Another program uses that port, or the address is not this "
                        "computer's: choose another ('pos-app configure --notify-listen "
                        "127.0.0.1:PORT') and point the tunnel or port forward at it.",
                    )
                ]
            detail = f"the running app listens on {listen}; {signed}"
        url_finding = await _url_check(public_url, listen, ours, timeout)
        return [Finding(RECEIVER, True, detail), url_finding]
    finally:
        await receiver.stop()


async def _url_check(
    public_url: str, listen: str, ours: NotificationReceiver | None, timeout: float
) -> Finding:
    from pos_app.notifications.app import PATH
    from pos_app.notifications.probe import ProbeResult, probe

    if not public_url:
        return Finding(
            URL,
            False,
            "not set: orders do not tell Mercado Pago where to post",
            "Set the https address that reaches this receiver, ending in /mp/notifications "
            "('pos-app configure --notify-url https://.../mp/notifications').",
        )
    before = ours.endpoint.pings if ours is not None else 0
    answer = await probe(public_url, timeout=timeout)
    if answer.ok and ours is not None and ours.endpoint.pings == before:
        answer = ProbeResult(False, "answered by another pos-app receiver, not this one")
    if answer.ok:
        return Finding(URL, True, f"{public_url} reaches the receiver")
    return Finding(
        URL,
        False,
        f"{public_url}: {answer.detail}",
        f"The URL must lead to {listen}, path {PATH}: check that the tunnel or port forward "
        "is running and points there.",
    )

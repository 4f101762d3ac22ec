"""``pos-app sandbox``: run the Mercado Pago emulator standalone.

Prints where it listens and the seeded seller's credentials so the app (or curl) can be pointed
at it. Listens on loopback only unless ``--allow-remote``: the control API is unauthenticated.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import sys

from pos_app.cli.parsing import number_between, whole_number
from pos_app.sandbox.faults import FAULT_KINDS, Faults
from pos_app.sandbox.models import SITES, site
from pos_app.sandbox.server import SandboxServer, run_sandbox_forever
from pos_app.sandbox.state import SandboxState


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-app sandbox",
        description="Run a local emulator of the Mercado Pago QR (attended model) API.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    # Ranges: "--port 99999" and a negative latency started a sandbox all the same.
    parser.add_argument(
        "--port", type=whole_number(0, 65535), default=8765, help="port (0: any free port)"
    )
    parser.add_argument("--site", default="MLA", choices=sorted(SITES), help="seller's site")
    parser.add_argument(
        "--latency-ms",
        type=whole_number(0, 600_000),
        default=0,
        help="delay every API answer",
    )
    parser.add_argument(
        "--fault-rate",
        type=number_between(0, 1, what="a fraction"),
        default=0.0,
        help="fraction of API requests that fail (0-1)",
    )
    parser.add_argument(
        "--fault-kinds",
        default="500,429",
        help=f"comma-separated faults to inject, among {','.join(FAULT_KINDS)}",
    )
    parser.add_argument(
        "--allow-remote", action="store_true", help="allow listening on a non-loopback address"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not _is_loopback(args.host) and not args.allow_remote:
        print(
            f"refusing to listen on {args.host}: the control API has no authentication; "
            "pass --allow-remote if you really mean it",
            file=sys.stderr,
        )
        return 2
    kinds = [kind for kind in args.fault_kinds.split(",") if kind]
    if any(kind not in FAULT_KINDS for kind in kinds) or not 0 <= args.fault_rate <= 1:
        print(f"--fault-kinds must be among {FAULT_KINDS}; --fault-rate in [0, 1]", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    state = SandboxState.seeded(args.site)
    state.faults = Faults(latency_ms=args.latency_ms, error_rate=args.fault_rate, kinds=kinds)

    def announce(server: SandboxServer) -> None:
        url = server.base_url
        lines = [
            f"Mercado Pago sandbox listening on {url}",
            f"  site:         {state.site_id} ({site(state.site_id).currency_id})",
            f"  user id:      {state.seller_id}",
            f"  access token: {state.seller_token}",
            f"  store:        {state.store_external_id} (external_id)",
            f"  box:          {state.box_external_id} (external_pos_id)",
            f"  control API:  {url}/_sandbox/boxes/{state.box_external_id}",
            "Point the app at it with:",
            f"  MP_API_BASE_URL={url} MP_ACCESS_TOKEN={state.seller_token}",
            "Press Ctrl-C to stop.",
        ]
        print("\n".join(lines), flush=True)

    try:
        run_sandbox_forever(args.host, args.port, args.site, state=state, on_ready=announce)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print("sandbox stopped", flush=True)
    return 0

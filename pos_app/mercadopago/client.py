"""Async client for the part of Mercado Pago's API a QR counter needs.

It runs on an injected ``httpx.AsyncClient`` (so tests and the sandbox plug in a transport), knows
nothing of sales, and turns every failure into one :mod:`~pos_app.mercadopago.errors` class.
Requests that are safe to repeat (GET, DELETE, and the box-order PUT, which is keyed by the
external reference) are retried on 429, 5xx and transport errors; POSTs only on 429, which
means the request was not processed.

Logging: one line per request with method, path, status and time. Headers are never logged, and
the token is held by :class:`AccessToken`, whose ``repr`` shows only its last four characters.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

import httpx

from pos_app.domain.money import Site, to_api_number
from pos_app.mercadopago import errors
from pos_app.mercadopago.credentials import AccessToken, check_base_url
from pos_app.mercadopago.models import (
    Box,
    BoxOrder,
    BoxOrderRequest,
    BoxRequest,
    FoundPayment,
    MerchantOrder,
    PaymentInfo,
    PaymentSearchPage,
    QrOrder,
    SearchPage,
    Store,
    StoreRequest,
    User,
    box_order_body,
)
from pos_app.mercadopago.refunds import PaymentRefund, refusal
from pos_app.mercadopago.retry import RetryPolicy, parse_retry_after
from pos_app.system.logs import scrub

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
SEARCH_PAGE_LIMIT = 50
PAYMENT_PAGE_LIMIT = 50
T = TypeVar("T")

LIST_PAGE = 50  # stores and boxes per page (Mercado Pago's default)
MAX_LIST_PAGES = 100  # 5,000 stores or boxes: far beyond a chain of shops
MAX_PAYMENT_PAGES = 200  # 10,000 payments in a day at one box: far beyond a shop's counter
MAX_SEARCH_PAGES = 10  # one sale never has hundreds of scans; stop a runaway loop
MAX_BODY = 16 * 1024 * 1024  # bytes of one answer; 50 payments a page are some 100 KB

Sleep = Callable[[float], Awaitable[None]]
RequestObserver = Callable[[str, str, int | None, float], None]


class MercadoPagoClient:
    def __init__(
        self,
        http: httpx.AsyncClient,
        token: AccessToken,
        *,
        base_url: str,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        sleep: Sleep = asyncio.sleep,
        rng: random.Random | None = None,
        observer: RequestObserver | None = None,
    ) -> None:
        self._http = http
        self._token = token
        self.base_url = check_base_url(base_url)
        self.retry = retry or RetryPolicy()
        self.timeout = timeout
        self._sleep = sleep
        self._rng = rng or random.Random()
        # Told of every attempt (method, path, status or None, seconds): connection-state UI.
        self.observer = observer
        # The HTTP ``Date`` of the last answer, as sent ("" before one): Mercado Pago's clock,
        # which ``doctor`` holds this computer's against.
        self.last_server_date = ""

    def __repr__(self) -> str:
        return f"MercadoPagoClient({self.base_url!r}, {self._token!r})"

    @property
    def token(self) -> AccessToken:
        return self._token

    def with_token(self, token: AccessToken) -> MercadoPagoClient:
        """The same connection with other credentials (Settings' "Test connection")."""
        return MercadoPagoClient(
            self._http,
            token,
            base_url=self.base_url,
            retry=self.retry,
            timeout=self.timeout,
            sleep=self._sleep,
            rng=self._rng,
            observer=self.observer,
        )

    # -- account -------------------------------------------------------------------------------
    async def get_me(self) -> User:
        return User.parse(await self._request("GET", "/users/me"))

    # -- orders on a box -----------------------------------------------------------------------
    async def put_box_order(
        self,
        user_id: int,
        external_store_id: str,
        external_pos_id: str,
        order: BoxOrderRequest,
        site: Site,
        *,
        idempotency_key: str,
    ) -> None:
        """Create or replace the box's order. Mercado Pago answers 204 with no body."""
        path = (
            f"/instore/qr/seller/collectors/{user_id}/stores/{_seg(external_store_id)}"
            f"/pos/{_seg(external_pos_id)}/orders"
        )
        await self._request(
            "PUT",
            path,
            json_body=box_order_body(order, site),
            idempotency_key=idempotency_key,
            retry_transport=True,
        )

    async def get_box_order(self, user_id: int, external_pos_id: str) -> BoxOrder | None:
        """The box's current order, or ``None`` when nothing is pending on it."""
        path = f"/instore/qr/seller/collectors/{user_id}/pos/{_seg(external_pos_id)}/orders"
        try:
            data = await self._request("GET", path)
        except errors.NotFoundError:
            return None  # the one way Mercado Pago says "nothing pending"
        # An empty 200 or a 204 (a proxy's answer, not Mercado Pago's) says nothing about the
        # box: reading it as "nothing pending" would end a sale the customer can still pay.
        return BoxOrder.parse(data)

    async def delete_box_order(self, user_id: int, external_pos_id: str) -> None:
        path = f"/instore/qr/seller/collectors/{user_id}/pos/{_seg(external_pos_id)}/orders"
        try:
            await self._request("DELETE", path, retry_transport=True)
        except errors.NotFoundError:
            return  # nothing on the box: the goal of a delete is reached

    # -- merchant orders -----------------------------------------------------------------------
    async def get_merchant_order(self, merchant_order_id: int) -> MerchantOrder:
        data = await self._request("GET", f"/merchant_orders/{merchant_order_id}")
        return MerchantOrder.parse(data)

    async def search_merchant_orders_page(
        self, external_reference: str, *, offset: int = 0, limit: int = SEARCH_PAGE_LIMIT
    ) -> SearchPage:
        params = {"external_reference": external_reference, "offset": offset, "limit": limit}
        return SearchPage.parse(
            await self._request("GET", "/merchant_orders/search", params=params)
        )

    async def search_merchant_orders(self, external_reference: str) -> list[MerchantOrder]:
        """Every merchant order for the reference: one per scan, so possibly several."""
        found: dict[int, MerchantOrder] = {}
        offset = 0
        for _ in range(MAX_SEARCH_PAGES):
            page = await self.search_merchant_orders_page(external_reference, offset=offset)
            for mo in page.elements:
                found[mo.id] = mo
            if not page.elements or len(found) >= page.total or page.next_offset <= offset:
                break
            offset = page.next_offset
        return list(found.values())

    async def get_payment(self, payment_id: int) -> PaymentInfo:
        return PaymentInfo.parse(await self._request("GET", f"/v1/payments/{payment_id}"))

    # -- the Orders API (notes §7) -----------------------------------------------------------
    # Every write carries an idempotency key the caller stored before calling: Mercado Pago
    # answers a repeated key + body with the original order, so these POSTs, unlike others,
    # are retried on 5xx and lost answers too.
    async def create_qr_order(self, body: Mapping[str, Any], *, idempotency_key: str) -> QrOrder:
        data = await self._request(
            "POST",
            "/v1/orders",
            json_body=body,
            idempotency_key=idempotency_key,
            retry_transport=True,
        )
        return QrOrder.parse(data)

    async def get_qr_order(self, order_id: str) -> QrOrder:
        return QrOrder.parse(await self._request("GET", f"/v1/orders/{_seg(order_id)}"))

    async def cancel_qr_order(self, order_id: str, *, idempotency_key: str) -> QrOrder:
        data = await self._request(
            "POST",
            f"/v1/orders/{_seg(order_id)}/cancel",
            idempotency_key=idempotency_key,
            retry_transport=True,
        )
        return QrOrder.parse(data)

    async def refund_qr_order(
        self,
        order_id: str,
        *,
        idempotency_key: str,
        transactions: list[dict[str, str]] | None = None,
    ) -> QrOrder:
        """Empty body: the whole order; ``[{"id": "PAY…", "amount": "10.00"}]``: partial."""
        data = await self._request(
            "POST",
            f"/v1/orders/{_seg(order_id)}/refund",
            json_body={"transactions": transactions} if transactions else None,
            idempotency_key=idempotency_key,
            retry_transport=True,
        )
        return QrOrder.parse(data)

    # -- refunds (instore payments, §8) --------------------------------------------------------
    async def refund_payment(
        self, payment_id: int, amount: Decimal | None, *, idempotency_key: str, site: Site
    ) -> PaymentRefund:
        """Refund ``amount`` of the payment (``None``: all that is left). ``idempotency_key``
        must be stored before the call and reused on every try: retried here on transport
        failures with the same key, which Mercado Pago answers with the same refund."""
        if not idempotency_key:
            raise ValueError("a refund needs its stored idempotency key")
        body = None if amount is None else {"amount": to_api_number(amount, site)}
        try:
            data = await self._request(
                "POST",
                f"/v1/payments/{payment_id}/refunds",
                json_body=body,
                idempotency_key=idempotency_key,
                retry_transport=True,
            )
        except errors.RejectedError as exc:
            raise refusal(exc) from None
        return PaymentRefund.parse(data)

    async def list_refunds(self, payment_id: int) -> list[PaymentRefund]:
        data = await self._request("GET", f"/v1/payments/{payment_id}/refunds")
        return [PaymentRefund.parse(item) for item in (data if isinstance(data, list) else [])]

    # -- a day's payments (reconciliation, §9) ---------------------------------------------------
    async def search_payments_page(
        self,
        begin: datetime,
        end: datetime,
        *,
        store_id: int | None = None,
        pos_id: int | None = None,
        offset: int = 0,
        limit: int = PAYMENT_PAGE_LIMIT,
    ) -> PaymentSearchPage:
        params: dict[str, Any] = {
            "range": "date_created",
            "begin_date": _mp_date(begin),
            "end_date": _mp_date(end),
            "sort": "date_created",
            "criteria": "asc",
            "offset": offset,
            "limit": limit,
        }
        if store_id:
            params["store_id"] = store_id
        if pos_id:
            params["pos_id"] = pos_id
        data = await self._request("GET", "/v1/payments/search", params=params)
        return PaymentSearchPage.parse(data)

    async def search_payments(
        self,
        begin: datetime,
        end: datetime,
        *,
        store_id: int | None = None,
        pos_id: int | None = None,
    ) -> list[FoundPayment]:
        """Every payment created in ``[begin, end]`` (of the box, when given), all pages.

        More pages than :data:`MAX_PAYMENT_PAGES` is an error, never a part of the list: a check
        of the day against a part would call every payment after it missing."""

        async def read(offset: int) -> tuple[Sequence[FoundPayment], int | None]:
            page = await self.search_payments_page(
                begin, end, store_id=store_id, pos_id=pos_id, offset=offset
            )
            return page.results, page.total

        return await _every_page(read, lambda p: p.id, MAX_PAYMENT_PAGES, errors.too_many_payments)

    # -- stores and boxes ----------------------------------------------------------------------
    async def search_stores(self, user_id: int, external_id: str | None = None) -> list[Store]:
        params = {"external_id": external_id} if external_id else {}
        found = await self._listing(f"/users/{user_id}/stores/search", params)
        return [Store.parse(s) for s in found]

    async def _listing(self, path: str, params: Mapping[str, Any]) -> list[Any]:
        """Every result of a ``{paging, results}`` search of stores or boxes: an account with
        more than one page (a chain: 10 stores of 6 boxes) would otherwise see only the first
        50 in Settings."""

        async def read(offset: int) -> tuple[Sequence[Any], int | None]:
            query = {**params, "offset": offset, "limit": LIST_PAGE}
            data = await self._request("GET", path, params=query)
            return _results(data), _paging_total(data)

        def key(item: Any) -> str:
            return str(item.get("id")) if isinstance(item, Mapping) else repr(item)

        return await _every_page(read, key, MAX_LIST_PAGES, errors.too_many_listed)

    async def create_store(self, user_id: int, store: StoreRequest) -> Store:
        data = await self._request(
            "POST",
            f"/users/{user_id}/stores",
            json_body=store.to_json(),
            idempotency_key=f"store-{user_id}-{store.external_id}",
        )
        return Store.parse(data)

    async def search_boxes(
        self,
        *,
        external_id: str | None = None,
        store_id: int | None = None,
        external_store_id: str | None = None,
    ) -> list[Box]:
        params: dict[str, Any] = {}
        if external_id:
            params["external_id"] = external_id
        if store_id:
            params["store_id"] = store_id
        if external_store_id:
            params["external_store_id"] = external_store_id
        return [Box.parse(b) for b in await self._listing("/pos", params)]

    async def get_box(self, box_id: int) -> Box:
        return Box.parse(await self._request("GET", f"/pos/{box_id}"))

    async def create_box(self, box: BoxRequest) -> Box:
        data = await self._request(
            "POST", "/pos", json_body=box.to_json(), idempotency_key=f"pos-{box.external_id}"
        )
        return Box.parse(data)

    async def delete_box(self, box_id: int) -> None:
        await self._request("DELETE", f"/pos/{box_id}", retry_transport=True)

    # -- transport -----------------------------------------------------------------------------
    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        idempotency_key: str | None = None,
        retry_transport: bool | None = None,
    ) -> Any:
        """Send with retries; return parsed JSON (``None`` for an empty body)."""
        if not self._token:
            raise errors.no_token()  # never a request with an empty Authorization header
        if retry_transport is None:
            retry_transport = method in ("GET", "DELETE")
        headers = {
            "Authorization": f"Bearer {self._token.reveal()}",
            "Accept": "application/json",
        }
        content: bytes | None = None
        if json_body is not None:
            headers["Content-Type"] = "application/json"
            content = json.dumps(json_body, separators=(",", ":")).encode()
        if idempotency_key:
            headers["X-Idempotency-Key"] = idempotency_key
        url = self.base_url + path
        waited = 0.0
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._send_once(method, url, path, params, headers, content)
            except errors.MercadoPagoError as exc:
                retryable = isinstance(exc, errors.RateLimitedError) or (
                    retry_transport and exc.transient
                )
                if not retryable or attempt >= self.retry.max_attempts:
                    raise
                retry_after = exc.retry_after if isinstance(exc, errors.RateLimitedError) else None
                delay = self.retry.delay(attempt, retry_after, self._rng)
                if waited + delay > self.retry.total_budget:
                    raise
                log.info(
                    "%s %s failed (%s); retry %d in %.2fs",
                    method,
                    path,
                    type(exc).__name__,
                    attempt,
                    delay,
                )
                waited += delay
                await self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _send_once(
        self,
        method: str,
        url: str,
        path: str,
        params: Mapping[str, Any] | None,
        headers: dict[str, str],
        content: bytes | None,
    ) -> Any:
        t0 = time.monotonic()
        try:
            request = self._http.build_request(
                method, url, params=params, headers=headers, content=content, timeout=self.timeout
            )
            response = await self._http.send(request, stream=True)
            try:
                body = await _read_capped(response)
            finally:
                await response.aclose()
        except httpx.TimeoutException as exc:
            self._observe(method, path, None, t0)
            log.warning("%s %s: no answer in time (%s)", method, path, type(exc).__name__)
            raise errors.transport_error(type(exc).__name__, timeout=True) from None
        except httpx.TransportError as exc:
            self._observe(method, path, None, t0)
            log.warning("%s %s: transport error %s", method, path, type(exc).__name__)
            raise errors.transport_error(_describe_transport(exc), timeout=False) from None
        self._observe(method, path, response.status_code, t0)
        self.last_server_date = response.headers.get("date", "")
        elapsed_ms = (time.monotonic() - t0) * 1000
        log.debug("%s %s -> %d in %.0f ms", method, path, response.status_code, elapsed_ms)
        if body is None:
            raise errors.unexpected(
                f"HTTP {response.status_code} with a body over {MAX_BODY} bytes"
            )
        return _interpret(response, body, self._token.reveal(), method)

    def _observe(self, method: str, path: str, status: int | None, t0: float) -> None:
        if self.observer is not None:
            try:
                self.observer(method, path, status, time.monotonic() - t0)
            except Exception:  # an observer bug must not break a payment
                log.exception("request observer failed")


def _mp_date(moment: datetime) -> str:
    """``2026-12-01T00:00:00.000-03:00``: milliseconds and the offset, as the search wants."""
    return moment.isoformat(timespec="milliseconds")


def _seg(value: str) -> str:
    """A path segment; external ids are letters and digits, but never trust that blindly."""
    return httpx.URL("/" + value).raw_path.decode()[1:].replace("/", "%2F")


def _describe_transport(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return "connection refused or no network"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return "connection dropped"
    return type(exc).__name__


async def _every_page(
    read: Callable[[int], Awaitable[tuple[Sequence[T], int | None]]],
    key: Callable[[T], object],
    max_pages: int,
    too_many: Callable[[int], errors.MercadoPagoError],
) -> list[T]:
    """Every item of a paged search, page after page (``read(offset)`` answers a page's items
    and the total, None when it does not say: then one page is all). The same item twice
    (something created between two pages shifts the next) is kept once. More than
    ``max_pages`` pages is ``too_many``, never a part: a day checked against a part would call
    every later payment missing, and a Settings list would hide the other boxes."""
    found: dict[object, T] = {}
    offset = 0
    for _ in range(max_pages):
        items, total = await read(offset)
        for item in items:
            found[key(item)] = item
        offset += len(items)
        if not items or total is None or offset >= total:
            return list(found.values())
    raise too_many(offset)


def _paging_total(data: Any) -> int | None:
    """``paging.total`` of a search answer; None when it does not say (then one page is all)."""
    paging = data.get("paging") if isinstance(data, Mapping) else None
    total = paging.get("total") if isinstance(paging, Mapping) else None
    return total if isinstance(total, int) and not isinstance(total, bool) else None


def _results(data: Any) -> list[Any]:
    if isinstance(data, Mapping):
        results = data.get("results")
        return list(results) if isinstance(results, list) else []
    return list(data) if isinstance(data, list) else []


def _first_code(errors_list: Any) -> str:
    """The Orders API answers ``{"errors": [{"code", "message", "details"}]}``."""
    if isinstance(errors_list, list) and errors_list and isinstance(errors_list[0], Mapping):
        return str(errors_list[0].get("code") or "")
    return ""


async def _read_capped(response: httpx.Response) -> bytes | None:
    """The body, or None past :data:`MAX_BODY` bytes: a proxy's endless or huge answer is an
    error, not all of the till's memory (Mercado Pago's biggest answers are some 100 KB)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _loads(body: bytes) -> Any:
    if not body:
        return None
    try:
        return json.loads(body, parse_float=Decimal)
    except (ValueError, RecursionError):  # RecursionError: ``[[[[...`` nested 100,000 deep
        return None


def _redact(text: str, secret: str) -> str:
    """``text`` without the access token (a proxy may echo the request's headers), nor any
    long piece of it: echoed without its prefix, in other case or percent-encoded, it leaked
    into the message, and a refused sale's reason into the ledger."""
    return scrub(text, frozenset((secret,)), "[token]") if secret else text


def _interpret(response: httpx.Response, body: bytes, secret: str = "", method: str = "") -> Any:
    status = response.status_code
    if status < 200 or 300 <= status < 400:
        # A redirect (a captive portal, a proxy) or an interim answer: not Mercado Pago's word,
        # and the request may never have reached it.
        raise errors.unexpected(f"HTTP {status}")
    data = _loads(body)
    if 200 <= status < 300:
        if body and data is None:
            raise errors.unexpected(f"HTTP {status} with a body that is not JSON")
        return data
    # Mercado Pago refuses with its JSON envelope; a 4xx without one is a proxy's, a portal's
    # or a firewall's page, which may never have reached it: not its "no" (a refusal ends a
    # sale or a refund, a 404 empties the box), only an unreadable answer. A DELETE's 404 is
    # taken as it comes: the goal of a delete is reached either way.
    proxy_page = not isinstance(data, Mapping) and status < 500 and status != 429
    if proxy_page and not (status == 404 and method == "DELETE"):
        raise errors.unexpected(f"HTTP {status} without Mercado Pago's error body")
    envelope = data if isinstance(data, Mapping) else {}
    # Redacted before cut: a cut token is no longer found, yet still says too much.
    key = _redact(str(envelope.get("error") or _first_code(envelope.get("errors"))), secret)[:100]
    detail = _redact(str(envelope.get("message") or ""), secret)[:300]
    if status in (401, 403):
        raise errors.AuthenticationError.from_status(status, key)
    if status == 404:
        raise errors.not_found(key, detail)
    if status == 429:
        raise errors.rate_limited(parse_retry_after(response.headers.get("Retry-After")))
    if status >= 500:
        raise errors.server_error(status, key)
    causes = _cause_codes(envelope.get("cause"), secret)
    raise errors.rejected(status, key, detail, causes)


def _cause_codes(cause: Any, secret: str = "") -> tuple[str, ...]:
    """``cause: [{"code": 4041, ...}]`` (a list, or one object) as ``("4041",)``."""
    items = cause if isinstance(cause, list) else [cause] if isinstance(cause, Mapping) else []
    return tuple(
        _redact(str(item.get("code")), secret)[:40]
        for item in items[:10]
        if isinstance(item, Mapping) and item.get("code") is not None
    )

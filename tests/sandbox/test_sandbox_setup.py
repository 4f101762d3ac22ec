"""Stores and boxes (POS): the setup endpoints and their errors."""

from __future__ import annotations

from typing import Any

import httpx

from pos_app.sandbox.testing import InProcessSandbox

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LOCATION = {
    "street_number": "3039",
    "street_name": "Caseros",
    "city_name": "Belgrano",
    "state_name": "Capital Federal",
    "latitude": -32.8897322,
    "longitude": -68.8443275,
    "reference": "Near the park",
}


def store_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Sucursal Norte",
        "external_id": "SUC002",
        "location": dict(LOCATION),
        "business_hours": {"monday": [{"open": "08:00", "close": "13:00"}]},
    }
    body.update(overrides)
    return body


def test_seeded_store_and_box(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        user = sb.state.seller_id
        stores = await client.get(
            f"/users/{user}/stores/search?external_id=SUC001", headers=sb.auth
        )
        data = stores.json()
        assert data["paging"]["total"] == 1
        store = data["results"][0]
        assert (store["name"], store["external_id"]) == ("Sucursal Centro", "SUC001")
        assert isinstance(store["id"], int) and store["location"]["address_line"]

        boxes = (await client.get("/pos?external_id=CAJA01", headers=sb.auth)).json()
        assert boxes["paging"]["total"] == 1
        box = boxes["results"][0]
        assert (box["name"], box["fixed_amount"], box["status"]) == ("Caja 1", True, "active")
        assert box["external_store_id"] == "SUC001" and box["store_id"] == str(store["id"])
        assert set(box["qr"]) == {"image", "template_document", "template_image"}
        assert "qr_code" not in box
        full = (await client.get(f"/pos/{box['id']}", headers=sb.auth)).json()
        assert full["qr_code"].startswith("000201") and full["uuid"] == box["uuid"]

    sb.run(scenario)


def test_create_and_search_stores(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        path = f"/users/{sb.state.seller_id}/stores"
        created = await client.post(path, json=store_body(), headers=sb.auth)
        assert created.status_code == 200
        store = created.json()
        assert store["external_id"] == "SUC002" and isinstance(store["id"], int)
        assert store["location"]["address_line"] == "Caseros 3039, Belgrano, Capital Federal"
        assert store["location"]["latitude"] == -32.8897322

        everything = (await client.get(f"{path}/search", headers=sb.auth)).json()
        assert everything["paging"]["total"] == 2
        none = (await client.get(f"{path}/search?external_id=X", headers=sb.auth)).json()
        assert none == {"paging": {"total": 0, "offset": 0, "limit": 50}, "results": []}

        errors = [
            (store_body(), "VALIDATION_ERROR"),  # duplicate external_id
            (store_body(external_id="S" * 61), "VALIDATION_ERROR"),
            (store_body(external_id="SUC9", name=""), "INVALID_NAME"),
            (store_body(external_id="SUC9", location=None), "INVALID_LOCATION"),
            (
                store_body(external_id="SUC9", location={**LOCATION, "street_number": 3039}),
                "INVALID_LOCATION",
            ),
            (
                store_body(external_id="SUC9", location={**LOCATION, "latitude": "x"}),
                "INVALID_LOCATION",
            ),
            (
                store_body(external_id="SUC9", location={**LOCATION, "state_name": ""}),
                "INVALID_STATE_NAME",
            ),
        ]
        for body, key in errors:
            response = await client.post(path, json=body, headers=sb.auth)
            assert (response.status_code, response.json()["error"]) == (400, key), body

        other_id, _ = sb.state.add_seller()
        forbidden = await client.post(
            f"/users/{other_id}/stores", json=store_body(external_id="X"), headers=sb.auth
        )
        assert forbidden.status_code == 403 and forbidden.json()["error"] == "forbidden"
        search = await client.get(f"/users/{other_id}/stores/search", headers=sb.auth)
        assert search.status_code == 403

    sb.run(scenario)


def test_create_search_get_delete_boxes(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        store = next(sb.state.stores_of(sb.state.seller_id))
        body = {
            "name": "Caja 2",
            "fixed_amount": True,
            "store_id": store.id,
            "external_store_id": "SUC001",
            "external_id": "CAJA02",
            "category": 621102,
        }
        created = await client.post("/pos", json=body, headers=sb.auth)
        assert created.status_code == 201
        box = created.json()
        for key in ("id", "qr", "status", "uuid", "user_id", "date_created"):
            assert key in box
        assert (box["external_id"], box["category"], box["user_id"]) == (
            "CAJA02",
            621102,
            sb.state.seller_id,
        )

        duplicate = await client.post("/pos", json=body, headers=sb.auth)
        assert duplicate.status_code == 409
        assert duplicate.json()["error"] == "point_of_sale_exists"

        errors: list[tuple[dict[str, Any], str]] = [
            ({"name": "x" * 45}, "invalid_name"),
            ({"external_id": "CAJA-03"}, "invalid_external_id"),
            ({"external_id": "C" * 40}, "invalid_external_id"),
            ({"external_id": "CAJA03\n"}, "invalid_external_id"),  # "$" matched before "\n"
            ({"store_id": 1}, "invalid_store_id"),
            # the store's id in Arabic-Indic digits: int() reads them
            ({"store_id": str(store.id).translate(ARABIC_DIGITS)}, "invalid_store_id"),
            ({"external_store_id": "SUC999"}, "invalid_external_store_id"),
            ({"fixed_amount": "yes"}, "invalid_fixed_amount"),
            ({"category": "food"}, "invalid_category"),
        ]
        for overrides, key in errors:
            response = await client.post(
                "/pos", json={**body, "external_id": "CAJA03", **overrides}, headers=sb.auth
            )
            assert (response.status_code, response.json()["error"]) == (400, key), overrides

        by_store = await client.get(f"/pos?store_id={store.id}", headers=sb.auth)
        assert by_store.json()["paging"]["total"] == 2
        by_ext = await client.get("/pos?external_store_id=SUC001&limit=1", headers=sb.auth)
        assert len(by_ext.json()["results"]) == 1

        assert (await client.delete(f"/pos/{box['id']}", headers=sb.auth)).status_code == 204
        assert (await client.get(f"/pos/{box['id']}", headers=sb.auth)).status_code == 404
        # Other sellers' boxes do not exist for this token.
        _, token = sb.state.add_seller()
        seeded = next(sb.state.boxes_of(sb.state.seller_id))
        other = {"Authorization": f"Bearer {token}"}
        assert (await client.get(f"/pos/{seeded.id}", headers=other)).status_code == 404

    sb.run(scenario)

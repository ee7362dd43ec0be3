"""The quantity fields added with issue 14 (per, from_value, the magnitude and mach kinds) on the wire."""

import msgspec

from service.api.schemas import QuantityOut
from service.core.types import QuantityKind

# A leading line so the working text's offsets are not trivially the original's.
TEXT = (
    "Markets  today\n\n"
    "Brent crude hit $80 a barrel on Monday. The central bank's rate rose from 3.0% to 3.25%. "
    "A magnitude 6.1 earthquake struck at dawn."
)


def _by_text(body):
    return {q["text"]: q for q in body["quantities"]}


def test_rate_move_and_magnitude_carry_their_new_fields(client):
    response = client.post("/v1/extract", json={"text": TEXT})
    assert response.status_code == 200
    quantities = _by_text(response.json())
    for text, q in quantities.items():
        assert TEXT[q["start"] : q["end"]] == text

    rate = quantities["$80 a barrel"]
    assert (rate["value"], rate["unit"], rate["per"], rate["kind"]) == (80.0, "USD/bbl", "bbl", "money")
    assert "from_value" not in rate

    move = quantities["from 3.0% to 3.25%"]
    assert (move["value"], move["from_value"], move["change"], move["kind"]) == (3.25, 3.0, "increase", "percent")
    assert move["normalized"] == {"value": 3.25, "unit": "percent", "from_value": 3.0}
    assert "per" not in move

    quake = quantities["magnitude 6.1"]
    assert (quake["value"], quake["kind"], quake["unit"]) == (6.1, "magnitude", "magnitude")


def test_openapi_lists_the_new_quantity_fields_and_kinds(client):
    document = client.get("/schema/openapi.json").json()
    schemas = document["components"]["schemas"]
    quantity = schemas["QuantityOut"]["properties"]
    assert {"per", "from_value", "change"} <= quantity.keys()
    assert "from_value" in schemas["Normalized"]["properties"]
    assert set(quantity["kind"]["enum"]) == {kind.value for kind in QuantityKind}
    # The new fields are optional: a client written against the earlier contract still decodes.
    assert not {"per", "from_value", "change"} & set(schemas["QuantityOut"]["required"])


def test_every_internal_kind_is_a_wire_kind():
    schema = msgspec.json.schema(QuantityOut)
    component = schema["$defs"]["QuantityOut"]["properties"]["kind"]
    assert set(component["enum"]) == {kind.value for kind in QuantityKind}

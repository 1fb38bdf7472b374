"""Walking an OpenAPI document (a plain module: tests import it by name): every operation, a plausible body for a
schema, and every integer a request can carry (in its path, its query or its body) with the bounds it documents."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class IntegerSlot:
    """One integer a request carries: where ("path", "query" or "body"), its name or its path in the body (keys,
    and 0 for a list's item), its documented bounds, and for a body the smallest body that reaches it."""

    method: str
    path: str
    where: str
    name: tuple
    minimum: int | None
    maximum: int | None
    body: object = None


def resolve(spec: dict, schema: dict) -> dict:
    """schema with a $ref followed (flask-smorest refers to components/schemas)."""
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def operations(spec: dict) -> list[tuple[str, str, dict]]:
    """(path template, method, operation object) for every operation; the ones that end something (delete,
    cancel, log out) last, so the others still find their records open."""
    found = [
        (path, method, item[method]) for path, item in spec["paths"].items() for method in METHODS if method in item
    ]
    return sorted(found, key=lambda op: op[1] == "delete" or op[0].endswith(("/cancel", "/logout")))


def alternatives(spec: dict, schema: dict) -> list[dict]:
    """The schemas a value may follow: each of a oneOf / anyOf, else schema itself (resolved)."""
    schema = resolve(spec, schema)
    choices = schema.get("oneOf") or schema.get("anyOf")
    return [resolve(spec, choice) for choice in choices] if choices else [schema]


def plausible(spec: dict, schema: dict, tag: int = 0, *, only_required: bool = False):
    """A value the schema would probably accept (its example, else one of its type; text unique to tag), so that
    a value put in one place travels as far as a valid request would: into the services and the database.
    only_required: objects with their required properties alone."""
    schema = alternatives(spec, schema)[0]
    if "example" in schema:
        return schema["example"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        required = set(schema.get("required", ()))
        return {
            name: plausible(spec, sub, tag, only_required=only_required)
            for name, sub in schema.get("properties", {}).items()
            if name in required or not only_required
        }
    if kind == "array":
        return [plausible(spec, schema.get("items", {}), tag, only_required=only_required)]
    if kind in ("integer", "number"):
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return True
    if schema.get("format") == "date-time":
        return (datetime.now(UTC) + timedelta(days=30)).isoformat(timespec="seconds")  # inside the session window
    if schema.get("format") == "email":
        return f"corpus{tag}@example.com"
    return f"corpus{tag}"


def _is_integer(schema: dict) -> bool:
    kind = schema.get("type")
    return kind == "integer" or (isinstance(kind, list) and "integer" in kind)


def _body_integers(spec: dict, schema: dict, path: tuple = ()):
    """(path, schema, smallest value reaching it) for every integer in a body schema, through each alternative."""
    for choice in alternatives(spec, schema):
        if _is_integer(choice):
            yield path, choice, 1
        for name, sub in choice.get("properties", {}).items():
            base = plausible(spec, choice, only_required=True)
            for inner, found, value in _body_integers(spec, sub, (*path, name)):
                yield inner, found, {**base, name: value}
        if "items" in choice:
            for inner, found, value in _body_integers(spec, choice["items"], (*path, 0)):
                yield inner, found, [value]


def integer_slots(spec: dict) -> list[IntegerSlot]:
    """Every integer a request of the document can carry, with its documented bounds."""
    slots = []
    for path, method, operation in operations(spec):
        for parameter in [*spec["paths"][path].get("parameters", ()), *operation.get("parameters", ())]:
            schema = resolve(spec, parameter.get("schema", {}))
            if _is_integer(schema):
                bounds = (schema.get("minimum"), schema.get("maximum"))
                slots.append(IntegerSlot(method, path, parameter["in"], (parameter["name"],), *bounds))
        if json_body := (operation.get("requestBody") or {}).get("content", {}).get("application/json"):
            for name, schema, smallest in _body_integers(spec, json_body["schema"]):
                bounds = (schema.get("minimum"), schema.get("maximum"))
                slots.append(IntegerSlot(method, path, "body", name, *bounds, body=smallest))
    return slots


def with_value(body, path: tuple, value):
    """A copy of body with value at path (keys, and list indexes)."""
    if not path:
        return value
    copy = list(body) if isinstance(body, list) else dict(body)
    copy[path[0]] = with_value(body[path[0]], path[1:], value)
    return copy


def holds(body, path: tuple) -> bool:
    """Whether body has something at path."""
    for step in path:
        if (isinstance(body, dict) and step in body) or (
            isinstance(body, list) and isinstance(step, int) and step < len(body)
        ):
            body = body[step]
        else:
            return False
    return True

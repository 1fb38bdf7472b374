"""The part of schema.org's vocabulary the public pages' JSON-LD uses, kept in schemaorg_subset.json so the tests
need no network: each class with its superclasses and the properties whose domain includes it, each property's
ranges, and the members of the enumerations those ranges name.

Made from a release of schema.org (github.com/schemaorg/schemaorg, data/releases/<n>/schemaorg-current-https.jsonld):
    python3 tests/e2e/schemaorg_subset.py schemaorg-current-https.jsonld
"""

import json
import sys
from pathlib import Path

SUBSET = Path(__file__).with_name("schemaorg_subset.json")
CLASSES = ("Event", "Place", "VirtualLocation", "Offer", "AggregateOffer", "Organization", "Person", "PostalAddress")


def _ids(value) -> list[str]:
    """The schema: names a JSON-LD reference (or list of them) points to."""
    items = value if isinstance(value, list) else [value] if value else []
    return [item["@id"].removeprefix("schema:") for item in items if item["@id"].startswith("schema:")]


def _types(node: dict) -> list[str]:
    """A node's @type names (a member of an enumeration has the enumeration as its type)."""
    types = node.get("@type")
    return [name.removeprefix("schema:") for name in (types if isinstance(types, list) else [types])]


def _ancestors(name: str, parents: dict) -> set[str]:
    found, todo = set(), list(parents.get(name, []))
    while todo:
        parent = todo.pop()
        if parent not in found:
            found.add(parent)
            todo += parents.get(parent, [])
    return found


def subset(release: dict) -> dict:
    nodes = {node["@id"].removeprefix("schema:"): node for node in release["@graph"]}
    parents = {name: _ids(node.get("rdfs:subClassOf")) for name, node in nodes.items()}
    classes, todo = {}, list(CLASSES)
    while todo:
        name = todo.pop()
        if name not in classes:
            classes[name] = parents.get(name, [])
            todo += classes[name]
    properties = {
        name: _ids(node.get("schema:rangeIncludes"))
        for name, node in nodes.items()
        if "rdf:Property" in str(node.get("@type")) and set(_ids(node.get("schema:domainIncludes"))) & set(classes)
    }
    enumerations = {
        rng for ranges in properties.values() for rng in ranges if "Enumeration" in _ancestors(rng, parents)
    }
    members = {kind: sorted(name for name, node in nodes.items() if kind in _types(node)) for kind in enumerations}
    domains = {name: sorted(set(_ids(nodes[name].get("schema:domainIncludes"))) & set(classes)) for name in properties}
    return {
        "classes": classes,
        "properties": properties,
        "domains": domains,
        "members": {k: v for k, v in members.items() if v},
    }


if __name__ == "__main__":
    release = json.loads(Path(sys.argv[1]).read_text())
    SUBSET.write_text(json.dumps(subset(release), indent=1, sort_keys=True) + "\n")

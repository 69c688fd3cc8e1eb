"""Parsing XML from an untrusted file with the standard library, refusing what could hurt.

A REFI-QDA project needs no document type declaration, so any `<!DOCTYPE` is refused outright,
and with it every entity trick (billion laughs, external entities reading local files or URLs).
The document is parsed once, by expat, into an ElementTree; namespaces are dropped from tag
names (REFI-QDA uses one) and nesting deeper than MAX_DEPTH is refused, so that no later
recursion over the tree can run out of stack.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from findings.importers import ImportFailed

MAX_DEPTH = 200


class _Refused(Exception):
    pass


def parse(data: bytes, what: str) -> ET.Element:
    """The root element of `data`; an ImportFailed naming `what` when it is unsafe or malformed."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    depth = 0

    def refuse(reason: str):
        def handler(*_args):
            raise _Refused(reason)

        return handler

    def start(tag, attrs):
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise _Refused(f"nests elements more than {MAX_DEPTH} deep")
        builder.start(tag.rpartition("}")[2], {k.rpartition("}")[2]: v for k, v in attrs.items()})

    def end(tag):
        nonlocal depth
        depth -= 1
        builder.end(tag.rpartition("}")[2])

    parser.StartDoctypeDeclHandler = refuse(
        "declares a document type (<!DOCTYPE>), which a project never needs"
    )
    parser.EntityDeclHandler = refuse("declares an entity (<!ENTITY>)")
    parser.UnparsedEntityDeclHandler = refuse("declares an entity (<!ENTITY>)")
    parser.ExternalEntityRefHandler = refuse("refers to an external entity")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    parser.ordered_attributes = False
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise ImportFailed(f"ERROR {what} {exc}; refused") from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        raise ImportFailed(
            f"ERROR {what} is not well-formed XML (line {exc.lineno}, column {exc.offset + 1}: {reason})"
        ) from None
    return builder.close()

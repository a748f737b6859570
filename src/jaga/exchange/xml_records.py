"""Streaming the records of an untrusted XML file, each with the line it starts on.

Parsed with defusedxml's SAX parser: no external entities, no DTD tricks, no entity
expansion bombs (XXE and "billion laughs" are refused as errors). Namespaces are dropped
from names, as the NCMEC files use one default namespace that adds nothing.
"""

from __future__ import annotations

import xml.sax
import xml.sax.handler
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from defusedxml import DefusedXmlException
from defusedxml.sax import make_parser

MAX_DEPTH_IN_RECORD = 64  # NCMEC entries are 5 deep; deeper is an attack on the parser


@dataclass
class Node:
    """One element: local name, attributes, stripped text, children, and its start line."""

    tag: str
    attrs: dict[str, str]
    line: int
    text: str = ""
    children: list[Node] = field(default_factory=list)

    def child(self, tag: str) -> Node | None:
        return next((child for child in self.children if child.tag == tag), None)

    def child_text(self, tag: str) -> str:
        found = self.child(tag)
        return found.text if found is not None else ""


@dataclass(frozen=True, slots=True)
class XmlProblem:
    """The document stopped parsing here; records before it were delivered."""

    line: int
    message: str


class _RecordCollector(xml.sax.handler.ContentHandler):
    def __init__(self, record_depth: int, parser: Any) -> None:
        super().__init__()
        self.parser = parser  # the expat reader is its own Locator (line of the current event)
        self.record_depth = record_depth
        self.stack: list[Node] = []
        self.done: list[Node] = []
        self.texts: list[list[str]] = []

    def startElement(self, name: str, attrs: Any) -> None:
        line = int(self.parser.getLineNumber() or 0)
        if len(self.stack) > self.record_depth + MAX_DEPTH_IN_RECORD:
            raise ValueError(f"elements nested more than {MAX_DEPTH_IN_RECORD} deep in a record")
        node = Node(name.rpartition(":")[2], {k: attrs[k] for k in attrs.getNames()}, line)
        if len(self.stack) > self.record_depth:  # inside a record: keep the sub-tree
            self.stack[-1].children.append(node)
        self.stack.append(node)
        self.texts.append([])

    def characters(self, content: str) -> None:
        if self.texts:
            self.texts[-1].append(content)

    def endElement(self, name: str) -> None:
        node = self.stack.pop()
        node.text = "".join(self.texts.pop()).strip()
        if len(self.stack) == self.record_depth:
            self.done.append(node)


def iter_records(source: Path | BinaryIO, record_depth: int = 2) -> Iterator[Node | XmlProblem]:
    """The elements `record_depth` levels below the root (root = 0), in document order.

    `source` is a file, or an open binary stream (an HTTP response body). A document that
    stops being well-formed yields an XmlProblem at that line and ends.
    """
    parser = make_parser()
    collector = _RecordCollector(record_depth, parser)
    parser.setFeature(xml.sax.handler.feature_namespaces, False)
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setContentHandler(collector)
    with source.open("rb") if isinstance(source, Path) else nullcontext(source) as handle:
        try:
            while chunk := handle.read(65536):
                parser.feed(chunk)
                yield from _drain(collector)
            parser.close()
        except (xml.sax.SAXParseException, DefusedXmlException, ValueError) as error:
            yield from _drain(collector)
            if isinstance(error, xml.sax.SAXParseException):
                line, why = int(error.getLineNumber() or 0), str(error.getMessage())
            else:
                line, why = int(parser.getLineNumber() or 0), _refusal(error)
            yield XmlProblem(
                line, f"the XML stops being readable here ({why}); nothing after it read"
            )
            return
    yield from _drain(collector)


def _refusal(error: Exception) -> str:
    if isinstance(error, DefusedXmlException):
        return f"refused {type(error).__name__}: entity and DTD declarations are not allowed"
    return str(error)


def _drain(collector: _RecordCollector) -> Iterator[Node]:
    done, collector.done = collector.done, []
    yield from done


def node_to_json(node: Node) -> dict[str, Any]:
    """A lossless JSON form of an element (for keeping sub-trees as pass-through data)."""
    value: dict[str, Any] = {"tag": node.tag}
    if node.attrs:
        value["attrs"] = dict(node.attrs)
    if node.text:
        value["text"] = node.text
    if node.children:
        value["children"] = [node_to_json(child) for child in node.children]
    return value

"""Open a .docx package and load only the parts the reader needs.

A .docx is an OPC package: a zip of parts tied together by relationships (``_rels/*.rels``),
each part's type given by ``[Content_Types].xml``. python-docx's ``docx.Document()`` unzips and
parses every part reachable from the package (settings, numbering, theme, fonts, comments,
images…), which cost more than half the time of reading a short report. The reader needs only:

* the main document part (found through the package's ``officeDocument`` relationship, never
  by name, since some tools name it differently),
* the part the main part relates to as its styles (heading names),
* the header and footer parts that a section of the body references,
* the core properties part (title, author, dates).

This module follows the same rules as python-docx for those parts so that the reader's output
and errors stay what they were when python-docx opened the package: relationship targets are
resolved like ``PackURI.from_rel_ref``; content types are looked up like ``_ContentTypeMap``
(override by part name, else default by extension, both case-insensitive); a part is XML the
reader can use only when its content type is one python-docx gives a parsed XML part class; a
lookup by relationship type finds nothing (None), one part, or raises ValueError when several
relationships have that type. Errors are the ones python-docx raised (``PackageNotFoundError``,
``KeyError`` for a missing member or content type, ``ValueError`` for a main part that is not a
Word document, zipfile's errors), except malformed XML, which comes as ``MalformedPartError``
naming the broken member. ``docx.package_errors`` turns them into Chinese reasons. A part that
would inflate past ``extract.readers.inflated_size``'s limits is refused before it is read
(``InflatedTooLargeError``, a ReadError already).

The styles part is read but left unparsed (``parse_part`` parses it on demand), so that a
broken styles part is reported as such, by name, when the reader asks for heading names.

Damage in parts the reader does not load (a broken settings.xml, a missing image) no longer
stops the reading: the text is still all there.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import zipfile
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.coreprops import CT_CoreProperties
from docx.oxml.ns import qn
from lxml import etree

from extract.readers.docx_xml import FOOTER_REF, HEADER_REF, R_ID, SECT_PR, W, first_child
from extract.readers.inflated_size import InflationBudget
from extract.records import record

# The same options as python-docx's parser, so that the trees, hence the text, are the same
# (remove_blank_text decides e.g. what a w:t holding spaces around a comment reads as), but
# without its custom element classes, whose proxies make the walk slower. Entities are not
# resolved, nothing is fetched from the network and libxml2's size limits stay on.
XML_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=False)

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES_MEMBER = "[Content_Types].xml"
PACKAGE_URI = "/"
DOCUMENT, BODY = W + "document", W + "body"

# Content types python-docx loads as parsed XML parts (XmlPart subclasses); any other part is
# kept as bytes, so the reader treats it as unreadable (e.g. a header reference to an image).
XML_CONTENT_TYPES = frozenset(
    {
        CT.OPC_CORE_PROPERTIES,
        CT.WML_COMMENTS,
        CT.WML_DOCUMENT_MAIN,
        CT.WML_FOOTER,
        CT.WML_HEADER,
        CT.WML_NUMBERING,
        CT.WML_SETTINGS,
        CT.WML_STYLES,
    }
)


class MalformedPartError(Exception):
    """A part's XML does not parse; ``member`` is its name in the zip (e.g. word/document.xml)."""

    def __init__(self, member: str, error: etree.XMLSyntaxError) -> None:
        super().__init__(f"{error} in {member}")
        self.member = member
        self.error = error


@record
class Relationship:
    """One ``<Relationship>``; ``target`` is an absolute part name unless ``is_external``."""

    rid: str | None
    reltype: str | None
    target: str
    is_external: bool


@dataclass(slots=True)
class Part:
    """A loaded part: ``element`` is its parsed root once parsed, None when it is not XML.

    A part loaded with ``parse=False`` keeps its bytes in ``blob`` until ``parse_part``; one
    loaded with ``known`` has its ``digest``, and neither bytes nor element when it was known.
    """

    partname: str
    content_type: str
    is_xml: bool  # a part python-docx parses (see XML_CONTENT_TYPES); others are only bytes
    element: etree._Element | None = None
    blob: bytes | None = None
    rels: dict[str | None, Relationship] = field(default_factory=dict)
    digest: bytes | None = None  # stored_digest of its zip member, when loaded with ``known``

    def related(self, rid: str | None) -> Relationship | None:
        """The internal relationship ``rid`` names (an rId in this part's XML), if any."""
        rel = self.rels.get(rid)
        return rel if rel is not None and not rel.is_external else None

    def related_by(self, reltype: str) -> Relationship | None:
        """The one relationship of ``reltype``: None when absent, ValueError when several or external.

        As python-docx's ``part_related_by``, whose KeyError the reader took for "absent".
        """
        matching = [rel for rel in self.rels.values() if rel.reltype == reltype]
        if len(matching) > 1:
            raise ValueError(f"multiple relationships of type '{reltype}' in collection")
        if matching and matching[0].is_external:
            raise ValueError(
                "target_part property on _Relationship is undefined when target mode is External"
            )
        return matching[0] if matching else None


@dataclass
class WordPackage:
    """The parts of a .docx the reader uses, read (and parsed, but for styles); the zip is closed."""

    root: Part  # the package itself ("/"): only its relationships
    main: Part  # the main document part (word/document.xml in most files)
    parts: dict[str, Part]  # every loaded part by part name
    # Every w:headerReference and w:footerReference of every section of the body, in order.
    furniture_references: list[etree._Element] = field(default_factory=list)

    @property
    def body(self) -> etree._Element | None:
        return body_of(self.main.element)

    def part(self, rel: Relationship | None) -> Part | None:
        """The loaded part a relationship points to (None for None)."""
        return None if rel is None else self.parts.get(rel.target)

    def core_properties(self) -> dict[str, str | datetime | None] | None:
        """docProps/core.xml as python-docx reads it (see ``read_core_properties``), or None when
        the package has none usable."""
        part = self.part(self.root.related_by(RT.CORE_PROPERTIES))
        if part is None or part.element is None or part.content_type != CT.OPC_CORE_PROPERTIES:
            return None
        return read_core_properties(part.element)


# The core properties the reader keeps, by the name of python-docx's CoreProperties attribute.
CORE_TEXT_PROPERTIES = {
    "title": qn("dc:title"),
    "author": qn("dc:creator"),
    "last_modified_by": qn("cp:lastModifiedBy"),
}
CORE_DATE_PROPERTIES = {"created": qn("dcterms:created"), "modified": qn("dcterms:modified")}
# The date form every writer uses (2021-03-31T09:00:00Z), up to the seconds; see w3cdtf_to_datetime.
W3CDTF_SECONDS = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})")


def read_core_properties(element: etree._Element) -> dict[str, str | datetime | None]:
    """Title, author, last editor ("" when absent) and dates (None when absent or unreadable) of a
    ``cp:coreProperties`` root, as python-docx's ``CoreProperties`` gives them.

    Read here on the plain tree rather than through python-docx's element classes: those need
    their own parser and look each property up through ElementPath.
    """
    values: dict[str, str | datetime | None] = {}
    for name, tag in CORE_TEXT_PROPERTIES.items():
        child = first_child(element, tag)
        values[name] = (child.text or "") if child is not None else ""
    for name, tag in CORE_DATE_PROPERTIES.items():
        child = first_child(element, tag)
        values[name] = None if child is None else w3cdtf_to_datetime(child.text)
    return values


def w3cdtf_to_datetime(text: str | None) -> datetime | None:
    """A core properties date, as python-docx reads it (None when it cannot).

    python-docx tries four ``strptime`` formats in turn on the first 19 characters, and each
    one that fails raises and catches a ValueError: a tenth of a millisecond per date. The usual
    form is read directly; the result is the same, since python-docx keeps what
    "%Y-%m-%dT%H:%M:%S" makes of it (the three shorter formats cannot match 19 characters) and
    shifts it only by a suffix of exactly six characters ("+08:00"). Anything else (other
    forms, suffixes of six characters, dates that do not exist) goes to python-docx. An empty
    element (which python-docx cannot read at all) is no date.
    """
    if not text:  # <dcterms:created/>: no date, as an absent one
        return None
    if len(text) != 19 + 6:
        match = W3CDTF_SECONDS.fullmatch(text[:19])
        if match is not None:
            try:
                return datetime(*map(int, match.groups()), tzinfo=UTC)
            except ValueError:
                pass  # e.g. 2021-02-30: python-docx decides
    try:  # python-docx's own reading, the reference
        return CT_CoreProperties._parse_W3CDTF_to_datetime(text)
    except ValueError:
        return None


def body_of(document: etree._Element | None) -> etree._Element | None:
    """``w:body`` of a ``w:document`` root (None for anything else)."""
    if document is None or document.tag != DOCUMENT:
        return None
    return document.find(BODY)


def load_package(path: Path, known_styles: Container[bytes] = ()) -> WordPackage:
    """Open the .docx at ``path`` and load the parts the reader needs (see the module docstring).

    ``known_styles`` holds the ``stored_digest`` of styles parts the caller has read before: a
    styles part among them is left compressed (see ``_Loader.load``).
    """
    if not zipfile.is_zipfile(str(path)):
        raise PackageNotFoundError(f"Package not found at '{path}'")
    with zipfile.ZipFile(path) as archive:
        budget = InflationBudget()  # every part read counts: a zip bomb is refused before inflating
        loader = _Loader(archive, read_content_types(budget.read(archive, CONTENT_TYPES_MEMBER)), budget)
        root = Part(PACKAGE_URI, "", False, rels=loader.rels_of(PACKAGE_URI))
        office_document = _office_document(root)
        main = loader.load(office_document.target, office_document.reltype)
        if main.content_type != CT.WML_DOCUMENT_MAIN:
            raise ValueError(f"file '{path}' is not a Word file, content type is '{main.content_type}'")
        main.rels = loader.rels_of(main.partname)
        # Styles are parsed by the caller only when it does not already know them (see docx.py).
        for rel in _styles_rels(main):
            loader.load(rel.target, rel.reltype, parse=False, known=known_styles)
        references = furniture_references(body_of(main.element))
        for rel in _furniture_rels(main, references):
            loader.load(rel.target, rel.reltype)
        for rel in root.rels.values():
            if rel.reltype == RT.CORE_PROPERTIES and not rel.is_external:
                loader.load(rel.target, rel.reltype)
    return WordPackage(root, main, loader.parts, references)


def _office_document(root: Part) -> Relationship:
    """The package's one ``officeDocument`` relationship (KeyError when there is none)."""
    rel = root.related_by(RT.OFFICE_DOCUMENT)
    if rel is None:
        raise KeyError(f"no relationship of type '{RT.OFFICE_DOCUMENT}' in collection")
    return rel


def _styles_rels(main: Part) -> list[Relationship]:
    """Internal relationships of the main part to styles (all of them: picking one is the caller's)."""
    return [rel for rel in main.rels.values() if rel.reltype == RT.STYLES and not rel.is_external]


def furniture_references(body: etree._Element | None) -> list[etree._Element]:
    """The ``w:headerReference``/``w:footerReference`` children of every ``w:sectPr`` in the body.

    Found once per document, here, and kept in the package for the reader: finding every
    ``w:sectPr`` means visiting every element of the body, which costs as much as a fifth of
    walking it.
    """
    if body is None:
        return []
    return [
        reference
        for sect_pr in body.iter(SECT_PR)
        for reference in sect_pr
        if reference.tag == HEADER_REF or reference.tag == FOOTER_REF
    ]


def _furniture_rels(main: Part, references: list[etree._Element]) -> list[Relationship]:
    """Internal relationships that the body's section properties name for headers and footers.

    Only headers and footers that some section references are loaded; a header part nothing
    references is never shown by Word either.
    """
    wanted = [main.rels.get(reference.get(R_ID)) for reference in references]
    return [rel for rel in wanted if rel is not None and not rel.is_external]


class _Loader:
    """Reads and parses parts from an open zip, each part once."""

    def __init__(self, archive: zipfile.ZipFile, content_types: ContentTypes, budget: InflationBudget) -> None:
        self.archive = archive
        self.content_types = content_types
        self.budget = budget
        self.parts: dict[str, Part] = {}

    def load(
        self, partname: str, reltype: str | None, parse: bool = True, known: Container[bytes] | None = None
    ) -> Part:
        """The part ``partname``: read (KeyError when missing), typed, and parsed when XML.

        ``reltype`` is the type of the relationship it was reached by: python-docx keeps a part
        reached as an image as bytes whatever its content type. With ``parse=False`` an XML
        part keeps its bytes for ``parse_part`` instead.

        With ``known``, the part's ``digest`` is taken, and when it is one of ``known`` the part
        is not even decompressed: what the caller needs from it, it has. Nothing is lost by
        skipping the read: equal digests mean equal bytes read, and a digest becomes known only
        once a read of it went through.
        """
        part = self.parts.get(partname)
        if part is None:
            member = partname[1:]
            digest = stored_digest(self.archive, member) if known is not None else None
            blob = None if digest is not None and digest in known else self.budget.read(self.archive, member)
            content_type = self.content_types.of(partname)
            is_xml = content_type in XML_CONTENT_TYPES and reltype != RT.IMAGE
            part = Part(partname, content_type, is_xml, blob=blob if is_xml else None, digest=digest)
            self.parts[partname] = part
        elif parse and part.is_xml and part.element is None and part.blob is None:
            part.blob = self.budget.read(self.archive, partname[1:])  # left compressed as known, now wanted
        if parse:
            parse_part(part)
        return part

    def rels_of(self, partname: str) -> dict[str | None, Relationship]:
        """Relationships of a part (or of the package, "/") by rId; empty without a .rels member."""
        directory, filename = posixpath.split(partname)
        member = posixpath.join(directory, "_rels", filename + ".rels")[1:]
        try:
            blob = self.budget.read(self.archive, member)
        except KeyError:
            return {}
        return read_relationships(member, blob, directory)


# [Content_Types].xml and the .rels parts say which parts a package holds and how they are
# tied, never what the report says: documents saved by one program from one template hold them
# byte for byte alike, and parsing them (about a millisecond's tenth each) cost as much as
# parsing a short report's body. What is read from them depends on their bytes alone (and, for
# a .rels part, its folder), so each process keeps what it read from the last few; one that
# fails to parse raises every time, as it is never kept. A part larger than
# PACKAGE_XML_KEPT_MAX_BYTES (a .rels listing thousands of parts, or one made to be large) is
# read each time and never kept, so that what is kept stays under a megabyte whatever a batch holds.
PACKAGE_XML_KEPT = 16
PACKAGE_XML_KEPT_MAX_BYTES = 64 * 1024


def read_relationships(member: str, blob: bytes, directory: str) -> dict[str | None, Relationship]:
    """The relationships of a .rels part (``member``, in the zip) by rId, targets made absolute
    from ``directory`` (the folder of the part they belong to); a dict of the caller's own."""
    if len(blob) > PACKAGE_XML_KEPT_MAX_BYTES:
        return _parse_relationships(member, blob, directory)
    return dict(_kept_relationships(member, blob, directory))  # a copy: the one read is kept


def _parse_relationships(member: str, blob: bytes, directory: str) -> dict[str | None, Relationship]:
    rels: dict[str | None, Relationship] = {}
    for element in parse_xml(member, blob).iterfind(RELS_NS + "Relationship"):
        rels[element.get("Id")] = _relationship(element, directory)
    return rels


_kept_relationships = lru_cache(maxsize=PACKAGE_XML_KEPT)(_parse_relationships)


def stored_digest(archive: zipfile.ZipFile, member: str) -> bytes | None:
    """SHA-256 of a zip member as stored (compressed), with the method, CRC-32 and sizes that
    decide what reading it gives: equal digests, equal bytes read.

    Hashing the stored bytes spares inflating a part only to recognise it: a template's
    styles.xml is 350 KB inflated but 12 KB stored. Opening the member checks its local header
    (and refuses an encrypted one) exactly as reading it does, so a member that could not be read
    raises here the same error.
    """
    info = archive.getinfo(member)
    with archive.open(member) as stream:  # by name, as archive.read, for the same error messages
        # The raw stream under the decompressor (zipfile has no public way to the stored bytes).
        # A zipfile without it gives no digest: the part is then read and known by its content.
        raw = getattr(stream, "_fileobj", None)
        if raw is None:
            return None
        stored = raw.read(info.compress_size)
    digest = hashlib.sha256(
        f"{info.compress_type} {info.CRC} {info.file_size} {info.compress_size}|".encode()
    )
    digest.update(stored)
    return digest.digest()


def parse_part(part: Part) -> etree._Element | None:
    """The part's root element, parsing its bytes if not done yet (None for a non-XML part)."""
    if part.element is None and part.blob is not None:
        part.element = parse_xml(part.partname[1:], part.blob)
        part.blob = None
    return part.element


def parse_xml(member: str, blob: bytes) -> etree._Element:
    """Parse a zip member's bytes; malformed XML is reported with the member's name."""
    try:
        return etree.fromstring(blob, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise MalformedPartError(member, exc) from exc


def _relationship(element: etree._Element, base: str) -> Relationship:
    """A ``<Relationship>``, its internal target made absolute as python-docx's PackURI does."""
    target = element.get("Target")
    is_external = element.get("TargetMode", "Internal") == "External"
    if not is_external:
        target = posixpath.abspath(posixpath.join(base, target))
    return Relationship(element.get("Id"), element.get("Type"), target, is_external)


@record
class ContentTypes:
    """``[Content_Types].xml``: overrides by part name, defaults by extension (lower-cased keys)."""

    overrides: dict[str, str]
    defaults: dict[str, str]

    def of(self, partname: str) -> str:
        """Content type of a part (KeyError when the package gives none, as python-docx)."""
        if partname.lower() in self.overrides:
            return self.overrides[partname.lower()]
        extension = posixpath.splitext(partname)[1].removeprefix(".").lower()
        if extension in self.defaults:
            return self.defaults[extension]
        raise KeyError(f"no content type for partname '{partname}' in [Content_Types].xml")


def read_content_types(blob: bytes) -> ContentTypes:
    """Parse ``[Content_Types].xml`` (an attribute missing from an entry fails as in python-docx).

    Kept for the next package with the same bytes when small (see ``PACKAGE_XML_KEPT``): only
    read, never changed."""
    if len(blob) > PACKAGE_XML_KEPT_MAX_BYTES:
        return _parse_content_types(blob)
    return _kept_content_types(blob)


def _parse_content_types(blob: bytes) -> ContentTypes:
    types = parse_xml(CONTENT_TYPES_MEMBER, blob)
    overrides = {o.get("PartName").lower(): o.get("ContentType") for o in types.iterfind(CT_NS + "Override")}
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iterfind(CT_NS + "Default")}
    return ContentTypes(overrides, defaults)


_kept_content_types = lru_cache(maxsize=PACKAGE_XML_KEPT)(_parse_content_types)

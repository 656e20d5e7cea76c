#!/usr/bin/env python3
"""Writes the small binary fixtures tst_extract reads (PDF, DOCX, PPTX, OLE compound files).

The files are committed; run this again only to change them:

    python3 tests/engine/extract/data/make-fixtures.py

Needs Python 3 (standard library) and qpdf (Debian package `qpdf`) for the encrypted PDFs.
Everything else is written by hand so each fixture is small, deterministic and its expected
text is known exactly (tst_extract.cpp compares it byte for byte).
"""

import os
import struct
import subprocess
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def out(name):
    return os.path.join(HERE, name)


# --- PDF --------------------------------------------------------------------------------------

def write_pdf(path, page_streams):
    """A minimal valid PDF 1.4: one Helvetica (WinAnsi) font, one uncompressed content stream
    per page, a correct cross-reference table."""
    objects = []  # bytes of objects 1..n

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for stream in page_streams:
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                   b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages, font, content))
        kids.append(page)
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages
    objects[pages - 1] = (b"<< /Type /Pages /Count %d /Kids [" % len(kids)
                          + b" ".join(b"%d 0 R" % k for k in kids) + b"] >>")

    data = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n" % (len(objects) + 1)
    data += b"0000000000 65535 f \n"
    for offset in offsets:
        data += b"%010d 00000 n \n" % offset
    data += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(data)


def make_pdfs():
    # Page text in WinAnsi: \351 = e acute, \357 = i diaeresis.
    page1 = b"BT /F1 18 Tf 72 720 Td (Hello from page one.) Tj 0 -24 Td (Caf\\351 na\\357ve r\\351sum\\351) Tj ET"
    page2 = b"BT /F1 12 Tf 72 720 Td (Second page text.) Tj ET"
    write_pdf(out("sample.pdf"), [page1, page2])
    # A "scan": the page only paints a rectangle, there is no text to extract.
    write_pdf(out("no-text.pdf"), [b"0 0 1 rg 100 100 200 200 re f"])
    # A user password is needed to open it at all.
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", out("sample.pdf"),
                    out("encrypted.pdf")], check=True)
    # Only an owner password (restrictions), anyone can open and read it.
    subprocess.run(["qpdf", "--encrypt", "", "owner", "256", "--print=none", "--", out("sample.pdf"),
                    out("owner-password.pdf")], check=True)
    # The header is there, the rest is noise: no objects, no xref, no pages.
    with open(out("damaged.pdf"), "wb") as f:
        f.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes((i * 37 + 11) % 256 for i in range(600)))


# --- OOXML (DOCX, PPTX) -----------------------------------------------------------------------

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def content_types(overrides):
    parts = "".join('<Override PartName="%s" ContentType="%s"/>' % o for o in overrides)
    return (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + parts + "</Types>")


def rels(entries):
    body = "".join('<Relationship Id="%s" Type="%s" Target="%s"/>' % e for e in entries)
    return XML_DECL + '<Relationships xmlns="%s">%s</Relationships>' % (REL_NS, body)


def write_zip(path, members):
    # Fixed timestamps so the files do not change on every run.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def make_docx():
    doc = (XML_DECL + '<w:document xmlns:w="%s" xmlns:mc="%s" xmlns:wps="%s" xmlns:v="%s" '
           'mc:Ignorable="wps"><w:body>' % (W_NS, MC_NS, WPS_NS, V_NS)
           + '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Quarterly report</w:t></w:r></w:p>'
           + '<w:p><w:r><w:t xml:space="preserve">Revenue grew </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
             '<w:t>12%</w:t></w:r><w:r><w:t xml:space="preserve"> in Z\u00fcrich &amp; Gen\u00e8ve.</w:t></w:r>'
             '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
           + '<w:p><w:r><w:t>Name</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Value</w:t></w:r><w:r><w:br/></w:r>'
             '<w:r><w:t>Line two</w:t></w:r></w:p>'
           # Tracked changes: the deleted text is not part of the document any more.
           + '<w:p><w:del w:id="1" w:author="a"><w:r><w:delText>removed words</w:delText></w:r></w:del>'
             '<w:ins w:id="2" w:author="a"><w:r><w:t>inserted words</w:t></w:r></w:ins></w:p>'
           # A field: the code (PAGE) is not text, its result (7) is.
           + '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
           + '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell A1</w:t></w:r></w:p></w:tc>'
             '<w:tc><w:p><w:r><w:t>Cell B1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
           # A text box saved twice (modern shape and VML fallback): its text must appear once.
           + '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
             '<w:txbxContent><w:p><w:r><w:t>Text box words</w:t></w:r></w:p></w:txbxContent>'
             '</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
             '<w:txbxContent><w:p><w:r><w:t>Text box words</w:t></w:r></w:p></w:txbxContent>'
             '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'
           + '<w:p><w:r><w:t>Last paragraph with a non-breaking</w:t></w:r><w:r><w:noBreakHyphen/></w:r>'
             '<w:r><w:t>hyphen.</w:t></w:r></w:p>'
           + '<w:sectPr/></w:body></w:document>')
    footnotes = (XML_DECL + '<w:footnotes xmlns:w="%s">' % W_NS
                 + '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 + '<w:footnote w:id="1"><w:p><w:r><w:t>Source: annual accounts.</w:t></w:r></w:p></w:footnote>'
                 + '</w:footnotes>')
    write_zip(out("sample.docx"), [
        ("[Content_Types].xml", content_types([
            ("/word/document.xml", WORD_MAIN),
            ("/word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml")])),
        ("_rels/.rels", rels([("rId1", OFFICE_DOC, "word/document.xml")])),
        ("word/_rels/document.xml.rels", rels([
            ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
             "footnotes.xml")])),
        ("word/document.xml", doc),
        ("word/footnotes.xml", footnotes),
    ])
    # A package whose relationships name word/document.xml, which is not there.
    write_zip(out("missing-part.docx"), [
        ("[Content_Types].xml", content_types([("/word/document.xml", WORD_MAIN)])),
        ("_rels/.rels", rels([("rId1", OFFICE_DOC, "word/document.xml")])),
    ])
    # A ZIP archive that is no Office document at all.
    write_zip(out("plain-zip.docx"), [("notes.txt", "just a zip\n")])
    # The main part is not well-formed XML.
    write_zip(out("bad-xml.docx"), [
        ("[Content_Types].xml", content_types([("/word/document.xml", WORD_MAIN)])),
        ("_rels/.rels", rels([("rId1", OFFICE_DOC, "word/document.xml")])),
        ("word/document.xml", XML_DECL + '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>ok</w:t>'
         '</w:p></w:body></w:document>' % W_NS),
    ])


def slide(paragraphs):
    body = ""
    for p in paragraphs:
        runs = []
        for piece in p:
            runs.append("<a:br/>" if piece is None else "<a:r><a:t>%s</a:t></a:r>" % piece)
        body += "<a:p>%s</a:p>" % "".join(runs)
    return (XML_DECL + '<p:sld xmlns:a="%s" xmlns:p="%s" xmlns:r="%s"><p:cSld><p:spTree><p:sp><p:txBody>'
            '<a:bodyPr/>%s</p:txBody></p:sp></p:spTree></p:cSld></p:sld>' % (A_NS, P_NS, R_NS, body))


def make_pptx(path, with_order):
    slide_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
    slide_ct = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
    order = ('<p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/>'
             '<p:sldId id="258" r:id="rId4"/></p:sldIdLst>') if with_order else ""
    presentation = (XML_DECL + '<p:presentation xmlns:a="%s" xmlns:p="%s" xmlns:r="%s">%s</p:presentation>'
                    % (A_NS, P_NS, R_NS, order))
    write_zip(path, [
        ("[Content_Types].xml", content_types([
            ("/ppt/presentation.xml",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
            ("/ppt/slides/slide1.xml", slide_ct), ("/ppt/slides/slide2.xml", slide_ct),
            ("/ppt/slides/slide10.xml", slide_ct)])),
        ("_rels/.rels", rels([("rId1", OFFICE_DOC, "ppt/presentation.xml")])),
        ("ppt/presentation.xml", presentation),
        ("ppt/_rels/presentation.xml.rels", rels([
            ("rId2", slide_type, "slides/slide1.xml"), ("rId3", slide_type, "slides/slide2.xml"),
            ("rId4", slide_type, "/ppt/slides/slide10.xml")])),
        ("ppt/slides/slide1.xml", slide([["Slide file one"], ["Bullet ", "&amp; more"]])),
        ("ppt/slides/slide10.xml", slide([["Slide file ten"], ["Before break", None, "after break"]])),
        ("ppt/slides/slide2.xml", slide([["Slide file two: Gr\u00fc\u00dfe"]])),
    ])


# --- OLE compound files (legacy Office, encrypted OOXML) --------------------------------------

def write_cfb(path, streams):
    """A version 3 compound file (512-byte sectors) holding the given (name, bytes) streams.
    Every stream is at least 4096 bytes so it lives in regular sectors (no mini stream)."""
    sector = 512
    free, end, fatsect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fatsect, end]  # sector 0: the FAT itself; sector 1: the directory
    data = bytearray()
    starts = []
    for _, payload in streams:
        assert len(payload) >= 4096
        count = (len(payload) + sector - 1) // sector
        first = len(fat)
        starts.append(first)
        fat += [first + i + 1 for i in range(count - 1)] + [end]
        data += payload + b"\0" * (count * sector - len(payload))
    assert len(fat) <= sector // 4
    fat += [free] * (sector // 4 - len(fat))

    def entry(name, kind, left, right, child, start, size):
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, left, right, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))

    # The streams hang off the root as a chain of right siblings, in the order CFB sorts names
    # (shorter first); the caller passes them sorted.
    directory = entry("Root Entry", 5, nostream, nostream, 1, end, 0)
    for i, (name, payload) in enumerate(streams):
        right = i + 2 if i + 1 < len(streams) else nostream
        directory += entry(name, 2, nostream, right, nostream, starts[i], len(payload))
    directory = directory.ljust(sector * ((len(directory) + sector - 1) // sector), b"\0")
    assert len(directory) == sector

    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *([free] * 108)))
    assert len(header) == sector
    with open(path, "wb") as f:
        f.write(header + struct.pack("<128I", *fat) + directory + data)


def make_cfbs():
    # What Office writes for a password-protected .docx/.pptx: an OLE container with
    # EncryptionInfo and EncryptedPackage streams instead of a ZIP package.
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    write_cfb(out("encrypted.docx"), [
        ("EncryptionInfo", info.ljust(4096, b"\0")),
        ("EncryptedPackage", struct.pack("<Q", 9000) + bytes((i * 73 + 5) % 256 for i in range(9000))),
    ])
    # A Word 97-2003 document: WordDocument stream starting with the FIB magic 0xA5EC.
    write_cfb(out("legacy-word.doc"), [
        ("1Table", b"\0" * 4096),
        ("WordDocument", struct.pack("<HH", 0xA5EC, 0xC1) + b"\0" * 4092),
    ])


if __name__ == "__main__":
    make_pdfs()
    make_docx()
    make_pptx(out("sample.pptx"), with_order=True)
    make_pptx(out("no-slide-list.pptx"), with_order=False)
    make_cfbs()

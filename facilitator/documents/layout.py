"""Decree 30/2020/NĐ-CP (Appendix I) page and text layout on top of python-docx.

A4 portrait, margins 20/20/30/15 mm, Times New Roman pinned in every font slot (theme fonts
removed), body 14 pt justified with a 1.27 cm first-line indent and 6 pt after, page numbers
centred in the top margin from page 2, a borderless header table with agency name and motto.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
LEFT_COL = Mm(62)
RIGHT_COL = Mm(103)
TEXT_WIDTH = Mm(165)  # 210 - 30 - 15

Align = WD_ALIGN_PARAGRAPH
# The OOXML schema's order of the w:pPr children (CT_PPrBase, then rPr, sectPr, pPrChange).
PPR_ORDER: tuple[str, ...] = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip
LANGUAGE = "vi-VN"
# w:sectPr children that come after w:pgNumType in the schema.
SECTPR_AFTER_PGNUMTYPE = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip


def _pin_fonts(rpr: BaseOxmlElement) -> None:
    r_fonts = rpr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        rpr.insert(0, r_fonts)
    for slot in THEME_SLOTS:
        if r_fonts.get(qn(slot)) is not None:
            del r_fonts.attrib[qn(slot)]
    for slot in FONT_SLOTS:
        r_fonts.set(qn(slot), FONT)


def _style_rpr(element: BaseOxmlElement) -> BaseOxmlElement:
    rpr: BaseOxmlElement | None = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.append(rpr)
    return rpr


@dataclass
class Header:
    """What the header table says."""

    agency: Sequence[str]  # as printed: ("ỦY BAN NHÂN DÂN", "XÃ BÌNH LÃNG")
    number: str | None  # None or "" leaves the number blank to fill by hand
    code: str  # "BB-UBND"
    place_date: str | None  # "Bình Lãng, ngày 28 tháng 10 năm 2021"


# Advance widths of Times italic (Adobe's core metrics, 1/1000 em); Liberation Serif, which
# LibreOffice puts in its place, has the same metrics. Vietnamese marks add no width.
_ITALIC_WIDTHS = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-/",
        [
            500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444, 278, 722, 500, 500, 500, 500,
            389, 389, 278, 500, 444, 667, 444, 444, 389, 611, 611, 667, 722, 611, 611, 722, 722,
            333, 444, 667, 556, 833, 667, 722, 611, 722, 611, 500, 556, 722, 611, 833, 611, 556,
            556, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 250, 250, 250, 333, 278,
        ],
        strict=True,
    )
)  # fmt: skip


def italic_width_mm(text: str, size: float) -> float:
    """The printed width of ``text`` in Times italic at ``size`` points."""
    import unicodedata

    units = 0
    for char in text:
        base = unicodedata.normalize("NFD", char)[0].replace("đ", "d").replace("Đ", "D")
        units += _ITALIC_WIDTHS.get(base, 500)
    return units / 1000 * size * 25.4 / 72


def place_date_size(text: str, width_mm: float = 97.0) -> float:
    """14 pt italic as Decree 30 asks; a smaller size only when the line would wrap in the
    103 mm column (less its cell margins): a long commune name."""
    for size in (14, 13.5, 13, 12.5, 12, 11.5, 11, 10.5, 10):
        if italic_width_mm(text, size) <= width_mm:
            return size
    return 10


def number_line(number: str | None, code: str) -> str:
    """ "Số: 05/BB-UBND": a number below 10 takes a leading zero; a number typed with its own
    symbol ("12/BB-UBND") is kept as typed; blank leaves room to fill by hand."""
    text = re.sub(r"^\s*số\s*:?\s*", "", (number or ""), flags=re.IGNORECASE).strip()
    if not text:
        return f"Số:      /{code}"
    if "/" in text:
        head, _, symbol = text.partition("/")
        head, symbol = head.strip(), symbol.strip()
    else:
        head, symbol = text, code
    if head.isdigit():
        head = f"{int(head):02d}"
    return f"Số: {head}/{symbol or code}"


_SECT_PR = qn("w:sectPr")


class OfficialDocument:
    def __init__(self) -> None:
        self.doc = Document()
        self._page()
        self._fonts()
        self._normal()
        self._page_numbers()

    # ----- set-up ---------------------------------------------------------------------------
    def _page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(210)
        section.page_height = Mm(297)
        section.top_margin = Mm(20)
        section.bottom_margin = Mm(20)
        section.left_margin = Mm(30)
        section.right_margin = Mm(15)
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)

    def _fonts(self) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr_default = defaults.find(qn("w:rPrDefault"))
        _pin_fonts(_style_rpr(rpr_default))
        for style in styles.findall(qn("w:style")):
            _pin_fonts(_style_rpr(style))

    def _normal(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(14)
        fmt = normal.paragraph_format
        fmt.alignment = Align.JUSTIFY
        fmt.first_line_indent = Cm(1.27)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.widow_control = True

    def _page_numbers(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        self._plain(paragraph, Align.CENTER)
        run = paragraph.add_run()
        run.font.size = Pt(13)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)
            else:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
        self._plain(section.first_page_header.paragraphs[0], Align.CENTER)

    def footer(self, *lines: str) -> None:
        """Lines at the foot of every page (the seal's "Mã xác thực: …", then each correction),
        10 pt, right; one paragraph a line."""
        section = self.doc.sections[0]
        for footer in (section.footer, section.first_page_footer):
            for i, text in enumerate(lines):
                at = footer.paragraphs[0] if i == 0 else footer.add_paragraph()
                paragraph = self._plain(at, Align.RIGHT)
                run = paragraph.add_run(text)
                run.font.size = Pt(10)
                run.italic = True

    # ----- paragraphs -----------------------------------------------------------------------
    @staticmethod
    def _plain(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> Paragraph:
        fmt = paragraph.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Cm(0)
        fmt.space_after = Pt(0)
        fmt.space_before = Pt(0)
        return paragraph

    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        align: WD_ALIGN_PARAGRAPH | None = None,
        indent: bool = True,
        after: float | None = None,
        container: _Cell | None = None,
    ) -> Paragraph:
        paragraph = container.add_paragraph() if container is not None else self.body_paragraph()
        if align is not None:
            paragraph.paragraph_format.alignment = align
        if not indent:
            paragraph.paragraph_format.first_line_indent = Cm(0)
        if after is not None:
            paragraph.paragraph_format.space_after = Pt(after)
        if text:
            self.run(paragraph, text, bold=bold, italic=italic, size=size)
        return paragraph

    def body_paragraph(self) -> Paragraph:
        """A new empty paragraph at the end of the body, as ``Document.add_paragraph`` makes
        it, without its search for the section properties through every paragraph before
        (which made a long biên bản quadratic): they are the body's last element."""
        body = self.doc.element.body
        p = OxmlElement("w:p")
        # (lxml's len() walks every child; the last one is found at once)
        try:
            last = body[-1]
        except IndexError:
            last = None
        if last is not None and last.tag == _SECT_PR:
            last.addprevious(p)
        else:
            body._insert_p(p)
        return Paragraph(p, self.doc._body)

    @staticmethod
    def run(
        paragraph: Paragraph,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        underline: bool = False,
    ) -> None:
        """A run, the same XML as ``add_run(text)`` with bold, italic and underline set or
        cleared (an empty ``w:rPr`` when none), built directly: python-docx's text setter
        walks the text a character at a time."""
        run = paragraph.add_run()
        run._r.get_or_add_rPr()
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if underline:
            run.underline = True
        if size:
            run.font.size = Pt(size)
        if not text:
            return
        if "\t" in text or "\n" in text or "\r" in text:
            run.text = text  # tabs and breaks become their own elements
        else:
            run._r.add_t(text)

    def rule(self, width_mm: float, column_mm: float, container: _Cell | None = None) -> None:
        """A short centred horizontal rule: a bottom border between symmetric indents."""
        target = container if container is not None else self.doc
        paragraph = target.add_paragraph()
        self._plain(paragraph, Align.CENTER)
        side = max(0.0, (column_mm - width_mm) / 2)
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)
        paragraph.paragraph_format.line_spacing = Pt(2)
        ppr = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        bottom.set(qn("w:val"), "single")
        bottom.set(qn("w:sz"), "6")
        bottom.set(qn("w:space"), "1")
        bottom.set(qn("w:color"), "000000")
        borders.append(bottom)
        # Schema order: pBdr before shd, tabs, spacing, ind, jc... (Word may refuse otherwise).
        ppr.insert_element_before(borders, *PPR_ORDER[PPR_ORDER.index("w:pBdr") + 1 :])

    # ----- blocks ---------------------------------------------------------------------------
    def header(self, h: Header, widths_mm: tuple[float, float] = (62, 103)) -> Table:
        """``widths_mm``: the two columns; a landscape page (the attendance sheet) spreads them
        over its wider text area. A blank ``code`` prints no number line (a list has none)."""
        table: Table = self.doc.add_table(rows=2, cols=2)
        self._fixed(table, [Mm(widths_mm[0]), Mm(widths_mm[1])])
        left, right = table.rows[0].cells
        for i, line in enumerate(h.agency):
            p = self._plain(left.paragraphs[0] if i == 0 else left.add_paragraph(), Align.CENTER)
            self.run(p, line, bold=True, size=13)
        self.rule(22, widths_mm[0], container=left)
        p = self._plain(right.paragraphs[0], Align.CENTER)
        self.run(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
        p = self._plain(right.add_paragraph(), Align.CENTER)
        self.run(p, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, underline=True)
        number_cell, date_cell = table.rows[1].cells
        p = self._plain(number_cell.paragraphs[0], Align.CENTER)
        p.paragraph_format.space_before = Pt(6)
        if h.code:
            self.run(p, number_line(h.number, h.code), size=13)
        p = self._plain(date_cell.paragraphs[0], Align.CENTER)
        p.paragraph_format.space_before = Pt(6)
        if h.place_date:  # one line, even with a long commune name
            self.run(p, h.place_date, italic=True, size=place_date_size(h.place_date))
        return table

    def title(self, title: str, summary: str, width_mm: float = 165) -> None:
        p = self.para(title, bold=True, size=14, align=Align.CENTER, indent=False, after=0)
        p.paragraph_format.space_before = Pt(18)
        p.paragraph_format.keep_with_next = True
        p = self.para(summary, bold=True, size=14, align=Align.CENTER, indent=False, after=0)
        p.paragraph_format.keep_with_next = True
        self.rule(40, width_mm)
        self.para("", indent=False, after=0)

    def heading(self, text: str) -> Paragraph:
        p = self.para(text, bold=True)
        p.paragraph_format.keep_with_next = True
        return p

    def signatures(
        self,
        left: Sequence[str],
        right: Sequence[str],
        names: tuple[str, str],
        recipients: Sequence[str] = (),
        widths_mm: tuple[float, float] = (80, 85),
    ) -> None:
        """Two signature blocks side by side; lines: title (bold), then a note (italic).
        "Nơi nhận" goes in a second row of the same table, so that it never sits alone on a page
        (LibreOffice ignores keep-with-next between a table and the paragraphs after it)."""
        table = self.doc.add_table(rows=2 if recipients else 1, cols=2)
        self._fixed(table, [Mm(widths_mm[0]), Mm(widths_mm[1])])
        for cell, lines, name in zip(table.rows[0].cells, (left, right), names, strict=True):
            self._signature_cell(cell, lines, name)
        if recipients:
            cell = table.rows[1].cells[0].merge(table.rows[1].cells[1])
            self.recipients(recipients, container=cell)
            cell.paragraphs[0].paragraph_format.space_before = Pt(12)
        self._keep_block(table)

    def _signature_cell(self, cell: _Cell, lines: Sequence[str], name: str) -> None:
        first = True
        for line in lines:
            p = self._plain(cell.paragraphs[0] if first else cell.add_paragraph(), Align.CENTER)
            first = False
            if line.startswith("(") and line.endswith(")"):
                self.run(p, line, italic=True, size=14)
            else:
                self.run(p, line, bold=True, size=14)
        if not lines:
            return
        for _ in range(4):
            self._plain(cell.add_paragraph(), Align.CENTER)
        p = self._plain(cell.add_paragraph(), Align.CENTER)
        self.run(p, name, bold=True, size=14)

    def recipients_and_signature(
        self, recipients: Sequence[str], right: Sequence[str], name: str
    ) -> None:
        """ "Nơi nhận:" (12 pt bold italic, lines 11 pt) on the left, the signature on the right."""
        table = self.doc.add_table(rows=1, cols=2)
        self._fixed(table, [Mm(80), Mm(85)])
        left, right_cell = table.rows[0].cells
        self.recipients(recipients, container=left)
        self._signature_cell(right_cell, right, name)
        for cell in (left, right_cell):  # a little air between the body and the block
            cell.paragraphs[0].paragraph_format.space_before = Pt(6)
        self._keep_block(table)

    def _keep_block(self, table: Table) -> None:
        """A signature block is one piece: rows never split, each row kept with the next (and
        the body's last paragraph is kept with the block, see ``end_with_stop``)."""
        last = len(table.rows) - 1
        for i, row in enumerate(table.rows):
            self._row_flag(row, "w:cantSplit")
            if i < last:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True

    def recipients(self, lines: Sequence[str], container: _Cell | None = None) -> None:
        if container is not None:
            p = self._plain(container.paragraphs[0], Align.LEFT)
        else:
            p = self._plain(self.doc.add_paragraph(), Align.LEFT)
            p.paragraph_format.space_before = Pt(12)
        self.run(p, "Nơi nhận:", bold=True, italic=True, size=12)
        target = container if container is not None else self.doc
        for line in lines:
            p = self._plain(target.add_paragraph(), Align.LEFT)
            self.run(p, line, size=11)

    def grid(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float],
        size: float = 13,
        centred: Sequence[int] = (0,),
    ) -> Table:
        table: Table = self.doc.add_table(rows=1, cols=len(head))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._fixed(table, [Mm(w) for w in widths_mm])
        for cell, text in zip(table.rows[0].cells, head, strict=True):
            p = self._plain(cell.paragraphs[0], Align.CENTER)
            self.run(p, text, bold=True, size=size)
        self._row_flag(table.rows[0], "w:tblHeader")
        for values in rows:
            row = table.add_row()
            self._row_flag(row, "w:cantSplit")  # a row never splits across pages
            # A new row's cells are its own w:tc (no merge): Row.cells would lay out the whole
            # table again for every row.
            cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
            for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
                align = Align.CENTER if i in centred else Align.LEFT
                p = self._plain(cell.paragraphs[0], align)
                self.run(p, text, size=size)
        self._fixed(table, [Mm(w) for w in widths_mm])
        return table

    @staticmethod
    def _row_flag(row: _Row, tag: str) -> None:
        """Set a row property: w:cantSplit (a signature block never splits across pages) or
        w:tblHeader (the head row repeats on each page)."""
        tr_pr = row._tr.get_or_add_trPr()
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "true")
        tr_pr.append(flag)

    @staticmethod
    def _fixed(table: Table, widths: Sequence[object]) -> None:
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        layout = tbl_pr.find(qn("w:tblLayout"))
        if layout is None:
            layout = OxmlElement("w:tblLayout")
            tbl_pr.append(layout)
        layout.set(qn("w:type"), "fixed")
        for i, width in enumerate(widths):
            table.columns[i].width = width
            for cell in table.columns[i].cells:
                cell.width = width

    def appendix_section(self) -> None:
        """A new landscape section for the appendix, its pages numbered on their own (Decree 30:
        "số trang của phụ lục được đánh riêng"): from 1, the number shown from its 2nd page."""
        self.landscape_section()
        section = self.doc.sections[-1]
        section.different_first_page_header_footer = True
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        section._sectPr.insert_element_before(numbering, *SECTPR_AFTER_PGNUMTYPE)

    def landscape(self) -> None:
        """The whole document on landscape A4 (same margins): a wide sheet to sign."""
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width = Mm(297)
        section.page_height = Mm(210)

    def next_piece(self) -> None:
        """A new page that starts a document of its own (one invitation after another): its
        page numbers start again from 1, so a one-page piece shows none."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = True
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        section._sectPr.insert_element_before(numbering, *SECTPR_AFTER_PGNUMTYPE)

    def landscape_section(self) -> None:
        """A new landscape page for a wide appendix table (same margins)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width = Mm(297)
        section.page_height = Mm(210)
        for name in ("top_margin", "bottom_margin"):
            setattr(section, name, Mm(20))
        section.left_margin = Mm(30)
        section.right_margin = Mm(15)

    def end_with_stop(self, paragraph: Paragraph) -> None:
        """The body ends with "./." (Decree 30); that paragraph stays with the signature."""
        self.run(paragraph, "./.")
        paragraph.paragraph_format.keep_with_next = True

    def _language(self) -> None:
        """Vietnamese for Word's proofing: w:lang in the document defaults, and the settings."""
        rpr = _style_rpr(self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        for slot in ("w:val", "w:eastAsia"):
            lang.set(qn(slot), LANGUAGE)
        settings = self.doc.settings.element
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:val"), LANGUAGE)
            theme_lang.set(qn("w:eastAsia"), LANGUAGE)

    def _metadata(self, title: str, author: str, now: dt.datetime) -> None:
        """Core properties of this document; none of the template's own are left behind."""
        props = self.doc.core_properties
        props.title = title
        props.author = author
        props.last_modified_by = author
        moment = now.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
        props.created = moment
        props.modified = moment
        props.revision = 1
        props.subject = ""
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.language = LANGUAGE
        package = self.doc.part.package
        for r_id, rel in list(package.rels.items()):
            # the template's blank thumbnail and its app.xml ("Microsoft Macintosh Word")
            if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
                del package.rels[r_id]
        for r_id, rel in list(self.doc.part.rels.items()):
            if rel.reltype.endswith("/stylesWithEffects"):  # Word 2010 copy of the styles, en-US
                del self.doc.part.rels[r_id]

    def to_bytes(self, title: str, author: str, now: dt.datetime) -> bytes:
        self._language()
        self._metadata(title, author, now)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

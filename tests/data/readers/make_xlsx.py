#!/usr/bin/env python3
"""Writes the two tiny XLSX fixtures of the readers tests (run from this folder).

responses.xlsx: shared strings (one rich-text with a phonetic run to ignore),
inline strings (19-digit ids), numbers, booleans, a built-in date style (14), a
custom date-time format, an empty styled cell, a skipped row and a gap column,
and a second sheet. date1904.xlsx: the 1904 date system.
"""
import zipfile


def xlsx(name, date1904, sheets):
    shared = []

    def sidx(t):
        if t not in shared:
            shared.append(t)
        return shared.index(t)

    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')
    wb += '<workbookPr date1904="%s"/><sheets>' % ('1' if date1904 else '0')
    rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    for i, (sname, rows) in enumerate(sheets):
        wb += '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (sname, i + 1, i + 1)
        rels += '<Relationship Id="rId%d" Type="worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
        x = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        for r, cells in rows:
            x += '<row r="%d">' % r
            for ref, kind, val in cells:
                if kind == 's':
                    x += '<c r="%s" t="s"><v>%d</v></c>' % (ref, sidx(val))
                elif kind == 'inline':
                    x += '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, val)
                elif kind == 'n':
                    x += '<c r="%s"><v>%s</v></c>' % (ref, val)
                elif kind == 'date':
                    x += '<c r="%s" s="1"><v>%s</v></c>' % (ref, val)
                elif kind == 'datetime':
                    x += '<c r="%s" s="2"><v>%s</v></c>' % (ref, val)
                elif kind == 'b':
                    x += '<c r="%s" t="b"><v>%s</v></c>' % (ref, val)
                elif kind == 'empty':
                    x += '<c r="%s" s="0"/>' % ref
            x += '</row>'
        x += '</sheetData></worksheet>'
        z.writestr('xl/worksheets/sheet%d.xml' % (i + 1), x)
    wb += '</sheets></workbook>'
    rels += '<Relationship Id="rIdS" Type="sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    z.writestr('xl/workbook.xml', wb)
    z.writestr('xl/_rels/workbook.xml.rels', rels)
    sst = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    for t in shared:
        if t == 'Rich text':
            sst += '<si><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>IGNORED</t></rPh></si>'
        else:
            sst += '<si><t xml:space="preserve">%s</t></si>' % t.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
    sst += '</sst>'
    z.writestr('xl/sharedStrings.xml', sst)
    z.writestr('xl/styles.xml', '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>'
               '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>')
    z.close()


resp = [(1, [('A1', 's', 'Response ID'), ('B1', 's', 'Submitted'), ('C1', 's', 'How likely are you to recommend us?'),
             ('D1', 's', 'Comment'), ('E1', 's', 'Active'), ('F1', 's', 'Plan'), ('G1', 's', 'Signup')]),
        (2, [('A2', 'inline', '9007199254740993123'), ('B2', 'datetime', '45356.5'), ('C2', 'n', '9'), ('D2', 's', 'Rich text'),
             ('E2', 'b', '1'), ('F2', 's', 'Pro'), ('G2', 'date', '44927')]),
        (3, [('A3', 'inline', '9007199254740993124'), ('B3', 'date', '45357'), ('C3', 'n', '3'), ('E3', 'b', '0'),
             ('F3', 's', 'Free'), ('G3', 'date', '44928'), ('H3', 'empty', '')]),
        (5, [('A5', 'inline', 'r3'), ('B5', 'datetime', '45358.25'), ('C5', 'n', '10'), ('D5', 's', 'Fine & "quoted" <ok>'),
             ('F5', 's', 'Pro')])]
other = [(1, [('A1', 's', 'x')]), (2, [('A2', 'n', '1')])]
xlsx('responses.xlsx', False, [('Responses', resp), ('Other', other)])
xlsx('date1904.xlsx', True, [('Sheet1', [(1, [('A1', 's', 'When'), ('B1', 's', 'NPS')]),
                                         (2, [('A2', 'date', '0'), ('B2', 'n', '7')]),
                                         (3, [('A3', 'datetime', '43890.75'), ('B3', 'n', '8.0')])])])

#include "XlsxWriter.h"

#include "common/Error.h"

#include <QFile>
#include <cmath>
#include <xlsxwriter.h>

namespace nps {

namespace {

// Excel sheet names: at most 31 characters, none of []:*?/\ .
QByteArray safeSheetName(const QString &name)
{
    QString clean;
    for (const QChar c : name) {
        if (QStringLiteral("[]:*?/\\").contains(c))
            clean += QLatin1Char('_');
        else
            clean += c;
    }
    clean = clean.trimmed().left(31);
    return (clean.isEmpty() ? QStringLiteral("Data") : clean).toUtf8();
}

bool isNumber(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
        return true;
    default:
        return false;
    }
}

} // namespace

void writeXlsx(const DataTable &table, const QString &path, const XlsxOptions &options)
{
    const QByteArray fileName = QFile::encodeName(path);
    lxw_workbook *workbook = workbook_new(fileName.constData());
    if (!workbook)
        throw Error::storage(QStringLiteral("%1: cannot create the XLSX file").arg(path));
    const QByteArray sheetName = safeSheetName(options.sheetName);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, sheetName.constData());
    lxw_format *bold = workbook_add_format(workbook);
    format_set_bold(bold);
    lxw_format *titleFormat = workbook_add_format(workbook);
    format_set_bold(titleFormat);
    format_set_font_size(titleFormat, 14);
    lxw_format *noteFormat = workbook_add_format(workbook);
    format_set_italic(noteFormat);
    format_set_font_color(noteFormat, 0x555555);

    lxw_row_t row = 0;
    if (!options.title.isEmpty()) {
        worksheet_write_string(sheet, row, 0, options.title.toUtf8().constData(), titleFormat);
        row += 2;
    }
    const lxw_row_t headerRow = row;
    QVector<int> widths(table.columns.size(), 8);
    for (int c = 0; c < table.columns.size(); ++c) {
        worksheet_write_string(sheet, row, lxw_col_t(c), table.columns[c].toUtf8().constData(), bold);
        widths[c] = std::max(widths[c], int(table.columns[c].size()) + 2);
    }
    ++row;
    for (const QVariantList &values : table.rows) {
        for (int c = 0; c < table.columns.size() && c < values.size(); ++c) {
            const QVariant &v = values[c];
            if (!v.isValid() || v.isNull())
                continue;
            if (isNumber(v)) {
                const double d = v.toDouble();
                if (!std::isnan(d) && !std::isinf(d))
                    worksheet_write_number(sheet, row, lxw_col_t(c), d, nullptr);
                continue;
            }
            const QString text = formatCell(v);
            // Strings are written as shared strings, which a spreadsheet never evaluates.
            worksheet_write_string(sheet, row, lxw_col_t(c), text.toUtf8().constData(), nullptr);
            widths[c] = std::max(widths[c], int(std::min<qsizetype>(text.size(), 60)) + 2);
        }
        ++row;
    }
    for (int c = 0; c < widths.size(); ++c)
        worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), widths[c], nullptr);
    worksheet_freeze_panes(sheet, headerRow + 1, 0);
    if (!options.notes.isEmpty())
        ++row;
    for (const QString &note : options.notes)
        worksheet_write_string(sheet, row++, 0, note.toUtf8().constData(), noteFormat);

    const lxw_error result = workbook_close(workbook);
    if (result != LXW_NO_ERROR)
        throw Error::storage(QStringLiteral("%1: cannot write the XLSX file (%2)")
                                 .arg(path, QString::fromUtf8(lxw_strerror(result))));
}

} // namespace nps

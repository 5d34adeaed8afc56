#pragma once

#include "export/DataTable.h"

#include <QString>
#include <QStringList>

namespace nps {

// Writes a DataTable as an .xlsx workbook (one sheet) with libxlsxwriter:
// numbers stay numbers, text is stored as text (never a formula), the header
// row is bold and frozen. Notes (the filter in force, the CI method) go below
// the table so the sheet explains itself. Throws nps::Error (Storage) when the
// file cannot be written.
struct XlsxOptions
{
    QString sheetName = QStringLiteral("Data");
    QString title;     // first row when not empty
    QStringList notes; // rows after the table
};

void writeXlsx(const DataTable &table, const QString &path, const XlsxOptions &options = {});

} // namespace nps

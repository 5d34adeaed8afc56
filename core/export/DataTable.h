#pragma once

#include <QJsonArray>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVector>

class QIODevice;

namespace nps {

// A plain table of typed values: what every command prints and every table
// export writes. Keeps number types, so JSON gets numbers and CSV stays exact.
struct DataTable
{
    QStringList columns;
    QVector<QVariantList> rows;

    void addRow(QVariantList row) { rows.append(std::move(row)); }

    enum class Format { Table, Csv, Json };
    static bool parseFormat(const QString &name, Format *format);

    // Text for a terminal: aligned columns, numbers right-aligned.
    QString toText() const;
    // RFC 4180 CSV with spreadsheet formulas neutralised.
    QByteArray toCsv() const;
    // An array of objects keyed by column name.
    QJsonArray toJson() const;
    QByteArray render(Format format) const;
};

// Cell text safe to open in a spreadsheet: a leading = + - @ tab or CR would
// make Excel or LibreOffice evaluate it, so it is prefixed with a quote. Plain
// negative numbers are left as they are.
QString neutraliseFormula(const QString &cell);
QString csvField(const QString &cell, QChar delimiter = QLatin1Char(','));
QString formatCell(const QVariant &value);

} // namespace nps

#include "DataTable.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cmath>

namespace nps {

bool DataTable::parseFormat(const QString &name, Format *format)
{
    if (name == QLatin1String("table"))
        *format = Format::Table;
    else if (name == QLatin1String("csv"))
        *format = Format::Csv;
    else if (name == QLatin1String("json"))
        *format = Format::Json;
    else
        return false;
    return true;
}

QString formatCell(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return {};
    switch (value.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = value.toDouble();
        if (std::isnan(d))
            return {};
        // Enough digits to be exact for presentation, no trailing noise.
        return QString::number(d, 'g', 12);
    }
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return value.toString();
    }
}

QString neutraliseFormula(const QString &cell)
{
    if (cell.isEmpty())
        return cell;
    const QChar first = cell.front();
    if (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('@') ||
        first == QLatin1Char('\t') || first == QLatin1Char('\r')) {
        return QLatin1Char('\'') + cell;
    }
    if (first == QLatin1Char('-')) {
        static const QRegularExpression number(QStringLiteral("^-\\d+(\\.\\d+)?([eE][-+]?\\d+)?$"));
        if (!number.match(cell).hasMatch())
            return QLatin1Char('\'') + cell;
    }
    return cell;
}

QString csvField(const QString &cell, QChar delimiter)
{
    const QString safe = neutraliseFormula(cell);
    if (safe.contains(delimiter) || safe.contains(QLatin1Char('"')) || safe.contains(QLatin1Char('\n')) ||
        safe.contains(QLatin1Char('\r'))) {
        QString quoted = safe;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    return safe;
}

QString DataTable::toText() const
{
    QVector<int> widths(columns.size(), 0);
    QVector<bool> numeric(columns.size(), true);
    QVector<QStringList> cells;
    cells.reserve(rows.size());
    for (int c = 0; c < columns.size(); ++c)
        widths[c] = columns[c].size();
    for (const QVariantList &row : rows) {
        QStringList line;
        for (int c = 0; c < columns.size(); ++c) {
            const QVariant v = c < row.size() ? row[c] : QVariant();
            QString text = formatCell(v).replace(QLatin1Char('\n'), QLatin1Char(' '));
            if (!text.isEmpty()) {
                const int type = v.typeId();
                if (type != QMetaType::Int && type != QMetaType::LongLong && type != QMetaType::Double &&
                    type != QMetaType::UInt && type != QMetaType::ULongLong)
                    numeric[c] = false;
            }
            widths[c] = std::max(widths[c], int(std::min<qsizetype>(text.size(), 80)));
            line << text;
        }
        cells << line;
    }
    QString out;
    auto emitLine = [&](const QStringList &line) {
        QString text;
        for (int c = 0; c < line.size(); ++c) {
            QString cell = line[c];
            if (cell.size() > 80)
                cell = cell.left(79) + QChar(0x2026);
            if (c > 0)
                text += QStringLiteral("  ");
            text += numeric[c] ? cell.rightJustified(widths[c]) : cell.leftJustified(widths[c]);
        }
        out += text.trimmed().isEmpty() ? QString() : text;
        while (out.endsWith(QLatin1Char(' ')))
            out.chop(1);
        out += QLatin1Char('\n');
    };
    emitLine(columns);
    for (const QStringList &line : cells)
        emitLine(line);
    return out;
}

QByteArray DataTable::toCsv() const
{
    QString out;
    auto emitLine = [&](const QStringList &line) {
        for (int c = 0; c < line.size(); ++c) {
            if (c > 0)
                out += QLatin1Char(',');
            out += csvField(line[c]);
        }
        out += QStringLiteral("\r\n");
    };
    emitLine(columns);
    for (const QVariantList &row : rows) {
        QStringList line;
        for (int c = 0; c < columns.size(); ++c)
            line << formatCell(c < row.size() ? row[c] : QVariant());
        emitLine(line);
    }
    return out.toUtf8();
}

QJsonArray DataTable::toJson() const
{
    QJsonArray array;
    for (const QVariantList &row : rows) {
        QJsonObject object;
        for (int c = 0; c < columns.size(); ++c) {
            const QVariant v = c < row.size() ? row[c] : QVariant();
            if (v.typeId() == QMetaType::Double && std::isnan(v.toDouble()))
                object.insert(columns[c], QJsonValue::Null);
            else
                object.insert(columns[c], QJsonValue::fromVariant(v));
        }
        array.append(object);
    }
    return array;
}

QByteArray DataTable::render(Format format) const
{
    switch (format) {
    case Format::Csv:
        return toCsv();
    case Format::Json:
        return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    case Format::Table:
        break;
    }
    return toText().toUtf8();
}

} // namespace nps

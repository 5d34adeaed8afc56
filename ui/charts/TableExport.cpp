#include "TableExport.h"

#include "common/Error.h"
#include "export/XlsxWriter.h"

#include <QAbstractItemModel>
#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMimeData>
#include <QSaveFile>

namespace nps::ui {

DataTable tableFromModel(const QAbstractItemModel &model, int valueRole)
{
    DataTable table;
    const int columns = model.columnCount();
    for (int c = 0; c < columns; ++c)
        table.columns << model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    for (int r = 0; r < model.rowCount(); ++r) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c) {
            const QModelIndex index = model.index(r, c);
            QVariant value = model.data(index, valueRole);
            if (!value.isValid())
                value = model.data(index, Qt::DisplayRole);
            row << value;
        }
        table.addRow(std::move(row));
    }
    return table;
}

namespace {

QString tsvCell(const QVariant &value)
{
    QString text = formatCell(value);
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    text.replace(QLatin1String("\r\n"), QLatin1String(" "));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return neutraliseFormula(text);
}

} // namespace

QString toTsv(const DataTable &table)
{
    QString out;
    QStringList header;
    for (const QString &column : table.columns)
        header << tsvCell(column);
    out += header.join(QLatin1Char('\t')) + QLatin1Char('\n');
    for (const QVariantList &row : table.rows) {
        QStringList cells;
        for (int c = 0; c < table.columns.size(); ++c)
            cells << tsvCell(c < row.size() ? row[c] : QVariant());
        out += cells.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    return out;
}

void copyToClipboard(const DataTable &table)
{
    auto *mime = new QMimeData;
    mime->setText(toTsv(table));
    QString html = QStringLiteral("<table><tr>");
    for (const QString &column : table.columns)
        html += QStringLiteral("<th>%1</th>").arg(column.toHtmlEscaped());
    html += QStringLiteral("</tr>");
    for (const QVariantList &row : table.rows) {
        html += QStringLiteral("<tr>");
        for (int c = 0; c < table.columns.size(); ++c)
            html += QStringLiteral("<td>%1</td>")
                        .arg(formatCell(c < row.size() ? row[c] : QVariant()).toHtmlEscaped());
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    mime->setHtml(html);
    QGuiApplication::clipboard()->setMimeData(mime);
}

void saveTable(const DataTable &table, const QString &path, const QString &title, const QStringList &notes)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("xlsx")) {
        writeXlsx(table, path, XlsxOptions{QStringLiteral("Data"), title, notes});
        return;
    }
    if (suffix != QLatin1String("csv"))
        throw Error::usage(QStringLiteral("%1: choose a .csv or .xlsx file name").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error::storage(QStringLiteral("%1: %2").arg(path, file.errorString()));
    file.write(table.toCsv());
    if (!file.commit())
        throw Error::storage(QStringLiteral("%1: %2").arg(path, file.errorString()));
}

} // namespace nps::ui

#include "CommandContext.h"
#include "Commands.h"
#include "common/Error.h"
#include "import/ImportHistory.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace nps::cli {

int runImports(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    if (!context.parse(parser,
                       QStringLiteral("List past imports: file, hash, preset, encoding, counts, warnings.")))
        return 0;
    const QVector<ImportEntry> entries = ImportHistory(context.database(parser)).imports();
    const auto date = [](qint64 secs) {
        return secs > 0 ? QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate) : QString();
    };
    if (context.format(parser) == QLatin1String("json")) {
        QJsonArray list;
        for (const ImportEntry &e : entries) {
            list.append(QJsonObject{
                {QStringLiteral("id"), e.id},
                {QStringLiteral("kind"), e.kind},
                {QStringLiteral("file"), e.fileName},
                {QStringLiteral("path"), e.filePath},
                {QStringLiteral("size"), e.fileSize},
                {QStringLiteral("sha256"), e.sha256},
                {QStringLiteral("preset"), e.preset},
                {QStringLiteral("encoding"), e.encoding},
                {QStringLiteral("mapping"), QJsonDocument::fromJson(e.mappingJson.toUtf8()).object()},
                {QStringLiteral("rows"), e.rows},
                {QStringLiteral("imported"), e.imported},
                {QStringLiteral("duplicates"), e.duplicates},
                {QStringLiteral("rejected"), e.rejected},
                {QStringLiteral("warnings"), QJsonArray::fromStringList(e.warnings)},
                {QStringLiteral("started"), date(e.startedAt)},
                {QStringLiteral("finished"), date(e.finishedAt)}});
        }
        context.printJson(QJsonDocument(list));
        return 0;
    }
    DataTable table;
    table.columns = {QStringLiteral("id"),       QStringLiteral("kind"),       QStringLiteral("file"),
                     QStringLiteral("preset"),   QStringLiteral("encoding"),   QStringLiteral("rows"),
                     QStringLiteral("imported"), QStringLiteral("duplicates"), QStringLiteral("rejected"),
                     QStringLiteral("finished"), QStringLiteral("warnings")};
    for (const ImportEntry &e : entries)
        table.addRow({e.id, e.kind, e.fileName, e.preset, e.encoding, e.rows, e.imported, e.duplicates,
                      e.rejected, date(e.finishedAt), e.warnings.join(QStringLiteral("; "))});
    context.print(table, context.format(parser));
    return 0;
}

int runRejected(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    parser.addOption({QStringLiteral("import"),
                      QStringLiteral("Only the rows of this import (see `npsdesk imports`)."),
                      QStringLiteral("ID")});
    if (!context.parse(
            parser, QStringLiteral("List the rows imports rejected, with line, column, value and reason.")))
        return 0;
    qint64 importId = 0;
    if (parser.isSet(QStringLiteral("import"))) {
        bool ok = false;
        importId = parser.value(QStringLiteral("import")).toLongLong(&ok);
        if (!ok || importId <= 0)
            throw Error::usage(QStringLiteral("rejected: --import needs an import id"));
    }
    DataTable table;
    table.columns = {QStringLiteral("import"), QStringLiteral("file"),        QStringLiteral("line"),
                     QStringLiteral("column"), QStringLiteral("column_name"), QStringLiteral("value"),
                     QStringLiteral("reason")};
    for (const RejectedRow &r : ImportHistory(context.database(parser)).rejectedRows(importId))
        table.addRow({r.importId, r.fileName, r.line, r.column > 0 ? QVariant(r.column) : QVariant(),
                      r.columnName, r.value, r.reason});
    context.print(table, context.format(parser));
    return 0;
}

} // namespace nps::cli

#include "CommandContext.h"
#include "Commands.h"
#include "store/StoreInfo.h"

#include <QDateTime>
#include <QJsonObject>

namespace nps::cli {

int runInfo(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("json")});
    if (!context.parse(parser, QStringLiteral("Print the schema version and the counts of a database.")))
        return 0;
    const StoreInfo info = StoreInfo::read(context.database(parser));
    const auto isoDate = [](qint64 secs) {
        return secs > 0 ? QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate) : QString();
    };
    if (context.format(parser) == QLatin1String("json")) {
        QJsonObject object{{QStringLiteral("path"), info.path},
                           {QStringLiteral("schema_version"), info.schemaVersion},
                           {QStringLiteral("responses"), info.responses},
                           {QStringLiteral("respondents"), info.respondents},
                           {QStringLiteral("waves"), info.waves},
                           {QStringLiteral("comments"), info.comments},
                           {QStringLiteral("followups"), info.followups},
                           {QStringLiteral("imports"), info.imports},
                           {QStringLiteral("first_response"), isoDate(info.firstResponseAt)},
                           {QStringLiteral("last_response"), isoDate(info.lastResponseAt)}};
        context.printJson(QJsonDocument(object));
        return 0;
    }
    DataTable table;
    table.columns = {QStringLiteral("property"), QStringLiteral("value")};
    table.addRow({QStringLiteral("path"), info.path});
    table.addRow({QStringLiteral("schema version"), info.schemaVersion});
    table.addRow({QStringLiteral("responses"), info.responses});
    table.addRow({QStringLiteral("respondents"), info.respondents});
    table.addRow({QStringLiteral("waves"), info.waves});
    table.addRow({QStringLiteral("comments"), info.comments});
    table.addRow({QStringLiteral("follow-ups"), info.followups});
    table.addRow({QStringLiteral("imports"), info.imports});
    table.addRow({QStringLiteral("first response"), isoDate(info.firstResponseAt)});
    table.addRow({QStringLiteral("last response"), isoDate(info.lastResponseAt)});
    context.print(table, QStringLiteral("table"));
    return 0;
}

} // namespace nps::cli

#include "CommandContext.h"
#include "Commands.h"
#include "common/Error.h"
#include "followups/FollowupQueue.h"

#include <QSaveFile>

namespace nps::cli {

int runExportContacts(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    parser.addOption(QCommandLineOption(
        QStringLiteral("group"), QStringLiteral("passive, promoter or detractor."), QStringLiteral("GROUP")));
    parser.addOption(QCommandLineOption(QStringLiteral("out"), QStringLiteral("The CSV file to write."),
                                        QStringLiteral("FILE.csv")));
    if (!context.parse(parser,
                       QStringLiteral("Export the respondents whose latest answer is in a group, with "
                                      "emails and names, as CSV (formulas neutralised).")))
        return 0;
    if (!parser.isSet(QStringLiteral("group")) || !parser.isSet(QStringLiteral("out")))
        throw Error::usage(QStringLiteral("--group and --out are required"));
    const DataTable table = FollowupQueue(context.database(parser), context.clock())
                                .contacts(parser.value(QStringLiteral("group")));
    const QString path = parser.value(QStringLiteral("out"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(table.toCsv()) < 0 || !file.commit())
        throw Error::badInput(QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString()));
    context.out() << QStringLiteral("Wrote %1 contacts to %2\n").arg(table.rows.size()).arg(path);
    return 0;
}

} // namespace nps::cli

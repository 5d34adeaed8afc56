#include "CommandContext.h"
#include "Commands.h"
#include "common/Error.h"
#include "store/Waves.h"

#include <QDateTime>
#include <cmath>

namespace nps::cli {

int runWaves(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    parser.addPositionalArgument(
        QStringLiteral("action"),
        QStringLiteral("Optional: set-invited WAVE N (how many were invited, for the "
                       "response rate) or set-kind WAVE relational|transactional."),
        QStringLiteral("[set-invited WAVE N | set-kind WAVE KIND]"));
    if (!context.parse(parser,
                       QStringLiteral("List survey waves with their response counts and response rates, "
                                      "or record how many people a wave invited.")))
        return 0;
    const QStringList args = parser.positionalArguments();
    Database &db = context.database(parser);
    Waves waves(db);
    if (!args.isEmpty()) {
        if (args.size() != 3)
            throw Error::usage(QStringLiteral("waves: expected set-invited WAVE N or set-kind WAVE KIND"));
        if (args[0] == QLatin1String("set-invited")) {
            bool ok = false;
            const qint64 invited = args[2].toLongLong(&ok);
            if (!ok || invited < 0)
                throw Error::usage(
                    QStringLiteral("waves: the invited count must be a whole number ≥ 0, not '%1'")
                        .arg(args[2]));
            waves.setInvited(args[1], invited);
            context.out() << QStringLiteral("Wave '%1': %2 invited\n").arg(args[1]).arg(invited);
            return 0;
        }
        if (args[0] == QLatin1String("set-kind")) {
            const auto kind = waveKindFromName(args[2]);
            if (!kind)
                throw Error::usage(QStringLiteral("waves: the kind must be relational or transactional"));
            waves.setKind(args[1], *kind);
            context.out() << QStringLiteral("Wave '%1': %2\n").arg(args[1], waveKindName(*kind));
            return 0;
        }
        throw Error::usage(QStringLiteral("waves: unknown action '%1'").arg(args[0]));
    }
    DataTable table;
    table.columns = {QStringLiteral("wave"),          QStringLiteral("kind"),
                     QStringLiteral("responses"),     QStringLiteral("invited"),
                     QStringLiteral("response_rate"), QStringLiteral("first_response"),
                     QStringLiteral("last_response")};
    const auto date = [](qint64 secs) {
        return secs > 0 ? QVariant(QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate))
                        : QVariant();
    };
    for (const WaveInfo &w : waves.list()) {
        const auto rate = w.responseRate();
        table.addRow({w.name, waveKindName(w.kind), w.responses,
                      w.invited ? QVariant(*w.invited) : QVariant(),
                      rate ? QVariant(std::round(*rate * 10000.0) / 10000.0) : QVariant(),
                      date(w.firstResponseAt), date(w.lastResponseAt)});
    }
    context.print(table, context.format(parser));
    return 0;
}

} // namespace nps::cli

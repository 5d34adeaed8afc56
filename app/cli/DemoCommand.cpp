#include "CommandContext.h"
#include "Commands.h"
#include "common/Error.h"
#include "demo/DemoGenerator.h"

namespace nps::cli {

int runDemo(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("responses"),
                                        QStringLiteral("Number of responses (default 6000)."),
                                        QStringLiteral("N"), QStringLiteral("6000")));
    parser.addOption(QCommandLineOption(QStringLiteral("seed"), QStringLiteral("Random seed (default 2026)."),
                                        QStringLiteral("S"), QStringLiteral("2026")));
    if (!context.parse(parser,
                       QStringLiteral("Write a deterministic demo dataset into a database. The same seed "
                                      "and the same date (NPSDESK_NOW) give the same data.")))
        return 0;
    bool ok = false;
    DemoOptions options;
    options.responses = parser.value(QStringLiteral("responses")).toInt(&ok);
    if (!ok || options.responses < 1)
        throw Error::usage(QStringLiteral("demo: --responses needs a positive whole number"));
    options.seed = parser.value(QStringLiteral("seed")).toUInt(&ok);
    if (!ok)
        throw Error::usage(QStringLiteral("demo: --seed needs a non-negative whole number"));
    Database &db = context.database(parser, Database::Mode::CreateIfMissing);
    const DemoSummary summary = DemoGenerator(db, context.clock()).generate(options);
    context.out() << QStringLiteral("Wrote %1 responses from %2 respondents in %3 waves to %4\n")
                         .arg(summary.responses)
                         .arg(summary.respondents)
                         .arg(summary.waves)
                         .arg(db.path());
    return 0;
}

} // namespace nps::cli

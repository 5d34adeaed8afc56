#include "CommandContext.h"
#include "Commands.h"
#include "analysis/AnalysisService.h"
#include "analysis/AnalysisTables.h"
#include "common/Error.h"

namespace nps::cli {

int runBenchmarks(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("Nothing to list, 'add LABEL LOW HIGH' or "
                                                "'remove ID'."),
                                 QStringLiteral("[add LABEL LOW HIGH | remove ID]"));
    if (!context.parse(parser,
                       QStringLiteral("List the NPS benchmark bands (built-in B2B SaaS bands and your own), "
                                      "add one or remove one of yours.")))
        return 0;
    const QStringList args = parser.positionalArguments();
    BenchmarkStore store(context.database(parser));
    if (!args.isEmpty()) {
        const QString action = args.first();
        if (action == QLatin1String("add")) {
            if (args.size() != 4)
                throw Error::usage(QStringLiteral("usage: benchmarks add LABEL LOW HIGH"));
            bool okLow = false;
            bool okHigh = false;
            const double low = args[2].toDouble(&okLow);
            const double high = args[3].toDouble(&okHigh);
            if (!okLow || !okHigh)
                throw Error::usage(QStringLiteral("LOW and HIGH must be numbers between -100 and 100"));
            store.add(args[1], low, high);
        } else if (action == QLatin1String("remove")) {
            bool ok = false;
            const qint64 id = args.value(1).toLongLong(&ok);
            if (args.size() != 2 || !ok)
                throw Error::usage(QStringLiteral("usage: benchmarks remove ID"));
            store.remove(id);
        } else {
            throw Error::usage(QStringLiteral("unknown action '%1' (use add or remove)").arg(action));
        }
    }
    context.print(benchmarksTable(store.allBands()), context.format(parser));
    return 0;
}

} // namespace nps::cli

#include "CommandContext.h"
#include "Commands.h"
#include "analysis/AnalysisService.h"
#include "analysis/AnalysisTables.h"

namespace nps::cli {

int runMetrics(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    context.addFilterOptions(parser);
    parser.addOption({QStringLiteral("period"),
                      QStringLiteral("month, quarter, year, wave or none (default quarter)."),
                      QStringLiteral("PERIOD"), QStringLiteral("quarter")});
    if (!context.parse(parser,
                       QStringLiteral("Key metrics per period: NPS, detractor rate, passive conversion rate, "
                                      "response rate (needs the invited count of each wave), comment rate. "
                                      "Response rates count every answer of a wave, whatever the filter.")))
        return 0;
    const PeriodKind period = parsePeriodKind(parser.value(QStringLiteral("period")));
    const ResponseFilter filter = context.filter(parser);
    AnalysisService service(context.database(parser));
    const QString format = context.format(parser);
    context.print(metricsTable(service.metrics(filter, period), format == QLatin1String("table")), format);
    return 0;
}

} // namespace nps::cli

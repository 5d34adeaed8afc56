#include "CommandContext.h"
#include "Commands.h"
#include "analysis/AnalysisService.h"
#include "analysis/AnalysisTables.h"

namespace nps::cli {

int runWarnings(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    context.addFilterOptions(parser);
    parser.addOption({QStringLiteral("period"),
                      QStringLiteral("Period of the small-sample check (default quarter)."),
                      QStringLiteral("PERIOD"), QStringLiteral("quarter")});
    if (!context.parse(parser,
                       QStringLiteral("Survey hygiene: inactive respondents, survey fatigue, low response "
                                      "rates, small periods and scales other than 0-10.")))
        return 0;
    const PeriodKind period = parsePeriodKind(parser.value(QStringLiteral("period")));
    const ResponseFilter filter = context.filter(parser);
    AnalysisService service(context.database(parser));
    const QString format = context.format(parser);
    context.print(warningsTable(service.warnings(filter, period), format == QLatin1String("table")), format);
    return 0;
}

} // namespace nps::cli

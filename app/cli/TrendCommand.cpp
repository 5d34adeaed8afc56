#include "CommandContext.h"
#include "Commands.h"
#include "analysis/AnalysisService.h"
#include "analysis/AnalysisTables.h"
#include "common/Error.h"

namespace nps::cli {

int runTrend(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    context.addFilterOptions(parser);
    parser.addOption({QStringLiteral("by"), QStringLiteral("One series per value of this attribute."),
                      QStringLiteral("ATTR")});
    parser.addOption({QStringLiteral("period"),
                      QStringLiteral("month, quarter, year or wave (default quarter)."),
                      QStringLiteral("PERIOD"), QStringLiteral("quarter")});
    parser.addOption({QStringLiteral("confidence"), QStringLiteral("Confidence level (default 0.95)."),
                      QStringLiteral("LEVEL"), QStringLiteral("0.95")});
    if (!context.parse(parser,
                       QStringLiteral("NPS per period with its confidence interval, overall or one series "
                                      "per segment.")))
        return 0;
    const QStringList by = parser.values(QStringLiteral("by"));
    if (by.size() > 1)
        throw Error::usage(QStringLiteral("trend takes one --by attribute"));
    const PeriodKind period = parsePeriodKind(parser.value(QStringLiteral("period")));
    if (period == PeriodKind::None)
        throw Error::usage(QStringLiteral("a trend needs a --period: month, quarter, year or wave"));
    const double confidence = parseConfidence(parser.value(QStringLiteral("confidence")));
    const QString attribute = by.value(0);
    const ResponseFilter filter = context.filter(parser);
    AnalysisService service(context.database(parser));
    const QVector<TrendSeries> series = service.trend(filter, period, attribute, confidence);
    const QString format = context.format(parser);
    context.print(trendTable(series, attribute, format == QLatin1String("table")), format);
    return 0;
}

} // namespace nps::cli

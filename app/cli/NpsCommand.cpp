#include "CommandContext.h"
#include "Commands.h"
#include "analysis/AnalysisService.h"
#include "analysis/AnalysisTables.h"
#include "common/Error.h"

namespace nps::cli {

double parseConfidence(const QString &text)
{
    bool ok = false;
    const double level = text.toDouble(&ok);
    if (!ok || !(level > 0 && level < 1))
        throw Error::usage(
            QStringLiteral("--confidence needs a level between 0 and 1, such as 0.95 (got '%1')").arg(text));
    return level;
}

PeriodKind parsePeriodKind(const QString &text)
{
    const std::optional<PeriodKind> kind = periodKindFromName(text);
    if (!kind)
        throw Error::usage(
            QStringLiteral("--period must be month, quarter, year, wave or none (got '%1')").arg(text));
    return *kind;
}

int runNps(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    context.addFilterOptions(parser);
    parser.addOption({QStringLiteral("confidence"),
                      QStringLiteral("Confidence level of the interval (default 0.95)."),
                      QStringLiteral("LEVEL"), QStringLiteral("0.95")});
    if (!context.parse(parser,
                       QStringLiteral("NPS of the filtered responses with its adjusted-Wald confidence "
                                      "interval, margin of error and score distribution.")))
        return 0;
    const double confidence = parseConfidence(parser.value(QStringLiteral("confidence")));
    const ResponseFilter filter = context.filter(parser);
    AnalysisService service(context.database(parser));
    const NpsSummary summary = service.summary(filter, confidence);
    const QString format = context.format(parser);
    if (format == QLatin1String("json")) {
        QJsonObject o = summaryJson(summary, false);
        o.insert(QStringLiteral("filter"), filter.describe());
        context.printJson(QJsonDocument(o));
        return 0;
    }
    context.print(summaryTable(summary, format == QLatin1String("table")), format);
    return 0;
}

} // namespace nps::cli

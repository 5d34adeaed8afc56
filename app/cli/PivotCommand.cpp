#include "CommandContext.h"
#include "Commands.h"
#include "analysis/AnalysisService.h"
#include "analysis/AnalysisTables.h"
#include "common/Error.h"
#include "export/XlsxWriter.h"

namespace nps::cli {

int runPivot(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json"),
                                     QStringLiteral("xlsx")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output file (required for --format xlsx)."),
                      QStringLiteral("FILE")});
    context.addFilterOptions(parser);
    parser.addOption(
        {QStringLiteral("by"), QStringLiteral("Row attribute (once or twice)."), QStringLiteral("ATTR")});
    parser.addOption({QStringLiteral("period"),
                      QStringLiteral("Columns: month, quarter, year, wave or none (default quarter)."),
                      QStringLiteral("PERIOD"), QStringLiteral("quarter")});
    parser.addOption({QStringLiteral("confidence"), QStringLiteral("Confidence level (default 0.95)."),
                      QStringLiteral("LEVEL"), QStringLiteral("0.95")});
    parser.addOption({QStringLiteral("correction"),
                      QStringLiteral("Multiple-comparison correction: holm, bh or none (default holm)."),
                      QStringLiteral("METHOD"), QStringLiteral("holm")});
    if (!context.parse(parser,
                       QStringLiteral("NPS by segment and period, with totals, confidence intervals, the "
                                      "change against the previous period and its significance.")))
        return 0;
    PivotRequest request;
    request.attributes = parser.values(QStringLiteral("by"));
    if (request.attributes.size() > 2)
        throw Error::usage(QStringLiteral("--by takes at most two attributes"));
    request.period = parsePeriodKind(parser.value(QStringLiteral("period")));
    request.confidence = parseConfidence(parser.value(QStringLiteral("confidence")));
    if (!correctionFromName(parser.value(QStringLiteral("correction")), &request.correction))
        throw Error::usage(QStringLiteral("--correction must be holm, bh or none"));
    const QString format = context.format(parser);
    if (format == QLatin1String("xlsx") && parser.value(QStringLiteral("out")).isEmpty())
        throw Error::usage(QStringLiteral("--format xlsx needs --out FILE.xlsx"));
    const ResponseFilter filter = context.filter(parser);
    AnalysisService service(context.database(parser));
    const PivotResult pivot = service.pivot(filter, request);
    if (format == QLatin1String("xlsx")) {
        const QString out = parser.value(QStringLiteral("out"));
        writeXlsx(
            pivotTable(pivot, false), out,
            XlsxOptions{QStringLiteral("Pivot"),
                        QStringLiteral("NPS by %1").arg(request.attributes.join(QStringLiteral(" and "))),
                        {QStringLiteral("Filter: %1").arg(filter.describe()), pivotFootnote(pivot)}});
        context.out() << QStringLiteral("Wrote %1\n").arg(out);
        return 0;
    }
    const bool table = format == QLatin1String("table");
    context.print(pivotTable(pivot, table), format);
    if (table)
        context.out() << '\n' << pivotFootnote(pivot) << '\n';
    return 0;
}

} // namespace nps::cli

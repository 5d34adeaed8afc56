#include "CommandContext.h"
#include "Commands.h"
#include "analysis/AnalysisService.h"
#include "charts/AnalysisCharts.h"
#include "charts/ChartBuilders.h"
#include "charts/ChartExporter.h"
#include "common/Error.h"

#include <QChart>
#include <QDir>
#include <memory>

namespace nps::cli {

namespace {

QString periodWord(PeriodKind kind)
{
    switch (kind) {
    case PeriodKind::Month:
        return QStringLiteral("month");
    case PeriodKind::Quarter:
        return QStringLiteral("quarter");
    case PeriodKind::Year:
        return QStringLiteral("year");
    case PeriodKind::Wave:
        return QStringLiteral("survey wave");
    case PeriodKind::None:
        break;
    }
    return QStringLiteral("period");
}

qint64 totalN(const PivotResult &pivot)
{
    for (const PivotCell &cell : pivot.cells) {
        if (cell.isTotalRow && cell.isTotalColumn)
            return cell.summary.n();
    }
    return 0;
}

} // namespace

int runExportChart(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFilterOptions(parser);
    parser.addOption(
        {QStringLiteral("chart"), QStringLiteral("trend, pivot or distribution."), QStringLiteral("KIND")});
    parser.addOption(
        {QStringLiteral("by"),
         QStringLiteral("Attribute: one line (trend) or bar (pivot) per value. Required for pivot."),
         QStringLiteral("ATTR")});
    parser.addOption({QStringLiteral("period"),
                      QStringLiteral("Trend periods: month, quarter, year or wave (default quarter)."),
                      QStringLiteral("PERIOD"), QStringLiteral("quarter")});
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("Output file: .png, .svg or .pdf."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("size"),
                      QStringLiteral("Size in pixels, WxH (default 1280x720; 1920x1080 for slides)."),
                      QStringLiteral("WxH"), QStringLiteral("1280x720")});
    parser.addOption({QStringLiteral("scale"),
                      QStringLiteral("PNG pixel ratio: 1, or 2 for high-DPI (default 1)."),
                      QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("title"),
                      QStringLiteral("Title above the chart (default: what it shows)."),
                      QStringLiteral("TEXT")});
    if (!context.parse(parser,
                       QStringLiteral("Render a chart to PNG, SVG or PDF, with its title, the filter in "
                                      "force, n and the CI method as a footnote.")))
        return 0;

    const QString kind = parser.value(QStringLiteral("chart"));
    if (kind != QLatin1String("trend") && kind != QLatin1String("pivot") &&
        kind != QLatin1String("distribution"))
        throw Error::usage(QStringLiteral("--chart must be trend, pivot or distribution"));
    const QString out = parser.value(QStringLiteral("out"));
    ui::ChartFileFormat format;
    if (out.isEmpty() || !ui::chartFormatFromPath(out, &format))
        throw Error::usage(QStringLiteral("--out needs a file name ending in .png, .svg or .pdf"));
    ui::ChartExportOptions options;
    options.size = ui::parseChartSize(parser.value(QStringLiteral("size")));
    if (!options.size.isValid())
        throw Error::usage(
            QStringLiteral("--size needs WIDTHxHEIGHT between 200x150 and 8000x8000, e.g. 1920x1080"));
    const QString scale = parser.value(QStringLiteral("scale"));
    if (scale != QLatin1String("1") && scale != QLatin1String("2"))
        throw Error::usage(QStringLiteral("--scale must be 1 or 2"));
    options.scale = scale.toDouble();
    const QString attribute = parser.value(QStringLiteral("by"));
    if (kind == QLatin1String("pivot") && attribute.isEmpty())
        throw Error::usage(QStringLiteral("--chart pivot needs --by ATTR"));
    const PeriodKind period = parsePeriodKind(parser.value(QStringLiteral("period")));
    const ResponseFilter filter = context.filter(parser);
    options.filterText = filter.describe();

    Database &db = context.database(parser);
    AnalysisService service(db);
    std::unique_ptr<QChart> chart;
    if (kind == QLatin1String("distribution")) {
        const NpsSummary summary = service.summary(filter);
        chart.reset(ui::buildDistributionChart(summary.distribution));
        options.title =
            QStringLiteral("Score distribution (NPS %1)")
                .arg(std::isnan(summary.nps) ? QStringLiteral("n/a") : QString::number(summary.nps, 'f', 1));
        options.n = summary.n();
        options.ciMethod =
            QStringLiteral("%1, %2 to %3")
                .arg(ui::ciMethodText(summary.confidence), QString::number(summary.ci.low, 'f', 1),
                     QString::number(summary.ci.high, 'f', 1));
    } else {
        PivotRequest request;
        if (!attribute.isEmpty())
            request.attributes = {attribute};
        request.period = kind == QLatin1String("pivot") ? PeriodKind::None : period;
        if (kind == QLatin1String("trend") && period == PeriodKind::None)
            throw Error::usage(QStringLiteral("--chart trend needs a --period other than none"));
        const PivotResult pivot = service.pivot(filter, request);
        options.n = totalN(pivot);
        options.ciMethod = ui::ciMethodText(pivot.confidence);
        if (kind == QLatin1String("trend")) {
            chart.reset(ui::buildTrendChart(ui::trendChartData(
                pivot, ui::chartBands(BenchmarkStore(db).allBands()), attribute.isEmpty())));
            options.title = attribute.isEmpty()
                                ? QStringLiteral("NPS by %1").arg(periodWord(period))
                                : QStringLiteral("NPS by %1 and %2").arg(attribute, periodWord(period));
            options.note =
                QStringLiteral("Marked: significant change from the previous period (%1 correction)")
                    .arg(QString::fromLatin1(correctionName(pivot.correction)));
        } else {
            chart.reset(ui::buildSegmentBarChart(ui::segmentBars(pivot)));
            options.title = QStringLiteral("NPS by %1").arg(attribute);
            options.note = QStringLiteral("Grey bars (*): fewer than 30 answers");
        }
    }
    if (parser.isSet(QStringLiteral("title")))
        options.title = parser.value(QStringLiteral("title"));

    QString error;
    if (!ui::exportChart(chart.get(), out, options, &error))
        throw Error::storage(error);
    context.out() << QStringLiteral("Wrote %1 (%2x%3, n = %4)\n")
                         .arg(QDir::toNativeSeparators(out))
                         .arg(qRound(options.size.width() *
                                     (format == ui::ChartFileFormat::Png ? options.scale : 1.0)))
                         .arg(qRound(options.size.height() *
                                     (format == ui::ChartFileFormat::Png ? options.scale : 1.0)))
                         .arg(options.n);
    return 0;
}

} // namespace nps::cli

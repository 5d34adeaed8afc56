#include "CommandContext.h"
#include "Commands.h"
#include "common/Error.h"
#include "followups/FollowupQueue.h"

#include <QJsonObject>
#include <cmath>

namespace nps::cli {

namespace {

QJsonValue hoursValue(const std::optional<double> &hours)
{
    return hours ? QJsonValue(std::round(*hours * 10.0) / 10.0) : QJsonValue();
}

} // namespace

int runQueueReport(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("json")});
    parser.addOption(QCommandLineOption(QStringLiteral("period"),
                                        QStringLiteral("month, quarter (default) or year."),
                                        QStringLiteral("PERIOD"), QStringLiteral("quarter")));
    if (!context.parse(parser,
                       QStringLiteral("The follow-up SLA report: contacted within the deadline, time to "
                                      "first contact, open backlog, recovered detractors.")))
        return 0;
    const QString period = parser.value(QStringLiteral("period"));
    if (period != QLatin1String("month") && period != QLatin1String("quarter") &&
        period != QLatin1String("year"))
        throw Error::usage(QStringLiteral("unknown --period '%1' (use month, quarter or year)").arg(period));
    const SlaReport report = FollowupQueue(context.database(parser), context.clock()).report(period);
    if (context.format(parser) == QLatin1String("json")) {
        QJsonObject object{
            {QStringLiteral("detractors"), report.detractors},
            {QStringLiteral("judged"), report.judged},
            {QStringLiteral("contacted_in_time"), report.contactedInTime},
            {QStringLiteral("contacted_in_time_percent"),
             std::round(report.contactedInTimePercent * 10.0) / 10.0},
            {QStringLiteral("median_hours_to_first_contact"), hoursValue(report.medianHoursToContact)},
            {QStringLiteral("p90_hours_to_first_contact"), hoursValue(report.p90HoursToContact)},
            {QStringLiteral("open"), report.open},
            {QStringLiteral("recovered"), report.recovered},
            {QStringLiteral("with_later_answer"), report.withLaterAnswer},
            {QStringLiteral("period"), period},
            {QStringLiteral("backlog_by_age"), report.byAge.toJson()},
            {QStringLiteral("backlog_by_owner"), report.byOwner.toJson()},
            {QStringLiteral("by_period"), report.byPeriod.toJson()}};
        context.printJson(QJsonDocument(object));
        return 0;
    }
    const auto hoursText = [](const std::optional<double> &h) {
        return h ? QString::number(*h, 'f', 1) : QStringLiteral("-");
    };
    DataTable summary;
    summary.columns = {QStringLiteral("measure"), QStringLiteral("value")};
    summary.addRow({QStringLiteral("tracked detractors"), report.detractors});
    summary.addRow(
        {QStringLiteral("contacted within deadline"), QStringLiteral("%1 of %2 (%3%)")
                                                          .arg(report.contactedInTime)
                                                          .arg(report.judged)
                                                          .arg(report.contactedInTimePercent, 0, 'f', 1)});
    summary.addRow({QStringLiteral("median hours to first contact"), hoursText(report.medianHoursToContact)});
    summary.addRow({QStringLiteral("p90 hours to first contact"), hoursText(report.p90HoursToContact)});
    summary.addRow({QStringLiteral("open"), report.open});
    summary.addRow({QStringLiteral("recovered (later 7+)"), report.recovered});
    context.print(summary, QStringLiteral("table"));
    context.out() << QStringLiteral("\nOpen backlog by age\n");
    context.print(report.byAge, QStringLiteral("table"));
    context.out() << QStringLiteral("\nBy owner\n");
    context.print(report.byOwner, QStringLiteral("table"));
    context.out() << QStringLiteral("\nBy %1\n").arg(period);
    context.print(report.byPeriod, QStringLiteral("table"));
    return 0;
}

} // namespace nps::cli

#include "SlaReport.h"

#include "store/Database.h"
#include "store/Sql.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMap>
#include <algorithm>
#include <cmath>

namespace nps {

namespace {

QString periodOf(qint64 secs, const QString &period)
{
    const QDate d = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).date();
    if (period == QLatin1String("month"))
        return QStringLiteral("%1-%2").arg(d.year()).arg(d.month(), 2, 10, QLatin1Char('0'));
    if (period == QLatin1String("year"))
        return QString::number(d.year());
    return QStringLiteral("%1Q%2").arg(d.year()).arg((d.month() - 1) / 3 + 1);
}

// Nearest-rank percentile of sorted values.
double percentile(const QVector<double> &sorted, double p)
{
    const auto rank = qsizetype(std::ceil(p * double(sorted.size())));
    return sorted[std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1)];
}

QJsonValue optionalJson(const std::optional<double> &v)
{
    return v ? QJsonValue(std::round(*v * 100.0) / 100.0) : QJsonValue();
}

} // namespace

std::optional<double> SlaReport::contactedInTimeRate() const
{
    if (due == 0)
        return std::nullopt;
    return double(contactedInTime) / double(due);
}

SlaReport SlaReport::compute(const Database &db, const Clock &clock, const QString &period)
{
    const qint64 now = clock.now().toSecsSinceEpoch();
    QSqlQuery q = sql::prepare(
        db.connection(),
        QStringLiteral(
            "SELECT coalesce(r.submitted_at, f.created_at), f.due_at, f.first_contact_at, f.status,"
            " coalesce(f.owner, ''),"
            " (SELECT r2.score FROM responses r2 WHERE r2.respondent_id = r.respondent_id"
            "  AND r2.submitted_at > r.submitted_at ORDER BY r2.submitted_at DESC LIMIT 1)"
            " FROM followups f JOIN responses r ON r.id = f.response_id"
            " WHERE f.list = 'detractor' AND f.tracked = 1"));
    q.setForwardOnly(true);
    sql::exec(q);
    SlaReport report;
    QVector<double> hours;
    QMap<QString, PeriodRow> periods;
    QMap<QString, Bucket> owners;
    const QStringList ageLabels{QStringLiteral("under 24 h"), QStringLiteral("24-48 h"),
                                QStringLiteral("2-7 days"), QStringLiteral("over 7 days")};
    QVector<Bucket> ages;
    for (const QString &label : ageLabels)
        ages.append({label, 0, 0});
    while (q.next()) {
        const qint64 submitted = q.value(0).toLongLong();
        const qint64 dueAt = q.value(1).toLongLong();
        const bool contacted = !q.value(2).isNull();
        const qint64 contactAt = q.value(2).toLongLong();
        const QString status = q.value(3).toString();
        const QString owner = q.value(4).toString();
        PeriodRow &row = periods[periodOf(submitted, period)];
        row.period = periodOf(submitted, period);
        ++report.detractors;
        ++row.detractors;
        if (contacted || dueAt <= now) {
            ++report.due;
            ++row.due;
            if (contacted && contactAt <= dueAt) {
                ++report.contactedInTime;
                ++row.contactedInTime;
            }
        }
        if (contacted)
            hours.append(double(contactAt - submitted) / 3600.0);
        if (!q.value(5).isNull()) {
            ++report.answeredAgain;
            if (q.value(5).toInt() >= 7) {
                ++report.recovered;
                ++row.recovered;
            }
        }
        if (status == QLatin1String("new") || status == QLatin1String("contacted")) {
            const bool overdue = status == QLatin1String("new") && dueAt < now;
            ++report.open;
            ++row.open;
            report.overdue += overdue;
            const double ageHours = double(now - submitted) / 3600.0;
            Bucket &age = ages[ageHours < 24 ? 0 : ageHours < 48 ? 1 : ageHours < 168 ? 2 : 3];
            ++age.open;
            age.overdue += overdue;
            Bucket &byOwner = owners[owner];
            byOwner.label = owner.isEmpty() ? QStringLiteral("(unassigned)") : owner;
            ++byOwner.open;
            byOwner.overdue += overdue;
        }
    }
    std::sort(hours.begin(), hours.end());
    if (!hours.isEmpty()) {
        const qsizetype n = hours.size();
        report.medianHoursToContact = n % 2 ? hours[n / 2] : (hours[n / 2 - 1] + hours[n / 2]) / 2.0;
        report.p90HoursToContact = percentile(hours, 0.9);
    }
    report.backlogByAge = ages;
    report.backlogByOwner = owners.values().toVector();
    report.byPeriod = periods.values().toVector();
    return report;
}

QJsonObject SlaReport::toJson() const
{
    auto buckets = [](const QVector<Bucket> &list, const QString &key) {
        QJsonArray array;
        for (const Bucket &b : list)
            array.append(QJsonObject{
                {key, b.label}, {QStringLiteral("open"), b.open}, {QStringLiteral("overdue"), b.overdue}});
        return array;
    };
    QJsonArray periodList;
    for (const PeriodRow &p : byPeriod)
        periodList.append(QJsonObject{
            {QStringLiteral("period"), p.period},
            {QStringLiteral("detractors"), p.detractors},
            {QStringLiteral("due"), p.due},
            {QStringLiteral("contacted_in_time"), p.contactedInTime},
            {QStringLiteral("contacted_in_time_rate"),
             p.due ? QJsonValue(std::round(10000.0 * double(p.contactedInTime) / double(p.due)) / 10000.0)
                   : QJsonValue()},
            {QStringLiteral("recovered"), p.recovered},
            {QStringLiteral("open"), p.open}});
    const auto rate = contactedInTimeRate();
    return QJsonObject{{QStringLiteral("detractors"), detractors},
                       {QStringLiteral("due"), due},
                       {QStringLiteral("contacted_in_time"), contactedInTime},
                       {QStringLiteral("contacted_in_time_rate"),
                        rate ? QJsonValue(std::round(*rate * 10000.0) / 10000.0) : QJsonValue()},
                       {QStringLiteral("median_hours_to_contact"), optionalJson(medianHoursToContact)},
                       {QStringLiteral("p90_hours_to_contact"), optionalJson(p90HoursToContact)},
                       {QStringLiteral("open"), open},
                       {QStringLiteral("overdue"), overdue},
                       {QStringLiteral("answered_again"), answeredAgain},
                       {QStringLiteral("recovered"), recovered},
                       {QStringLiteral("backlog_by_age"), buckets(backlogByAge, QStringLiteral("age"))},
                       {QStringLiteral("backlog_by_owner"), buckets(backlogByOwner, QStringLiteral("owner"))},
                       {QStringLiteral("by_period"), periodList}};
}

DataTable SlaReport::periodTable() const
{
    DataTable table;
    table.columns = {QStringLiteral("period"),
                     QStringLiteral("detractors"),
                     QStringLiteral("due"),
                     QStringLiteral("contacted_in_time"),
                     QStringLiteral("contacted_in_time_rate"),
                     QStringLiteral("recovered"),
                     QStringLiteral("open")};
    for (const PeriodRow &p : byPeriod)
        table.addRow(
            {p.period, p.detractors, p.due, p.contactedInTime,
             p.due ? QVariant(std::round(10000.0 * double(p.contactedInTime) / double(p.due)) / 10000.0)
                   : QVariant(),
             p.recovered, p.open});
    return table;
}

} // namespace nps

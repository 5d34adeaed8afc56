#pragma once

#include "clock/Clock.h"
#include "export/DataTable.h"

#include <QJsonObject>
#include <QVector>
#include <optional>

namespace nps {

class Database;

// How well the team closes the loop: the numbers of the SLA report.
struct SlaReport
{
    qint64 detractors = 0;      // tracked detractor items
    qint64 due = 0;             // items whose deadline has passed or that were contacted
    qint64 contactedInTime = 0; // first contact at or before the deadline
    std::optional<double> contactedInTimeRate() const;
    std::optional<double> medianHoursToContact;
    std::optional<double> p90HoursToContact;
    qint64 open = 0;
    qint64 overdue = 0;
    qint64 answeredAgain = 0; // detractors who answered a later survey
    qint64 recovered = 0;     // ... with 7 or more

    struct Bucket
    {
        QString label;
        qint64 open = 0;
        qint64 overdue = 0;
    };
    QVector<Bucket> backlogByAge;
    QVector<Bucket> backlogByOwner;

    struct PeriodRow
    {
        QString period; // 2026Q3 / 2026-07 / 2026
        qint64 detractors = 0;
        qint64 contactedInTime = 0;
        qint64 due = 0;
        qint64 recovered = 0;
        qint64 open = 0;
    };
    QVector<PeriodRow> byPeriod;

    // period: "quarter", "month" or "year".
    static SlaReport compute(const Database &db, const Clock &clock,
                             const QString &period = QStringLiteral("quarter"));
    QJsonObject toJson() const;
    DataTable periodTable() const;
};

} // namespace nps

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QTimeZone>
#include <QVector>

namespace nps {

class Database;

// How deadlines are counted. Stored per database in the settings table under
// the keys named in Deadline.cpp (followups.sla_hours, ...), shared by the team.
struct SlaSettings
{
    int hours = 48;
    // Count only the hours of working days (whole local days in `timeZone`):
    // a Friday answer with a 48 h SLA is due on Tuesday.
    bool businessHours = false;
    QVector<int> workingDays{1, 2, 3, 4, 5}; // Qt::DayOfWeek numbers, 1 = Monday
    QByteArray timeZone = "UTC";             // IANA id
    // Detractors older than this many days when they are imported are entered
    // as "not tracked" (no deadline), so a historical backfill does not flood
    // the queue as overdue. 0 tracks everything.
    int trackCutoffDays = 0;
    // Passives (7-8) enter their own list, without a deadline.
    bool enqueuePassives = false;

    static SlaSettings load(const Database &db);
    void save(Database &db) const;
};

// The deadline of an answer given at `submitted` (UTC). Elapsed real hours,
// so a DST change in the zone neither adds nor removes an hour of SLA; in
// business-hours mode only time inside working days (local midnight to local
// midnight, 23 or 25 h on a DST day) counts.
QDateTime computeDeadline(const QDateTime &submitted, const SlaSettings &settings);

// The same in Unix seconds, with a cache of local midnights: the import path
// computes hundreds of thousands of deadlines.
class DeadlineCalculator
{
public:
    explicit DeadlineCalculator(SlaSettings settings);
    qint64 deadline(qint64 submittedSecs);

private:
    qint64 nextMidnight(qint64 secs, QDate *day);
    SlaSettings m_settings;
    QTimeZone m_zone;
};

} // namespace nps

#pragma once

#include <QList>
#include <QTimeZone>
#include <optional>

namespace nps {

class Database;

// How long the team has to contact a detractor. Stored per database (the
// `settings` table), because the whole team works to the same SLA.
struct SlaSettings
{
    int hours = 48;
    // Count only time on working days (weekends do not eat the SLA), in `zone`.
    bool businessDaysOnly = false;
    QList<int> workingDays{1, 2, 3, 4, 5}; // Qt::DayOfWeek: 1 = Monday
    QTimeZone zone = QTimeZone::utc();
    // Responses submitted before this (Unix seconds) enter as "not tracked": a
    // historical backfill must not flood the queue with overdue items.
    std::optional<qint64> untrackedBefore;
    // Passives (7-8) enter a separate list with no deadline.
    bool includePassives = false;

    static SlaSettings load(const Database &db);
    void save(Database &db) const;
};

// The deadline of a response submitted at `submittedUtc` (Unix seconds).
// In business-day mode the clock only runs on working days in the configured
// zone, day boundaries computed in local time so a DST change is handled.
qint64 deadlineFor(qint64 submittedUtc, const SlaSettings &sla);

// What the queue makes of one response: the list it joins, whether it is
// tracked against the SLA, and its deadline. nullopt: it does not join.
struct FollowupEntry
{
    const char *list = "detractor"; // detractor | passive
    bool tracked = true;
    std::optional<qint64> dueAt;
};
// An undated response counts as submitted `now`, for its deadline and for the
// "untracked before" cut-off alike. FollowupQueue's one-statement path for
// plain hours follows the same rules in SQL.
std::optional<FollowupEntry> followupEntryFor(int score, std::optional<qint64> submittedAt, qint64 now,
                                              const SlaSettings &sla);

} // namespace nps

#pragma once

#include "Deadline.h"
#include "clock/Clock.h"
#include "store/NativeStatement.h"

#include <optional>

namespace nps {

class Database;

// What the queue makes of one new response: the list it joins, whether it is
// tracked against the SLA, and its deadline. nullopt: it does not join.
struct FollowupEntry
{
    const char *list = "detractor"; // detractor | passive
    bool tracked = true;
    std::optional<qint64> dueAt;
};
// An undated response counts as submitted `now`, for its deadline and for the
// "untracked before" cut-off alike.
std::optional<FollowupEntry> followupEntryFor(int score, std::optional<qint64> submittedAt, qint64 now,
                                              const SlaSettings &sla);

// Enters responses into the follow-up queue one at a time, as an import writes
// them: the same items FollowupQueue::enqueueForImport() makes afterwards, without
// a second pass over the import's rows. Runs in the caller's transaction.
class FollowupEnqueuer
{
public:
    FollowupEnqueuer(Database &db, const Clock &clock = systemClock());

    // True when the response joined the queue.
    bool add(qint64 responseId, int score, std::optional<qint64> submittedAt);
    qint64 added() const { return m_added; }

private:
    SlaSettings m_sla;
    qint64 m_now = 0;
    NativeStatement m_insert;
    qint64 m_added = 0;
};

} // namespace nps

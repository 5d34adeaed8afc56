#include "FollowupEnqueuer.h"

#include "store/Database.h"

namespace nps {

std::optional<FollowupEntry> followupEntryFor(int score, std::optional<qint64> submittedAt, qint64 now,
                                              const SlaSettings &sla)
{
    const bool detractor = score <= 6;
    if (!detractor && !(sla.includePassives && score <= 8))
        return std::nullopt;
    const qint64 submitted = submittedAt.value_or(now);
    FollowupEntry entry;
    entry.list = detractor ? "detractor" : "passive";
    // Passives and history from before the cut-off keep no deadline: they are
    // for reading, not work against the SLA.
    entry.tracked = detractor && (!sla.untrackedBefore || submitted >= *sla.untrackedBefore);
    if (entry.tracked)
        entry.dueAt = deadlineFor(submitted, sla);
    return entry;
}

FollowupEnqueuer::FollowupEnqueuer(Database &db, const Clock &clock)
    : m_sla(SlaSettings::load(db))
    , m_now(clock.now().toSecsSinceEpoch())
    , m_insert(db.connection(), "INSERT OR IGNORE INTO followups (response_id, list, status, tracked, due_at,"
                                " created_at, updated_at) VALUES (?1, ?2, 'new', ?3, ?4, ?5, ?5)")
{
}

bool FollowupEnqueuer::add(qint64 responseId, int score, std::optional<qint64> submittedAt)
{
    const std::optional<FollowupEntry> entry = followupEntryFor(score, submittedAt, m_now, m_sla);
    if (!entry)
        return false;
    m_insert.bind(1, responseId);
    m_insert.bindUtf8(2, entry->list);
    m_insert.bind(3, qint64(entry->tracked ? 1 : 0));
    if (entry->dueAt)
        m_insert.bind(4, *entry->dueAt);
    m_insert.bind(5, m_now);
    m_insert.step();
    const bool inserted = m_insert.changes() > 0;
    m_insert.reset();
    m_added += inserted ? 1 : 0;
    return inserted;
}

} // namespace nps

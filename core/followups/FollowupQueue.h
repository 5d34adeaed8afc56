#pragma once

#include "Deadline.h"
#include "clock/Clock.h"

#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVector>
#include <optional>

namespace nps {

class Database;

enum class FollowupStatus { New, Contacted, Resolved, WontFix, Unreachable };
QString statusKey(FollowupStatus status);   // the database spelling: new, contacted, wont_fix, ...
QString statusLabel(FollowupStatus status); // for people: New, Contacted, Won't fix, ...
std::optional<FollowupStatus> statusFromKey(const QString &key);
bool isClosed(FollowupStatus status);

struct FollowupEvent
{
    qint64 at = 0;
    QString actor;
    QString kind; // created, status, assign, note, contact
    QString fromStatus;
    QString toStatus;
    QString text;
};

struct FollowupItem
{
    qint64 id = 0;
    qint64 responseId = 0;
    QString list; // detractor | passive
    QString respondentName;
    QString respondentEmail;
    QString userId;
    int score = 0;
    QString comment;
    qint64 submittedAt = 0;
    std::optional<qint64> dueAt;
    FollowupStatus status = FollowupStatus::New;
    bool tracked = true;
    QString owner;
    QString rootCause;
    std::optional<qint64> firstContactAt;
    std::optional<qint64> closedAt;
    // The respondent's latest later answer, if any: "recovered" when >= 7.
    std::optional<int> laterScore;
    bool recovered() const { return laterScore && *laterScore >= 7; }
    // Hours until the deadline at `now` (negative when overdue); nullopt without a deadline.
    std::optional<double> hoursLeft(qint64 now) const;
};

// The queue views of the screen and the `queue --view` option.
enum class QueueView { Open, Mine, DueSoon, Overdue, Closed, Passives, All };
std::optional<QueueView> queueViewFromName(const QString &name);

// The follow-up queue: every detractor gets an item with a deadline, an owner,
// a status and a timeline. Every change is timestamped by the Clock and
// attributed to an actor. Invalid requests throw Error::badInput and change
// nothing.
class FollowupQueue
{
public:
    FollowupQueue(Database &db, const Clock &clock = systemClock());

    // Enters the detractors (and passives, when enabled) of one import. Runs in
    // the caller's transaction; idempotent. Returns the number of new items.
    qint64 enqueueForImport(qint64 importId);
    // Enters every response that has no item yet (after changing settings, or
    // for databases imported before follow-ups existed).
    qint64 enqueueAll();

    // Saves the SLA and recomputes the deadline of every item not yet contacted.
    void setSla(const SlaSettings &sla);
    SlaSettings sla() const;

    static constexpr double dueSoonHours = 12.0;
    QVector<FollowupItem> items(QueueView view, const QString &owner = {}, int limit = -1) const;
    FollowupItem item(qint64 id) const; // throws badInput for an unknown id
    QVector<FollowupEvent> history(qint64 id) const;

    struct Counts
    {
        qint64 open = 0;
        qint64 overdue = 0;
        qint64 dueSoon = 0;
    };
    Counts counts() const;

    void assign(qint64 id, const QString &owner, const QString &actor);
    // Assigns the open, unowned item with the earliest deadline to `owner`; 0 when none.
    qint64 takeNext(const QString &owner);
    // Moves to `to`. Closing (resolved, won't fix, unreachable) needs a root cause
    // from rootCauses(); reopening goes back to contacted or new.
    void setStatus(qint64 id, FollowupStatus to, const QString &actor, const QString &rootCause = {},
                   const QString &note = {});
    void reopen(qint64 id, const QString &actor, const QString &note = {});
    void addNote(qint64 id, const QString &text, const QString &actor);
    // Logs a contact attempt (moves New to Contacted).
    void logContact(qint64 id, const QString &actor, const QString &note = {});

    QStringList rootCauses() const;
    void addRootCause(const QString &name);

    // A mailto: link addressing the respondent by name and quoting their comment.
    static QUrl mailtoUrl(const FollowupItem &item, const QString &senderName);

private:
    void requireOwnerName(const QString &actor) const;
    void logEvent(qint64 id, const QString &actor, const QString &kind, const QString &from,
                  const QString &to, const QString &text);
    qint64 enqueueWhere(const QString &condition, const QVariantList &values);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace nps

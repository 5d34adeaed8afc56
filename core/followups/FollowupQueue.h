#pragma once

#include "Deadline.h"
#include "export/DataTable.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVector>
#include <optional>

namespace nps {

class Clock;
class Database;

// Stored as new/contacted/resolved/wont_fix/unreachable.
enum class FollowupStatus { New, Contacted, Resolved, WontFix, Unreachable };

QString statusKey(FollowupStatus status);   // the database value
QString statusLabel(FollowupStatus status); // "Won't fix"
std::optional<FollowupStatus> statusFromKey(const QString &key);
bool isClosed(FollowupStatus status);
// The state machine: New -> Contacted | Won't fix | Unreachable; Contacted ->
// Resolved | Won't fix | Unreachable; a closed item reopens to New or Contacted.
// Staying in the same state is not a transition.
bool isTransitionAllowed(FollowupStatus from, FollowupStatus to);

struct FollowupItem
{
    qint64 id = 0;
    qint64 responseId = 0;
    qint64 respondentId = 0;
    QString list; // detractor or passive
    QString name;
    QString email;
    QString userId;
    int score = 0;
    QString comment;
    QString wave;
    QDateTime submitted; // invalid when the answer has no date
    QDateTime due;       // invalid when not tracked or on the passive list
    FollowupStatus status = FollowupStatus::New;
    bool tracked = true;
    QString owner;
    QString rootCause;
    QDateTime firstContact;
    QDateTime closed;
    int laterScore = -1; // the respondent's latest later answer, -1 when none
    bool recovered = false;
    QVector<QPair<QString, QString>> attributes;

    QString respondent() const; // name, else email, else user id
    // Hours until the deadline (negative when overdue); nullopt without a deadline.
    std::optional<double> hoursLeft(const QDateTime &now) const;
};

struct FollowupEvent
{
    QDateTime at;
    QString actor;
    QString kind; // created, status, assign, note, contact
    QString fromStatus;
    QString toStatus;
    QString text;
};

enum class QueueView {
    Open,    // new or contacted, detractor list
    Mine,    // open and owned by the given owner
    DueSoon, // open, tracked, not overdue, due within 12 hours
    Overdue, // open, tracked, deadline passed
    Closed,
    Passives // the passive list
};
bool parseQueueView(const QString &name, QueueView *view);

struct QueueCounts
{
    int open = 0;
    int overdue = 0;
    int dueSoon = 0;
};

struct SlaReport
{
    int detractors = 0; // tracked detractor follow-ups
    int judged = 0;     // contacted, or uncontacted past their deadline
    int contactedInTime = 0;
    double contactedInTimePercent = 0; // of `judged`
    std::optional<double> medianHoursToContact;
    std::optional<double> p90HoursToContact;
    int open = 0;
    int recovered = 0;
    int withLaterAnswer = 0;
    DataTable byAge;    // bucket, open
    DataTable byOwner;  // owner, open, overdue, closed
    DataTable byPeriod; // period, detractors, contacted, contacted_in_time, open, recovered
};

// The mail a contact action opens: placeholders {name}, {first_name},
// {comment}, {score}, {owner}, {date}.
struct MailTemplate
{
    QString subject = QStringLiteral("About your feedback");
    QString body = QStringLiteral(
        "Hi {first_name},\n\nThank you for your answer on {date}. You wrote:\n\n> {comment}\n\n"
        "I would like to understand what went wrong and what we can do about it. "
        "Would you have 15 minutes this week?\n\nBest regards,\n{owner}");
};
QString applyTemplate(const QString &text, const FollowupItem &item, const QString &owner);
QUrl mailtoUrl(const FollowupItem &item, const MailTemplate &mail, const QString &owner);

// The detractor follow-up queue and the passive list. Every change is one
// transaction and leaves an event (timestamped, attributed) in followup_events;
// a refused change throws nps::Error (BadInput) and changes nothing.
class FollowupQueue
{
public:
    FollowupQueue(Database &db, const Clock &clock);

    // Queues the detractors (and, when the setting is on, the passives) of one
    // import. Runs inside the caller's transaction (the importer's), in a few
    // bulk statements; responses already queued are skipped. Returns the number
    // of follow-ups created.
    int enqueueForImport(qint64 importId);
    // The same for every response in the database, in its own transaction.
    int enqueueAll();

    SlaSettings settings() const;
    // Saves the settings and recomputes the deadlines of tracked items nobody
    // has contacted yet; contacted and closed items keep the deadline they had.
    void setSettings(const SlaSettings &settings);

    QVector<FollowupItem> list(QueueView view, const QString &owner = {}) const;
    FollowupItem item(qint64 id) const; // throws BadInput for an unknown id
    QVector<FollowupEvent> history(qint64 id) const;
    QueueCounts counts() const;

    void assign(qint64 id, const QString &owner, const QString &actor);
    // Assigns the open, unowned item with the earliest deadline to `owner`.
    std::optional<qint64> takeNext(const QString &owner);
    void setStatus(qint64 id, FollowupStatus to, const QString &actor, const QString &rootCause = {},
                   const QString &note = {});
    // "open" on the command line: back to Contacted when it was contacted, else New.
    void reopen(qint64 id, const QString &actor, const QString &note = {});
    void addNote(qint64 id, const QString &text, const QString &actor);
    // Logs a contact attempt; a New item becomes Contacted.
    void logContact(qint64 id, const QString &actor, const QString &text);

    QStringList rootCauses() const;
    void addRootCause(const QString &name);
    void removeRootCause(const QString &name);

    // `period`: month, quarter or year.
    SlaReport report(const QString &period = QStringLiteral("quarter")) const;

    // Respondents whose latest answer (within `filter`) is in `group`
    // (detractor, passive, promoter), with email and name.
    DataTable contacts(const QString &group) const;

private:
    int enqueue(const QString &scope, const QVariantList &scopeValues);
    FollowupItem requireItem(qint64 id) const;
    void addEvent(qint64 id, qint64 at, const QString &actor, const QString &kind, const QString &from,
                  const QString &to, const QString &text);
    void changeStatus(const FollowupItem &item, FollowupStatus to, const QString &actor,
                      const QString &rootCause, const QString &note);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace nps

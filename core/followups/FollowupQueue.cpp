#include "FollowupQueue.h"

#include "common/Error.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QUrlQuery>

namespace nps {

namespace {

struct StatusName
{
    FollowupStatus status;
    const char *key;
    const char *label;
};

const StatusName statusNames[] = {
    {FollowupStatus::New, "new", "New"},
    {FollowupStatus::Contacted, "contacted", "Contacted"},
    {FollowupStatus::Resolved, "resolved", "Resolved"},
    {FollowupStatus::WontFix, "wont_fix", "Won't fix"},
    {FollowupStatus::Unreachable, "unreachable", "Unreachable"},
};

const QString itemColumns = QStringLiteral(
    "f.id, f.response_id, f.list, p.name, p.email, p.user_id, r.score, r.comment, coalesce(r.submitted_at,"
    " f.created_at), f.due_at, f.status, f.tracked, f.owner, f.root_cause, f.first_contact_at, f.closed_at,"
    " (SELECT r2.score FROM responses r2 WHERE r2.respondent_id = r.respondent_id AND r2.submitted_at >"
    " r.submitted_at ORDER BY r2.submitted_at DESC LIMIT 1)"
    " FROM followups f JOIN responses r ON r.id = f.response_id JOIN respondents p ON p.id = "
    "r.respondent_id");

std::optional<qint64> optionalInt(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

FollowupItem readItem(const QSqlQuery &q)
{
    FollowupItem item;
    item.id = q.value(0).toLongLong();
    item.responseId = q.value(1).toLongLong();
    item.list = q.value(2).toString();
    item.respondentName = q.value(3).toString();
    item.respondentEmail = q.value(4).toString();
    item.userId = q.value(5).toString();
    item.score = q.value(6).toInt();
    item.comment = q.value(7).toString();
    item.submittedAt = q.value(8).toLongLong();
    item.dueAt = optionalInt(q.value(9));
    item.status = statusFromKey(q.value(10).toString()).value_or(FollowupStatus::New);
    item.tracked = q.value(11).toInt() == 1;
    item.owner = q.value(12).toString();
    item.rootCause = q.value(13).toString();
    item.firstContactAt = optionalInt(q.value(14));
    item.closedAt = optionalInt(q.value(15));
    if (!q.value(16).isNull())
        item.laterScore = q.value(16).toInt();
    return item;
}

} // namespace

QString statusKey(FollowupStatus status)
{
    for (const StatusName &s : statusNames)
        if (s.status == status)
            return QString::fromLatin1(s.key);
    return {};
}

QString statusLabel(FollowupStatus status)
{
    for (const StatusName &s : statusNames)
        if (s.status == status)
            return QString::fromLatin1(s.label);
    return {};
}

std::optional<FollowupStatus> statusFromKey(const QString &key)
{
    for (const StatusName &s : statusNames)
        if (key == QLatin1String(s.key))
            return s.status;
    return std::nullopt;
}

bool isClosed(FollowupStatus status)
{
    return status == FollowupStatus::Resolved || status == FollowupStatus::WontFix ||
           status == FollowupStatus::Unreachable;
}

std::optional<double> FollowupItem::hoursLeft(qint64 now) const
{
    if (!dueAt || !tracked)
        return std::nullopt;
    return double(*dueAt - now) / 3600.0;
}

std::optional<QueueView> queueViewFromName(const QString &name)
{
    static const std::pair<const char *, QueueView> names[] = {
        {"open", QueueView::Open},       {"mine", QueueView::Mine},     {"due-soon", QueueView::DueSoon},
        {"overdue", QueueView::Overdue}, {"closed", QueueView::Closed}, {"passives", QueueView::Passives},
        {"all", QueueView::All}};
    for (const auto &[n, view] : names)
        if (name == QLatin1String(n))
            return view;
    return std::nullopt;
}

FollowupQueue::FollowupQueue(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

SlaSettings FollowupQueue::sla() const
{
    return SlaSettings::load(m_db);
}

qint64 FollowupQueue::enqueueWhere(const QString &condition, const QVariantList &values)
{
    const SlaSettings sla = SlaSettings::load(m_db);
    const QSqlDatabase c = m_db.connection();
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    const QString lists =
        sla.includePassives ? QStringLiteral("r.score <= 8") : QStringLiteral("r.score <= 6");
    qint64 added = 0;
    if (!sla.businessDaysOnly) {
        // The common case in one statement: a deadline is plain arithmetic.
        // An undated response counts as submitted now, for the cut-off as for
        // its deadline (followupEntryFor() has the same rules, one row at a time).
        QVariantList binds{now, sla.untrackedBefore ? QVariant(*sla.untrackedBefore) : QVariant(),
                           now, qint64(sla.hours) * 3600,
                           now, now};
        binds += values;
        QSqlQuery q = sql::run(
            c,
            QStringLiteral(
                "INSERT OR IGNORE INTO followups (response_id, list, status, tracked, due_at, created_at,"
                " updated_at)"
                " SELECT r.id, CASE WHEN r.score <= 6 THEN 'detractor' ELSE 'passive' END, 'new',"
                "  CASE WHEN r.score <= 6 AND coalesce(r.submitted_at, ?) >= coalesce(?, 0) THEN 1"
                "   ELSE 0 END,"
                "  CASE WHEN r.score <= 6 THEN coalesce(r.submitted_at, ?) + ? END, ?, ?"
                " FROM responses r WHERE %1 AND %2 AND NOT EXISTS"
                " (SELECT 1 FROM followups f WHERE f.response_id = r.id)")
                .arg(lists, condition),
            binds);
        added = q.numRowsAffected();
        // Untracked items keep no deadline: they are history, not work.
        sql::run(
            c, QStringLiteral("UPDATE followups SET due_at = NULL WHERE tracked = 0 AND due_at IS NOT NULL"));
        return added;
    }
    QSqlQuery select =
        sql::prepare(c, QStringLiteral("SELECT r.id, r.score, coalesce(r.submitted_at, ?) FROM responses"
                                       " r WHERE %1 AND %2 AND NOT EXISTS (SELECT 1 FROM followups f"
                                       " WHERE f.response_id = r.id)")
                            .arg(lists, condition));
    select.setForwardOnly(true);
    select.addBindValue(now);
    for (const QVariant &v : values)
        select.addBindValue(v);
    sql::exec(select);
    QSqlQuery insert =
        sql::prepare(c, QStringLiteral("INSERT OR IGNORE INTO followups (response_id, list, status,"
                                       " tracked, due_at, created_at, updated_at)"
                                       " VALUES (?, ?, 'new', ?, ?, ?, ?)"));
    while (select.next()) {
        const std::optional<FollowupEntry> entry =
            followupEntryFor(select.value(1).toInt(), select.value(2).toLongLong(), now, sla);
        if (!entry)
            continue;
        insert.addBindValue(select.value(0));
        insert.addBindValue(QString::fromLatin1(entry->list));
        insert.addBindValue(entry->tracked ? 1 : 0);
        insert.addBindValue(entry->dueAt ? QVariant(*entry->dueAt) : QVariant());
        insert.addBindValue(now);
        insert.addBindValue(now);
        sql::exec(insert);
        added += insert.numRowsAffected();
    }
    return added;
}

qint64 FollowupQueue::enqueueForImport(qint64 importId)
{
    return enqueueWhere(QStringLiteral("r.import_id = ?"), {importId});
}

qint64 FollowupQueue::enqueueAll()
{
    return enqueueWhere(QStringLiteral("1"), {});
}

void FollowupQueue::setSla(const SlaSettings &sla)
{
    if (sla.hours <= 0 || sla.hours > 24 * 365)
        throw Error::badInput(QStringLiteral("the SLA must be between 1 hour and a year"));
    sla.save(m_db);
    QSqlQuery select =
        sql::prepare(m_db.connection(),
                     QStringLiteral("SELECT f.id, coalesce(r.submitted_at, f.created_at) FROM followups f"
                                    " JOIN responses r ON r.id = f.response_id"
                                    " WHERE f.status = 'new' AND f.tracked = 1"));
    select.setForwardOnly(true);
    sql::exec(select);
    QVector<std::pair<qint64, qint64>> rows;
    while (select.next())
        rows.append({select.value(0).toLongLong(), select.value(1).toLongLong()});
    QSqlQuery update =
        sql::prepare(m_db.connection(), QStringLiteral("UPDATE followups SET due_at = ? WHERE id = ?"));
    for (const auto &[id, submitted] : rows) {
        update.addBindValue(deadlineFor(submitted, sla));
        update.addBindValue(id);
        sql::exec(update);
    }
}

QVector<FollowupItem> FollowupQueue::items(QueueView view, const QString &owner, int limit) const
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QString where;
    QVariantList values;
    switch (view) {
    case QueueView::Open:
        where = QStringLiteral("f.list = 'detractor' AND f.tracked = 1 AND f.status IN ('new', 'contacted')");
        break;
    case QueueView::Mine:
        where = QStringLiteral("f.list = 'detractor' AND f.status IN ('new', 'contacted') AND f.owner = ?");
        values << owner;
        break;
    case QueueView::DueSoon:
        where = QStringLiteral("f.list = 'detractor' AND f.tracked = 1 AND f.status = 'new' AND f.due_at >= ?"
                               " AND f.due_at < ?");
        values << now << now + qint64(dueSoonHours * 3600);
        break;
    case QueueView::Overdue:
        where =
            QStringLiteral("f.list = 'detractor' AND f.tracked = 1 AND f.status = 'new' AND f.due_at < ?");
        values << now;
        break;
    case QueueView::Closed:
        where = QStringLiteral("f.status IN ('resolved', 'wont_fix', 'unreachable')");
        break;
    case QueueView::Passives:
        where = QStringLiteral("f.list = 'passive'");
        break;
    case QueueView::All:
        where = QStringLiteral("1");
        break;
    }
    if (!owner.isEmpty() && view != QueueView::Mine) {
        where += QStringLiteral(" AND f.owner = ?");
        values << owner;
    }
    const QString order = view == QueueView::Closed ? QStringLiteral("f.closed_at DESC, f.id DESC")
                                                    : QStringLiteral("f.due_at IS NULL, f.due_at, f.id");
    QSqlQuery q =
        sql::prepare(m_db.connection(),
                     QStringLiteral("SELECT %1 WHERE %2 ORDER BY %3 LIMIT ?").arg(itemColumns, where, order));
    q.setForwardOnly(true);
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(limit);
    sql::exec(q);
    QVector<FollowupItem> list;
    while (q.next())
        list.append(readItem(q));
    return list;
}

FollowupItem FollowupQueue::item(qint64 id) const
{
    QSqlQuery q =
        sql::run(m_db.connection(), QStringLiteral("SELECT %1 WHERE f.id = ?").arg(itemColumns), {id});
    if (!q.next())
        throw Error::badInput(QStringLiteral("there is no follow-up with id %1").arg(id));
    return readItem(q);
}

QVector<FollowupEvent> FollowupQueue::history(qint64 id) const
{
    item(id);
    QSqlQuery q =
        sql::run(m_db.connection(),
                 QStringLiteral("SELECT at, actor, kind, from_status, to_status, text FROM followup_events"
                                " WHERE followup_id = ? ORDER BY at, id"),
                 {id});
    QVector<FollowupEvent> events;
    while (q.next())
        events.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
    return events;
}

FollowupQueue::Counts FollowupQueue::counts() const
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QSqlQuery q = sql::run(m_db.connection(),
                           QStringLiteral("SELECT count(*), coalesce(sum(status = 'new' AND due_at < ?), 0),"
                                          " coalesce(sum(status = 'new' AND due_at >= ? AND due_at < ?), 0)"
                                          " FROM followups WHERE list = 'detractor' AND tracked = 1"
                                          " AND status IN ('new', 'contacted')"),
                           {now, now, now + qint64(dueSoonHours * 3600)});
    Counts counts;
    if (q.next()) {
        counts.open = q.value(0).toLongLong();
        counts.overdue = q.value(1).toLongLong();
        counts.dueSoon = q.value(2).toLongLong();
    }
    return counts;
}

void FollowupQueue::requireOwnerName(const QString &actor) const
{
    if (actor.trimmed().isEmpty())
        throw Error::badInput(
            QStringLiteral("every change is attributed to someone: set your owner name first"));
}

void FollowupQueue::logEvent(qint64 id, const QString &actor, const QString &kind, const QString &from,
                             const QString &to, const QString &text)
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    sql::run(m_db.connection(),
             QStringLiteral(
                 "INSERT INTO followup_events (followup_id, at, actor, kind, from_status, to_status, text)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?)"),
             {id, now, actor.trimmed(), kind, from.isEmpty() ? QVariant() : QVariant(from),
              to.isEmpty() ? QVariant() : QVariant(to), text.isEmpty() ? QVariant() : QVariant(text)});
    sql::run(m_db.connection(), QStringLiteral("UPDATE followups SET updated_at = ? WHERE id = ?"),
             {now, id});
}

void FollowupQueue::assign(qint64 id, const QString &owner, const QString &actor)
{
    requireOwnerName(actor);
    const FollowupItem current = item(id);
    const QString name = owner.trimmed();
    sql::run(m_db.connection(), QStringLiteral("UPDATE followups SET owner = ? WHERE id = ?"),
             {name.isEmpty() ? QVariant() : QVariant(name), id});
    logEvent(id, actor, QStringLiteral("assign"), {}, {},
             name.isEmpty() ? QStringLiteral("Unassigned (was %1)").arg(current.owner)
                            : QStringLiteral("Assigned to %1").arg(name));
}

qint64 FollowupQueue::takeNext(const QString &owner)
{
    requireOwnerName(owner);
    const QVariant id = sql::scalar(
        m_db.connection(), QStringLiteral("SELECT id FROM followups WHERE list = 'detractor' AND tracked = 1"
                                          " AND status = 'new' AND (owner IS NULL OR owner = '')"
                                          " ORDER BY due_at, id LIMIT 1"));
    if (!id.isValid())
        return 0;
    assign(id.toLongLong(), owner, owner);
    return id.toLongLong();
}

void FollowupQueue::setStatus(qint64 id, FollowupStatus to, const QString &actor, const QString &rootCause,
                              const QString &note)
{
    requireOwnerName(actor);
    const FollowupItem current = item(id);
    if (current.status == to)
        throw Error::badInput(QStringLiteral("follow-up %1 is already %2").arg(id).arg(statusLabel(to)));
    if (isClosed(current.status))
        throw Error::badInput(QStringLiteral("follow-up %1 is closed (%2): reopen it first")
                                  .arg(id)
                                  .arg(statusLabel(current.status)));
    if (to == FollowupStatus::New)
        throw Error::badInput(
            QStringLiteral("a follow-up cannot go back to New; reopen a closed one instead"));
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QString cause;
    if (isClosed(to)) {
        cause = rootCause.trimmed();
        if (cause.isEmpty())
            throw Error::badInput(QStringLiteral("closing follow-up %1 needs a root cause (one of: %2)")
                                      .arg(id)
                                      .arg(rootCauses().join(QStringLiteral(", "))));
        bool known = false;
        for (const QString &c : rootCauses())
            if (c.compare(cause, Qt::CaseInsensitive) == 0) {
                cause = c;
                known = true;
            }
        if (!known)
            throw Error::badInput(QStringLiteral("'%1' is not a root cause in the list (%2)")
                                      .arg(cause, rootCauses().join(QStringLiteral(", "))));
    }
    sql::run(
        m_db.connection(),
        QStringLiteral(
            "UPDATE followups SET status = ?, root_cause = ?, closed_at = ?,"
            " first_contact_at = CASE WHEN ? THEN coalesce(first_contact_at, ?) ELSE first_contact_at END"
            " WHERE id = ?"),
        {statusKey(to), cause.isEmpty() ? QVariant() : QVariant(cause),
         isClosed(to) ? QVariant(now) : QVariant(), to == FollowupStatus::Contacted ? 1 : 0, now, id});
    QString text = note.trimmed();
    if (!cause.isEmpty())
        text = QStringLiteral("Root cause: %1").arg(cause) +
               (text.isEmpty() ? QString() : QStringLiteral(". ") + text);
    logEvent(id, actor, QStringLiteral("status"), statusKey(current.status), statusKey(to), text);
}

void FollowupQueue::reopen(qint64 id, const QString &actor, const QString &note)
{
    requireOwnerName(actor);
    const FollowupItem current = item(id);
    if (!isClosed(current.status))
        throw Error::badInput(QStringLiteral("follow-up %1 is not closed").arg(id));
    const FollowupStatus to = current.firstContactAt ? FollowupStatus::Contacted : FollowupStatus::New;
    sql::run(
        m_db.connection(),
        QStringLiteral("UPDATE followups SET status = ?, closed_at = NULL, root_cause = NULL WHERE id = ?"),
        {statusKey(to), id});
    logEvent(id, actor, QStringLiteral("status"), statusKey(current.status), statusKey(to),
             note.trimmed().isEmpty() ? QStringLiteral("Reopened")
                                      : QStringLiteral("Reopened. ") + note.trimmed());
}

void FollowupQueue::addNote(qint64 id, const QString &text, const QString &actor)
{
    requireOwnerName(actor);
    item(id);
    if (text.trimmed().isEmpty())
        throw Error::badInput(QStringLiteral("the note is empty"));
    logEvent(id, actor, QStringLiteral("note"), {}, {}, text.trimmed());
}

void FollowupQueue::logContact(qint64 id, const QString &actor, const QString &note)
{
    requireOwnerName(actor);
    const FollowupItem current = item(id);
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    sql::run(
        m_db.connection(),
        QStringLiteral("UPDATE followups SET first_contact_at = coalesce(first_contact_at, ?),"
                       " status = CASE WHEN status = 'new' THEN 'contacted' ELSE status END WHERE id = ?"),
        {now, id});
    logEvent(id, actor, QStringLiteral("contact"), statusKey(current.status),
             current.status == FollowupStatus::New ? statusKey(FollowupStatus::Contacted)
                                                   : statusKey(current.status),
             note.trimmed().isEmpty() ? QStringLiteral("Contact attempt") : note.trimmed());
}

QStringList FollowupQueue::rootCauses() const
{
    QSqlQuery q =
        sql::run(m_db.connection(), QStringLiteral("SELECT name FROM root_causes ORDER BY position, name"));
    QStringList list;
    while (q.next())
        list << q.value(0).toString();
    return list;
}

void FollowupQueue::addRootCause(const QString &name)
{
    if (name.trimmed().isEmpty())
        throw Error::badInput(QStringLiteral("a root cause needs a name"));
    sql::run(
        m_db.connection(),
        QStringLiteral(
            "INSERT OR IGNORE INTO root_causes (name, position) VALUES (?, (SELECT coalesce(max(position),"
            " 0) + 1 FROM root_causes))"),
        {name.trimmed()});
}

QUrl FollowupQueue::mailtoUrl(const FollowupItem &item, const QString &senderName)
{
    const QString firstName = item.respondentName.section(QLatin1Char(' '), 0, 0);
    QString body = QStringLiteral("Hi %1,\n\nThank you for answering our survey")
                       .arg(firstName.isEmpty() ? QStringLiteral("there") : firstName);
    if (!item.comment.isEmpty())
        body += QStringLiteral(". You wrote:\n\n> %1\n\n").arg(item.comment.simplified());
    else
        body += QStringLiteral(". You gave us %1 out of 10, and we would like to understand why.\n\n")
                    .arg(item.score);
    body += QStringLiteral(
                "I would like to hear more and see what we can do. Would you have 15 minutes this week?"
                "\n\nBest regards,\n%1")
                .arg(senderName);
    QUrl url;
    url.setScheme(QStringLiteral("mailto"));
    url.setPath(item.respondentEmail);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("subject"), QStringLiteral("Your feedback"));
    query.addQueryItem(QStringLiteral("body"), body);
    url.setQuery(query);
    return url;
}

} // namespace nps

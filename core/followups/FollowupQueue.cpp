#include "FollowupQueue.h"

#include "clock/Clock.h"
#include "common/Error.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <QHash>
#include <QMap>
#include <QSqlQuery>
#include <QUrlQuery>
#include <algorithm>
#include <cmath>

namespace nps {

namespace {

constexpr qint64 dueSoonSecs = 12 * 3600;

QDateTime fromSecs(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// The one SELECT every item comes from; the later answer is looked up live, so
// a later import updates "recovered" without touching the follow-up.
const QString itemSelect = QStringLiteral(
    "SELECT f.id, f.response_id, r.respondent_id, f.list, p.name, p.email, p.user_id, r.score, r.comment,"
    " w.name, r.submitted_at, f.due_at, f.status, f.tracked, f.owner, f.root_cause, f.first_contact_at,"
    " f.closed_at,"
    " (SELECT l.score FROM responses l WHERE l.respondent_id = r.respondent_id"
    "   AND l.submitted_at > r.submitted_at ORDER BY l.submitted_at DESC LIMIT 1),"
    " EXISTS (SELECT 1 FROM responses l WHERE l.respondent_id = r.respondent_id"
    "   AND l.submitted_at > r.submitted_at AND l.score >= 7)"
    " FROM followups f JOIN responses r ON r.id = f.response_id"
    " JOIN respondents p ON p.id = r.respondent_id JOIN waves w ON w.id = r.wave_id");

FollowupItem readItem(const QSqlQuery &q)
{
    FollowupItem item;
    item.id = q.value(0).toLongLong();
    item.responseId = q.value(1).toLongLong();
    item.respondentId = q.value(2).toLongLong();
    item.list = q.value(3).toString();
    item.name = q.value(4).toString();
    item.email = q.value(5).toString();
    item.userId = q.value(6).toString();
    item.score = q.value(7).toInt();
    item.comment = q.value(8).toString();
    item.wave = q.value(9).toString();
    item.submitted = fromSecs(q.value(10));
    item.due = fromSecs(q.value(11));
    item.status = statusFromKey(q.value(12).toString()).value_or(FollowupStatus::New);
    item.tracked = q.value(13).toInt() != 0;
    item.owner = q.value(14).toString();
    item.rootCause = q.value(15).toString();
    item.firstContact = fromSecs(q.value(16));
    item.closed = fromSecs(q.value(17));
    item.laterScore = q.value(18).isNull() ? -1 : q.value(18).toInt();
    item.recovered = q.value(19).toInt() != 0;
    return item;
}

std::optional<double> percentile(QVector<double> values, double p)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    // Linear interpolation between closest ranks (the spreadsheet PERCENTILE).
    const double rank = p * double(values.size() - 1);
    const int lo = int(std::floor(rank));
    const int hi = std::min(lo + 1, int(values.size()) - 1);
    return values[lo] + (values[hi] - values[lo]) * (rank - lo);
}

QString periodOf(qint64 secs, const QString &period)
{
    const QDate d = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).date();
    if (period == QLatin1String("month"))
        return QStringLiteral("%1-%2").arg(d.year()).arg(d.month(), 2, 10, QLatin1Char('0'));
    if (period == QLatin1String("year"))
        return QString::number(d.year());
    return QStringLiteral("%1-Q%2").arg(d.year()).arg((d.month() - 1) / 3 + 1);
}

} // namespace

QString statusKey(FollowupStatus status)
{
    switch (status) {
    case FollowupStatus::New:
        return QStringLiteral("new");
    case FollowupStatus::Contacted:
        return QStringLiteral("contacted");
    case FollowupStatus::Resolved:
        return QStringLiteral("resolved");
    case FollowupStatus::WontFix:
        return QStringLiteral("wont_fix");
    case FollowupStatus::Unreachable:
        return QStringLiteral("unreachable");
    }
    return {};
}

QString statusLabel(FollowupStatus status)
{
    switch (status) {
    case FollowupStatus::New:
        return QStringLiteral("New");
    case FollowupStatus::Contacted:
        return QStringLiteral("Contacted");
    case FollowupStatus::Resolved:
        return QStringLiteral("Resolved");
    case FollowupStatus::WontFix:
        return QStringLiteral("Won't fix");
    case FollowupStatus::Unreachable:
        return QStringLiteral("Unreachable");
    }
    return {};
}

std::optional<FollowupStatus> statusFromKey(const QString &key)
{
    for (FollowupStatus s : {FollowupStatus::New, FollowupStatus::Contacted, FollowupStatus::Resolved,
                             FollowupStatus::WontFix, FollowupStatus::Unreachable}) {
        if (statusKey(s) == key)
            return s;
    }
    return std::nullopt;
}

bool isClosed(FollowupStatus status)
{
    return status == FollowupStatus::Resolved || status == FollowupStatus::WontFix ||
           status == FollowupStatus::Unreachable;
}

bool isTransitionAllowed(FollowupStatus from, FollowupStatus to)
{
    using S = FollowupStatus;
    if (from == to)
        return false;
    switch (from) {
    case S::New:
        // Resolving needs a conversation first.
        return to == S::Contacted || to == S::WontFix || to == S::Unreachable;
    case S::Contacted:
        return isClosed(to);
    case S::Resolved:
    case S::WontFix:
    case S::Unreachable:
        return to == S::New || to == S::Contacted;
    }
    return false;
}

bool parseQueueView(const QString &name, QueueView *view)
{
    static const QHash<QString, QueueView> names{
        {QStringLiteral("open"), QueueView::Open},        {QStringLiteral("mine"), QueueView::Mine},
        {QStringLiteral("due-soon"), QueueView::DueSoon}, {QStringLiteral("overdue"), QueueView::Overdue},
        {QStringLiteral("closed"), QueueView::Closed},    {QStringLiteral("passives"), QueueView::Passives}};
    const auto it = names.find(name);
    if (it == names.end())
        return false;
    *view = it.value();
    return true;
}

QString FollowupItem::respondent() const
{
    if (!name.isEmpty())
        return name;
    if (!email.isEmpty())
        return email;
    return userId;
}

std::optional<double> FollowupItem::hoursLeft(const QDateTime &now) const
{
    if (!due.isValid())
        return std::nullopt;
    return double(now.secsTo(due)) / 3600.0;
}

QString applyTemplate(const QString &text, const FollowupItem &item, const QString &owner)
{
    QString name = item.name.trimmed();
    QString first = name.section(QLatin1Char(' '), 0, 0);
    if (first.isEmpty())
        first = QStringLiteral("there");
    QString result = text;
    result.replace(QStringLiteral("{name}"), name.isEmpty() ? first : name);
    result.replace(QStringLiteral("{first_name}"), first);
    result.replace(QStringLiteral("{comment}"),
                   item.comment.isEmpty() ? QStringLiteral("(no comment)") : item.comment);
    result.replace(QStringLiteral("{score}"), QString::number(item.score));
    result.replace(QStringLiteral("{owner}"), owner);
    result.replace(QStringLiteral("{date}"),
                   item.submitted.isValid() ? item.submitted.date().toString(Qt::ISODate) : QString());
    return result;
}

QUrl mailtoUrl(const FollowupItem &item, const MailTemplate &mail, const QString &owner)
{
    QUrl url;
    url.setScheme(QStringLiteral("mailto"));
    url.setPath(item.email);
    QUrlQuery query;
    // Full encoding: mail clients split the query on raw & and +.
    query.addQueryItem(QStringLiteral("subject"), QString::fromLatin1(QUrl::toPercentEncoding(
                                                      applyTemplate(mail.subject, item, owner))));
    query.addQueryItem(QStringLiteral("body"),
                       QString::fromLatin1(QUrl::toPercentEncoding(applyTemplate(mail.body, item, owner))));
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

FollowupQueue::FollowupQueue(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

SlaSettings FollowupQueue::settings() const
{
    return SlaSettings::load(m_db);
}

int FollowupQueue::enqueueForImport(qint64 importId)
{
    return enqueue(QStringLiteral("r.import_id = ?"), {importId});
}

int FollowupQueue::enqueueAll()
{
    Transaction transaction(m_db.connection());
    const int added = enqueue(QStringLiteral("1"), {});
    transaction.commit();
    return added;
}

int FollowupQueue::enqueue(const QString &scope, const QVariantList &scopeValues)
{
    const QSqlDatabase c = m_db.connection();
    const SlaSettings sla = settings();
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    const qint64 lastBefore =
        sql::scalar(c, QStringLiteral("SELECT coalesce(max(id), 0) FROM followups")).toLongLong();
    const qint64 cutoff = sla.trackCutoffDays > 0 ? now - qint64(sla.trackCutoffDays) * 86400 : LLONG_MIN;
    const QString maxScore = sla.enqueuePassives ? QStringLiteral("8") : QStringLiteral("6");
    // Fixed SLA: the deadline is plain arithmetic, done by SQLite in the same
    // statement. Business hours need the time zone, done below in C++.
    const qint64 slaSecs = sla.businessHours ? 0 : qint64(sla.hours) * 3600;
    QVariantList values{now, cutoff, now, cutoff, now, slaSecs, now, now};
    values += scopeValues;
    QSqlQuery insert = sql::prepare(
        c, QStringLiteral("INSERT OR IGNORE INTO followups"
                          " (response_id, list, status, tracked, due_at, created_at, updated_at)"
                          " SELECT r.id, CASE WHEN r.score <= 6 THEN 'detractor' ELSE 'passive' END, 'new',"
                          "  CASE WHEN r.score <= 6 AND coalesce(r.submitted_at, ?) >= ? THEN 1 ELSE 0 END,"
                          "  CASE WHEN r.score <= 6 AND coalesce(r.submitted_at, ?) >= ?"
                          "   THEN coalesce(r.submitted_at, ?) + ? END,"
                          "  ?, ?"
                          " FROM responses r WHERE r.score <= %1 AND %2 ORDER BY r.id")
               .arg(maxScore, scope));
    for (const QVariant &value : values)
        insert.addBindValue(value);
    sql::exec(insert);
    const int added = insert.numRowsAffected();
    if (added <= 0)
        return 0;
    if (sla.businessHours) {
        DeadlineCalculator calculator(sla);
        QSqlQuery select = sql::prepare(
            c, QStringLiteral("SELECT f.id, coalesce(r.submitted_at, f.created_at) FROM followups f"
                              " JOIN responses r ON r.id = f.response_id WHERE f.id > ? AND f.tracked = 1"
                              " AND f.list = 'detractor'"));
        select.setForwardOnly(true);
        select.addBindValue(lastBefore);
        sql::exec(select);
        QSqlQuery update = sql::prepare(c, QStringLiteral("UPDATE followups SET due_at = ? WHERE id = ?"));
        while (select.next()) {
            update.addBindValue(calculator.deadline(select.value(1).toLongLong()));
            update.addBindValue(select.value(0).toLongLong());
            sql::exec(update);
        }
    }
    sql::run(c,
             QStringLiteral("INSERT INTO followup_events (followup_id, at, kind, to_status, text)"
                            " SELECT id, ?, 'created', 'new', CASE WHEN list = 'detractor' AND tracked = 0"
                            " THEN 'not tracked: older than the cut-off' END FROM followups WHERE id > ?"),
             {now, lastBefore});
    return added;
}

void FollowupQueue::setSettings(const SlaSettings &sla)
{
    Transaction transaction(m_db.connection());
    sla.save(m_db);
    const QSqlDatabase c = m_db.connection();
    DeadlineCalculator calculator(sla);
    QSqlQuery select =
        sql::prepare(c, QStringLiteral("SELECT f.id, coalesce(r.submitted_at, f.created_at) FROM followups f"
                                       " JOIN responses r ON r.id = f.response_id WHERE f.tracked = 1"
                                       " AND f.list = 'detractor' AND f.status = 'new'"));
    select.setForwardOnly(true);
    sql::exec(select);
    QSqlQuery update = sql::prepare(c, QStringLiteral("UPDATE followups SET due_at = ? WHERE id = ?"));
    while (select.next()) {
        update.addBindValue(calculator.deadline(select.value(1).toLongLong()));
        update.addBindValue(select.value(0).toLongLong());
        sql::exec(update);
    }
    transaction.commit();
}

QVector<FollowupItem> FollowupQueue::list(QueueView view, const QString &owner) const
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QString where;
    QVariantList values;
    const QString open = QStringLiteral("f.list = 'detractor' AND f.status IN ('new', 'contacted')");
    switch (view) {
    case QueueView::Open:
        where = open;
        break;
    case QueueView::Mine:
        where = open + QStringLiteral(" AND f.owner = ?");
        values << owner;
        break;
    case QueueView::DueSoon:
        where = open + QStringLiteral(" AND f.tracked = 1 AND f.due_at >= ? AND f.due_at < ?");
        values << now << now + dueSoonSecs;
        break;
    case QueueView::Overdue:
        where = open + QStringLiteral(" AND f.tracked = 1 AND f.due_at < ?");
        values << now;
        break;
    case QueueView::Closed:
        where =
            QStringLiteral("f.list = 'detractor' AND f.status IN ('resolved', 'wont_fix', 'unreachable')");
        break;
    case QueueView::Passives:
        where = QStringLiteral("f.list = 'passive'");
        break;
    }
    if (!owner.isEmpty() && view != QueueView::Mine) {
        where += QStringLiteral(" AND f.owner = ?");
        values << owner;
    }
    // Untracked items (no deadline) sort after every deadline.
    QSqlQuery q =
        sql::run(m_db.connection(),
                 itemSelect + QStringLiteral(" WHERE ") + where +
                     QStringLiteral(" ORDER BY f.due_at IS NULL, f.due_at, r.submitted_at DESC, f.id"),
                 values);
    QVector<FollowupItem> items;
    while (q.next())
        items.append(readItem(q));
    return items;
}

FollowupItem FollowupQueue::requireItem(qint64 id) const
{
    QSqlQuery q = sql::run(m_db.connection(), itemSelect + QStringLiteral(" WHERE f.id = ?"), {id});
    if (!q.next())
        throw Error::badInput(QStringLiteral("no follow-up with id %1").arg(id));
    return readItem(q);
}

FollowupItem FollowupQueue::item(qint64 id) const
{
    FollowupItem item = requireItem(id);
    QSqlQuery q = sql::run(m_db.connection(),
                           QStringLiteral("SELECT a.name, v.value FROM responses r"
                                          " JOIN profile_values pv ON pv.profile_id = r.profile_id"
                                          " JOIN attributes a ON a.id = pv.attribute_id"
                                          " JOIN attribute_values v ON v.id = pv.value_id"
                                          " WHERE r.id = ? ORDER BY a.name"),
                           {item.responseId});
    while (q.next())
        item.attributes.append({q.value(0).toString(), q.value(1).toString()});
    return item;
}

QVector<FollowupEvent> FollowupQueue::history(qint64 id) const
{
    requireItem(id);
    QSqlQuery q =
        sql::run(m_db.connection(),
                 QStringLiteral("SELECT at, actor, kind, from_status, to_status, text FROM followup_events"
                                " WHERE followup_id = ? ORDER BY at, id"),
                 {id});
    QVector<FollowupEvent> events;
    while (q.next()) {
        events.append({fromSecs(q.value(0)), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
    }
    return events;
}

QueueCounts FollowupQueue::counts() const
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QSqlQuery q = sql::run(
        m_db.connection(),
        QStringLiteral("SELECT count(*),"
                       " coalesce(sum(tracked = 1 AND due_at < ?), 0),"
                       " coalesce(sum(tracked = 1 AND due_at >= ? AND due_at < ?), 0)"
                       " FROM followups WHERE list = 'detractor' AND status IN ('new', 'contacted')"),
        {now, now, now + dueSoonSecs});
    QueueCounts counts;
    if (q.next()) {
        counts.open = q.value(0).toInt();
        counts.overdue = q.value(1).toInt();
        counts.dueSoon = q.value(2).toInt();
    }
    return counts;
}

void FollowupQueue::addEvent(qint64 id, qint64 at, const QString &actor, const QString &kind,
                             const QString &from, const QString &to, const QString &text)
{
    sql::run(m_db.connection(),
             QStringLiteral(
                 "INSERT INTO followup_events (followup_id, at, actor, kind, from_status, to_status, text)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?)"),
             {id, at, actor.isEmpty() ? QVariant() : actor, kind, from.isEmpty() ? QVariant() : from,
              to.isEmpty() ? QVariant() : to, text.isEmpty() ? QVariant() : text});
}

void FollowupQueue::assign(qint64 id, const QString &owner, const QString &actor)
{
    const QString name = owner.trimmed();
    if (name.isEmpty())
        throw Error::badInput(QStringLiteral("an owner needs a name"));
    Transaction transaction(m_db.connection());
    const FollowupItem current = requireItem(id);
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    sql::run(m_db.connection(), QStringLiteral("UPDATE followups SET owner = ?, updated_at = ? WHERE id = ?"),
             {name, now, id});
    addEvent(id, now, actor.isEmpty() ? name : actor, QStringLiteral("assign"), {}, {},
             current.owner.isEmpty() ? QStringLiteral("assigned to %1").arg(name)
                                     : QStringLiteral("reassigned from %1 to %2").arg(current.owner, name));
    transaction.commit();
}

std::optional<qint64> FollowupQueue::takeNext(const QString &owner)
{
    const QString name = owner.trimmed();
    if (name.isEmpty())
        throw Error::badInput(QStringLiteral("set your owner name before taking an item"));
    Transaction transaction(m_db.connection());
    const QVariant id = sql::scalar(
        m_db.connection(), QStringLiteral("SELECT id FROM followups WHERE list = 'detractor'"
                                          " AND status IN ('new', 'contacted') AND owner IS NULL"
                                          " ORDER BY tracked DESC, due_at IS NULL, due_at, id LIMIT 1"));
    if (id.isNull())
        return std::nullopt;
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    sql::run(m_db.connection(), QStringLiteral("UPDATE followups SET owner = ?, updated_at = ? WHERE id = ?"),
             {name, now, id});
    addEvent(id.toLongLong(), now, name, QStringLiteral("assign"), {}, {},
             QStringLiteral("taken by %1").arg(name));
    transaction.commit();
    return id.toLongLong();
}

void FollowupQueue::changeStatus(const FollowupItem &item, FollowupStatus to, const QString &actor,
                                 const QString &rootCause, const QString &note)
{
    if (!isTransitionAllowed(item.status, to)) {
        throw Error::badInput(QStringLiteral("follow-up %1 cannot go from %2 to %3")
                                  .arg(item.id)
                                  .arg(statusLabel(item.status), statusLabel(to)));
    }
    QString cause;
    if (isClosed(to)) {
        if (rootCause.trimmed().isEmpty())
            throw Error::badInput(QStringLiteral("closing follow-up %1 needs a root cause (%2)")
                                      .arg(item.id)
                                      .arg(rootCauses().join(QStringLiteral(", "))));
        const QVariant known =
            sql::scalar(m_db.connection(), QStringLiteral("SELECT name FROM root_causes WHERE name = ?"),
                        {rootCause.trimmed()});
        if (known.isNull())
            throw Error::badInput(QStringLiteral("unknown root cause '%1' (use %2)")
                                      .arg(rootCause, rootCauses().join(QStringLiteral(", "))));
        cause = known.toString();
    }
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    // Reopening clears the closure but keeps the first contact: the SLA report
    // is about the first answer to the customer.
    sql::run(
        m_db.connection(),
        QStringLiteral(
            "UPDATE followups SET status = ?, root_cause = ?, updated_at = ?,"
            " first_contact_at = CASE WHEN ? THEN coalesce(first_contact_at, ?) ELSE first_contact_at END,"
            " closed_at = ? WHERE id = ?"),
        {statusKey(to), cause.isEmpty() ? QVariant() : cause, now,
         int(to == FollowupStatus::Contacted || to == FollowupStatus::Resolved), now,
         isClosed(to) ? QVariant(now) : QVariant(), item.id});
    QString text = cause.isEmpty() ? QString() : QStringLiteral("root cause: %1").arg(cause);
    addEvent(item.id, now, actor, QStringLiteral("status"), statusKey(item.status), statusKey(to), text);
    if (!note.trimmed().isEmpty())
        addEvent(item.id, now, actor, QStringLiteral("note"), {}, {}, note.trimmed());
}

void FollowupQueue::setStatus(qint64 id, FollowupStatus to, const QString &actor, const QString &rootCause,
                              const QString &note)
{
    Transaction transaction(m_db.connection());
    changeStatus(requireItem(id), to, actor, rootCause, note);
    transaction.commit();
}

void FollowupQueue::reopen(qint64 id, const QString &actor, const QString &note)
{
    Transaction transaction(m_db.connection());
    const FollowupItem current = requireItem(id);
    if (!isClosed(current.status))
        throw Error::badInput(
            QStringLiteral("follow-up %1 is already open (%2)").arg(id).arg(statusLabel(current.status)));
    changeStatus(current, current.firstContact.isValid() ? FollowupStatus::Contacted : FollowupStatus::New,
                 actor, {}, note);
    transaction.commit();
}

void FollowupQueue::addNote(qint64 id, const QString &text, const QString &actor)
{
    if (text.trimmed().isEmpty())
        throw Error::badInput(QStringLiteral("a note needs some text"));
    Transaction transaction(m_db.connection());
    requireItem(id);
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    addEvent(id, now, actor, QStringLiteral("note"), {}, {}, text.trimmed());
    sql::run(m_db.connection(), QStringLiteral("UPDATE followups SET updated_at = ? WHERE id = ?"),
             {now, id});
    transaction.commit();
}

void FollowupQueue::logContact(qint64 id, const QString &actor, const QString &text)
{
    Transaction transaction(m_db.connection());
    const FollowupItem current = requireItem(id);
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    addEvent(id, now, actor, QStringLiteral("contact"), {}, {},
             text.isEmpty() ? QStringLiteral("contact attempt by email") : text);
    if (current.status == FollowupStatus::New)
        changeStatus(current, FollowupStatus::Contacted, actor, {}, {});
    transaction.commit();
}

QStringList FollowupQueue::rootCauses() const
{
    QSqlQuery q =
        sql::run(m_db.connection(), QStringLiteral("SELECT name FROM root_causes ORDER BY position, name"));
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

void FollowupQueue::addRootCause(const QString &name)
{
    if (name.trimmed().isEmpty())
        throw Error::badInput(QStringLiteral("a root cause needs a name"));
    sql::run(m_db.connection(),
             QStringLiteral("INSERT OR IGNORE INTO root_causes (name, position)"
                            " SELECT ?, coalesce(max(position), 0) + 1 FROM root_causes"),
             {name.trimmed()});
}

void FollowupQueue::removeRootCause(const QString &name)
{
    // Closed items keep the text of their root cause: it is stored by name.
    sql::run(m_db.connection(), QStringLiteral("DELETE FROM root_causes WHERE name = ?"), {name.trimmed()});
}

SlaReport FollowupQueue::report(const QString &period) const
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QSqlQuery q =
        sql::run(m_db.connection(),
                 QStringLiteral(
                     "SELECT coalesce(r.submitted_at, f.created_at), f.due_at, f.first_contact_at, f.status,"
                     " f.owner, EXISTS (SELECT 1 FROM responses l WHERE l.respondent_id = r.respondent_id"
                     "   AND l.submitted_at > r.submitted_at AND l.score >= 7),"
                     " EXISTS (SELECT 1 FROM responses l WHERE l.respondent_id = r.respondent_id"
                     "   AND l.submitted_at > r.submitted_at)"
                     " FROM followups f JOIN responses r ON r.id = f.response_id"
                     " WHERE f.list = 'detractor' AND f.tracked = 1"));
    SlaReport report;
    QVector<double> hours;
    struct Owner
    {
        int open = 0, overdue = 0, closed = 0;
    };
    QMap<QString, Owner> owners;
    struct Period
    {
        int detractors = 0, contacted = 0, inTime = 0, open = 0, recovered = 0;
    };
    QMap<QString, Period> periods;
    const QStringList ageBuckets{QStringLiteral("under 1 day"), QStringLiteral("1-2 days"),
                                 QStringLiteral("2-7 days"), QStringLiteral("7-30 days"),
                                 QStringLiteral("over 30 days")};
    QVector<int> ages(ageBuckets.size(), 0);
    while (q.next()) {
        const qint64 submitted = q.value(0).toLongLong();
        const qint64 due = q.value(1).toLongLong();
        const bool contacted = !q.value(2).isNull();
        const qint64 contact = q.value(2).toLongLong();
        const QString status = q.value(3).toString();
        const bool open = status == QLatin1String("new") || status == QLatin1String("contacted");
        const QString owner = q.value(4).isNull() ? QStringLiteral("(unassigned)") : q.value(4).toString();
        const bool recovered = q.value(5).toInt() != 0;
        ++report.detractors;
        Period &p = periods[periodOf(submitted, period)];
        ++p.detractors;
        if (contacted) {
            ++report.judged;
            ++p.contacted;
            hours.append(double(contact - submitted) / 3600.0);
            if (contact <= due) {
                ++report.contactedInTime;
                ++p.inTime;
            }
        } else if (due < now) {
            ++report.judged;
        }
        Owner &o = owners[owner];
        if (open) {
            ++report.open;
            ++p.open;
            ++o.open;
            if (due < now)
                ++o.overdue;
            const double days = double(now - submitted) / 86400.0;
            ++ages[days < 1 ? 0 : days < 2 ? 1 : days < 7 ? 2 : days < 30 ? 3 : 4];
        } else {
            ++o.closed;
        }
        if (recovered) {
            ++report.recovered;
            ++p.recovered;
        }
        if (q.value(6).toInt() != 0)
            ++report.withLaterAnswer;
    }
    report.contactedInTimePercent = report.judged > 0 ? 100.0 * report.contactedInTime / report.judged : 0.0;
    report.medianHoursToContact = percentile(hours, 0.5);
    report.p90HoursToContact = percentile(hours, 0.9);
    report.byAge.columns = {QStringLiteral("age"), QStringLiteral("open")};
    for (int i = 0; i < ageBuckets.size(); ++i)
        report.byAge.addRow({ageBuckets[i], ages[i]});
    report.byOwner.columns = {QStringLiteral("owner"), QStringLiteral("open"), QStringLiteral("overdue"),
                              QStringLiteral("closed")};
    for (auto it = owners.cbegin(); it != owners.cend(); ++it)
        report.byOwner.addRow({it.key(), it->open, it->overdue, it->closed});
    report.byPeriod.columns = {QStringLiteral("period"),    QStringLiteral("detractors"),
                               QStringLiteral("contacted"), QStringLiteral("contacted_in_time"),
                               QStringLiteral("open"),      QStringLiteral("recovered")};
    for (auto it = periods.cbegin(); it != periods.cend(); ++it)
        report.byPeriod.addRow(
            {it.key(), it->detractors, it->contacted, it->inTime, it->open, it->recovered});
    return report;
}

DataTable FollowupQueue::contacts(const QString &group) const
{
    QString range;
    if (group == QLatin1String("detractor"))
        range = QStringLiteral("BETWEEN 0 AND 6");
    else if (group == QLatin1String("passive"))
        range = QStringLiteral("BETWEEN 7 AND 8");
    else if (group == QLatin1String("promoter"))
        range = QStringLiteral("BETWEEN 9 AND 10");
    else
        throw Error::usage(
            QStringLiteral("unknown group '%1' (use passive, promoter or detractor)").arg(group));
    // A respondent is in the group their latest answer puts them in: a passive
    // who since answered 10 belongs on the promoter list, not this one.
    QSqlQuery q =
        sql::run(m_db.connection(),
                 QStringLiteral(
                     "SELECT p.email, p.name, p.user_id, r.score, r.submitted_at, w.name, r.comment, r.id"
                     " FROM respondents p"
                     " JOIN responses r ON r.id = (SELECT l.id FROM responses l WHERE l.respondent_id = p.id"
                     "   ORDER BY l.submitted_at DESC, l.id DESC LIMIT 1)"
                     " JOIN waves w ON w.id = r.wave_id"
                     " WHERE p.email IS NOT NULL AND r.score %1 ORDER BY p.email")
                     .arg(range));
    DataTable table;
    table.columns = {QStringLiteral("email"),   QStringLiteral("name"),       QStringLiteral("user_id"),
                     QStringLiteral("score"),   QStringLiteral("submitted"),  QStringLiteral("wave"),
                     QStringLiteral("comment"), QStringLiteral("response_id")};
    while (q.next()) {
        table.addRow({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toInt(),
                      q.value(4).isNull() ? QString() : fromSecs(q.value(4)).toString(Qt::ISODate),
                      q.value(5).toString(), q.value(6).toString(), q.value(7).toLongLong()});
    }
    return table;
}

} // namespace nps

#include "DemoFollowups.h"

#include "FollowupQueue.h"
#include "clock/Clock.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QRandomGenerator>
#include <QSqlQuery>

namespace nps {

namespace {

const char *const owners[] = {"Alex Morgan", "Sam Lee", "Priya Shah"};
const char *const contactNotes[] = {
    "Called, left a voicemail and sent the email.",
    "Talked for 20 minutes: main pain is the slow dashboards, shared the roadmap.",
    "Email sent, customer replied with details of the sync failures.",
    "Spoke with their admin; onboarding session booked for next week.",
    "Customer explained the renewal price shock; looped in the account manager.",
};
const char *const closingNotes[] = {
    "Fix shipped in 4.2, customer confirmed it works.",
    "Offered a discount on the annual plan; accepted.",
    "Feature is not on the roadmap; explained why and suggested a workaround.",
    "No answer after three attempts.",
    "Escalated to support lead, ticket resolved.",
};

} // namespace

void generateDemoFollowups(Database &db, const Clock &clock, qint64 importId, quint32 seed)
{
    const QSqlDatabase c = db.connection();
    SlaSettings sla = SlaSettings::load(db);
    sla.enqueuePassives = true;
    sla.save(db);
    FollowupQueue(db, clock).enqueueForImport(importId);
    // A demo queue looks as if it had been filled as answers arrived.
    sql::run(c, QStringLiteral(
                    "UPDATE followups SET created_at = (SELECT coalesce(r.submitted_at, followups.created_at)"
                    " FROM responses r WHERE r.id = followups.response_id), updated_at = created_at"));
    sql::run(c, QStringLiteral("UPDATE followup_events SET at = (SELECT created_at FROM followups f"
                               " WHERE f.id = followup_events.followup_id) WHERE kind = 'created'"));

    QRandomGenerator rng(seed ^ 0x5eedf011u);
    const qint64 now = clock.now().toSecsSinceEpoch();
    QStringList causes;
    {
        QSqlQuery q = sql::run(c, QStringLiteral("SELECT name FROM root_causes ORDER BY position"));
        while (q.next())
            causes << q.value(0).toString();
    }
    QSqlQuery items = sql::run(c, QStringLiteral("SELECT f.id, f.created_at, f.due_at FROM followups f"
                                                 " WHERE f.list = 'detractor' ORDER BY f.id"));
    struct Row
    {
        qint64 id, created, due;
    };
    QVector<Row> rows;
    while (items.next())
        rows.append({items.value(0).toLongLong(), items.value(1).toLongLong(), items.value(2).toLongLong()});

    QSqlQuery event = sql::prepare(
        c, QStringLiteral(
               "INSERT INTO followup_events (followup_id, at, actor, kind, from_status, to_status, text)"
               " VALUES (?, ?, ?, ?, ?, ?, ?)"));
    const auto addEvent = [&event](qint64 id, qint64 at, const QString &actor, const char *kind,
                                   const QVariant &from, const QVariant &to, const QVariant &text) {
        for (const QVariant &v : {QVariant(id), QVariant(at), QVariant(actor),
                                  QVariant(QString::fromLatin1(kind)), from, to, text})
            event.addBindValue(v);
        sql::exec(event);
    };
    QSqlQuery update =
        sql::prepare(c, QStringLiteral("UPDATE followups SET status = ?, owner = ?, root_cause = ?,"
                                       " first_contact_at = ?, closed_at = ?, updated_at = ?"
                                       " WHERE id = ?"));
    const auto pick = [&rng](const auto &array) {
        return QString::fromUtf8(array[rng.bounded(int(sizeof(array) / sizeof(array[0])))]);
    };
    for (const Row &row : rows) {
        const qint64 age = now - row.created;
        const QString owner = pick(owners);
        QString status = QStringLiteral("new");
        QVariant ownerValue, cause, firstContact, closed;
        qint64 updated = row.created;
        const int roll = int(rng.bounded(100));
        if (age > 10 * 86400 && roll < 98) {
            // Most contacts land inside the SLA, some a day or two late.
            const qint64 contact =
                row.created + 3600 * qint64(2 + rng.bounded(rng.bounded(4) == 0 ? 110 : 44));
            const qint64 close = contact + 3600 * qint64(4 + rng.bounded(200));
            const int outcome = int(rng.bounded(100));
            status = outcome < 60   ? QStringLiteral("resolved")
                     : outcome < 80 ? QStringLiteral("wont_fix")
                                    : QStringLiteral("unreachable");
            cause = status == QLatin1String("unreachable") ? QStringLiteral("Other")
                                                           : causes[int(rng.bounded(int(causes.size())))];
            ownerValue = owner;
            firstContact = contact;
            closed = close;
            updated = close;
            addEvent(row.id, row.created + 1800, owner, "assign", {}, {},
                     QStringLiteral("taken by %1").arg(owner));
            addEvent(row.id, contact, owner, "contact", {}, {}, QStringLiteral("contact attempt by email"));
            addEvent(row.id, contact, owner, "status", QStringLiteral("new"), QStringLiteral("contacted"),
                     {});
            addEvent(row.id, contact, owner, "note", {}, {}, pick(contactNotes));
            addEvent(row.id, close, owner, "status", QStringLiteral("contacted"), status,
                     QStringLiteral("root cause: %1").arg(cause.toString()));
            addEvent(row.id, close, owner, "note", {}, {},
                     status == QLatin1String("unreachable") ? QString::fromLatin1(closingNotes[3])
                                                            : pick(closingNotes));
        } else if (roll < 45 || (age > 10 * 86400 && roll < 98)) {
            const qint64 contact =
                row.created + std::min<qint64>(age - 60, 3600 * qint64(1 + rng.bounded(30)));
            if (contact > row.created) {
                status = QStringLiteral("contacted");
                ownerValue = owner;
                firstContact = contact;
                updated = contact;
                addEvent(row.id, row.created + 60, owner, "assign", {}, {},
                         QStringLiteral("taken by %1").arg(owner));
                addEvent(row.id, contact, owner, "contact", {}, {},
                         QStringLiteral("contact attempt by email"));
                addEvent(row.id, contact, owner, "status", QStringLiteral("new"), QStringLiteral("contacted"),
                         {});
                addEvent(row.id, contact, owner, "note", {}, {}, pick(contactNotes));
            }
        } else if (roll < 65) {
            ownerValue = owner;
            addEvent(row.id, row.created + 60, owner, "assign", {}, {},
                     QStringLiteral("assigned to %1").arg(owner));
        }
        if (status == QLatin1String("new") && ownerValue.isNull())
            continue;
        for (const QVariant &v :
             {QVariant(status), ownerValue, cause, firstContact, closed, QVariant(updated), QVariant(row.id)})
            update.addBindValue(v);
        sql::exec(update);
    }
}

} // namespace nps

#include "Contacts.h"

#include "common/Error.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QDateTime>

namespace nps {

DataTable contactList(const Database &db, const QString &group, const ResponseFilter &filter)
{
    QString range;
    if (group == QLatin1String("detractor"))
        range = QStringLiteral("r.score <= 6");
    else if (group == QLatin1String("passive"))
        range = QStringLiteral("r.score BETWEEN 7 AND 8");
    else if (group == QLatin1String("promoter"))
        range = QStringLiteral("r.score >= 9");
    else
        throw Error::usage(
            QStringLiteral("the group must be detractor, passive or promoter, not '%1'").arg(group));
    const SqlCondition condition = buildCondition(filter);
    QSqlQuery q = sql::prepare(
        db.connection(),
        QStringLiteral("SELECT p.email, p.name, p.user_id, r.score, r.submitted_at, r.comment, r.starred,"
                       " (SELECT group_concat(name, '; ') FROM (SELECT t.name FROM response_tags rt"
                       "  JOIN tags t ON t.id = rt.tag_id WHERE rt.response_id = r.id ORDER BY t.name))"
                       " FROM responses r"
                       " JOIN respondents p ON p.id = r.respondent_id"
                       " WHERE %1 AND %2 AND r.id = (SELECT r2.id FROM responses r2 WHERE r2.respondent_id ="
                       "  r.respondent_id AND %3 ORDER BY r2.submitted_at DESC, r2.id DESC LIMIT 1)"
                       " ORDER BY r.submitted_at DESC")
            .arg(range, condition.where,
                 QString(range).replace(QStringLiteral("r."), QStringLiteral("r2."))));
    q.setForwardOnly(true);
    for (const QVariant &v : condition.values)
        q.addBindValue(v);
    sql::exec(q);
    DataTable table;
    table.columns = {QStringLiteral("email"),   QStringLiteral("name"),      QStringLiteral("user_id"),
                     QStringLiteral("score"),   QStringLiteral("submitted"), QStringLiteral("comment"),
                     QStringLiteral("starred"), QStringLiteral("tags")};
    while (q.next()) {
        table.addRow(
            {q.value(0), q.value(1), q.value(2), q.value(3).toInt(),
             q.value(4).isNull()
                 ? QVariant()
                 : QVariant(
                       QDateTime::fromSecsSinceEpoch(q.value(4).toLongLong(), Qt::UTC).toString(Qt::ISODate)),
             q.value(5), q.value(6).toInt() != 0, q.value(7).toString()});
    }
    return table;
}

} // namespace nps

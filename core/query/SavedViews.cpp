#include "SavedViews.h"

#include "clock/Clock.h"
#include "common/Error.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/Transaction.h"

namespace nps {

SavedViews::SavedViews(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

QVector<SavedView> SavedViews::list() const
{
    QSqlQuery query =
        sql::prepare(m_db.connection(), QStringLiteral("SELECT id, name, filter, created_at"
                                                       " FROM saved_views ORDER BY name COLLATE NOCASE"));
    query.setForwardOnly(true);
    sql::exec(query);
    QVector<SavedView> views;
    while (query.next()) {
        SavedView view;
        view.id = query.value(0).toLongLong();
        view.name = query.value(1).toString();
        // A filter written by a newer version may not parse completely: keep what does.
        view.filter = ResponseFilter::fromJson(query.value(2).toString());
        view.createdAt = query.value(3).toLongLong();
        views.append(view);
    }
    return views;
}

qint64 SavedViews::save(const QString &name, const ResponseFilter &filter)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        throw Error::badInput(QStringLiteral("a saved view needs a name"));
    Transaction transaction(m_db.connection());
    const QVariant existing =
        sql::scalar(m_db.connection(),
                    QStringLiteral("SELECT id FROM saved_views WHERE name = ? COLLATE NOCASE"), {trimmed});
    qint64 id = 0;
    if (existing.isValid() && !existing.isNull()) {
        id = existing.toLongLong();
        sql::run(m_db.connection(),
                 QStringLiteral("UPDATE saved_views SET name = ?, filter = ? WHERE id = ?"),
                 {trimmed, filter.toJson(), id});
    } else {
        QSqlQuery insert =
            sql::run(m_db.connection(),
                     QStringLiteral("INSERT INTO saved_views (name, filter, created_at) VALUES (?, ?, ?)"),
                     {trimmed, filter.toJson(), m_clock.now().toSecsSinceEpoch()});
        id = insert.lastInsertId().toLongLong();
    }
    transaction.commit();
    return id;
}

bool SavedViews::remove(const QString &name)
{
    QSqlQuery query =
        sql::run(m_db.connection(), QStringLiteral("DELETE FROM saved_views WHERE name = ? COLLATE NOCASE"),
                 {name.trimmed()});
    return query.numRowsAffected() > 0;
}

} // namespace nps

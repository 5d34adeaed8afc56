#include "BulkLoad.h"

#include "Database.h"
#include "Sql.h"
#include "common/Error.h"

namespace nps {

BulkLoad::BulkLoad(Database &db)
    : m_connection(db.connection())
{
    sql::run(m_connection, QStringLiteral("PRAGMA foreign_keys = OFF"));
    // Index builds sort with a second thread.
    sql::scalar(m_connection, QStringLiteral("PRAGMA threads = 2"));
    // SQLite refuses to leave WAL mode while another connection has the file
    // open, and then reports the mode unchanged: the write simply stays in WAL.
    try {
        m_rollbackJournal =
            sql::scalar(m_connection, QStringLiteral("PRAGMA journal_mode = DELETE")).toString() ==
            QLatin1String("delete");
    } catch (const Error &) {
        m_rollbackJournal = false;
    }
}

BulkLoad::~BulkLoad()
{
    try {
        if (m_rollbackJournal)
            sql::scalar(m_connection, QStringLiteral("PRAGMA journal_mode = WAL"));
        sql::run(m_connection, QStringLiteral("PRAGMA foreign_keys = ON"));
        sql::scalar(m_connection, QStringLiteral("PRAGMA threads = 0"));
    } catch (const Error &) {
        // Both are per-connection settings that Database::open() sets again; the
        // file is consistent either way.
    }
}

bool BulkLoad::worthwhile(Database &db, const QString &table, qint64 incomingRows)
{
    // Rebuilding an index costs a sort of the whole table; it pays when the
    // rows arriving are at least as many as the rows already there.
    const qint64 existing =
        sql::scalar(db.connection(), QStringLiteral("SELECT max(rowid) FROM \"%1\"").arg(table), {}, 0)
            .toLongLong();
    return incomingRows >= 10000 && incomingRows >= existing;
}

void BulkLoad::deferIndexes(const QString &table)
{
    QSqlQuery list = sql::run(m_connection,
                              QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                                             " AND tbl_name = ? AND sql IS NOT NULL ORDER BY name"),
                              {table});
    QVector<std::pair<QString, QString>> found;
    while (list.next())
        found.append({list.value(0).toString(), list.value(1).toString()});
    list.finish();
    for (const auto &[name, createSql] : found) {
        sql::run(m_connection, QStringLiteral("DROP INDEX \"%1\"").arg(name));
        m_deferred.append({name, createSql});
    }
}

void BulkLoad::rebuildIndexes()
{
    for (const auto &[name, createSql] : std::as_const(m_deferred))
        sql::run(m_connection, createSql);
    m_deferred.clear();
}

} // namespace nps

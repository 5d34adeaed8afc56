#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVector>
#include <utility>

namespace nps {

class Database;

// Settings for writing many rows at once, chosen when a write is large next to
// what the file already holds (an import of a big export into a new or small
// file). Constructed before the write transaction begins and destroyed after it
// ends; everything it changes is restored, whatever happens in between.
//
// - Foreign keys are not enforced: every id the writer binds is one it looked up
//   or created in the same transaction.
// - When this is the file's only connection, the write goes through a rollback
//   journal instead of the WAL, so each new page is written once rather than to
//   the WAL and then again by the checkpoint. A crash still leaves the file as
//   it was (the journal is rolled back on the next open).
// - deferIndexes() drops a table's secondary indexes inside the transaction and
//   rebuildIndexes() creates them again from their own SQL before the commit:
//   one sort instead of a million random B-tree inserts.
class BulkLoad
{
public:
    explicit BulkLoad(Database &db);
    ~BulkLoad();
    BulkLoad(const BulkLoad &) = delete;
    BulkLoad &operator=(const BulkLoad &) = delete;

    // Whether a write of about `incomingRows` rows into `table` is worth it.
    static bool worthwhile(Database &db, const QString &table, qint64 incomingRows);

    void deferIndexes(const QString &table);
    void rebuildIndexes();

    bool usesRollbackJournal() const { return m_rollbackJournal; }

private:
    QSqlDatabase m_connection;
    bool m_rollbackJournal = false;
    QVector<std::pair<QString, QString>> m_deferred; // index name, its CREATE statement
};

} // namespace nps

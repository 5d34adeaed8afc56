#include "ImportHistory.h"

#include "store/Database.h"
#include "store/Sql.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace nps {

ImportHistory::ImportHistory(const Database &db)
    : m_db(db)
{
}

QVector<ImportEntry> ImportHistory::imports() const
{
    QSqlQuery q =
        sql::prepare(m_db.connection(),
                     QStringLiteral("SELECT id, kind, file_name, file_path, file_size, sha256, preset,"
                                    " encoding, mapping, warnings, rows_read, imported, duplicates,"
                                    " rejected, started_at, finished_at FROM imports ORDER BY id DESC"));
    q.setForwardOnly(true);
    sql::exec(q);
    QVector<ImportEntry> list;
    while (q.next()) {
        ImportEntry e;
        e.id = q.value(0).toLongLong();
        e.kind = q.value(1).toString();
        e.fileName = q.value(2).toString();
        e.filePath = q.value(3).toString();
        e.fileSize = q.value(4).toLongLong();
        e.sha256 = q.value(5).toString();
        e.preset = q.value(6).toString();
        e.encoding = q.value(7).toString();
        e.mappingJson = q.value(8).toString();
        for (const QJsonValue &w : QJsonDocument::fromJson(q.value(9).toString().toUtf8()).array())
            e.warnings << w.toString();
        e.rows = q.value(10).toLongLong();
        e.imported = q.value(11).toLongLong();
        e.duplicates = q.value(12).toLongLong();
        e.rejected = q.value(13).toLongLong();
        e.startedAt = q.value(14).toLongLong();
        e.finishedAt = q.value(15).toLongLong();
        list.append(e);
    }
    return list;
}

QVector<RejectedRow> ImportHistory::rejectedRows(qint64 importId, int limit) const
{
    QSqlQuery q = sql::prepare(
        m_db.connection(),
        QStringLiteral("SELECT x.import_id, i.file_name, x.line, x.column_number, x.column_name,"
                       " x.value, x.reason FROM rejected_rows x JOIN imports i ON i.id = x.import_id"
                       " WHERE (? = 0 OR x.import_id = ?) ORDER BY x.import_id, x.line, x.id"
                       " LIMIT ?"));
    q.setForwardOnly(true);
    q.addBindValue(importId);
    q.addBindValue(importId);
    q.addBindValue(limit);
    sql::exec(q);
    QVector<RejectedRow> rows;
    while (q.next()) {
        RejectedRow r;
        r.importId = q.value(0).toLongLong();
        r.fileName = q.value(1).toString();
        r.line = q.value(2).toLongLong();
        r.column = q.value(3).toInt();
        r.columnName = q.value(4).toString();
        r.value = q.value(5).toString();
        r.reason = q.value(6).toString();
        rows.append(r);
    }
    return rows;
}

} // namespace nps

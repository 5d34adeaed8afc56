#pragma once

#include "clock/Clock.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QSqlRecord>
#include <QStringList>
#include <QTemporaryDir>
#include <QVector>
#include <memory>

namespace nps::test {

struct FixtureComment
{
    FixtureComment(int s, QString c, QString p = QStringLiteral("Pro"), QString u = {})
        : score(s)
        , comment(std::move(c))
        , plan(std::move(p))
        , user(std::move(u))
    {
    }
    int score;
    QString comment; // empty: no comment
    QString plan;
    QString user;           // empty: an anonymous respondent of its own
    qint64 at = 1767225600; // 2026-01-01
};

// A real database file in a temporary folder, filled through the store's own
// write path. Response ids are 1..n in the order given.
class CommentFixture
{
public:
    CommentFixture()
        : clock(QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC))
    {
        db.open(dir.filePath(QStringLiteral("test.npsdb")));
    }

    QVector<qint64> add(const QVector<FixtureComment> &rows)
    {
        QVector<qint64> ids;
        Transaction t(db.connection());
        SurveyWriter writer(db, clock);
        const qint64 wave = writer.ensureWave(QStringLiteral("2026 Q1"));
        ImportRecord record;
        record.fileName = QStringLiteral("fixture.csv");
        const qint64 importId = writer.startImport(record);
        for (const FixtureComment &row : rows) {
            ResponseRecord r;
            r.externalId = QStringLiteral("x%1").arg(++m_next);
            r.userId = row.user.isEmpty() ? QStringLiteral("anon%1").arg(m_next) : row.user;
            r.score = row.score;
            r.comment = row.comment;
            r.submittedAt = row.at + m_next;
            r.attributes = {{QStringLiteral("Plan"), row.plan}};
            qint64 id = 0;
            writer.add(wave, importId, r, &id);
            ids.append(id);
        }
        writer.finishImport(importId, {}, {});
        t.commit();
        return ids;
    }

    QTemporaryDir dir;
    FixedClock clock;
    Database db;

private:
    int m_next = 0;
};

// Every row of the tag tables, one string each, to compare a database before
// an edit and after its undo.
inline QStringList tagTables(Database &db)
{
    QStringList rows;
    for (const char *statement :
         {"SELECT 'tag', id, name, color, parent_id, pinned_slot, created_at FROM tags ORDER BY id",
          "SELECT 'response tag', response_id, tag_id, source, created_at FROM response_tags"
          " ORDER BY response_id, tag_id",
          "SELECT 'rule', id, tag_id, pattern, kind, created_at, last_applied_at, last_applied_count"
          " FROM tag_rules ORDER BY id"}) {
        QSqlQuery q = sql::run(db.connection(), QString::fromLatin1(statement));
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i)
                cells << (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
            rows << cells.join(QLatin1Char('|'));
        }
    }
    return rows;
}

} // namespace nps::test

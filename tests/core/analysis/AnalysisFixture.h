#pragma once

#include "clock/Clock.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QDateTime>
#include <QString>
#include <QTemporaryDir>

namespace nps::test {

// A small survey with answers known by hand (the expected numbers in the tests
// are counted from this table, not computed by the code under test).
//
// wave W1 (all in 2026Q1, invited 100)      wave W2 (all in 2026Q2, invited 10)
//   u1  Pro        9  2026-01-15              u1  Enterprise 10  2026-04-15  (upgraded)
//   u3  Pro       10  2026-01-20 comment      u2  Pro         9  2026-04-10  (passive -> promoter, 49 days)
//   u2  Pro        7  2026-02-20              u7  Pro         8  2026-04-20 comment
//   u4  Pro        3  2026-03-01 inactive     u8  Pro         2  2026-05-01 comment
//   u5  Enterprise 10 2026-03-05 comment      u9  Enterprise  9  2026-05-02
//   u6  Enterprise 6  2026-03-31              u10 Enterprise  9  2026-06-01
//                                             u11 Enterprise  5  2026-06-30 inactive
//                                             u12 (no plan)   0  2026-06-30
// Region: u1, u2, u3, u5, u7, u9 "EU"; the others "US" (u12 none).
// 2026Q1: Pro P2 Pa1 D1 (NPS 25), Enterprise P1 D1 (0); total P3 Pa1 D2, n 6 (16.67)
// 2026Q2: Pro P1 Pa1 D1 (0), Enterprise P3 D1 (50), not set D1 (-100); total P4 Pa1 D3, n 8 (12.5)
struct FixtureRow
{
    const char *wave;
    const char *user;
    const char *plan; // nullptr: no plan
    const char *region;
    int score;
    const char *date;
    bool comment;
    bool inactive;
};

inline const FixtureRow fixtureRows[] = {
    {"W1", "u1", "Pro", "EU", 9, "2026-01-15T10:00:00Z", false, false},
    {"W1", "u3", "Pro", "EU", 10, "2026-01-20T10:00:00Z", true, false},
    {"W1", "u2", "Pro", "EU", 7, "2026-02-20T10:00:00Z", false, false},
    {"W1", "u4", "Pro", "US", 3, "2026-03-01T10:00:00Z", false, true},
    {"W1", "u5", "Enterprise", "EU", 10, "2026-03-05T10:00:00Z", true, false},
    {"W1", "u6", "Enterprise", "US", 6, "2026-03-31T23:59:59Z", false, false},
    {"W2", "u1", "Enterprise", "EU", 10, "2026-04-15T10:00:00Z", false, false},
    {"W2", "u2", "Pro", "EU", 9, "2026-04-10T10:00:00Z", false, false},
    {"W2", "u7", "Pro", "EU", 8, "2026-04-20T10:00:00Z", true, false},
    {"W2", "u8", "Pro", "US", 2, "2026-05-01T10:00:00Z", true, false},
    {"W2", "u9", "Enterprise", "EU", 9, "2026-05-02T10:00:00Z", false, false},
    {"W2", "u10", "Enterprise", "US", 9, "2026-06-01T10:00:00Z", false, false},
    {"W2", "u11", "Enterprise", "US", 5, "2026-06-30T10:00:00Z", false, true},
    {"W2", "u12", nullptr, nullptr, 0, "2026-06-30T23:00:00Z", false, false},
};

inline void writeFixture(Database &db, const QStringList &importWarnings = {})
{
    FixedClock clock(QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC));
    Transaction transaction(db.connection());
    SurveyWriter writer(db, clock);
    ImportRecord record;
    record.fileName = QStringLiteral("fixture.csv");
    const qint64 importId = writer.startImport(record);
    const qint64 w1 = writer.ensureWave(QStringLiteral("W1"));
    const qint64 w2 = writer.ensureWave(QStringLiteral("W2"));
    ImportCounts counts;
    int line = 1;
    for (const FixtureRow &row : fixtureRows) {
        ResponseRecord r;
        r.userId = QString::fromLatin1(row.user);
        r.score = row.score;
        r.submittedAt = QDateTime::fromString(QString::fromLatin1(row.date), Qt::ISODate).toSecsSinceEpoch();
        if (row.plan)
            r.attributes.append({QStringLiteral("Plan"), QString::fromLatin1(row.plan)});
        if (row.region)
            r.attributes.append({QStringLiteral("Region"), QString::fromLatin1(row.region)});
        if (row.comment)
            r.comment = QStringLiteral("comment of %1").arg(r.userId);
        r.active = !row.inactive;
        r.sourceLine = ++line;
        writer.add(qstrcmp(row.wave, "W1") == 0 ? w1 : w2, importId, r);
        ++counts.imported;
    }
    counts.rowsRead = counts.imported;
    sql::run(db.connection(), QStringLiteral("UPDATE waves SET invited = 100 WHERE id = ?"), {w1});
    sql::run(db.connection(), QStringLiteral("UPDATE waves SET invited = 10 WHERE id = ?"), {w2});
    writer.finishImport(importId, counts, importWarnings);
    transaction.commit();
}

} // namespace nps::test

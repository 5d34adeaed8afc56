#pragma once

#include "clock/Clock.h"
#include "followups/FollowupQueue.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QDateTime>
#include <QVector>

namespace nps::test {

struct Answer
{
    QString user;
    QString submitted; // ISO 8601, UTC
    int score;
    QString comment;
};

inline qint64 isoSecs(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toSecsSinceEpoch();
}

// What the importer does: one transaction writing the responses and queueing
// their follow-ups inside it.
inline qint64 importAnswers(Database &db, const Clock &clock, const QVector<Answer> &answers,
                            const QString &file = QStringLiteral("answers.csv"))
{
    Transaction transaction(db.connection());
    SurveyWriter writer(db, clock);
    ImportRecord record;
    record.fileName = file;
    const qint64 importId = writer.startImport(record);
    const qint64 wave = writer.ensureWave(QStringLiteral("Wave"));
    ImportCounts counts;
    int line = 1;
    for (const Answer &a : answers) {
        ResponseRecord r;
        r.userId = a.user;
        r.email = a.user.toLower() + QStringLiteral("@example.com");
        r.name = a.user + QStringLiteral(" Tester");
        r.submittedAt = isoSecs(a.submitted);
        r.score = a.score;
        r.comment = a.comment;
        r.attributes = {{QStringLiteral("Plan"), QStringLiteral("Pro")}};
        r.sourceLine = ++line;
        if (writer.add(wave, importId, r) == SurveyWriter::Outcome::Added)
            ++counts.imported;
        else
            ++counts.duplicates;
    }
    writer.finishImport(importId, counts, {});
    FollowupQueue(db, clock).enqueueForImport(importId);
    transaction.commit();
    return importId;
}

} // namespace nps::test

#include "Importer.h"

#include "analysis/AnalysisService.h"
#include "comments/TagService.h"
#include "common/Error.h"
#include "followups/FollowupQueue.h"
#include "store/Database.h"
#include "store/Migrations.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

namespace nps {

QJsonObject ImportReport::toJson() const
{
    QJsonArray list;
    for (const Rejection &r : rejections) {
        list.append(QJsonObject{{QStringLiteral("line"), r.line},
                                {QStringLiteral("column"), r.column},
                                {QStringLiteral("column_name"), r.columnName},
                                {QStringLiteral("value"), r.value},
                                {QStringLiteral("reason"), r.reason}});
    }
    return QJsonObject{{QStringLiteral("import_id"), importId},
                       {QStringLiteral("file"), file},
                       {QStringLiteral("preset"), preset},
                       {QStringLiteral("encoding"), encoding},
                       {QStringLiteral("wave"), wave},
                       {QStringLiteral("rows"), rows},
                       {QStringLiteral("imported"), imported},
                       {QStringLiteral("duplicates"), duplicates},
                       {QStringLiteral("rejected"), rejected},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
                       {QStringLiteral("rejections"), list}};
}

Importer::Importer(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

QVector<ImportReport> Importer::run(const QVector<ImportSource *> &sources, const ImportOptions &options)
{
    qint64 totalBytes = 0;
    for (const ImportSource *source : sources)
        totalBytes += source->totalBytes();

    QVector<ImportReport> reports;
    Transaction transaction(m_db.connection());
    // Index the new comments in one statement at the end instead of one
    // trigger call per row; the trigger is back before the commit.
    const QSqlDatabase c = m_db.connection();
    sql::run(c, QStringLiteral("DROP TRIGGER IF EXISTS responses_fts_insert"));
    const qint64 firstNewId =
        sql::scalar(c, QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM responses")).toLongLong();
    SurveyWriter writer(m_db, m_clock);
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    qint64 bytesBefore = 0;
    for (ImportSource *source : sources) {
        ImportReport report;
        report.file = source->fileName();
        report.preset = source->preset();
        report.encoding = source->encoding();
        report.wave =
            options.waveName.isEmpty() ? QFileInfo(source->fileName()).completeBaseName() : options.waveName;

        ImportRecord record;
        record.fileName = source->fileName();
        record.filePath = source->filePath();
        record.fileSize = source->totalBytes();
        record.preset = report.preset;
        record.encoding = report.encoding;
        record.mappingJson = source->mappingJson();
        const QFileInfo info(source->filePath());
        if (info.exists())
            record.fileSize = info.size();
        const qint64 importId = writer.startImport(record);
        const qint64 waveId = writer.ensureWave(report.wave, options.kind);

        ResponseRecord response;
        Rejection rejection;
        for (;;) {
            const ImportSource::Next next = source->next(response, rejection);
            if (next == ImportSource::Next::End)
                break;
            ++report.rows;
            if (next == ImportSource::Next::Rejected) {
                ++report.rejected;
                writer.addRejected(importId, rejection.line, rejection.column, rejection.columnName,
                                   rejection.value, rejection.reason);
                if (report.rejections.size() < ImportReport::maxListedRejections)
                    report.rejections.append(rejection);
            } else if (writer.add(waveId, importId, response) == SurveyWriter::Outcome::Added) {
                ++report.imported;
            } else {
                ++report.duplicates;
            }
            if ((report.rows & 1023) == 0 && m_progress && sinceProgress.elapsed() >= 50) {
                sinceProgress.restart();
                if (!m_progress(bytesBefore + source->bytesRead(), totalBytes))
                    throw Error::cancelled();
            }
        }
        bytesBefore += source->totalBytes();
        report.warnings = source->warnings();
        writer.setImportHash(importId, source->sha256());
        FollowupQueue(m_db, m_clock).enqueueForImport(importId);
        writer.finishImport(importId,
                            ImportCounts{report.rows, report.imported, report.duplicates, report.rejected},
                            report.warnings);
        report.importId = options.dryRun ? 0 : importId;
        reports.append(report);
    }
    sql::run(c,
             QStringLiteral("INSERT INTO comments_fts (rowid, comment) SELECT id, comment FROM responses"
                            " WHERE id >= ? AND comment IS NOT NULL"),
             {firstNewId});
    sql::run(c, migrations::commentIndexTrigger());
    if (m_progress && !m_progress(totalBytes, totalBytes))
        throw Error::cancelled();
    if (options.dryRun) {
        transaction.rollback();
        return reports;
    }
    transaction.commit();
    // After the commit, so the responses are safe whatever happens next: the
    // team's tag rules cover the new comments, and the analysis cache is rebuilt
    // now rather than on the first pivot.
    TagService(m_db, m_clock).applyAllRules();
    AnalysisService(m_db).warm();
    return reports;
}

} // namespace nps

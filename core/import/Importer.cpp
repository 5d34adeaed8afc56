#include "Importer.h"

#include "PrefetchingReader.h"
#include "ProgressHeartbeat.h"

#include "analysis/AnalysisService.h"
#include "analysis/ResponseColumns.h"
#include "comments/TagService.h"
#include "common/Error.h"
#include "followups/FollowupQueue.h"
#include "store/BulkLoad.h"
#include "store/Database.h"
#include "store/Migrations.h"
#include "store/ProgressHandler.h"
#include "store/ResponseInterner.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <optional>

namespace nps {

namespace {

// NPSDESK_TRACE_IMPORT=1 prints how long each phase took, and the CPU time
// the importing thread spent in it, for the benchmark.
class PhaseTrace
{
public:
    PhaseTrace()
        : m_enabled(qEnvironmentVariableIsSet("NPSDESK_TRACE_IMPORT"))
    {
        m_timer.start();
        m_cpuMs = threadCpuMs();
    }
    void operator()(const char *phase)
    {
        if (!m_enabled)
            return;
        const qint64 cpuMs = threadCpuMs();
        std::fprintf(stderr, "import phase %-10s %6lld ms (importing thread CPU %6lld ms)\n", phase,
                     static_cast<long long>(m_timer.restart()), static_cast<long long>(cpuMs - m_cpuMs));
        m_cpuMs = cpuMs;
    }
    void note(const char *what, qint64 ms)
    {
        if (m_enabled)
            std::fprintf(stderr, "import %-16s %6lld ms\n", what, static_cast<long long>(ms));
    }

private:
    static qint64 threadCpuMs()
    {
        timespec cpu{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
        return qint64(cpu.tv_sec) * 1000 + cpu.tv_nsec / 1000000;
    }

    bool m_enabled;
    QElapsedTimer m_timer;
    qint64 m_cpuMs = 0;
};

// Export rows run from about 60 to 200 bytes; a guess is enough to tell a bulk
// load from a top-up.
constexpr qint64 typicalBytesPerRow = 128;

} // namespace

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
    try {
        return write(sources, options);
    } catch (const Error &) {
        // A statement stopped by the progress handler fails like any other;
        // the user asked for it, so it is a cancellation.
        if (m_cancelled)
            throw Error::cancelled();
        throw;
    }
}

QVector<ImportReport> Importer::write(const QVector<ImportSource *> &sources, const ImportOptions &options)
{
    m_cancelled = false;
    qint64 totalBytes = 0;
    for (const ImportSource *source : sources)
        totalBytes += source->totalBytes();
    // Progress counts the bytes read, then the work after the last row
    // (follow-ups, full-text and indexes) as a fifth more.
    const qint64 finishingWork = std::max<qint64>(totalBytes / 5, 1);
    const qint64 totalWork = totalBytes + finishingWork;
    std::atomic<qint64> done = 0;
    // Progress is reported from this thread (between rows, and from SQLite's
    // progress handler inside long statements) and from the heartbeat's thread
    // (while SQLite works inside one step); one at a time, under this mutex.
    std::mutex progressMutex;
    bool interruptible = true; // false once the bar is full: from then on nothing is cancelled
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto keepGoing = [&](bool now = false) {
        const std::lock_guard lock(progressMutex);
        if (!m_progress || (!now && sinceProgress.elapsed() < m_progressInterval))
            return !m_cancelled;
        sinceProgress.restart();
        if (!m_progress(done, totalWork) && interruptible)
            m_cancelled = true;
        return !m_cancelled;
    };
    const QSqlDatabase c = m_db.connection();
    std::optional<ProgressHeartbeat> heartbeat;
    if (m_progress) {
        // Beating at half the interval, a silent stretch is reported at most
        // 1.5 intervals after the last call, not two.
        heartbeat.emplace(std::max(m_progressInterval / 2, 10), [&] {
            const std::lock_guard lock(progressMutex);
            if (sinceProgress.elapsed() < m_progressInterval)
                return;
            sinceProgress.restart();
            if (!m_progress(done, totalWork) && interruptible && !m_cancelled) {
                m_cancelled = true;
                ProgressHandler::interrupt(c);
            }
        });
    }
    const auto barIsFull = [&] {
        const std::lock_guard lock(progressMutex);
        interruptible = false;
    };

    PhaseTrace trace;
    QVector<ImportReport> reports;
    std::optional<BulkLoad> bulk;
    if (BulkLoad::worthwhile(m_db, QStringLiteral("responses"), totalBytes / typicalBytesPerRow))
        bulk.emplace(m_db);
    Transaction transaction(c);
    // Also while one statement runs for seconds, the window hears from us.
    std::optional<ProgressHandler> progressHandler(std::in_place, c, keepGoing);
    SurveyWriter writer(m_db, m_clock);
    if (bulk) {
        bulk->deferIndexes(QStringLiteral("responses"));
        bulk->deferIndexes(QStringLiteral("followups"));
        // A writer that links identities from its own caches never asks these
        // indexes, so they too are built once at the end.
        if (writer.knownRespondentsOnly())
            bulk->deferIndexes(QStringLiteral("respondents"));
    }
    // Index the new comments in one statement at the end instead of one
    // trigger call per row; the trigger is back before the commit.
    sql::run(c, QStringLiteral("DROP TRIGGER IF EXISTS responses_fts_insert"));
    const qint64 firstNewId =
        sql::scalar(c, QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM responses")).toLongLong();
    // Shared by every file: the same person in two files is one respondent.
    ResponseInterner interner;
    // Into an empty file, the analysis columns are exactly the rows written
    // here, in id order: collected on the way instead of read back afterwards.
    std::shared_ptr<ResponseColumns> columns;
    if (firstNewId == 1 && writer.knownRespondentsOnly() && !options.dryRun)
        columns = std::make_shared<ResponseColumns>();
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

        PrefetchingReader reader(*source, &interner);
        WrittenResponse written;
        for (;;) {
            const PrefetchingReader::Row &row = reader.nextRow();
            if (row.next == ImportSource::Next::End)
                break;
            ++report.rows;
            if (row.next == ImportSource::Next::Rejected) {
                const Rejection &rejection = row.rejection;
                ++report.rejected;
                writer.addRejected(importId, rejection.line, rejection.column, rejection.columnName,
                                   rejection.value, rejection.reason);
                if (report.rejections.size() < ImportReport::maxListedRejections)
                    report.rejections.append(rejection);
            } else if (writer.add(waveId, importId, row.record, row.prepared, &written) ==
                       SurveyWriter::Outcome::Added) {
                ++report.imported;
                if (columns) {
                    columns->append(row.record.score, row.record.submittedAt, written.profileId, waveId,
                                    row.record.active, !row.prepared.comment.isEmpty(), written.respondentId);
                }
            } else {
                ++report.duplicates;
            }
            if ((report.rows & 255) == 0) {
                done = bytesBefore + reader.bytesRead();
                if (!keepGoing())
                    throw Error::cancelled();
            }
        }
        trace("rows");
        trace.note("reading thread CPU", reader.readingCpuMs());
        bytesBefore += source->totalBytes();
        done = bytesBefore;
        report.warnings = source->warnings();
        writer.setImportHash(importId, source->sha256());
        // One INSERT ... SELECT over the import's rows: measured, it costs half
        // of entering the same items one statement per row as they are written.
        FollowupQueue(m_db, m_clock).enqueueForImport(importId);
        trace("followups");
        writer.finishImport(importId,
                            ImportCounts{report.rows, report.imported, report.duplicates, report.rejected},
                            report.warnings);
        report.importId = options.dryRun ? 0 : importId;
        reports.append(report);
    }
    done = totalBytes;
    sql::run(c,
             QStringLiteral("INSERT INTO comments_fts (rowid, comment) SELECT id, comment FROM responses"
                            " WHERE id >= ? AND comment IS NOT NULL"),
             {firstNewId});
    sql::run(c, migrations::commentIndexTrigger());
    trace("fulltext");
    done = totalBytes + finishingWork / 2;
    if (bulk) {
        bulk->rebuildIndexes();
        trace("indexes");
    }
    if (columns) {
        columns->dataVersion = m_db.dataVersion();
        columns->persist(m_db);
        trace("columns");
    }
    done = totalWork;
    if (!keepGoing(true)) // the full bar is shown now, not after the interval
        throw Error::cancelled();
    // From here on nothing is cancelled: the user has seen the bar full.
    barIsFull();
    progressHandler.reset();
    if (options.dryRun) {
        transaction.rollback();
        return reports;
    }
    transaction.commit();
    bulk.reset();
    if (columns)
        ResponseColumns::share(m_db, std::move(columns));
    trace("commit");
    // After the commit, so the responses are safe whatever happens next: the
    // team's tag rules cover the new comments, and the analysis cache is rebuilt
    // now rather than on the first pivot.
    TagService(m_db, m_clock).applyAllRules();
    trace("rules");
    AnalysisService(m_db).warm();
    trace("cache");
    return reports;
}

} // namespace nps

#pragma once

#include "ImportSource.h"
#include "clock/Clock.h"

#include <QJsonObject>
#include <atomic>
#include <functional>
#include <memory>

namespace nps {

class Database;

struct ImportOptions
{
    QString waveName; // empty: one wave per file, named after the file
    WaveKind kind = WaveKind::Relational;
    bool dryRun = false; // read and validate everything, then roll back
};

struct ImportReport
{
    qint64 importId = 0; // 0 for a dry run
    QString file;
    QString preset;
    QString encoding;
    QString wave;
    qint64 rows = 0;
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 rejected = 0;
    QStringList warnings;
    QVector<Rejection> rejections; // the first maxListedRejections

    static constexpr int maxListedRejections = 100;
    QJsonObject toJson() const;
};

// Writes the responses of one or more files into the database in one
// transaction: all rows of all files, or nothing. Rejected rows are stored with
// line, column, value and reason; duplicates (same response id, or same
// respondent, time, score and comment) are counted and skipped; every detractor
// enters the follow-up queue.
class Importer
{
public:
    Importer(Database &db, const Clock &clock = systemClock());

    // Called with (bytes done, bytes total) at least every 100 ms of work, until
    // run() returns; return false to cancel (the import then throws
    // Error::cancelled() and the database is unchanged) until the call that
    // reports the bar full. Calls come one at a time but not always from the
    // thread that called run(): while SQLite is inside one long step (sorting an
    // index) a helper thread makes them.
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    void setProgress(Progress progress) { m_progress = std::move(progress); }
    // The least time between two progress calls; 50 ms unless set.
    void setProgressInterval(int milliseconds) { m_progressInterval = milliseconds; }

    QVector<ImportReport> run(const QVector<ImportSource *> &sources, const ImportOptions &options);

private:
    QVector<ImportReport> write(const QVector<ImportSource *> &sources, const ImportOptions &options);

    Database &m_db;
    const Clock &m_clock;
    Progress m_progress;
    int m_progressInterval = 50;
    std::atomic<bool> m_cancelled = false; // also set by the progress heartbeat's thread
};

} // namespace nps

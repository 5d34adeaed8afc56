#pragma once

#include "clock/Clock.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <functional>
#include <utility>

namespace nps {

class Database;

// One row of a users/accounts file: the join key and the attributes it carries.
struct AttributeRow
{
    qint64 line = 0;
    QString key; // email or user id, as in the file
    QVector<std::pair<QString, QString>> attributes;
};

class AttributeSource
{
public:
    virtual ~AttributeSource() = default;
    virtual QString fileName() const = 0;
    virtual QString filePath() const = 0;
    virtual QString encoding() const = 0;
    virtual QString mappingJson() const = 0;
    virtual bool next(AttributeRow &row) = 0; // false at the end
    // How far reading has come, for progress reports; 0 when unknown.
    virtual qint64 bytesRead() const { return 0; }
    virtual qint64 totalBytes() const { return 0; }
};

enum class AttributeKey { Email, UserId };

struct AttributeImportOptions
{
    AttributeKey key = AttributeKey::Email;
    qint64 asOf = 0;     // Unix seconds: when the attributes were true
    bool dryRun = false; // join and count everything, then roll back
};

struct AttributeConflict
{
    QString key;
    QString attribute;
    QStringList values;
    QVector<qint64> lines;
};

struct AttributeImportReport
{
    qint64 importId = 0;
    QString file;
    qint64 asOf = 0; // Unix seconds
    qint64 rows = 0;
    qint64 matched = 0;    // keys found among respondents
    QStringList unmatched; // keys with no respondent (the first 100 listed; count in unmatchedCount)
    qint64 unmatchedCount = 0;
    QVector<AttributeConflict> conflicts;
    qint64 responsesUpdated = 0;

    QJsonObject toJson() const;
};

// Joins a CRM/users export onto respondents by email (case-insensitive,
// trimmed) or user id, stores its attributes as snapshots valid from `asOf`,
// and recomputes the segment profile of every affected response: the survey
// file's own values first (they were captured at response time), then the
// latest snapshot at or before the response, else the earliest one after it.
// Conflicting values for one key are reported and not stored. One transaction:
// a dry run, a cancellation or an error leaves the database as it was.
class AttributeImporter
{
public:
    AttributeImporter(Database &db, const Clock &clock = systemClock());

    // Called with (done, total) at least every 100 ms of work, the same
    // signature as Importer::Progress so one progress bar serves both. The
    // phases share total = progressTotal: reading the file, joining the keys,
    // re-segmenting the responses. Return false to cancel: run() then throws
    // Error::cancelled() and the database is unchanged.
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    static constexpr qint64 progressTotal = 1000;
    void setProgress(Progress progress) { m_progress = std::move(progress); }

    AttributeImportReport run(AttributeSource &source, const AttributeImportOptions &options);

private:
    Database &m_db;
    const Clock &m_clock;
    Progress m_progress;
};

} // namespace nps

#pragma once

#include "clock/Clock.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
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
};

enum class AttributeKey { Email, UserId };

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
// Conflicting values for one key are reported and not stored. One transaction.
class AttributeImporter
{
public:
    AttributeImporter(Database &db, const Clock &clock = systemClock());
    AttributeImportReport run(AttributeSource &source, AttributeKey key, qint64 asOf);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace nps

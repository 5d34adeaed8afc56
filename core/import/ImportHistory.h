#pragma once

#include "ImportSource.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace nps {

class Database;

struct ImportEntry
{
    qint64 id = 0;
    QString kind; // responses | attributes | demo
    QString fileName;
    QString filePath;
    qint64 fileSize = 0;
    QString sha256;
    QString preset;
    QString encoding;
    QString mappingJson;
    QStringList warnings;
    qint64 rows = 0;
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 rejected = 0;
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
};

struct RejectedRow : Rejection
{
    qint64 importId = 0;
    QString fileName;
};

// Reads what past imports recorded: the imports and their rejected rows.
class ImportHistory
{
public:
    explicit ImportHistory(const Database &db);
    QVector<ImportEntry> imports() const; // newest first
    // Rejected rows of one import (importId > 0) or of all, in file and line order.
    QVector<RejectedRow> rejectedRows(qint64 importId = 0, int limit = -1) const;

private:
    const Database &m_db;
};

} // namespace nps

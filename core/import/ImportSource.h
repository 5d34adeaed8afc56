#pragma once

#include "store/SurveyWriter.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace nps {

// One row the importer could not take, with where and why.
struct Rejection
{
    qint64 line = 0;
    int column = 0; // 1-based; 0 when the whole row is at fault
    QString columnName;
    QString value;
    QString reason;
};

// A file as the importer consumes it: typed response records, one at a time,
// with the rows it had to reject. Implemented over the readers (FileImportSource)
// so the importer itself knows nothing about formats.
class ImportSource
{
public:
    virtual ~ImportSource() = default;

    virtual QString fileName() const = 0;
    virtual QString filePath() const = 0;
    virtual QString preset() const = 0;
    virtual QString encoding() const = 0;
    virtual QString mappingJson() const = 0;
    // Warnings about the whole file (scale not 0-10, ambiguous date order, ...),
    // complete once next() has returned End.
    virtual QStringList warnings() const = 0;
    // SHA-256 of the file, hex; may block until it is computed.
    virtual QString sha256() = 0;

    enum class Next { Record, Rejected, End };
    // Reads the next data row. Record: `record` is filled. Rejected: `rejection`
    // says why (the row is not imported). End: nothing more.
    virtual Next next(ResponseRecord &record, Rejection &rejection) = 0;

    virtual qint64 bytesRead() const = 0;
    virtual qint64 totalBytes() const = 0;
};

} // namespace nps

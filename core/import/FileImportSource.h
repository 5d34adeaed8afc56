#pragma once

#include "ImportSource.h"
#include "readers/SurveyFile.h"

#include <future>
#include <memory>
#include <optional>

namespace nps {

// A survey file (CSV or XLSX, any preset) as the importer consumes it: opens
// and maps it with the readers, refuses it up front when it has no usable 0-10
// question, then types one record at a time. The file's SHA-256 is computed on
// a second thread while the import runs.
class FileImportSource final : public ImportSource
{
public:
    // Throws nps::Error: badInput for an unreadable or non-NPS file, usage for an
    // override naming an unknown field or column.
    FileImportSource(const QString &path, const ReadOptions &options, const MappingOverrides &overrides = {});
    ~FileImportSource() override;

    QString fileName() const override;
    QString filePath() const override { return m_file.path(); }
    QString preset() const override;
    QString encoding() const override;
    QString mappingJson() const override;
    QStringList warnings() const override;
    QString sha256() override;

    Next next(ResponseRecord &record, Rejection &rejection) override;
    qint64 bytesRead() const override;
    qint64 totalBytes() const override;

    const SurveyFile &file() const { return m_file; }

private:
    void reject(Rejection &rejection, const Record &r, int column, const QString &reason) const;

    SurveyFile m_file;
    std::optional<RecordCursor> m_cursor;
    std::future<QString> m_hash;
    qint64 m_groupMismatches = 0;
    QString m_firstGroupMismatch;
    qint64 m_badTimes = 0;
};

} // namespace nps

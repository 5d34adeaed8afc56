#pragma once

#include "AttributeImporter.h"
#include "readers/SurveyFile.h"

#include <optional>

namespace nps {

// A users/accounts file (CRM export) read with the same readers: the join key
// from the email or user id column, every other column (or the chosen
// `segments`) as attributes.
class FileAttributeSource final : public AttributeSource
{
public:
    // Throws nps::Error: badInput when the file has no column for `key`.
    FileAttributeSource(const QString &path, AttributeKey key, const ReadOptions &options,
                        const MappingOverrides &overrides = {});

    QString fileName() const override;
    QString filePath() const override { return m_file.path(); }
    QString encoding() const override;
    QString mappingJson() const override;
    bool next(AttributeRow &row) override;

private:
    SurveyFile m_file;
    std::optional<RecordCursor> m_cursor;
    int m_keyColumn = -1;
    QVector<int> m_attributeColumns;
};

} // namespace nps

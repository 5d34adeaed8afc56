#pragma once

#include "AttributeImporter.h"
#include "readers/SurveyFile.h"

#include <QDate>
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
    qint64 bytesRead() const override { return m_cursor->bytesRead(); }
    qint64 totalBytes() const override { return m_cursor->totalBytes(); }

    // The key a file joins on unless the user says otherwise: its email column
    // when it has one (emails are what CRM exports share), else its user id.
    static AttributeKey detectedKey(const FieldMapping &mapping);
    // A file without a 0-10 question but with a key to join on is a
    // users/accounts file rather than a survey export (for dropped files).
    static bool isAttributeFile(const SurveyFile &file);
    // The readers' warnings that matter for a users file: having no 0-10
    // question, or a score-like column, is what such a file looks like.
    static QStringList warnings(const SurveyFile &file);
    // The columns stored as attributes unless the user chooses: every column
    // but identities and survey answers.
    static QVector<int> defaultAttributeColumns(const SurveyFile &file);
    // When the attributes were true: midnight UTC of `date`, or without a date
    // the file's modification time (an export describes the day it was made).
    static qint64 asOf(const QString &path, const QDate &date = {});

private:
    SurveyFile m_file;
    std::optional<RecordCursor> m_cursor;
    int m_keyColumn = -1;
    QVector<int> m_attributeColumns;
};

} // namespace nps

#include "FileAttributeSource.h"

#include "common/Error.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace nps {

FileAttributeSource::FileAttributeSource(const QString &path, AttributeKey key, const ReadOptions &options,
                                         const MappingOverrides &overrides)
    : m_file(SurveyFile::open(path, options))
{
    if (!overrides.fields.isEmpty() || !overrides.segments.isEmpty())
        m_file.applyOverrides(overrides);
    const FieldMapping &m = m_file.mapping();
    m_keyColumn = key == AttributeKey::Email ? m.email.column : m.userId.column;
    if (m_keyColumn < 0)
        throw Error::badInput(
            QStringLiteral("%1: no %2 column found to join on (columns: %3); name it with --map %4=COLUMN")
                .arg(path, key == AttributeKey::Email ? QStringLiteral("email") : QStringLiteral("user id"),
                     m_file.layout().columnNames().join(QStringLiteral(", ")),
                     key == AttributeKey::Email ? QStringLiteral("email") : QStringLiteral("user")));
    if (!overrides.segments.isEmpty()) {
        for (const FieldChoice &s : m.segments)
            m_attributeColumns << s.column;
    } else {
        m_attributeColumns = defaultAttributeColumns(m_file);
    }
    m_cursor.emplace(m_file.records());
}

AttributeKey FileAttributeSource::detectedKey(const FieldMapping &mapping)
{
    return mapping.email.found() || !mapping.userId.found() ? AttributeKey::Email : AttributeKey::UserId;
}

bool FileAttributeSource::isAttributeFile(const SurveyFile &file)
{
    const FieldMapping &m = file.mapping();
    return !m.score.found() && (m.email.found() || m.userId.found());
}

QStringList FileAttributeSource::warnings(const SurveyFile &file)
{
    QStringList warnings = file.layout().warnings;
    // Worded by SurveyFile::detectMapping().
    warnings.removeAll(QStringLiteral("no 0-10 question found"));
    if (!file.mapping().scaleWarning.isEmpty())
        warnings.removeAll(file.mapping().scaleWarning);
    return warnings;
}

QVector<int> FileAttributeSource::defaultAttributeColumns(const SurveyFile &file)
{
    // Everything but identities and survey answers is an attribute of the person.
    const FieldMapping &m = file.mapping();
    const QVector<int> skip{m.email.column, m.userId.column,  m.name.column, m.responseId.column,
                            m.score.column, m.comment.column, m.time.column};
    QVector<int> columns;
    for (int c = 0; c < file.layout().columns.size(); ++c)
        if (!skip.contains(c))
            columns << c;
    return columns;
}

qint64 FileAttributeSource::asOf(const QString &path, const QDate &date)
{
    if (date.isValid())
        return QDateTime(date, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    return QFileInfo(path).lastModified().toSecsSinceEpoch();
}

QString FileAttributeSource::fileName() const
{
    return QFileInfo(m_file.path()).fileName();
}

QString FileAttributeSource::encoding() const
{
    return m_file.layout().xlsx ? QStringLiteral("xlsx") : encodingName(m_file.layout().encoding);
}

QString FileAttributeSource::mappingJson() const
{
    QJsonArray attributes;
    for (int c : m_attributeColumns)
        attributes.append(m_file.layout().columns.value(c).name);
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("key"), m_file.layout().columns.value(m_keyColumn).name},
                                  {QStringLiteral("attributes"), attributes}})
            .toJson(QJsonDocument::Compact));
}

bool FileAttributeSource::next(AttributeRow &row)
{
    while (m_cursor->next()) {
        const Record &r = m_cursor->record();
        row.line = r.line();
        row.key = r.text(m_keyColumn);
        row.attributes.clear();
        for (int c : m_attributeColumns)
            row.attributes.append({m_file.layout().columns.value(c).name, r.text(c)});
        return true;
    }
    return false;
}

} // namespace nps

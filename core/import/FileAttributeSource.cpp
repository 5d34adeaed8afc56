#include "FileAttributeSource.h"

#include "common/Error.h"

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
        // Everything but identities and survey answers is an attribute of the person.
        const QVector<int> skip{m.email.column, m.userId.column,  m.name.column, m.responseId.column,
                                m.score.column, m.comment.column, m.time.column};
        for (int c = 0; c < m_file.layout().columns.size(); ++c)
            if (!skip.contains(c))
                m_attributeColumns << c;
    }
    m_cursor.emplace(m_file.records());
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

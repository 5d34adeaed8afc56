#include "ResponseInterner.h"

namespace nps {

void PreparedResponse::setText(const ResponseRecord &record)
{
    dedupKey = record.dedupKey.toUtf8();
    externalId = record.externalId.toUtf8();
    comment = record.comment.toUtf8();
}

void ResponseInterner::prepare(const ResponseRecord &record, PreparedResponse &prepared)
{
    prepared.setText(record);

    // The same precedence as SurveyWriter::respondentFor(): user id, else email.
    const bool byUser = !record.userId.isEmpty();
    const QString &key = byUser ? record.userId : record.email;
    if (key.isEmpty()) {
        prepared.respondentSlot = -1;
    } else {
        QHash<QString, int> &numbers = byUser ? m_respondentsByUser : m_respondentsByEmail;
        auto it = numbers.constFind(key);
        if (it == numbers.cend())
            it = numbers.insert(key, int(m_respondentsByUser.size() + m_respondentsByEmail.size()));
        prepared.respondentSlot = it.value();
    }

    if (record.attributes.isEmpty()) {
        prepared.profileSlot = -1;
    } else {
        auto it = m_profiles.constFind(record.attributes);
        if (it == m_profiles.cend())
            it = m_profiles.insert(record.attributes, int(m_profiles.size()));
        prepared.profileSlot = it.value();
    }
}

} // namespace nps

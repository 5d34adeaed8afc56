#pragma once

#include "store/SurveyWriter.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVector>
#include <utility>

namespace nps {

// The part of writing a response that needs no database, settled ahead of the
// writer (on an import's reading thread): the text in the UTF-8 SQLite stores,
// and dense numbers for the respondent and the attribute combination, so the
// writer finds their row ids by index instead of hashing strings per row.
struct PreparedResponse
{
    // Equal numbers mean the same respondent (same user id, else same
    // normalised email) or the same attribute values, within one interner.
    // -1: an anonymous respondent, or no attributes.
    int respondentSlot = -1;
    int profileSlot = -1;
    QByteArray dedupKey;
    QByteArray externalId;
    QByteArray comment;

    // The text fields of a normalised record, as SurveyWriter binds them.
    void setText(const ResponseRecord &record);
};

// Numbers respondents and attribute combinations in order of first sight. One
// interner serves one SurveyWriter for the whole import (all its files), and
// is used from one thread at a time.
class ResponseInterner
{
public:
    // `record` must be normalised (SurveyWriter::normalise).
    void prepare(const ResponseRecord &record, PreparedResponse &prepared);

private:
    QHash<QString, int> m_respondentsByUser;
    QHash<QString, int> m_respondentsByEmail;
    QHash<QVector<std::pair<QString, QString>>, int> m_profiles;
};

} // namespace nps

#pragma once

#include "query/ResponseFilter.h"

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace nps {

class Database;

enum class NpsGroup { Detractor, Passive, Promoter };
QString npsGroupName(NpsGroup group);
std::optional<NpsGroup> npsGroupFromName(const QString &name);
NpsGroup npsGroupOf(int score);

// The Comments reader's filter: the shared filter plus what only comments have.
struct CommentFilter
{
    ResponseFilter base;
    std::optional<NpsGroup> group;
    std::optional<int> score; // exact 0..10
    QString tag;              // tag name; its child tags count too
    bool untagged = false;
    bool starred = false;
    QString search;              // user text, see parseSearch()
    bool withCommentOnly = true; // the reader lists responses with a comment

    bool operator==(const CommentFilter &o) const;
    bool operator!=(const CommentFilter &o) const { return !(*this == o); }
    QString toJson() const;
    static CommentFilter fromJson(const QString &json);
};

struct TagRef
{
    qint64 id = 0;
    QString name;
    QString color;
};

struct CommentRow
{
    qint64 id = 0;
    qint64 respondentId = 0;
    std::optional<qint64> submittedAt;
    int score = 0;
    QString comment;
    bool starred = false;
    QString wave;
    QVector<QPair<QString, QString>> attributes; // name -> value, by attribute name
    QVector<TagRef> tags;
};

struct ScoreHistoryEntry
{
    qint64 responseId = 0;
    std::optional<qint64> submittedAt;
    int score = 0;
    QString wave;
    QString comment;
};

struct CommentDetail
{
    CommentRow row;
    QString respondentName;
    QString respondentEmail;
    QString userId;
    std::optional<bool> active;
    QVector<ScoreHistoryEntry> history; // every answer of this respondent, oldest first
    std::optional<qint64> followupId;
    QString followupStatus;
};

// Paged comment queries. Pages are keyset pages in response-id order, newest
// first: a page costs the same wherever it is in the list, and a search walks
// the full-text index in rowid order, so the first page of a common word does
// not sort every match.
class CommentQuery
{
public:
    explicit CommentQuery(Database &db);

    // Rows with id < `beforeId` (no bound when 0), at most `limit`.
    QVector<CommentRow> page(const CommentFilter &filter, qint64 beforeId, int limit);
    qint64 count(const CommentFilter &filter);
    // Every id matching (for bulk actions on "all results"); forward-only scan.
    QVector<qint64> ids(const CommentFilter &filter);
    std::optional<CommentDetail> detail(qint64 responseId);

    // The WHERE fragment for responses aliased `alias` (search included).
    SqlCondition condition(const CommentFilter &filter, const QString &alias = QStringLiteral("r")) const;

private:
    void attachTagsAndAttributes(QVector<CommentRow> &rows);
    Database &m_db;
};

} // namespace nps

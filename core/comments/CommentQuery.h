#pragma once

#include "query/ResponseFilter.h"

#include <QPair>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVector>
#include <limits>
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

// Response ids with `low` < id <= `high`.
struct IdRange
{
    qint64 low = 0;
    qint64 high = std::numeric_limits<qint64>::max();
};

// Where every page of a filter's matches starts, for a reader that holds only
// a few pages at a time: any page is then one keyset range read, as fast at
// the millionth match as at the first, and the index itself costs one id per
// page. Rows are newest first (descending response id).
struct CommentPageIndex
{
    qint64 total = 0;
    int pageSize = 0;
    QVector<qint64> firstIds; // firstIds[k]: the id of row k * pageSize

    int pageCount() const { return int(firstIds.size()); }
    int rowsIn(int page) const;
    IdRange bounds(int page) const;
    // The page whose id range would hold `id`, -1 when it is outside every page.
    int pageOf(qint64 id) const;
};

// Paged comment queries. Pages are keyset pages in response-id order, newest
// first: a page costs the same wherever it is in the list, and a search walks
// the full-text index in rowid order, so the first page of a common word does
// not sort every match.
//
// `keep` lists responses that count as matching whatever their tags and star
// say now: a reader passes the rows it edited, so tagging a comment under
// "Untagged" does not pull it out of the list the user is working through.
class CommentQuery
{
public:
    explicit CommentQuery(Database &db);

    // Rows with id < `beforeId` (no bound when 0), at most `limit`.
    QVector<CommentRow> page(const CommentFilter &filter, qint64 beforeId, int limit);
    // Rows within `range`, newest first, at most `limit`.
    QVector<CommentRow> rows(const CommentFilter &filter, IdRange range, int limit,
                             const QVector<qint64> &keep = {});
    qint64 count(const CommentFilter &filter);
    // One forward-only pass over the matching ids, keeping every `pageSize`-th.
    CommentPageIndex pageIndex(const CommentFilter &filter, int pageSize, const QVector<qint64> &keep = {});
    // Every id matching (for bulk actions on "all results"); forward-only scan.
    QVector<qint64> ids(const CommentFilter &filter);
    // The matching ids within `range`, newest first.
    QVector<qint64> ids(const CommentFilter &filter, IdRange range, const QVector<qint64> &keep = {});
    std::optional<CommentDetail> detail(qint64 responseId);

    // The WHERE fragment for responses aliased `alias` (search included).
    SqlCondition condition(const CommentFilter &filter, const QString &alias = QStringLiteral("r")) const;

private:
    // SELECT `columns` over the matches within `range`, newest first.
    QSqlQuery select(const QString &columns, const CommentFilter &filter, IdRange range,
                     const QVector<qint64> &keep, int limit);
    void attachTagsAndAttributes(QVector<CommentRow> &rows);
    Database &m_db;
};

} // namespace nps

#include "CommentQuery.h"

#include "CommentSearch.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/SqlDialect.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QVariant>
#include <algorithm>

namespace nps {

QString npsGroupName(NpsGroup group)
{
    switch (group) {
    case NpsGroup::Detractor:
        return QStringLiteral("detractor");
    case NpsGroup::Passive:
        return QStringLiteral("passive");
    case NpsGroup::Promoter:
        return QStringLiteral("promoter");
    }
    return {};
}

std::optional<NpsGroup> npsGroupFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("detractor") || n == QLatin1String("detractors"))
        return NpsGroup::Detractor;
    if (n == QLatin1String("passive") || n == QLatin1String("passives"))
        return NpsGroup::Passive;
    if (n == QLatin1String("promoter") || n == QLatin1String("promoters"))
        return NpsGroup::Promoter;
    return std::nullopt;
}

NpsGroup npsGroupOf(int score)
{
    return score <= 6 ? NpsGroup::Detractor : score <= 8 ? NpsGroup::Passive : NpsGroup::Promoter;
}

bool CommentFilter::operator==(const CommentFilter &o) const
{
    return base == o.base && group == o.group && score == o.score && tag == o.tag && untagged == o.untagged &&
           starred == o.starred && search == o.search && withCommentOnly == o.withCommentOnly;
}

QString CommentFilter::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("base"), base.toJson());
    if (group)
        o.insert(QStringLiteral("group"), npsGroupName(*group));
    if (score)
        o.insert(QStringLiteral("score"), *score);
    if (!tag.isEmpty())
        o.insert(QStringLiteral("tag"), tag);
    o.insert(QStringLiteral("untagged"), untagged);
    o.insert(QStringLiteral("starred"), starred);
    if (!search.isEmpty())
        o.insert(QStringLiteral("search"), search);
    if (!withCommentOnly)
        o.insert(QStringLiteral("with_comment_only"), false);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

CommentFilter CommentFilter::fromJson(const QString &json)
{
    CommentFilter f;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    f.base = ResponseFilter::fromJson(o.value(QStringLiteral("base")).toString());
    f.group = npsGroupFromName(o.value(QStringLiteral("group")).toString());
    if (o.contains(QStringLiteral("score"))) {
        const int s = o.value(QStringLiteral("score")).toInt(-1);
        if (s >= 0 && s <= 10)
            f.score = s;
    }
    f.tag = o.value(QStringLiteral("tag")).toString();
    f.untagged = o.value(QStringLiteral("untagged")).toBool();
    f.starred = o.value(QStringLiteral("starred")).toBool();
    f.search = o.value(QStringLiteral("search")).toString();
    f.withCommentOnly = o.value(QStringLiteral("with_comment_only")).toBool(true);
    return f;
}

namespace {

// Conditions other than the full-text search. Tags and the star are what a
// user edits while reading; rows in `keep` pass those tests regardless.
SqlCondition plainCondition(const CommentFilter &filter, const QString &alias,
                            const QVector<qint64> &keep = {})
{
    SqlCondition c = buildCondition(filter.base, alias);
    QStringList parts{c.where};
    if (filter.withCommentOnly && !filter.base.hasComment)
        parts << QStringLiteral("%1.comment IS NOT NULL").arg(alias);
    if (filter.group) {
        static const int low[] = {0, 7, 9};
        static const int high[] = {6, 8, 10};
        parts << QStringLiteral("%1.score BETWEEN ? AND ?").arg(alias);
        c.values << low[int(*filter.group)] << high[int(*filter.group)];
    }
    if (filter.score) {
        parts << QStringLiteral("%1.score = ?").arg(alias);
        c.values << *filter.score;
    }
    QStringList editable;
    QVariantList editableValues;
    if (!filter.tag.isEmpty()) {
        editable
            << QStringLiteral(
                   "%1.id IN (SELECT rt.response_id FROM response_tags rt JOIN tags t ON t.id = rt.tag_id"
                   " WHERE t.name = ? OR t.parent_id IN (SELECT id FROM tags WHERE name = ?))")
                   .arg(alias);
        editableValues << filter.tag << filter.tag;
    }
    if (filter.untagged)
        editable << QStringLiteral("NOT EXISTS (SELECT 1 FROM response_tags rt WHERE rt.response_id = %1.id)")
                        .arg(alias);
    if (filter.starred)
        editable << QStringLiteral("%1.starred = 1").arg(alias);
    if (!editable.isEmpty()) {
        QString test = editable.join(QStringLiteral(" AND "));
        c.values += editableValues;
        if (!keep.isEmpty()) {
            test =
                QStringLiteral("((%1) OR %2.id IN (%3))")
                    .arg(test, alias, QStringList(keep.size(), QStringLiteral("?")).join(QLatin1Char(',')));
            for (qint64 id : keep)
                c.values << id;
        }
        parts << test;
    }
    c.where = parts.join(QStringLiteral(" AND "));
    return c;
}

const QString rowColumns =
    QStringLiteral("r.id, r.respondent_id, r.submitted_at, r.score, r.comment, r.starred, w.name,"
                   " COALESCE(r.profile_id, r.source_profile_id)");

} // namespace

int CommentPageIndex::rowsIn(int page) const
{
    if (page < 0 || page >= pageCount())
        return 0;
    return int(std::min<qint64>(pageSize, total - qint64(page) * pageSize));
}

IdRange CommentPageIndex::bounds(int page) const
{
    IdRange range;
    if (page < 0 || page >= pageCount())
        return {0, 0};
    range.high = firstIds.at(page);
    if (page + 1 < pageCount())
        range.low = firstIds.at(page + 1);
    return range;
}

int CommentPageIndex::pageOf(qint64 id) const
{
    // firstIds descend: the page is the last one starting at or above `id`.
    const auto after = std::lower_bound(firstIds.cbegin(), firstIds.cend(), id,
                                        [](qint64 first, qint64 v) { return first >= v; });
    return id > 0 ? int(after - firstIds.cbegin()) - 1 : -1;
}

CommentQuery::CommentQuery(Database &db)
    : m_db(db)
{
}

SqlCondition CommentQuery::condition(const CommentFilter &filter, const QString &alias) const
{
    SqlCondition c = plainCondition(filter, alias);
    const QString fts = ftsExpression(filter.search);
    if (!fts.isEmpty()) {
        c.where += QStringLiteral(" AND ") + m_db.dialect().commentMatches(alias);
        c.values << fts;
    }
    return c;
}

QSqlQuery CommentQuery::select(const QString &columns, const CommentFilter &filter, IdRange range,
                               const QVector<qint64> &keep, int limit)
{
    const QString fts = ftsExpression(filter.search);
    const SqlCondition c = plainCondition(filter, QStringLiteral("r"), keep);
    QString statement;
    QVariantList values;
    QString key;
    if (fts.isEmpty()) {
        key = QStringLiteral("r.id");
        statement =
            QStringLiteral("SELECT %1 FROM responses r LEFT JOIN waves w ON w.id = r.wave_id WHERE %2")
                .arg(columns, c.where);
    } else {
        // Driven by the full-text index in descending rowid order, so a page
        // stops after `limit` hits instead of collecting every match.
        // (SQLite FTS5; the PostgreSQL dialect would use its own ranking query.)
        key = QStringLiteral("comments_fts.rowid");
        statement = QStringLiteral("SELECT %1 FROM comments_fts JOIN responses r ON r.id = comments_fts.rowid"
                                   " LEFT JOIN waves w ON w.id = r.wave_id"
                                   " WHERE comments_fts MATCH ? AND %2")
                        .arg(columns, c.where);
        values << fts;
    }
    values += c.values;
    statement += QStringLiteral(" AND %1 > ? AND %1 <= ? ORDER BY %1 DESC").arg(key);
    values << range.low << range.high;
    if (limit > 0) {
        statement += QStringLiteral(" LIMIT ?");
        values << limit;
    }
    QSqlQuery q = sql::prepare(m_db.connection(), statement);
    q.setForwardOnly(true);
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    sql::exec(q);
    return q;
}

QVector<CommentRow> CommentQuery::page(const CommentFilter &filter, qint64 beforeId, int limit)
{
    IdRange range;
    if (beforeId > 0)
        range.high = beforeId - 1;
    return rows(filter, range, limit);
}

QVector<CommentRow> CommentQuery::rows(const CommentFilter &filter, IdRange range, int limit,
                                       const QVector<qint64> &keep)
{
    QSqlQuery q = select(rowColumns, filter, range, keep, limit);
    QVector<CommentRow> rows;
    QHash<qint64, qint64> profileOf;
    while (q.next()) {
        CommentRow row;
        row.id = q.value(0).toLongLong();
        row.respondentId = q.value(1).toLongLong();
        if (!q.value(2).isNull())
            row.submittedAt = q.value(2).toLongLong();
        row.score = q.value(3).toInt();
        row.comment = q.value(4).toString();
        row.starred = q.value(5).toInt() != 0;
        row.wave = q.value(6).toString();
        profileOf.insert(row.id, q.value(7).toLongLong());
        rows.append(row);
    }
    if (rows.isEmpty())
        return rows;

    // Attributes of the page's profiles, in one query.
    QSet<qint64> profiles;
    for (qint64 p : std::as_const(profileOf))
        if (p > 0)
            profiles.insert(p);
    QHash<qint64, QVector<QPair<QString, QString>>> attrs;
    if (!profiles.isEmpty()) {
        QStringList marks;
        QVariantList ids;
        for (qint64 p : profiles) {
            marks << QStringLiteral("?");
            ids << p;
        }
        QSqlQuery a = sql::run(m_db.connection(),
                               QStringLiteral("SELECT pv.profile_id, at.name, v.value FROM profile_values pv"
                                              " JOIN attributes at ON at.id = pv.attribute_id"
                                              " JOIN attribute_values v ON v.id = pv.value_id"
                                              " WHERE pv.profile_id IN (%1) ORDER BY at.id")
                                   .arg(marks.join(QLatin1Char(','))),
                               ids);
        while (a.next())
            attrs[a.value(0).toLongLong()].append({a.value(1).toString(), a.value(2).toString()});
    }
    for (CommentRow &row : rows)
        row.attributes = attrs.value(profileOf.value(row.id));
    attachTagsAndAttributes(rows);
    return rows;
}

void CommentQuery::attachTagsAndAttributes(QVector<CommentRow> &rows)
{
    QStringList marks;
    QVariantList ids;
    QHash<qint64, int> index;
    for (int i = 0; i < rows.size(); ++i) {
        marks << QStringLiteral("?");
        ids << rows.at(i).id;
        index.insert(rows.at(i).id, i);
    }
    QSqlQuery t = sql::run(m_db.connection(),
                           QStringLiteral("SELECT rt.response_id, t.id, t.name, t.color FROM response_tags rt"
                                          " JOIN tags t ON t.id = rt.tag_id WHERE rt.response_id IN (%1)"
                                          " ORDER BY t.name COLLATE NOCASE")
                               .arg(marks.join(QLatin1Char(','))),
                           ids);
    while (t.next()) {
        const int i = index.value(t.value(0).toLongLong(), -1);
        if (i >= 0)
            rows[i].tags.append({t.value(1).toLongLong(), t.value(2).toString(), t.value(3).toString()});
    }
}

qint64 CommentQuery::count(const CommentFilter &filter)
{
    const SqlCondition c = condition(filter);
    return sql::scalar(m_db.connection(), QStringLiteral("SELECT count(*) FROM responses r WHERE ") + c.where,
                       c.values, 0)
        .toLongLong();
}

CommentPageIndex CommentQuery::pageIndex(const CommentFilter &filter, int pageSize,
                                         const QVector<qint64> &keep)
{
    CommentPageIndex index;
    index.pageSize = std::max(1, pageSize);
    QSqlQuery q = select(QStringLiteral("r.id"), filter, {}, keep, 0);
    while (q.next()) {
        if (index.total % index.pageSize == 0)
            index.firstIds.append(q.value(0).toLongLong());
        ++index.total;
    }
    return index;
}

QVector<qint64> CommentQuery::ids(const CommentFilter &filter)
{
    return ids(filter, {}, {});
}

QVector<qint64> CommentQuery::ids(const CommentFilter &filter, IdRange range, const QVector<qint64> &keep)
{
    QSqlQuery q = select(QStringLiteral("r.id"), filter, range, keep, 0);
    QVector<qint64> list;
    while (q.next())
        list.append(q.value(0).toLongLong());
    return list;
}

std::optional<CommentDetail> CommentQuery::detail(qint64 responseId)
{
    const QSqlDatabase c = m_db.connection();
    QSqlQuery q = sql::run(c,
                           QStringLiteral("SELECT %1, p.name, p.email, p.user_id, r.active FROM responses r"
                                          " LEFT JOIN waves w ON w.id = r.wave_id"
                                          " JOIN respondents p ON p.id = r.respondent_id WHERE r.id = ?")
                               .arg(rowColumns),
                           {responseId});
    if (!q.next())
        return std::nullopt;
    CommentDetail d;
    d.row.id = q.value(0).toLongLong();
    d.row.respondentId = q.value(1).toLongLong();
    if (!q.value(2).isNull())
        d.row.submittedAt = q.value(2).toLongLong();
    d.row.score = q.value(3).toInt();
    d.row.comment = q.value(4).toString();
    d.row.starred = q.value(5).toInt() != 0;
    d.row.wave = q.value(6).toString();
    const qint64 profile = q.value(7).toLongLong();
    d.respondentName = q.value(8).toString();
    d.respondentEmail = q.value(9).toString();
    d.userId = q.value(10).toString();
    if (!q.value(11).isNull())
        d.active = q.value(11).toInt() != 0;
    QSqlQuery a = sql::run(c,
                           QStringLiteral("SELECT at.name, v.value FROM profile_values pv"
                                          " JOIN attributes at ON at.id = pv.attribute_id"
                                          " JOIN attribute_values v ON v.id = pv.value_id"
                                          " WHERE pv.profile_id = ? ORDER BY at.id"),
                           {profile});
    while (a.next())
        d.row.attributes.append({a.value(0).toString(), a.value(1).toString()});
    QVector<CommentRow> one{d.row};
    attachTagsAndAttributes(one);
    d.row.tags = one.first().tags;
    QSqlQuery h =
        sql::run(c,
                 QStringLiteral("SELECT r.id, r.submitted_at, r.score, w.name, r.comment FROM responses r"
                                " LEFT JOIN waves w ON w.id = r.wave_id WHERE r.respondent_id = ?"
                                " ORDER BY r.submitted_at, r.id"),
                 {d.row.respondentId});
    while (h.next()) {
        ScoreHistoryEntry e;
        e.responseId = h.value(0).toLongLong();
        if (!h.value(1).isNull())
            e.submittedAt = h.value(1).toLongLong();
        e.score = h.value(2).toInt();
        e.wave = h.value(3).toString();
        e.comment = h.value(4).toString();
        d.history.append(e);
    }
    QSqlQuery f =
        sql::run(c, QStringLiteral("SELECT id, status FROM followups WHERE response_id = ?"), {responseId});
    if (f.next()) {
        d.followupId = f.value(0).toLongLong();
        d.followupStatus = f.value(1).toString();
    }
    return d;
}

} // namespace nps

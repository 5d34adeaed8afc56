#include "TagService.h"

#include "CommentSearch.h"
#include "common/Error.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QVariant>

namespace nps {

QString ruleKindName(RuleKind kind)
{
    switch (kind) {
    case RuleKind::Keyword:
        return QStringLiteral("keyword");
    case RuleKind::Phrase:
        return QStringLiteral("phrase");
    case RuleKind::Regex:
        return QStringLiteral("regex");
    }
    return {};
}

std::optional<RuleKind> ruleKindFromName(const QString &name)
{
    if (name == QLatin1String("keyword"))
        return RuleKind::Keyword;
    if (name == QLatin1String("phrase"))
        return RuleKind::Phrase;
    if (name == QLatin1String("regex"))
        return RuleKind::Regex;
    return std::nullopt;
}

namespace {

// Colours are stored as #rrggbb (core has no QColor: it is a GUI type).
std::optional<QString> normalColor(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"));
    const QString t = text.trimmed();
    if (!hex.match(t).hasMatch())
        return std::nullopt;
    if (t.size() == 4)
        return QStringLiteral("#%1%1%2%2%3%3").arg(t.at(1), t.at(2), t.at(3)).toLower();
    return t.toLower();
}

const char *const palette[] = {"#1f77b4", "#9467bd", "#17becf", "#8c564b", "#e377c2",
                               "#2ca02c", "#ff7f0e", "#7f7f7f", "#bcbd22", "#d62728"};

Tag readTag(const QSqlQuery &q)
{
    Tag t;
    t.id = q.value(0).toLongLong();
    t.name = q.value(1).toString();
    t.color = q.value(2).toString();
    if (!q.value(3).isNull())
        t.parentId = q.value(3).toLongLong();
    t.pinnedSlot = q.value(4).isNull() ? 0 : q.value(4).toInt();
    t.count = q.value(5).toLongLong();
    return t;
}

const QString tagColumns = QStringLiteral("t.id, t.name, t.color, t.parent_id, t.pinned_slot,"
                                          " (SELECT count(*) FROM response_tags rt WHERE rt.tag_id = t.id)");

QString ftsFor(const QString &pattern, RuleKind kind)
{
    const QString fts = kind == RuleKind::Phrase ? ftsPhrase(pattern) : ftsExpression(pattern);
    if (fts.isEmpty())
        throw Error::badInput(QStringLiteral("the pattern '%1' has no word to look for").arg(pattern));
    return fts;
}

QRegularExpression regexFor(const QString &pattern)
{
    QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption |
                                       QRegularExpression::UseUnicodePropertiesOption);
    if (!re.isValid())
        throw Error::badInput(QStringLiteral("invalid regular expression '%1': %2 (at offset %3)")
                                  .arg(pattern, re.errorString())
                                  .arg(re.patternErrorOffset()));
    re.optimize();
    return re;
}

} // namespace

// One transaction per public write, also when one write calls another
// (create() sets the parent and the slot) or the caller already holds one.
class TagService::WriteScope
{
public:
    explicit WriteScope(TagService &service)
        : m_service(service)
    {
        if (!service.m_callerOwnsTransaction && service.m_writeDepth == 0)
            m_transaction.emplace(service.m_db.connection());
        ++service.m_writeDepth;
    }
    ~WriteScope() { --m_service.m_writeDepth; }
    void commit()
    {
        if (m_transaction)
            m_transaction->commit();
    }

private:
    TagService &m_service;
    std::optional<Transaction> m_transaction;
};

TagService::TagService(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

TagService::TagService(Database &db, const Clock &clock, TransactionMode mode)
    : m_db(db)
    , m_clock(clock)
    , m_callerOwnsTransaction(mode == TransactionMode::CallerOwns)
{
}

QVector<Tag> TagService::tags() const
{
    QSqlQuery q = sql::run(m_db.connection(),
                           QStringLiteral("SELECT %1 FROM tags t LEFT JOIN tags p ON p.id = t.parent_id"
                                          " ORDER BY COALESCE(p.name, t.name) COLLATE NOCASE,"
                                          " t.parent_id IS NOT NULL, t.name COLLATE NOCASE")
                               .arg(tagColumns));
    QVector<Tag> list;
    while (q.next())
        list.append(readTag(q));
    return list;
}

std::optional<Tag> TagService::tag(qint64 id) const
{
    QSqlQuery q = sql::run(m_db.connection(),
                           QStringLiteral("SELECT %1 FROM tags t WHERE t.id = ?").arg(tagColumns), {id});
    if (!q.next())
        return std::nullopt;
    return readTag(q);
}

std::optional<Tag> TagService::tagByName(const QString &name) const
{
    QSqlQuery q =
        sql::run(m_db.connection(), QStringLiteral("SELECT %1 FROM tags t WHERE t.name = ?").arg(tagColumns),
                 {name.trimmed()});
    if (!q.next())
        return std::nullopt;
    return readTag(q);
}

qint64 TagService::usageCount(qint64 tagId) const
{
    return sql::scalar(m_db.connection(),
                       QStringLiteral("SELECT count(*) FROM response_tags WHERE tag_id = ?"), {tagId}, 0)
        .toLongLong();
}

void TagService::checkName(const QString &name, qint64 exceptId) const
{
    if (name.trimmed().isEmpty())
        throw Error::badInput(QStringLiteral("a tag needs a name"));
    if (const auto existing = tagByName(name); existing && existing->id != exceptId)
        throw Error::badInput(QStringLiteral("a tag named '%1' already exists").arg(existing->name));
}

qint64 TagService::create(const QString &name, const QString &color, std::optional<qint64> parentId,
                          int pinnedSlot)
{
    checkName(name, 0);
    WriteScope transaction(*this);
    QString c = color;
    if (c.isEmpty()) {
        const qint64 n =
            sql::scalar(m_db.connection(), QStringLiteral("SELECT count(*) FROM tags"), {}, 0).toLongLong();
        c = QString::fromLatin1(palette[n % 10]);
    } else if (const auto normal = normalColor(c)) {
        c = *normal;
    } else {
        throw Error::badInput(QStringLiteral("'%1' is not a colour (use #rrggbb)").arg(color));
    }
    sql::run(m_db.connection(), QStringLiteral("INSERT INTO tags (name, color, created_at) VALUES (?, ?, ?)"),
             {name.trimmed(), c, m_clock.now().toSecsSinceEpoch()});
    const qint64 id =
        sql::scalar(m_db.connection(), QStringLiteral("SELECT last_insert_rowid()")).toLongLong();
    if (parentId)
        setParent(id, parentId);
    if (pinnedSlot)
        setPinnedSlot(id, pinnedSlot);
    transaction.commit();
    return id;
}

void TagService::rename(qint64 tagId, const QString &newName)
{
    checkName(newName, tagId);
    WriteScope transaction(*this);
    sql::run(m_db.connection(), QStringLiteral("UPDATE tags SET name = ? WHERE id = ?"),
             {newName.trimmed(), tagId});
    transaction.commit();
}

void TagService::setColor(qint64 tagId, const QString &color)
{
    const auto normal = normalColor(color);
    if (!normal)
        throw Error::badInput(QStringLiteral("'%1' is not a colour (use #rrggbb)").arg(color));
    WriteScope transaction(*this);
    sql::run(m_db.connection(), QStringLiteral("UPDATE tags SET color = ? WHERE id = ?"), {*normal, tagId});
    transaction.commit();
}

void TagService::setParent(qint64 tagId, std::optional<qint64> parentId)
{
    WriteScope transaction(*this);
    if (parentId) {
        const auto parent = tag(*parentId);
        if (!parent || *parentId == tagId)
            throw Error::badInput(QStringLiteral("no such parent tag"));
        if (parent->parentId)
            throw Error::badInput(
                QStringLiteral("'%1' is itself a sub-tag; tags nest one level only").arg(parent->name));
        if (sql::scalar(m_db.connection(), QStringLiteral("SELECT count(*) FROM tags WHERE parent_id = ?"),
                        {tagId}, 0)
                .toLongLong() > 0)
            throw Error::badInput(QStringLiteral("a tag with sub-tags cannot become a sub-tag"));
    }
    sql::run(m_db.connection(), QStringLiteral("UPDATE tags SET parent_id = ? WHERE id = ?"),
             {parentId ? QVariant(*parentId) : QVariant(QMetaType::fromType<qint64>()), tagId});
    transaction.commit();
}

void TagService::setPinnedSlot(qint64 tagId, int slot)
{
    if (slot < 0 || slot > 9)
        throw Error::badInput(QStringLiteral("pinned slots are 1 to 9"));
    WriteScope transaction(*this);
    if (slot > 0)
        sql::run(m_db.connection(),
                 QStringLiteral("UPDATE tags SET pinned_slot = NULL WHERE pinned_slot = ?"), {slot});
    sql::run(m_db.connection(), QStringLiteral("UPDATE tags SET pinned_slot = ? WHERE id = ?"),
             {slot > 0 ? QVariant(slot) : QVariant(QMetaType::fromType<int>()), tagId});
    transaction.commit();
}

std::optional<Tag> TagService::pinned(int slot) const
{
    QSqlQuery q =
        sql::run(m_db.connection(),
                 QStringLiteral("SELECT %1 FROM tags t WHERE t.pinned_slot = ?").arg(tagColumns), {slot});
    if (!q.next())
        return std::nullopt;
    return readTag(q);
}

TagSnapshot TagService::snapshot(qint64 tagId) const
{
    const QSqlDatabase c = m_db.connection();
    TagSnapshot s;
    QSqlQuery t = sql::run(
        c, QStringLiteral("SELECT %1, t.created_at FROM tags t WHERE t.id = ?").arg(tagColumns), {tagId});
    if (!t.next())
        throw Error::badInput(QStringLiteral("no such tag"));
    s.tag = readTag(t);
    s.createdAt = t.value(6).toLongLong();
    t.finish();
    QSqlQuery r = sql::prepare(c, QStringLiteral("SELECT response_id, source, created_at FROM response_tags"
                                                 " WHERE tag_id = ? ORDER BY response_id"));
    r.setForwardOnly(true);
    r.addBindValue(tagId);
    sql::exec(r);
    // Two sources exist; sharing their strings keeps a big tag's snapshot small.
    const QString manual = QStringLiteral("manual"), rule = QStringLiteral("rule");
    while (r.next()) {
        const QString source = r.value(1).toString();
        s.responses.append({r.value(0).toLongLong(),
                            source == rule     ? rule
                            : source == manual ? manual
                                               : source,
                            r.value(2).toLongLong()});
    }
    s.rules = readRules(QStringLiteral("WHERE r.tag_id = ?"), {tagId});
    QSqlQuery k = sql::run(c, QStringLiteral("SELECT id FROM tags WHERE parent_id = ? ORDER BY id"), {tagId});
    while (k.next())
        s.children.append(k.value(0).toLongLong());
    return s;
}

void TagService::recreate(const TagSnapshot &s)
{
    const QSqlDatabase c = m_db.connection();
    if (tag(s.tag.id))
        throw Error::badInput(
            QStringLiteral("cannot bring back the tag '%1': another tag has its id now").arg(s.tag.name));
    if (tagByName(s.tag.name))
        throw Error::badInput(
            QStringLiteral("cannot bring back the tag '%1': another tag has that name now").arg(s.tag.name));
    sql::run(
        c, QStringLiteral("INSERT INTO tags (id, name, color, parent_id, created_at) VALUES (?, ?, ?, ?, ?)"),
        {s.tag.id, s.tag.name, s.tag.color,
         s.tag.parentId ? QVariant(*s.tag.parentId) : QVariant(QMetaType::fromType<qint64>()), s.createdAt});
    if (s.tag.pinnedSlot)
        sql::run(c,
                 QStringLiteral("UPDATE tags SET pinned_slot = ? WHERE id = ?"
                                " AND NOT EXISTS (SELECT 1 FROM tags WHERE pinned_slot = ?)"),
                 {s.tag.pinnedSlot, s.tag.id, s.tag.pinnedSlot});
    restoreTags(s.tag.id, s.responses);
    QSqlQuery child = sql::prepare(c, QStringLiteral("UPDATE tags SET parent_id = ? WHERE id = ?"));
    for (qint64 id : s.children) {
        child.bindValue(0, s.tag.id);
        child.bindValue(1, id);
        sql::exec(child);
    }
}

qint64 TagService::merge(qint64 from, qint64 into, TagMerge *record)
{
    const QSqlDatabase c = m_db.connection();
    WriteScope transaction(*this);
    const auto source = tag(from);
    const auto target = tag(into);
    if (!source || !target)
        throw Error::badInput(QStringLiteral("no such tag"));
    if (from == into)
        throw Error::badInput(QStringLiteral("a tag cannot be merged into itself"));
    if (record) {
        record->source = snapshot(from);
        record->into = into;
        record->slotMoved = source->pinnedSlot && !target->pinnedSlot;
        record->added.clear();
        QSqlQuery q =
            sql::prepare(c, QStringLiteral("SELECT response_id FROM response_tags WHERE tag_id = ?"
                                           " AND response_id NOT IN (SELECT response_id"
                                           " FROM response_tags WHERE tag_id = ?) ORDER BY response_id"));
        q.setForwardOnly(true);
        q.addBindValue(from);
        q.addBindValue(into);
        sql::exec(q);
        while (q.next())
            record->added.append(q.value(0).toLongLong());
    }
    sql::run(c,
             QStringLiteral("INSERT OR IGNORE INTO response_tags (response_id, tag_id, source, created_at)"
                            " SELECT response_id, ?, source, created_at FROM response_tags WHERE tag_id = ?"),
             {into, from});
    sql::run(c, QStringLiteral("UPDATE tag_rules SET tag_id = ? WHERE tag_id = ?"), {into, from});
    // Children follow; one level of nesting is kept by hanging them on the
    // target's parent when the target is itself a child.
    const qint64 newParent = target->parentId.value_or(into);
    sql::run(c, QStringLiteral("UPDATE tags SET parent_id = ? WHERE parent_id = ? AND id <> ?"),
             {newParent, from, newParent});
    const int slot = source->pinnedSlot;
    sql::run(c, QStringLiteral("DELETE FROM tags WHERE id = ?"), {from});
    if (slot && !target->pinnedSlot)
        sql::run(c, QStringLiteral("UPDATE tags SET pinned_slot = ? WHERE id = ?"), {slot, into});
    transaction.commit();
    return source->count;
}

void TagService::unmerge(const TagMerge &merge)
{
    const QSqlDatabase c = m_db.connection();
    const qint64 from = merge.source.tag.id;
    WriteScope transaction(*this);
    if (merge.slotMoved)
        sql::run(c, QStringLiteral("UPDATE tags SET pinned_slot = NULL WHERE id = ? AND pinned_slot = ?"),
                 {merge.into, merge.source.tag.pinnedSlot});
    QSqlQuery drop =
        sql::prepare(c, QStringLiteral("DELETE FROM response_tags WHERE response_id = ? AND tag_id = ?"));
    for (qint64 id : merge.added) {
        drop.bindValue(0, id);
        drop.bindValue(1, merge.into);
        sql::exec(drop);
    }
    recreate(merge.source);
    // Its rules went to `into`; those still there come back.
    QSqlQuery back =
        sql::prepare(c, QStringLiteral("UPDATE tag_rules SET tag_id = ? WHERE id = ? AND tag_id = ?"));
    for (const TagRule &rule : merge.source.rules) {
        back.bindValue(0, from);
        back.bindValue(1, rule.id);
        back.bindValue(2, merge.into);
        sql::exec(back);
    }
    transaction.commit();
}

qint64 TagService::remove(qint64 tagId, TagSnapshot *removed)
{
    WriteScope transaction(*this);
    const qint64 n = usageCount(tagId);
    if (removed)
        *removed = snapshot(tagId);
    sql::run(m_db.connection(), QStringLiteral("DELETE FROM tags WHERE id = ?"), {tagId});
    transaction.commit();
    return n;
}

void TagService::restore(const TagSnapshot &snapshot)
{
    const QSqlDatabase c = m_db.connection();
    WriteScope transaction(*this);
    recreate(snapshot);
    // The rules were deleted with the tag. One whose id a new rule took in the
    // meantime comes back under a new id.
    QSqlQuery withId =
        sql::prepare(c, QStringLiteral("INSERT OR IGNORE INTO tag_rules (id, tag_id, pattern, kind,"
                                       " created_at, last_applied_at, last_applied_count)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery fresh =
        sql::prepare(c, QStringLiteral("INSERT INTO tag_rules (tag_id, pattern, kind, created_at,"
                                       " last_applied_at, last_applied_count)"
                                       " VALUES (?, ?, ?, ?, ?, ?)"));
    for (const TagRule &rule : snapshot.rules) {
        const QVariantList values{snapshot.tag.id,
                                  rule.pattern,
                                  ruleKindName(rule.kind),
                                  rule.createdAt,
                                  rule.lastAppliedAt ? QVariant(*rule.lastAppliedAt)
                                                     : QVariant(QMetaType::fromType<qint64>()),
                                  rule.lastAppliedCount ? QVariant(*rule.lastAppliedCount)
                                                        : QVariant(QMetaType::fromType<qint64>())};
        withId.bindValue(0, rule.id);
        for (int i = 0; i < values.size(); ++i)
            withId.bindValue(i + 1, values.at(i));
        sql::exec(withId);
        if (withId.numRowsAffected() > 0)
            continue;
        for (int i = 0; i < values.size(); ++i)
            fresh.bindValue(i, values.at(i));
        sql::exec(fresh);
    }
    transaction.commit();
}

QVector<qint64> TagService::addTag(qint64 tagId, const QVector<qint64> &responseIds, const QString &source)
{
    QVector<qint64> added;
    const QSqlDatabase c = m_db.connection();
    WriteScope transaction(*this);
    QSqlQuery insert =
        sql::prepare(c, QStringLiteral("INSERT OR IGNORE INTO response_tags"
                                       " (response_id, tag_id, source, created_at) VALUES (?, ?, ?, ?)"));
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    for (qint64 id : responseIds) {
        insert.bindValue(0, id);
        insert.bindValue(1, tagId);
        insert.bindValue(2, source);
        insert.bindValue(3, now);
        sql::exec(insert);
        if (insert.numRowsAffected() > 0)
            added.append(id);
    }
    transaction.commit();
    return added;
}

QVector<RemovedTag> TagService::removeTag(qint64 tagId, const QVector<qint64> &responseIds)
{
    QVector<RemovedTag> removed;
    const QSqlDatabase c = m_db.connection();
    WriteScope transaction(*this);
    QSqlQuery find = sql::prepare(c, QStringLiteral("SELECT source, created_at FROM response_tags"
                                                    " WHERE response_id = ? AND tag_id = ?"));
    QSqlQuery del =
        sql::prepare(c, QStringLiteral("DELETE FROM response_tags WHERE response_id = ? AND tag_id = ?"));
    for (qint64 id : responseIds) {
        find.bindValue(0, id);
        find.bindValue(1, tagId);
        sql::exec(find);
        if (!find.next())
            continue;
        removed.append({id, find.value(0).toString(), find.value(1).toLongLong()});
        find.finish();
        del.bindValue(0, id);
        del.bindValue(1, tagId);
        sql::exec(del);
    }
    transaction.commit();
    return removed;
}

void TagService::restoreTags(qint64 tagId, const QVector<RemovedTag> &removed)
{
    const QSqlDatabase c = m_db.connection();
    WriteScope transaction(*this);
    QSqlQuery insert =
        sql::prepare(c, QStringLiteral("INSERT OR IGNORE INTO response_tags"
                                       " (response_id, tag_id, source, created_at) VALUES (?, ?, ?, ?)"));
    for (const RemovedTag &r : removed) {
        insert.bindValue(0, r.responseId);
        insert.bindValue(1, tagId);
        insert.bindValue(2, r.source);
        insert.bindValue(3, r.createdAt);
        sql::exec(insert);
    }
    transaction.commit();
}

QVector<qint64> TagService::setStarred(const QVector<qint64> &responseIds, bool starred)
{
    QVector<qint64> changed;
    const QSqlDatabase c = m_db.connection();
    WriteScope transaction(*this);
    QSqlQuery update =
        sql::prepare(c, QStringLiteral("UPDATE responses SET starred = ? WHERE id = ? AND starred <> ?"));
    for (qint64 id : responseIds) {
        update.bindValue(0, starred ? 1 : 0);
        update.bindValue(1, id);
        update.bindValue(2, starred ? 1 : 0);
        sql::exec(update);
        if (update.numRowsAffected() > 0)
            changed.append(id);
    }
    transaction.commit();
    return changed;
}

qint64 TagService::countAmong(const QString &statement, const QVariantList &leading,
                              const QVector<qint64> &responseIds) const
{
    QSqlQuery q = sql::prepare(m_db.connection(), statement);
    q.setForwardOnly(true);
    qint64 n = 0;
    for (qint64 id : responseIds) {
        int i = 0;
        for (const QVariant &v : leading)
            q.bindValue(i++, v);
        q.bindValue(i, id);
        sql::exec(q);
        if (q.next())
            ++n;
        q.finish();
    }
    return n;
}

qint64 TagService::countCarrying(qint64 tagId, const QVector<qint64> &responseIds) const
{
    return countAmong(QStringLiteral("SELECT 1 FROM response_tags WHERE tag_id = ? AND response_id = ?"),
                      {tagId}, responseIds);
}

qint64 TagService::countStarred(const QVector<qint64> &responseIds) const
{
    return countAmong(QStringLiteral("SELECT 1 FROM responses WHERE starred = 1 AND id = ?"), {},
                      responseIds);
}

qint64 TagService::addRule(qint64 tagId, const QString &pattern, RuleKind kind)
{
    if (!tag(tagId))
        throw Error::badInput(QStringLiteral("no such tag"));
    if (kind == RuleKind::Regex)
        regexFor(pattern);
    else
        ftsFor(pattern, kind);
    WriteScope transaction(*this);
    sql::run(m_db.connection(),
             QStringLiteral("INSERT INTO tag_rules (tag_id, pattern, kind, created_at) VALUES (?, ?, ?, ?)"),
             {tagId, pattern, ruleKindName(kind), m_clock.now().toSecsSinceEpoch()});
    const qint64 id =
        sql::scalar(m_db.connection(), QStringLiteral("SELECT last_insert_rowid()")).toLongLong();
    transaction.commit();
    return id;
}

QVector<TagRule> TagService::rules() const
{
    return readRules({}, {});
}

QVector<TagRule> TagService::readRules(const QString &where, const QVariantList &values) const
{
    QSqlQuery q =
        sql::run(m_db.connection(),
                 QStringLiteral("SELECT r.id, r.tag_id, t.name, r.pattern, r.kind, r.last_applied_at,"
                                " r.last_applied_count, r.created_at FROM tag_rules r"
                                " JOIN tags t ON t.id = r.tag_id %1"
                                " ORDER BY t.name COLLATE NOCASE, r.id")
                     .arg(where),
                 values);
    QVector<TagRule> list;
    while (q.next()) {
        TagRule r;
        r.id = q.value(0).toLongLong();
        r.tagId = q.value(1).toLongLong();
        r.tagName = q.value(2).toString();
        r.pattern = q.value(3).toString();
        r.kind = ruleKindFromName(q.value(4).toString()).value_or(RuleKind::Keyword);
        if (!q.value(5).isNull())
            r.lastAppliedAt = q.value(5).toLongLong();
        if (!q.value(6).isNull())
            r.lastAppliedCount = q.value(6).toLongLong();
        r.createdAt = q.value(7).toLongLong();
        list.append(r);
    }
    return list;
}

void TagService::removeRule(qint64 ruleId)
{
    WriteScope transaction(*this);
    sql::run(m_db.connection(), QStringLiteral("DELETE FROM tag_rules WHERE id = ?"), {ruleId});
    transaction.commit();
}

void TagService::scanNew(qint64 tagId, const QString &pattern, RuleKind kind,
                         const std::function<bool(qint64, const QString &)> &hit)
{
    const QSqlDatabase c = m_db.connection();
    if (kind == RuleKind::Regex) {
        const QRegularExpression re = regexFor(pattern);
        QSqlQuery q =
            sql::prepare(c, QStringLiteral("SELECT id, comment FROM responses WHERE comment IS NOT NULL"
                                           " AND id NOT IN (SELECT response_id FROM response_tags"
                                           " WHERE tag_id = ?) ORDER BY id"));
        q.setForwardOnly(true);
        q.addBindValue(tagId);
        sql::exec(q);
        while (q.next()) {
            const QString text = q.value(1).toString();
            if (re.match(text).hasMatch() && !hit(q.value(0).toLongLong(), text))
                return;
        }
        return;
    }
    QSqlQuery q = sql::prepare(c, QStringLiteral("SELECT r.id, r.comment FROM comments_fts"
                                                 " JOIN responses r ON r.id = comments_fts.rowid"
                                                 " WHERE comments_fts MATCH ? AND r.id NOT IN"
                                                 " (SELECT response_id FROM response_tags WHERE tag_id = ?)"
                                                 " ORDER BY comments_fts.rowid"));
    q.setForwardOnly(true);
    q.addBindValue(ftsFor(pattern, kind));
    q.addBindValue(tagId);
    sql::exec(q);
    while (q.next()) {
        if (!hit(q.value(0).toLongLong(), q.value(1).toString()))
            return;
    }
}

qint64 TagService::countMatches(const QString &pattern, RuleKind kind)
{
    if (kind == RuleKind::Regex) {
        const QRegularExpression re = regexFor(pattern);
        QSqlQuery q = sql::prepare(m_db.connection(), QStringLiteral("SELECT comment FROM responses"
                                                                     " WHERE comment IS NOT NULL"));
        q.setForwardOnly(true);
        sql::exec(q);
        qint64 n = 0;
        while (q.next())
            n += re.match(q.value(0).toString()).hasMatch() ? 1 : 0;
        return n;
    }
    return sql::scalar(m_db.connection(),
                       QStringLiteral("SELECT count(*) FROM comments_fts WHERE comments_fts MATCH ?"),
                       {ftsFor(pattern, kind)}, 0)
        .toLongLong();
}

RulePreview TagService::preview(qint64 tagId, const QString &pattern, RuleKind kind, int samples)
{
    RulePreview p;
    scanNew(tagId, pattern, kind, [&](qint64 id, const QString &text) {
        ++p.newTags;
        if (p.samples.size() < samples)
            p.samples.append({id, text});
        return true;
    });
    p.matches = countMatches(pattern, kind);
    return p;
}

qint64 TagService::applyRule(qint64 ruleId, QVector<qint64> *addedIds)
{
    QSqlQuery r =
        sql::run(m_db.connection(),
                 QStringLiteral("SELECT tag_id, pattern, kind FROM tag_rules WHERE id = ?"), {ruleId});
    if (!r.next())
        throw Error::badInput(QStringLiteral("no such rule"));
    const qint64 tagId = r.value(0).toLongLong();
    const QString pattern = r.value(1).toString();
    const RuleKind kind = ruleKindFromName(r.value(2).toString()).value_or(RuleKind::Keyword);
    r.finish();

    const QSqlDatabase c = m_db.connection();
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    WriteScope transaction(*this);
    qint64 added = 0;
    if (kind == RuleKind::Regex || addedIds) {
        // Forward-only scan, inserts in batches through one prepared statement.
        QSqlQuery insert = sql::prepare(c, QStringLiteral("INSERT OR IGNORE INTO response_tags"
                                                          " (response_id, tag_id, source, created_at)"
                                                          " VALUES (?, ?, 'rule', ?)"));
        QVariantList batch;
        auto flush = [&]() {
            if (batch.isEmpty())
                return;
            QVariantList tags, times;
            for (qsizetype i = 0; i < batch.size(); ++i) {
                tags << tagId;
                times << now;
            }
            insert.addBindValue(batch);
            insert.addBindValue(tags);
            insert.addBindValue(times);
            if (!insert.execBatch())
                throw Error::storage(
                    QStringLiteral("cannot tag comments: %1").arg(insert.lastError().text()));
            batch.clear();
        };
        scanNew(tagId, pattern, kind, [&](qint64 id, const QString &) {
            batch << id;
            ++added;
            if (addedIds)
                addedIds->append(id);
            if (batch.size() >= 2000)
                flush();
            return true;
        });
        flush();
    } else {
        QSqlQuery insert = sql::run(c,
                                    QStringLiteral("INSERT OR IGNORE INTO response_tags"
                                                   " (response_id, tag_id, source, created_at)"
                                                   " SELECT rowid, ?, 'rule', ? FROM comments_fts"
                                                   " WHERE comments_fts MATCH ?"),
                                    {tagId, now, ftsFor(pattern, kind)});
        added = insert.numRowsAffected();
    }
    sql::run(c,
             QStringLiteral("UPDATE tag_rules SET last_applied_at = ?, last_applied_count = ? WHERE id = ?"),
             {now, added, ruleId});
    transaction.commit();
    return added;
}

qint64 TagService::applyAllRules(QVector<RuleRun> *runs)
{
    qint64 total = 0;
    for (const TagRule &rule : rules()) {
        if (!runs) {
            total += applyRule(rule.id);
            continue;
        }
        RuleRun run{rule.id, rule.tagId, {}};
        total += applyRule(rule.id, &run.added);
        if (!run.added.isEmpty())
            runs->append(std::move(run));
    }
    return total;
}

} // namespace nps

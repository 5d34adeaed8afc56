#pragma once

#include "clock/Clock.h"

#include <QString>
#include <QVector>
#include <functional>
#include <optional>

namespace nps {

class Database;

struct Tag
{
    qint64 id = 0;
    QString name;
    QString color;
    std::optional<qint64> parentId;
    int pinnedSlot = 0; // 1..9, 0 when not pinned
    qint64 count = 0;   // responses carrying it
};

enum class RuleKind { Keyword, Phrase, Regex };
QString ruleKindName(RuleKind kind);
std::optional<RuleKind> ruleKindFromName(const QString &name);

struct TagRule
{
    qint64 id = 0;
    qint64 tagId = 0;
    QString tagName;
    QString pattern;
    RuleKind kind = RuleKind::Keyword;
    std::optional<qint64> lastAppliedAt;
    std::optional<qint64> lastAppliedCount;
};

struct RulePreview
{
    qint64 matches = 0;                      // comments the pattern matches
    qint64 newTags = 0;                      // of which not tagged yet: what applying adds
    QVector<QPair<qint64, QString>> samples; // (response id, comment) of new ones
};

// A tag removed from a response, with how it had been added, so undo puts
// back exactly what was there.
struct RemovedTag
{
    qint64 responseId = 0;
    QString source;
    qint64 createdAt = 0;
};

// Tags, tagging, stars and rules. Every write is one transaction; methods that
// change response tags return exactly what changed so an undo stack can
// reverse it.
class TagService
{
public:
    explicit TagService(Database &db, const Clock &clock = systemClock());
    // For callers that already hold a Transaction (the demo generator): writes
    // then join it instead of opening their own.
    enum class TransactionMode { Own, CallerOwns };
    TagService(Database &db, const Clock &clock, TransactionMode mode);

    QVector<Tag> tags() const; // parents before their children, by name
    std::optional<Tag> tag(qint64 id) const;
    std::optional<Tag> tagByName(const QString &name) const;
    qint64 usageCount(qint64 tagId) const;

    // Throws BadInput for an empty or duplicate name, a parent that is itself a
    // child (one level only), or a slot outside 1..9.
    qint64 create(const QString &name, const QString &color = {},
                  std::optional<qint64> parentId = std::nullopt, int pinnedSlot = 0);
    void rename(qint64 tagId, const QString &newName);
    void setColor(qint64 tagId, const QString &color);
    void setParent(qint64 tagId, std::optional<qint64> parentId);
    // Takes the slot from whichever tag had it; 0 unpins.
    void setPinnedSlot(qint64 tagId, int slot);
    std::optional<Tag> pinned(int slot) const;
    // Re-tags every response of `from` with `into`, moves rules and children,
    // deletes `from`; returns how many responses `from` carried.
    qint64 merge(qint64 from, qint64 into);
    // Deletes the tag; returns how many responses lost it.
    qint64 remove(qint64 tagId);

    // Adds the tag to those of `responseIds` that do not carry it yet; returns them.
    QVector<qint64> addTag(qint64 tagId, const QVector<qint64> &responseIds,
                           const QString &source = QStringLiteral("manual"));
    QVector<RemovedTag> removeTag(qint64 tagId, const QVector<qint64> &responseIds);
    void restoreTags(qint64 tagId, const QVector<RemovedTag> &removed);
    // Sets the star; returns the ids whose value changed.
    QVector<qint64> setStarred(const QVector<qint64> &responseIds, bool starred);

    qint64 addRule(qint64 tagId, const QString &pattern, RuleKind kind);
    QVector<TagRule> rules() const;
    void removeRule(qint64 ruleId);
    // What applying would do; throws BadInput for an invalid regex or a
    // pattern with nothing searchable in it.
    RulePreview preview(qint64 tagId, const QString &pattern, RuleKind kind, int samples = 5);
    // Applies a stored rule (tags with source 'rule'); returns how many
    // responses it newly tagged and remembers when and how many.
    // `addedIds`, when given, receives the responses it tagged (for undo).
    qint64 applyRule(qint64 ruleId, QVector<qint64> *addedIds = nullptr);
    // Re-runs every stored rule (after an import); returns the total added.
    qint64 applyAllRules();

private:
    // Calls `hit(id, comment)` for each comment the pattern matches that does
    // not carry `tagId` yet, in id order; stops when it returns false.
    void scanNew(qint64 tagId, const QString &pattern, RuleKind kind,
                 const std::function<bool(qint64, const QString &)> &hit);
    qint64 countMatches(const QString &pattern, RuleKind kind);
    void checkName(const QString &name, qint64 exceptId) const;

    class WriteScope;

    Database &m_db;
    const Clock &m_clock;
    bool m_callerOwnsTransaction = false;
    int m_writeDepth = 0;
};

} // namespace nps

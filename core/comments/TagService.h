#pragma once

#include "clock/Clock.h"

#include <QString>
#include <QVariantList>
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
    qint64 createdAt = 0;
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

// A tag with everything that refers to it, taken as it is deleted or merged
// away, so that undo can put back exactly what was there.
struct TagSnapshot
{
    Tag tag; // its count is not used
    qint64 createdAt = 0;
    QVector<RemovedTag> responses;
    QVector<TagRule> rules;
    QVector<qint64> children; // sub-tags
};

// What merging one tag into another changed.
struct TagMerge
{
    TagSnapshot source;
    qint64 into = 0;
    QVector<qint64> added;  // responses that carried only the source, and gained `into`
    bool slotMoved = false; // `into` took over the source's number key
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
    // deletes `from`; returns how many responses `from` carried. `record`,
    // when given, receives what unmerge() needs.
    qint64 merge(qint64 from, qint64 into, TagMerge *record = nullptr);
    // Reverses a merge: `into` loses what it gained, `from` comes back as it was.
    void unmerge(const TagMerge &merge);
    // Deletes the tag; returns how many responses lost it. `removed`, when
    // given, receives everything restore() needs.
    qint64 remove(qint64 tagId, TagSnapshot *removed = nullptr);
    // Recreates a deleted tag with its id, colour, parent, number key (unless
    // another tag took it since), sub-tags, rules and response tags. Throws
    // BadInput when a tag with its id or name exists by now.
    void restore(const TagSnapshot &snapshot);

    // Adds the tag to those of `responseIds` that do not carry it yet; returns them.
    QVector<qint64> addTag(qint64 tagId, const QVector<qint64> &responseIds,
                           const QString &source = QStringLiteral("manual"));
    QVector<RemovedTag> removeTag(qint64 tagId, const QVector<qint64> &responseIds);
    void restoreTags(qint64 tagId, const QVector<RemovedTag> &removed);
    // Sets the star; returns the ids whose value changed.
    QVector<qint64> setStarred(const QVector<qint64> &responseIds, bool starred);
    // How many of `responseIds` carry the tag, and how many are starred.
    qint64 countCarrying(qint64 tagId, const QVector<qint64> &responseIds) const;
    qint64 countStarred(const QVector<qint64> &responseIds) const;

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
    // What one stored rule added when all were re-run.
    struct RuleRun
    {
        qint64 ruleId = 0;
        qint64 tagId = 0;
        QVector<qint64> added;
    };
    // Re-runs every stored rule (after an import); returns the total added.
    // `runs`, when given, receives what each rule tagged (for undo).
    qint64 applyAllRules(QVector<RuleRun> *runs = nullptr);

private:
    // Calls `hit(id, comment)` for each comment the pattern matches that does
    // not carry `tagId` yet, in id order; stops when it returns false.
    void scanNew(qint64 tagId, const QString &pattern, RuleKind kind,
                 const std::function<bool(qint64, const QString &)> &hit);
    qint64 countMatches(const QString &pattern, RuleKind kind);
    void checkName(const QString &name, qint64 exceptId) const;
    QVector<TagRule> readRules(const QString &where, const QVariantList &values) const;
    TagSnapshot snapshot(qint64 tagId) const;
    void recreate(const TagSnapshot &snapshot);
    qint64 countAmong(const QString &statement, const QVariantList &leading,
                      const QVector<qint64> &responseIds) const;

    class WriteScope;

    Database &m_db;
    const Clock &m_clock;
    bool m_callerOwnsTransaction = false;
    int m_writeDepth = 0;
};

} // namespace nps

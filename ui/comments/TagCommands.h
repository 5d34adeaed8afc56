#pragma once

#include "comments/CommentQuery.h"
#include "comments/TagService.h"

#include <QUndoCommand>

namespace nps::ui {

// What the undo commands act through: the screen's tag service (GUI-thread
// connection; tagging a selection is a few rows) and the list to refresh.
class TagEditor
{
public:
    virtual ~TagEditor() = default;
    virtual TagService &tagService() = 0;
    virtual void tagsChanged(const QVector<qint64> &ids, const TagRef &tag, bool present) = 0;
    virtual void starsChanged(const QVector<qint64> &ids, bool starred) = 0;
    virtual void tagRenamed(qint64 tagId, const QString &oldName, const QString &newName) = 0;
    // Tags came or went (create, delete, merge and their undo).
    virtual void tagsRestructured() = 0;
    // A tag's colour or number key changed.
    virtual void tagEdited(qint64 tagId) = 0;
    // An undo or redo that could not be done (the database changed under it);
    // nothing was written and the command has left the stack.
    virtual void commandFailed(const QString &message) = 0;
};

// Adds or removes one tag on a set of responses. Undo touches exactly the
// responses the action changed (those that already had the tag keep it) and
// puts removed tags back with their original source and time.
class TagCommand : public QUndoCommand
{
public:
    TagCommand(TagEditor &editor, const TagRef &tag, const QVector<qint64> &ids, bool add);
    void redo() override;
    void undo() override;
    int changedCount() const { return int(m_add ? m_added.size() : m_removed.size()); }

private:
    TagEditor &m_editor;
    TagRef m_tag;
    QVector<qint64> m_ids;
    bool m_add;
    QVector<qint64> m_added;
    QVector<RemovedTag> m_removed;
};

// A rule applied in the background: its tags are already in the database
// when the command is pushed, so the first redo does nothing; undo removes
// exactly the tags it added (the rule itself stays, to re-run later).
class RuleAppliedCommand : public QUndoCommand
{
public:
    RuleAppliedCommand(TagEditor &editor, const TagRef &tag, const QVector<qint64> &ids);
    void redo() override;
    void undo() override;

private:
    TagEditor &m_editor;
    TagRef m_tag;
    QVector<qint64> m_ids;
    bool m_applied = true;
};

class StarCommand : public QUndoCommand
{
public:
    StarCommand(TagEditor &editor, const QVector<qint64> &ids, bool starred);
    void redo() override;
    void undo() override;

private:
    TagEditor &m_editor;
    QVector<qint64> m_ids;
    bool m_starred;
    QVector<qint64> m_changed;
};

// Tag-level changes the screen has already made through the tag service
// before pushing them (so a refusal, such as a duplicate name, is reported and
// never reaches the stack): the redo run by the push does nothing. A later
// undo or redo that fails (say, another tag took the name meanwhile) writes
// nothing, is reported through the editor, and drops the command.
class AppliedTagCommand : public QUndoCommand
{
public:
    void redo() final;
    void undo() final;

protected:
    AppliedTagCommand(TagEditor &editor, const QString &text);
    virtual void forward() = 0;
    virtual void backward() = 0;
    TagEditor &m_editor;

private:
    void attempt(void (AppliedTagCommand::*step)());
    bool m_pushed = false;
};

// A tag that came into being (created) or went away (deleted) with all that
// referred to it; the other direction restores it exactly: id, colour,
// parent, number key, sub-tags, rules, every response tag with its source and time.
class TagLifeCommand : public AppliedTagCommand
{
protected:
    TagLifeCommand(TagEditor &editor, const QString &text, const TagSnapshot &snapshot, bool created);
    void forward() override;
    void backward() override;

private:
    void bringBack();
    void takeAway();
    TagSnapshot m_snapshot;
    bool m_created;
};

class CreateTagCommand : public TagLifeCommand
{
public:
    CreateTagCommand(TagEditor &editor, const Tag &created);
};

class DeleteTagCommand : public TagLifeCommand
{
public:
    DeleteTagCommand(TagEditor &editor, const TagSnapshot &deleted);
};

class RenameTagCommand : public AppliedTagCommand
{
public:
    RenameTagCommand(TagEditor &editor, qint64 tagId, const QString &oldName, const QString &newName);

protected:
    void forward() override;
    void backward() override;

private:
    qint64 m_tagId;
    QString m_oldName;
    QString m_newName;
};

class RecolorTagCommand : public AppliedTagCommand
{
public:
    RecolorTagCommand(TagEditor &editor, const Tag &tag, const QString &newColor);

protected:
    void forward() override;
    void backward() override;

private:
    qint64 m_tagId;
    QString m_oldColor;
    QString m_newColor;
};

// A tag moved under another tag (one level) or back to the top.
class ReparentTagCommand : public AppliedTagCommand
{
public:
    ReparentTagCommand(TagEditor &editor, const Tag &tag, std::optional<qint64> newParent);

protected:
    void forward() override;
    void backward() override;

private:
    qint64 m_tagId;
    std::optional<qint64> m_oldParent;
    std::optional<qint64> m_newParent;
};

// Pinning takes the number key from the tag that had it; undo gives it back
// and returns the tag to its own former key.
class PinTagCommand : public AppliedTagCommand
{
public:
    PinTagCommand(TagEditor &editor, const Tag &tag, int newSlot, std::optional<qint64> previousHolder);

protected:
    void forward() override;
    void backward() override;

private:
    qint64 m_tagId;
    int m_oldSlot;
    int m_newSlot;
    std::optional<qint64> m_previousHolder;
};

// Undo takes the target off the responses that got it from the merge only
// and recreates the source as it was; redo merges again.
class MergeTagCommand : public AppliedTagCommand
{
public:
    MergeTagCommand(TagEditor &editor, const TagMerge &merge, const QString &intoName);

protected:
    void forward() override;
    void backward() override;

private:
    TagMerge m_merge;
};

} // namespace nps::ui

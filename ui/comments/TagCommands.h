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

} // namespace nps::ui

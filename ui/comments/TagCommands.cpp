#include "TagCommands.h"

#include "common/Error.h"

namespace nps::ui {

namespace {

TagSnapshot bare(const Tag &tag)
{
    TagSnapshot s;
    s.tag = tag;
    return s;
}

} // namespace

TagCommand::TagCommand(TagEditor &editor, const TagRef &tag, const QVector<qint64> &ids, bool add)
    : m_editor(editor)
    , m_tag(tag)
    , m_ids(ids)
    , m_add(add)
{
    setText(add ? QStringLiteral("Tag %1 comment(s) %2").arg(ids.size()).arg(tag.name)
                : QStringLiteral("Remove %2 from %1 comment(s)").arg(ids.size()).arg(tag.name));
}

void TagCommand::redo()
{
    if (m_add) {
        m_added = m_editor.tagService().addTag(m_tag.id, m_ids);
        m_editor.tagsChanged(m_added, m_tag, true);
    } else {
        m_removed = m_editor.tagService().removeTag(m_tag.id, m_ids);
        QVector<qint64> ids;
        for (const RemovedTag &r : m_removed)
            ids.append(r.responseId);
        m_editor.tagsChanged(ids, m_tag, false);
    }
}

void TagCommand::undo()
{
    if (m_add) {
        m_editor.tagService().removeTag(m_tag.id, m_added);
        m_editor.tagsChanged(m_added, m_tag, false);
    } else {
        m_editor.tagService().restoreTags(m_tag.id, m_removed);
        QVector<qint64> ids;
        for (const RemovedTag &r : m_removed)
            ids.append(r.responseId);
        m_editor.tagsChanged(ids, m_tag, true);
    }
}

RuleAppliedCommand::RuleAppliedCommand(TagEditor &editor, const TagRef &tag, const QVector<qint64> &ids)
    : m_editor(editor)
    , m_tag(tag)
    , m_ids(ids)
{
    setText(QStringLiteral("Rule tagged %1 comment(s) %2").arg(ids.size()).arg(tag.name));
}

void RuleAppliedCommand::redo()
{
    if (m_applied)
        return;
    m_editor.tagService().addTag(m_tag.id, m_ids, QStringLiteral("rule"));
    m_editor.tagsChanged(m_ids, m_tag, true);
    m_applied = true;
}

void RuleAppliedCommand::undo()
{
    m_editor.tagService().removeTag(m_tag.id, m_ids);
    m_editor.tagsChanged(m_ids, m_tag, false);
    m_applied = false;
}

StarCommand::StarCommand(TagEditor &editor, const QVector<qint64> &ids, bool starred)
    : m_editor(editor)
    , m_ids(ids)
    , m_starred(starred)
{
    setText(starred ? QStringLiteral("Star %1 comment(s)").arg(ids.size())
                    : QStringLiteral("Unstar %1 comment(s)").arg(ids.size()));
}

void StarCommand::redo()
{
    m_changed = m_editor.tagService().setStarred(m_ids, m_starred);
    m_editor.starsChanged(m_changed, m_starred);
}

void StarCommand::undo()
{
    m_editor.tagService().setStarred(m_changed, !m_starred);
    m_editor.starsChanged(m_changed, !m_starred);
}

AppliedTagCommand::AppliedTagCommand(TagEditor &editor, const QString &text)
    : m_editor(editor)
{
    setText(text);
}

void AppliedTagCommand::redo()
{
    if (m_pushed)
        attempt(&AppliedTagCommand::forward);
    m_pushed = true;
}

void AppliedTagCommand::undo()
{
    attempt(&AppliedTagCommand::backward);
}

void AppliedTagCommand::attempt(void (AppliedTagCommand::*step)())
{
    try {
        (this->*step)();
    } catch (const Error &error) {
        // QUndoStack deletes a command made obsolete in its undo() or redo().
        setObsolete(true);
        m_editor.commandFailed(error.message());
    }
}

TagLifeCommand::TagLifeCommand(TagEditor &editor, const QString &text, const TagSnapshot &snapshot,
                               bool created)
    : AppliedTagCommand(editor, text)
    , m_snapshot(snapshot)
    , m_created(created)
{
}

void TagLifeCommand::forward()
{
    m_created ? bringBack() : takeAway();
}

void TagLifeCommand::backward()
{
    m_created ? takeAway() : bringBack();
}

void TagLifeCommand::bringBack()
{
    m_editor.tagService().restore(m_snapshot);
    m_editor.tagsRestructured();
}

void TagLifeCommand::takeAway()
{
    // A fresh snapshot: rules may have been added to the tag since.
    m_editor.tagService().remove(m_snapshot.tag.id, &m_snapshot);
    m_editor.tagsRestructured();
}

CreateTagCommand::CreateTagCommand(TagEditor &editor, const Tag &created)
    : TagLifeCommand(editor, QStringLiteral("Create tag %1").arg(created.name), bare(created), true)
{
}

DeleteTagCommand::DeleteTagCommand(TagEditor &editor, const TagSnapshot &deleted)
    : TagLifeCommand(editor, QStringLiteral("Delete tag %1").arg(deleted.tag.name), deleted, false)
{
}

RenameTagCommand::RenameTagCommand(TagEditor &editor, qint64 tagId, const QString &oldName,
                                   const QString &newName)
    : AppliedTagCommand(editor, QStringLiteral("Rename tag %1 to %2").arg(oldName, newName.trimmed()))
    , m_tagId(tagId)
    , m_oldName(oldName)
    , m_newName(newName.trimmed())
{
}

void RenameTagCommand::forward()
{
    m_editor.tagService().rename(m_tagId, m_newName);
    m_editor.tagRenamed(m_tagId, m_oldName, m_newName);
}

void RenameTagCommand::backward()
{
    m_editor.tagService().rename(m_tagId, m_oldName);
    m_editor.tagRenamed(m_tagId, m_newName, m_oldName);
}

RecolorTagCommand::RecolorTagCommand(TagEditor &editor, const Tag &tag, const QString &newColor)
    : AppliedTagCommand(editor, QStringLiteral("Colour of tag %1").arg(tag.name))
    , m_tagId(tag.id)
    , m_oldColor(tag.color)
    , m_newColor(newColor)
{
}

void RecolorTagCommand::forward()
{
    m_editor.tagService().setColor(m_tagId, m_newColor);
    m_editor.tagEdited(m_tagId);
}

void RecolorTagCommand::backward()
{
    m_editor.tagService().setColor(m_tagId, m_oldColor);
    m_editor.tagEdited(m_tagId);
}

ReparentTagCommand::ReparentTagCommand(TagEditor &editor, const Tag &tag, std::optional<qint64> newParent)
    : AppliedTagCommand(editor, QStringLiteral("Parent of tag %1").arg(tag.name))
    , m_tagId(tag.id)
    , m_oldParent(tag.parentId)
    , m_newParent(newParent)
{
}

void ReparentTagCommand::forward()
{
    m_editor.tagService().setParent(m_tagId, m_newParent);
    m_editor.tagsRestructured();
}

void ReparentTagCommand::backward()
{
    m_editor.tagService().setParent(m_tagId, m_oldParent);
    m_editor.tagsRestructured();
}

PinTagCommand::PinTagCommand(TagEditor &editor, const Tag &tag, int newSlot,
                             std::optional<qint64> previousHolder)
    : AppliedTagCommand(editor, newSlot > 0
                                    ? QStringLiteral("Pin tag %1 to key %2").arg(tag.name).arg(newSlot)
                                    : QStringLiteral("Unpin tag %1").arg(tag.name))
    , m_tagId(tag.id)
    , m_oldSlot(tag.pinnedSlot)
    , m_newSlot(newSlot)
    , m_previousHolder(previousHolder)
{
}

void PinTagCommand::forward()
{
    m_editor.tagService().setPinnedSlot(m_tagId, m_newSlot);
    m_editor.tagEdited(m_tagId);
}

void PinTagCommand::backward()
{
    TagService &service = m_editor.tagService();
    // The key goes back to its former holder first (which frees it from this
    // tag), then this tag gets its own former key.
    if (m_previousHolder && m_newSlot > 0 && service.tag(*m_previousHolder))
        service.setPinnedSlot(*m_previousHolder, m_newSlot);
    service.setPinnedSlot(m_tagId, m_oldSlot);
    m_editor.tagEdited(m_tagId);
}

MergeTagCommand::MergeTagCommand(TagEditor &editor, const TagMerge &merge, const QString &intoName)
    : AppliedTagCommand(editor, QStringLiteral("Merge tag %1 into %2").arg(merge.source.tag.name, intoName))
    , m_merge(merge)
{
}

void MergeTagCommand::forward()
{
    m_editor.tagService().merge(m_merge.source.tag.id, m_merge.into, &m_merge);
    m_editor.tagsRestructured();
}

void MergeTagCommand::backward()
{
    m_editor.tagService().unmerge(m_merge);
    m_editor.tagsRestructured();
}

} // namespace nps::ui

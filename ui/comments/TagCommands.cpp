#include "TagCommands.h"

namespace nps::ui {

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

} // namespace nps::ui

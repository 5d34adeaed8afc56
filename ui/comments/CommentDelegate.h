#pragma once

#include <QStyledItemDelegate>

class QTextLayout;

namespace nps::ui {

// One comment as a card: the score badge in its group colour, date and wave,
// the respondent's key attributes as chips, the first lines of the text with
// search hits highlighted, its tags in their colours, and the star.
class CommentDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit CommentDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The height of every card: header, chips, two lines of text, tags.
    static int cardHeight(const QFont &font);

    // Attributes shown as chips (the first few when empty).
    void setKeyAttributes(const QStringList &names) { m_keyAttributes = names; }

private:
    int textWidth(const QStyleOptionViewItem &option) const;
    qreal layoutText(QTextLayout &layout, int width) const;
    QStringList chips(const QModelIndex &index) const;

    QStringList m_keyAttributes;
};

} // namespace nps::ui

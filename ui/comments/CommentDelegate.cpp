#include "CommentDelegate.h"

#include "CommentListModel.h"
#include "common/GroupColors.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

namespace nps::ui {

namespace {

constexpr int margin = 8;
constexpr int badgeWidth = 30;
constexpr int lineHeight = 20;
constexpr int maxChips = 4;
constexpr int maxTextLines = 2; // the detail pane shows the whole comment

QColor groupColor(int group)
{
    switch (NpsGroup(group)) {
    case NpsGroup::Detractor:
        return detractorColor();
    case NpsGroup::Passive:
        return passiveColor();
    case NpsGroup::Promoter:
        return promoterColor();
    }
    return Qt::gray;
}

// Draws a rounded chip at x (baseline row `y`), returns the x after it.
int drawChip(QPainter *p, int x, int y, const QString &text, const QColor &fill, const QColor &fg,
             int maxRight)
{
    const QFontMetrics fm(p->font());
    const int w = fm.horizontalAdvance(text) + 12;
    if (x + w > maxRight)
        return x;
    QPainterPath path;
    path.addRoundedRect(QRectF(x, y + 2, w, lineHeight - 4), 7, 7);
    p->fillPath(path, fill);
    p->setPen(fg);
    p->drawText(QRect(x, y, w, lineHeight), Qt::AlignCenter, text);
    return x + w + 4;
}

} // namespace

CommentDelegate::CommentDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

int CommentDelegate::textWidth(const QStyleOptionViewItem &option) const
{
    int width = option.rect.width();
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        width = view->viewport()->width();
    return std::max(120, width - badgeWidth - 3 * margin);
}

qreal CommentDelegate::layoutText(QTextLayout &layout, int width) const
{
    QTextOption wrap;
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(wrap);
    layout.beginLayout();
    qreal height = 0;
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout.endLayout();
    return height;
}

QStringList CommentDelegate::chips(const QModelIndex &index) const
{
    const QStringList all = index.data(CommentListModel::AttributesRole).toStringList();
    QStringList shown;
    for (const QString &a : all) {
        const QString name = a.section(QStringLiteral(": "), 0, 0);
        if (m_keyAttributes.isEmpty() || m_keyAttributes.contains(name))
            shown << a.section(QStringLiteral(": "), 1);
        if (shown.size() == maxChips)
            break;
    }
    return shown;
}

QSize CommentDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    // Every card has the same height, whatever its row holds (or whether it is
    // loaded yet): the list can then use uniform item sizes and lay out a
    // million rows without asking for any of them.
    return {option.rect.width(), cardHeight(option.font)};
}

int CommentDelegate::cardHeight(const QFont &font)
{
    const int text = int(std::ceil(QFontMetricsF(font).lineSpacing() * maxTextLines));
    return margin + lineHeight * 2 + 4 + text + 4 + lineHeight + margin;
}

void CommentDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &pal = option.palette;
    painter->fillRect(r, selected ? pal.color(QPalette::Highlight).lighter(175) : pal.color(QPalette::Base));
    painter->setPen(pal.color(QPalette::Midlight));
    painter->drawLine(r.bottomLeft(), r.bottomRight());
    if (!index.data(CommentListModel::IdRole).isValid()) {
        // The row's page is on its way.
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(r.adjusted(margin * 2 + badgeWidth, margin, -margin, -margin),
                          Qt::AlignLeft | Qt::AlignTop, QStringLiteral("Loading..."));
        painter->restore();
        return;
    }
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 2));
        painter->drawRect(r.adjusted(1, 1, -1, -1));
    }

    // Score badge.
    const int score = index.data(CommentListModel::ScoreRole).toInt();
    const QColor color = groupColor(index.data(CommentListModel::GroupRole).toInt());
    QPainterPath badge;
    badge.addRoundedRect(QRectF(r.left() + margin, r.top() + margin, badgeWidth, badgeWidth - 4), 6, 6);
    painter->fillPath(badge, color);
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(Qt::white);
    painter->drawText(QRect(r.left() + margin, r.top() + margin, badgeWidth, badgeWidth - 4), Qt::AlignCenter,
                      QString::number(score));

    const int x0 = r.left() + margin * 2 + badgeWidth;
    const int right = r.right() - margin;
    int y = r.top() + margin;

    // Date, wave and star.
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.9);
    painter->setFont(small);
    painter->setPen(pal.color(QPalette::PlaceholderText));
    const QDateTime date = index.data(CommentListModel::DateRole).toDateTime();
    const QString header =
        QStringLiteral("%1   %2   #%3")
            .arg(date.isValid() ? date.date().toString(Qt::ISODate) : QStringLiteral("no date"),
                 index.data(CommentListModel::WaveRole).toString())
            .arg(index.data(CommentListModel::IdRole).toLongLong());
    painter->drawText(QRect(x0, y, right - x0 - 24, lineHeight), Qt::AlignLeft | Qt::AlignVCenter, header);
    if (index.data(CommentListModel::StarredRole).toBool()) {
        painter->setPen(QColor(0xe6, 0xa1, 0x00));
        painter->setFont(bold);
        painter->drawText(QRect(right - 20, y, 20, lineHeight), Qt::AlignCenter, QStringLiteral("\u2605"));
        painter->setFont(small);
    }
    y += lineHeight;

    // Key attributes as chips.
    int x = x0;
    for (const QString &chip : chips(index))
        x = drawChip(painter, x, y, chip, pal.color(QPalette::AlternateBase).darker(108),
                     pal.color(QPalette::Text), right);
    y += lineHeight + 4;

    // The comment, wrapped, with search hits highlighted; past the card's
    // lines, the last one ends in an ellipsis.
    painter->setFont(option.font);
    const int width = textWidth(option);
    // With "Has comment" off the list also holds answers without one.
    const QString answered = index.data(CommentListModel::CommentRole).toString();
    const bool noComment = answered.isEmpty();
    const QString comment = noComment ? QStringLiteral("No comment") : answered;
    QVector<QTextLayout::FormatRange> formats;
    for (const QVariant &hit : index.data(CommentListModel::HitsRole).toList()) {
        QTextLayout::FormatRange range;
        range.start = hit.toPoint().x();
        range.length = hit.toPoint().y();
        range.format.setBackground(QColor(0xff, 0xe5, 0x8f));
        range.format.setFontWeight(QFont::Bold);
        formats.append(range);
    }
    QTextLayout layout(comment, option.font);
    layout.setFormats(formats);
    layoutText(layout, width);
    if (layout.lineCount() > maxTextLines) {
        const int start = layout.lineAt(maxTextLines - 1).textStart();
        QString rest = comment.mid(start);
        rest.replace(QLatin1Char('\n'), QLatin1Char(' '));
        const QFontMetrics metrics(option.font);
        // Bold hits are wider than the plain text measured: shorten until it fits.
        for (int room = width; room > width / 2; room -= 4 * metrics.averageCharWidth()) {
            const QString text = comment.left(start) + metrics.elidedText(rest, Qt::ElideRight, room);
            QVector<QTextLayout::FormatRange> kept;
            for (const QTextLayout::FormatRange &f : std::as_const(formats)) {
                if (f.start + f.length <= text.size())
                    kept.append(f);
            }
            layout.setText(text);
            layout.setFormats(kept);
            layoutText(layout, width);
            if (layout.lineCount() <= maxTextLines)
                break;
        }
    }
    const qreal textHeight = QFontMetricsF(option.font).lineSpacing() * maxTextLines;
    painter->setPen(pal.color(noComment ? QPalette::PlaceholderText : QPalette::Text));
    painter->save();
    painter->setClipRect(QRectF(x0, y, width, textHeight), Qt::IntersectClip);
    layout.draw(painter, QPointF(x0, y));
    painter->restore();
    y += int(std::ceil(textHeight)) + 4;

    // Tags.
    x = x0;
    painter->setFont(small);
    for (const QVariant &v : index.data(CommentListModel::TagsRole).toList()) {
        const QVariantMap tag = v.toMap();
        const QColor tagColor(tag.value(QStringLiteral("color")).toString());
        x = drawChip(painter, x, y, tag.value(QStringLiteral("name")).toString(), tagColor,
                     tagColor.lightness() > 160 ? Qt::black : Qt::white, right);
    }
    painter->restore();
}

} // namespace nps::ui

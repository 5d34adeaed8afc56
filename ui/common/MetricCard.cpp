#include "MetricCard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace nps::ui {

QFrame *makeCardFrame(QWidget *parent)
{
    auto *frame = new QFrame(parent);
    frame->setObjectName(QStringLiteral("card"));
    frame->setStyleSheet(
        QStringLiteral("QFrame#card { background: palette(base); border: 1px solid palette(midlight);"
                       " border-radius: 8px; }"));
    return frame;
}

MetricCard::MetricCard(const QString &title, QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("card"));
    setStyleSheet(
        QStringLiteral("QFrame#card { background: palette(base); border: 1px solid palette(midlight);"
                       " border-radius: 8px; }"));
    setAccessibleName(title);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 12);
    layout->setSpacing(2);
    m_title = new QLabel(title);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setForegroundRole(QPalette::PlaceholderText);
    m_value = new QLabel(QStringLiteral("–"));
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.9);
    big.setBold(true);
    m_value->setFont(big);
    m_value->setAccessibleName(title + tr(" value"));
    m_caption = new QLabel;
    m_caption->setWordWrap(true);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_caption);
    layout->addStretch(1);
    setMinimumWidth(150);
}

void MetricCard::setValue(const QString &value, const QColor &color)
{
    m_value->setText(value);
    QPalette p = m_value->palette();
    p.setColor(QPalette::WindowText, color.isValid() ? color : palette().color(QPalette::Text));
    m_value->setPalette(p);
}

void MetricCard::setCaption(const QString &caption)
{
    m_caption->setText(caption);
}

QString MetricCard::value() const
{
    return m_value->text();
}

QString MetricCard::caption() const
{
    return m_caption->text();
}

} // namespace nps::ui

#pragma once

#include <QFrame>

class QLabel;

namespace nps::ui {

// A rounded card with a title, one big figure and a caption line: the building
// block of dashboard rows. Colours come from the palette (light and dark).
class MetricCard : public QFrame
{
    Q_OBJECT

public:
    explicit MetricCard(const QString &title, QWidget *parent = nullptr);

    void setValue(const QString &value, const QColor &color = {});
    void setCaption(const QString &caption);

    QString value() const;
    QLabel *captionLabel() const { return m_caption; }
    QString caption() const;

private:
    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_caption = nullptr;
};

// The same card frame, for custom content.
QFrame *makeCardFrame(QWidget *parent = nullptr);

} // namespace nps::ui

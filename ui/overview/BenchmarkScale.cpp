#include "BenchmarkScale.h"

#include "common/GroupColors.h"

#include <QPainter>
#include <QPainterPath>

namespace nps::ui {

BenchmarkScale::BenchmarkScale(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("NPS against benchmark bands"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void BenchmarkScale::setBands(const QVector<BenchmarkBand> &bands)
{
    m_bands = bands;
    update();
}

void BenchmarkScale::setValue(double nps, double ciLow, double ciHigh)
{
    m_nps = nps;
    m_low = ciLow;
    m_high = ciHigh;
    setAccessibleDescription(std::isnan(nps) ? tr("No answers")
                                             : tr("NPS %1, interval %2 to %3")
                                                   .arg(nps, 0, 'f', 1)
                                                   .arg(ciLow, 0, 'f', 1)
                                                   .arg(ciHigh, 0, 'f', 1));
    update();
}

QSize BenchmarkScale::sizeHint() const
{
    return {420, fontMetrics().height() * 4 + 18};
}

QSize BenchmarkScale::minimumSizeHint() const
{
    return {240, sizeHint().height()};
}

void BenchmarkScale::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int margin = fm.horizontalAdvance(QStringLiteral("-100")) / 2 + 2;
    const QRectF track(margin, fm.height() + 6, width() - 2 * margin, fm.height() * 1.1);
    auto xFor = [&](double v) {
        return track.left() + (qBound(-100.0, v, 100.0) + 100.0) / 200.0 * track.width();
    };

    const QColor text = palette().color(QPalette::Text);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    QColor trackColor = palette().color(QPalette::Mid);
    trackColor.setAlpha(60);
    QPainterPath trackPath;
    trackPath.addRoundedRect(track, 4, 4);
    p.fillPath(trackPath, trackColor);

    // Bands: red-ish below 0, green shades for good and excellent; user bands neutral.
    p.save();
    p.setClipPath(trackPath);
    for (const BenchmarkBand &band : m_bands) {
        if (band.low == band.high)
            continue;
        QColor c = band.high <= 0   ? detractorColor()
                   : band.low >= 50 ? promoterColor()
                   : band.low >= 30 ? promoterColor().lighter(130)
                                    : palette().color(QPalette::Highlight);
        c.setAlpha(band.low >= 30 && band.low < 50 ? 70 : 110);
        p.fillRect(QRectF(QPointF(xFor(band.low), track.top()), QPointF(xFor(band.high), track.bottom())), c);
    }
    p.restore();

    // Reference lines (low == high), e.g. the enterprise software average.
    p.setPen(QPen(muted, 1, Qt::DashLine));
    for (const BenchmarkBand &band : m_bands) {
        if (band.low == band.high)
            p.drawLine(QPointF(xFor(band.low), track.top() - 3), QPointF(xFor(band.low), track.bottom() + 3));
    }

    // Ticks and labels under the track.
    p.setPen(muted);
    for (int v : {-100, -50, 0, 30, 50, 100}) {
        const double x = xFor(v);
        p.drawLine(QPointF(x, track.bottom()), QPointF(x, track.bottom() + 3));
        const QString label = QString::number(v);
        const int w = fm.horizontalAdvance(label);
        p.drawText(QPointF(qBound(0.0, x - w / 2.0, width() - double(w)), track.bottom() + 4 + fm.ascent()),
                   label);
    }

    if (std::isnan(m_nps))
        return;
    // The interval as a bar, the score as a marker with its value above.
    const double y = track.center().y();
    QPen ciPen(text, 3);
    ciPen.setCapStyle(Qt::RoundCap);
    p.setPen(ciPen);
    p.drawLine(QPointF(xFor(m_low), y), QPointF(xFor(m_high), y));
    p.setPen(QPen(palette().color(QPalette::Base), 2));
    p.setBrush(text);
    p.drawEllipse(QPointF(xFor(m_nps), y), 6, 6);
    p.setPen(text);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const QString label =
        QStringLiteral("%1%2").arg(m_nps > 0 ? QStringLiteral("+") : QString()).arg(m_nps, 0, 'f', 1);
    const int w = QFontMetrics(bold).horizontalAdvance(label);
    p.drawText(QPointF(qBound(0.0, xFor(m_nps) - w / 2.0, width() - double(w)), fm.ascent()), label);
}

} // namespace nps::ui

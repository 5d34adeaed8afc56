#pragma once

#include "analysis/AnalysisTypes.h"

#include <QWidget>

namespace nps::ui {

// A horizontal -100..100 scale with the benchmark bands shaded, reference lines
// drawn, and the NPS with its confidence interval marked on it.
class BenchmarkScale : public QWidget
{
    Q_OBJECT

public:
    explicit BenchmarkScale(QWidget *parent = nullptr);

    void setBands(const QVector<BenchmarkBand> &bands);
    void setValue(double nps, double ciLow, double ciHigh);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QVector<BenchmarkBand> m_bands;
    double m_nps = std::nan("");
    double m_low = std::nan("");
    double m_high = std::nan("");
};

} // namespace nps::ui

#pragma once

#include <QSize>
#include <QString>

class QChart;
class QPainter;
class QImage;
class QRectF;

namespace nps::ui {

// What an exported chart carries besides the plot, so it can be pasted into a
// deck without explanation: a title, the filter in force, n and the CI method.
struct ChartExportOptions
{
    QSize size{1280, 720}; // logical size; PNG pixels are size * scale
    qreal scale = 1.0;     // 2 for high-DPI slides
    QString title;
    QString filterText; // ResponseFilter::describe()
    qint64 n = -1;      // responses behind the chart; < 0 leaves it out
    QString ciMethod;   // "95% CI, adjusted Wald (Rocks 2016)"; empty leaves it out
    QString note;       // extra footnote text (e.g. the multiple-testing correction)

    // Slide presets.
    static QSize fullHd() { return {1920, 1080}; }
    static QSize hd() { return {1280, 720}; }
};

enum class ChartFileFormat { Png, Svg, Pdf };

// From the file name's extension; false when it is none of .png .svg .pdf.
bool chartFormatFromPath(const QString &path, ChartFileFormat *format);
// "1920x1080" -> QSize; invalid QSize when malformed or outside 200..8000.
QSize parseChartSize(const QString &text);

// The footnote line: "Filter: ... · n = 6,000 · 95% CI, adjusted Wald".
QString chartFootnote(const ChartExportOptions &options);

// Paints title, chart and footnote into `rect`. The chart is laid out at the
// rect's size for the duration of the call, with animations off, and put back
// as it was afterwards (so an on-screen chart can be exported as shown).
void paintChart(QPainter &painter, const QRectF &rect, QChart *chart, const ChartExportOptions &options);

QImage renderChartImage(QChart *chart, const ChartExportOptions &options);

// Writes PNG, SVG or PDF by extension. Returns false with `error` set on failure.
bool exportChart(QChart *chart, const QString &path, const ChartExportOptions &options,
                 QString *error = nullptr);

} // namespace nps::ui

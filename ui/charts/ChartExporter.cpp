#include "ChartExporter.h"

#include <QChart>
#include <QFileInfo>
#include <QFont>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <memory>

namespace nps::ui {

namespace {

constexpr qreal kMarginRatio = 0.025;

// Lays the chart out for export and restores it afterwards. A chart shown in a
// QChartView already lives in the view's scene; a free-standing chart gets a
// scene of its own for the duration of the export.
class ChartStage
{
public:
    explicit ChartStage(QChart *chart)
        : m_chart(chart)
        , m_geometry(chart->geometry())
        , m_title(chart->title())
        , m_animations(chart->animationOptions())
    {
        if (!m_chart->scene()) {
            m_ownScene = std::make_unique<QGraphicsScene>();
            m_ownScene->addItem(m_chart);
        }
        m_chart->setAnimationOptions(QChart::NoAnimation);
        // The page draws the title itself, above the plot, in the export's fonts.
        m_chart->setTitle(QString());
    }
    ~ChartStage()
    {
        m_chart->setTitle(m_title);
        m_chart->setAnimationOptions(m_animations);
        m_chart->setGeometry(m_geometry);
        if (m_ownScene)
            m_ownScene->removeItem(m_chart);
    }
    ChartStage(const ChartStage &) = delete;
    ChartStage &operator=(const ChartStage &) = delete;

    void render(QPainter &painter, const QRectF &target, qreal zoom)
    {
        // Laid out at target / zoom and drawn scaled up, so axis labels and legends
        // grow with the export like the title does.
        m_chart->setGeometry(QRectF(QPointF(0, 0), target.size() / zoom));
        // Layout of a QGraphicsWidget is deferred; activate it so axes and legend are placed now.
        if (m_chart->layout())
            m_chart->layout()->activate();
        QGraphicsScene *scene = m_chart->scene();
        const QRectF source = m_chart->mapRectToScene(m_chart->rect());
        scene->render(&painter, target, source, Qt::IgnoreAspectRatio);
    }

private:
    QChart *m_chart;
    std::unique_ptr<QGraphicsScene> m_ownScene;
    QRectF m_geometry;
    QString m_title;
    QChart::AnimationOptions m_animations;
};

} // namespace

bool chartFormatFromPath(const QString &path, ChartFileFormat *format)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        *format = ChartFileFormat::Png;
    else if (suffix == QLatin1String("svg"))
        *format = ChartFileFormat::Svg;
    else if (suffix == QLatin1String("pdf"))
        *format = ChartFileFormat::Pdf;
    else
        return false;
    return true;
}

QSize parseChartSize(const QString &text)
{
    const QStringList parts = text.toLower().split(QLatin1Char('x'));
    if (parts.size() != 2)
        return {};
    bool okW = false;
    bool okH = false;
    const int w = parts[0].trimmed().toInt(&okW);
    const int h = parts[1].trimmed().toInt(&okH);
    if (!okW || !okH || w < 200 || h < 150 || w > 8000 || h > 8000)
        return {};
    return {w, h};
}

QString chartFootnote(const ChartExportOptions &options)
{
    QStringList parts;
    parts << QStringLiteral("Filter: %1")
                 .arg(options.filterText.isEmpty() ? QStringLiteral("All responses") : options.filterText);
    if (options.n >= 0)
        parts << QStringLiteral("n = %1").arg(QLocale(QLocale::English).toString(options.n));
    if (!options.ciMethod.isEmpty())
        parts << options.ciMethod;
    if (!options.note.isEmpty())
        parts << options.note;
    return parts.join(QStringLiteral("  \u00b7  "));
}

void paintChart(QPainter &painter, const QRectF &rect, QChart *chart, const ChartExportOptions &options)
{
    painter.save();
    painter.fillRect(rect, Qt::white);
    const qreal margin = std::max<qreal>(8.0, rect.height() * kMarginRatio);
    // Type sizes follow the page height so a 1920x1080 export reads like a 1280x720 one, only larger.
    QFont titleFont(QStringLiteral("DejaVu Sans"));
    titleFont.setPixelSize(std::max(14, int(rect.height() * 0.04)));
    titleFont.setBold(true);
    QFont noteFont(QStringLiteral("DejaVu Sans"));
    noteFont.setPixelSize(std::max(9, int(rect.height() * 0.018)));

    const QRectF inner = rect.adjusted(margin, margin, -margin, -margin);
    qreal top = inner.top();
    if (!options.title.isEmpty()) {
        painter.setFont(titleFont);
        painter.setPen(QColor(0x22, 0x22, 0x22));
        const qreal h = QFontMetricsF(titleFont).height();
        painter.drawText(QRectF(inner.left(), top, inner.width(), h), Qt::AlignLeft | Qt::AlignVCenter,
                         options.title);
        top += h + margin * 0.5;
    }
    const QString footnote = chartFootnote(options);
    painter.setFont(noteFont);
    const QRectF noteBox = QFontMetricsF(noteFont).boundingRect(
        QRectF(inner.left(), 0, inner.width(), inner.height()), Qt::TextWordWrap | Qt::AlignLeft, footnote);
    const qreal noteTop = inner.bottom() - noteBox.height();
    painter.setPen(QColor(0x55, 0x55, 0x55));
    painter.drawText(QRectF(inner.left(), noteTop, inner.width(), noteBox.height()),
                     Qt::TextWordWrap | Qt::AlignLeft, footnote);

    const QRectF plot(rect.left(), top, rect.width(), std::max<qreal>(10.0, noteTop - top - margin * 0.5));
    if (chart) {
        ChartStage stage(chart);
        // 720 logical pixels high is the chart's design size (a 1280x720 slide).
        stage.render(painter, plot, std::max<qreal>(0.75, rect.height() / 720.0));
    }
    painter.restore();
}

QImage renderChartImage(QChart *chart, const ChartExportOptions &options)
{
    const qreal scale = options.scale > 0 ? options.scale : 1.0;
    QImage image(QSize(qRound(options.size.width() * scale), qRound(options.size.height() * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paintChart(painter, QRectF(QPointF(0, 0), QSizeF(options.size)), chart, options);
    painter.end();
    return image;
}

bool exportChart(QChart *chart, const QString &path, const ChartExportOptions &options, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    ChartFileFormat format;
    if (!chartFormatFromPath(path, &format))
        return fail(QStringLiteral("%1: choose a .png, .svg or .pdf file name").arg(path));
    if (!options.size.isValid() || options.size.isEmpty())
        return fail(QStringLiteral("invalid export size"));
    const QRectF page(QPointF(0, 0), QSizeF(options.size));

    switch (format) {
    case ChartFileFormat::Png: {
        const QImage image = renderChartImage(chart, options);
        if (!image.save(path, "PNG"))
            return fail(QStringLiteral("%1: cannot write the PNG file").arg(path));
        return true;
    }
    case ChartFileFormat::Svg: {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(options.size);
        generator.setViewBox(page);
        generator.setTitle(options.title);
        generator.setDescription(chartFootnote(options));
        QPainter painter;
        if (!painter.begin(&generator))
            return fail(QStringLiteral("%1: cannot write the SVG file").arg(path));
        paintChart(painter, page, chart, options);
        painter.end();
        return true;
    }
    case ChartFileFormat::Pdf: {
        QPdfWriter writer(path);
        writer.setTitle(options.title);
        writer.setCreator(QStringLiteral("NPS Desk"));
        // One page shaped like the chart: 96 dpi logical pixels onto points.
        const QSizeF points(options.size.width() * 72.0 / 96.0, options.size.height() * 72.0 / 96.0);
        writer.setPageLayout(
            QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                        QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        writer.setResolution(96);
        QPainter painter;
        if (!painter.begin(&writer))
            return fail(QStringLiteral("%1: cannot write the PDF file").arg(path));
        const QRect target = painter.viewport();
        painter.setWindow(page.toRect());
        painter.setViewport(target);
        paintChart(painter, page, chart, options);
        painter.end();
        return true;
    }
    }
    return fail(QStringLiteral("unknown format"));
}

} // namespace nps::ui

#include "PivotTableModel.h"

#include "analysis/NpsMath.h"
#include "analysis/Period.h"
#include "common/GroupColors.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <cmath>

namespace nps::ui {

namespace {

const QString kNotSet = QStringLiteral("(not set)");

QColor blend(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

QString number(double value, int decimals)
{
    return std::isnan(value) ? QStringLiteral("\u2013") : QString::number(value, 'f', decimals);
}

QString signedNumber(double value, int decimals)
{
    if (std::isnan(value))
        return QStringLiteral("\u2013");
    return (value > 0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', decimals);
}

QString pValueText(double p)
{
    if (std::isnan(p))
        return QStringLiteral("not tested");
    if (p < 0.001)
        return QStringLiteral("p < 0.001");
    return QStringLiteral("p = %1").arg(QString::number(p, 'f', 3));
}

QString correctionLabel(Correction correction)
{
    switch (correction) {
    case Correction::Holm:
        return QStringLiteral("Holm");
    case Correction::BenjaminiHochberg:
        return QStringLiteral("Benjamini-Hochberg");
    case Correction::None:
        break;
    }
    return QStringLiteral("no correction");
}

} // namespace

QString pivotMetricName(PivotMetric metric)
{
    switch (metric) {
    case PivotMetric::Nps:
        return QStringLiteral("NPS");
    case PivotMetric::PromoterPercent:
        return QStringLiteral("% promoters");
    case PivotMetric::DetractorPercent:
        return QStringLiteral("% detractors");
    case PivotMetric::Count:
        return QStringLiteral("n (responses)");
    case PivotMetric::DetractorCount:
        return QStringLiteral("Detractors");
    }
    return {};
}

PivotTableModel::PivotTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void PivotTableModel::setResult(const PivotResult &result, const ResponseFilter &filter)
{
    beginResetModel();
    m_result = result;
    m_filter = filter;
    rebuildIndex();
    recomputeSpread();
    endResetModel();
}

void PivotTableModel::setMetric(PivotMetric metric)
{
    if (metric == m_metric)
        return;
    m_metric = metric;
    recomputeSpread();
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void PivotTableModel::setComparison(PivotComparison comparison)
{
    if (comparison == m_comparison)
        return;
    m_comparison = comparison;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int PivotTableModel::segmentColumnCount() const
{
    return std::max<int>(1, int(m_result.attributes.size()));
}

int PivotTableModel::periodColumnCount() const
{
    return int(m_result.periods.size()) + 1;
}

int PivotTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || (m_result.segments.isEmpty() && m_result.cells.isEmpty()))
        return 0;
    return int(m_result.segments.size()) + 1;
}

int PivotTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : segmentColumnCount() + periodColumnCount();
}

void PivotTableModel::rebuildIndex()
{
    m_cellIndex.clear();
    QHash<QString, int> rowOf;
    for (int r = 0; r < m_result.segments.size(); ++r)
        rowOf.insert(m_result.segments[r].join(QChar(0x1f)), r);
    QHash<QString, int> columnOf;
    for (int c = 0; c < m_result.periods.size(); ++c)
        columnOf.insert(m_result.periods[c].label, c);
    const qint64 stride = periodColumnCount();
    for (int i = 0; i < m_result.cells.size(); ++i) {
        const PivotCell &cell = m_result.cells[i];
        const int row =
            cell.isTotalRow ? int(m_result.segments.size()) : rowOf.value(cell.segment.join(QChar(0x1f)), -1);
        const int column =
            cell.isTotalColumn ? int(m_result.periods.size()) : columnOf.value(cell.period.label, -1);
        if (row < 0 || column < 0)
            continue;
        m_cellIndex.insert(qint64(row) * stride + column, i);
    }
}

const PivotCell *PivotTableModel::cellAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.column() < segmentColumnCount())
        return nullptr;
    const int column = index.column() - segmentColumnCount();
    const auto it = m_cellIndex.constFind(qint64(index.row()) * periodColumnCount() + column);
    return it == m_cellIndex.constEnd() ? nullptr : &m_result.cells[*it];
}

double PivotTableModel::metricValue(const NpsSummary &summary) const
{
    switch (m_metric) {
    case PivotMetric::Nps:
        return summary.nps;
    case PivotMetric::PromoterPercent:
        return summary.promoterPercent;
    case PivotMetric::DetractorPercent:
        return summary.detractorPercent;
    case PivotMetric::Count:
        return double(summary.n());
    case PivotMetric::DetractorCount:
        return double(summary.counts.detractors);
    }
    return std::nan("");
}

double PivotTableModel::overallValue() const
{
    const auto it = m_cellIndex.constFind(qint64(m_result.segments.size()) * periodColumnCount() +
                                          m_result.periods.size());
    return it == m_cellIndex.constEnd() ? std::nan("") : metricValue(m_result.cells[*it].summary);
}

void PivotTableModel::recomputeSpread()
{
    // The scale spans the largest reliable deviation from the overall value, so
    // colour differences stay visible whether segments differ by 5 or 50 points.
    const double centre = overallValue();
    double spread = 0;
    for (const PivotCell &cell : m_result.cells) {
        if (cell.summary.lowN || cell.isTotalRow)
            continue;
        const double v = metricValue(cell.summary);
        if (!std::isnan(v) && !std::isnan(centre))
            spread = std::max(spread, std::abs(v - centre));
    }
    m_spread = std::clamp(spread, 5.0, 50.0);
}

int PivotTableModel::significance(const PivotCell &cell) const
{
    if (cell.summary.lowN)
        return 0;
    if (m_comparison == PivotComparison::PreviousPeriod) {
        if (!cell.significant || std::isnan(cell.change))
            return 0;
        return cell.change > 0 ? 1 : -1;
    }
    if (!cell.vsTotalSignificant || std::isnan(cell.vsTotal))
        return 0;
    return cell.vsTotal > 0 ? 1 : -1;
}

QVariant PivotTableModel::background(const PivotCell &cell) const
{
    if (cell.summary.lowN)
        return QBrush(QColor(0xee, 0xee, 0xee));
    if (m_metric == PivotMetric::Count || m_metric == PivotMetric::DetractorCount)
        return {};
    const double value = metricValue(cell.summary);
    const double centre = overallValue();
    if (std::isnan(value) || std::isnan(centre))
        return {};
    double t = std::clamp((value - centre) / m_spread, -1.0, 1.0);
    if (m_metric == PivotMetric::DetractorPercent)
        t = -t; // more detractors is worse
    // Pale ends keep black text readable at full strength.
    const QColor end = t >= 0 ? promoterColor() : detractorColor();
    return QBrush(blend(Qt::white, end, std::abs(t) * 0.6));
}

QString PivotTableModel::tooltip(const PivotCell &cell) const
{
    const NpsSummary &s = cell.summary;
    const QString segment =
        cell.isTotalRow ? QStringLiteral("All segments") : cell.segment.join(QStringLiteral(" / "));
    const QString period = cell.isTotalColumn ? QStringLiteral("all periods") : cell.period.label;
    QString text = QStringLiteral("<b>%1</b> \u00b7 %2").arg(segment.toHtmlEscaped(), period.toHtmlEscaped());
    const double n = double(std::max<qint64>(1, s.n()));
    text += QStringLiteral("<br>n = %1: %2 promoters (%3%), %4 passives (%5%), %6 detractors (%7%)")
                .arg(s.n())
                .arg(s.counts.promoters)
                .arg(number(100.0 * double(s.counts.promoters) / n, 1))
                .arg(s.counts.passives)
                .arg(number(100.0 * double(s.counts.passives) / n, 1))
                .arg(s.counts.detractors)
                .arg(number(100.0 * double(s.counts.detractors) / n, 1));
    text += QStringLiteral("<br>NPS %1, %2% CI %3 to %4 (adjusted Wald)")
                .arg(number(s.nps, 1))
                .arg(qRound(s.confidence * 100))
                .arg(number(s.ci.low, 1), number(s.ci.high, 1));
    if (s.lowN) {
        text += QStringLiteral("<br><i>Fewer than %1 answers: unreliable, not tested for significance.</i>")
                    .arg(lowSampleThreshold);
        return text;
    }
    const QString correction = correctionLabel(m_result.correction);
    if (!cell.isTotalColumn && !std::isnan(cell.change)) {
        text += QStringLiteral("<br>Change vs previous period: %1 points, %2 (%3-adjusted %4)%5")
                    .arg(signedNumber(cell.change, 1), pValueText(cell.changePValue), correction,
                         pValueText(cell.changeAdjustedP),
                         cell.significant ? QStringLiteral(": <b>significant</b>")
                                          : QStringLiteral(": not significant"));
    }
    if (!cell.isTotalRow && !std::isnan(cell.vsTotal)) {
        text += QStringLiteral("<br>Vs total: %1 points, %2 against the other respondents (%3-adjusted %4)%5")
                    .arg(signedNumber(cell.vsTotal, 1), pValueText(cell.vsRestPValue), correction,
                         pValueText(cell.vsRestAdjustedP),
                         cell.vsTotalSignificant ? QStringLiteral(": <b>significant</b>")
                                                 : QStringLiteral(": not significant"));
    }
    text += QStringLiteral("<br><small>%1 correction over %2 change tests and %3 vs-total tests.</small>")
                .arg(correction)
                .arg(m_result.changeTests)
                .arg(m_result.totalTests);
    return text;
}

QVariant PivotTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const bool totalRow = isTotalRow(index.row());
    if (index.column() < segmentColumnCount()) {
        QString text;
        if (totalRow)
            text = index.column() == 0 ? QStringLiteral("Total") : QString();
        else
            text = m_result.segments[index.row()].value(
                index.column(), index.column() == 0 ? QStringLiteral("All responses") : QString());
        switch (role) {
        case Qt::DisplayRole:
        case ValueRole:
        case Qt::ToolTipRole:
            return text;
        case IsTotalRole:
            return totalRow;
        case Qt::FontRole:
            if (totalRow) {
                QFont font;
                font.setBold(true);
                return font;
            }
            return {};
        default:
            return {};
        }
    }

    const PivotCell *cell = cellAt(index);
    switch (role) {
    case IsTotalRole:
        return totalRow;
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    default:
        break;
    }
    if (!cell) {
        if (role == ValueRole)
            return std::nan("");
        if (role == CountRole)
            return qint64(0);
        return {};
    }
    const NpsSummary &s = cell->summary;
    switch (role) {
    case Qt::DisplayRole: {
        const double value = metricValue(s);
        const bool counts = m_metric == PivotMetric::Count || m_metric == PivotMetric::DetractorCount;
        QString text =
            counts ? QString::number(qint64(value))
                   : number(value, 0) + (m_metric == PivotMetric::Nps ? QString() : QStringLiteral("%"));
        const int marker = significance(*cell);
        if (marker > 0)
            text += QStringLiteral(" \u25b2");
        else if (marker < 0)
            text += QStringLiteral(" \u25bc");
        if (s.lowN)
            text += QStringLiteral("*");
        if (m_metric != PivotMetric::Count)
            text += QStringLiteral("\nn %1").arg(s.n());
        return text;
    }
    case ValueRole:
        return metricValue(s);
    case CountRole:
        return s.n();
    case LowSampleRole:
        return s.lowN;
    case SignificanceRole:
        return significance(*cell);
    case Qt::ToolTipRole:
        return tooltip(*cell);
    case Qt::BackgroundRole:
        return background(*cell);
    case Qt::ForegroundRole:
        if (s.lowN)
            return QBrush(QColor(0x88, 0x88, 0x88));
        // Dark text on the pale heat colours; the palette's own colour (dark mode) elsewhere.
        if (background(*cell).isValid())
            return QBrush(QColor(0x1e, 0x1e, 0x1e));
        return {};
    case Qt::FontRole:
        if (totalRow || cell->isTotalColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant PivotTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (section < segmentColumnCount())
        return m_result.attributes.value(section, QStringLiteral("Segment"));
    const int period = section - segmentColumnCount();
    if (period >= m_result.periods.size())
        return QStringLiteral("Total");
    return m_result.periods[period].label;
}

std::optional<ResponseFilter> PivotTableModel::cellFilter(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return std::nullopt;
    ResponseFilter filter = m_filter;
    if (!isTotalRow(index.row())) {
        const QStringList &values = m_result.segments[index.row()];
        for (int i = 0; i < m_result.attributes.size(); ++i) {
            const QString value = values.value(i);
            if (value == kNotSet || value.isEmpty())
                return std::nullopt; // "attribute missing" is not a filter the app can express
            filter.attributes.insert(m_result.attributes[i], {value});
        }
    }
    const int column = index.column() - segmentColumnCount();
    if (column < 0 || column >= m_result.periods.size() || m_result.periodKind == PeriodKind::None)
        return filter; // a segment column or the total column: every period
    const PeriodInfo &period = m_result.periods[column];
    if (period.undated)
        return std::nullopt;
    if (m_result.periodKind == PeriodKind::Wave) {
        filter.waves = QStringList{period.label};
        return filter;
    }
    const QDate start = periodStart(m_result.periodKind, period.ordinal);
    const QDate end = periodEnd(m_result.periodKind, period.ordinal);
    filter.from = filter.from && *filter.from > start ? *filter.from : start;
    filter.to = filter.to && *filter.to < end ? *filter.to : end;
    return filter;
}

PivotSortProxy::PivotSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PivotTableModel::SortRole);
}

bool PivotSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // The total row stays at the bottom in both sort orders.
    const bool leftTotal = left.data(PivotTableModel::IsTotalRole).toBool();
    const bool rightTotal = right.data(PivotTableModel::IsTotalRole).toBool();
    if (leftTotal != rightTotal)
        return sortOrder() == Qt::AscendingOrder ? rightTotal : leftTotal;
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.typeId() == QMetaType::Double || b.typeId() == QMetaType::Double) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        // Empty cells (NaN) go last in ascending order.
        if (std::isnan(x) || std::isnan(y))
            return !std::isnan(x) && std::isnan(y);
        return x < y;
    }
    return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
}

} // namespace nps::ui

#include "TrendTableModel.h"

#include <QHash>
#include <cmath>
#include <limits>

namespace nps::ui {

QString allResponsesLabel()
{
    return QStringLiteral("All responses");
}

TrendTableModel::TrendTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TrendTableModel::setResult(const PivotResult &result)
{
    beginResetModel();
    m_result = result;
    m_rows.clear();
    QHash<QString, int> periodIndex;
    int next = 0;
    for (const PeriodInfo &period : m_result.periods) {
        if (!period.undated)
            periodIndex.insert(period.label, next++);
    }
    // Segments in the engine's order, then everyone.
    QHash<QString, int> segmentOrder;
    for (int i = 0; i < m_result.segments.size(); ++i)
        segmentOrder.insert(m_result.segments[i].join(QStringLiteral(" / ")), i);
    for (const PivotCell &cell : m_result.cells) {
        if (cell.isTotalColumn || cell.period.undated || !periodIndex.contains(cell.period.label))
            continue;
        const QString segment =
            cell.isTotalRow ? allResponsesLabel() : cell.segment.join(QStringLiteral(" / "));
        m_rows.append({segment, periodIndex.value(cell.period.label), &cell});
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [&segmentOrder](const Row &a, const Row &b) {
        const int sa = segmentOrder.value(a.segment, std::numeric_limits<int>::max());
        const int sb = segmentOrder.value(b.segment, std::numeric_limits<int>::max());
        return sa != sb ? sa < sb : a.periodIndex < b.periodIndex;
    });
    endResetModel();
}

int TrendTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TrendTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrendTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const Row &row = m_rows[index.row()];
    const PivotCell &cell = *row.cell;
    const NpsSummary &s = cell.summary;
    if (role == PeriodOrderRole)
        return row.periodIndex;
    auto number = [](double v) { return std::isnan(v) ? QVariant() : QVariant(v); };
    QVariant value;
    switch (Column(index.column())) {
    case SegmentColumn:
        value = row.segment;
        break;
    case PeriodColumn:
        value = cell.period.label;
        break;
    case NColumn:
        value = s.n();
        break;
    case PromotersColumn:
        value = s.counts.promoters;
        break;
    case PassivesColumn:
        value = s.counts.passives;
        break;
    case DetractorsColumn:
        value = s.counts.detractors;
        break;
    case NpsColumn:
        value = number(s.nps);
        break;
    case CiLowColumn:
        value = number(s.ci.low);
        break;
    case CiHighColumn:
        value = number(s.ci.high);
        break;
    case ChangeColumn:
        value = number(cell.change);
        break;
    case PValueColumn:
        value = number(cell.changePValue);
        break;
    case AdjustedPValueColumn:
        value = number(cell.changeAdjustedP);
        break;
    case SignificantColumn:
        value = cell.significant;
        break;
    case ColumnCount:
        break;
    }
    switch (role) {
    case ValueRole:
        return value;
    case Qt::DisplayRole:
        if (index.column() == SignificantColumn)
            return cell.significant ? QStringLiteral("yes") : (s.lowN ? QStringLiteral("n < 30") : QString());
        if (value.typeId() == QMetaType::Double) {
            const int decimals =
                index.column() == PValueColumn || index.column() == AdjustedPValueColumn ? 3 : 1;
            return QString::number(value.toDouble(), 'f', decimals);
        }
        return value;
    case Qt::TextAlignmentRole:
        return index.column() <= PeriodColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                              : int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant TrendTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case SegmentColumn:
        return m_result.attributes.isEmpty() ? QStringLiteral("Segment")
                                             : m_result.attributes.join(QStringLiteral(" / "));
    case PeriodColumn:
        return QStringLiteral("Period");
    case NColumn:
        return QStringLiteral("n");
    case PromotersColumn:
        return QStringLiteral("Promoters");
    case PassivesColumn:
        return QStringLiteral("Passives");
    case DetractorsColumn:
        return QStringLiteral("Detractors");
    case NpsColumn:
        return QStringLiteral("NPS");
    case CiLowColumn:
        return QStringLiteral("CI low");
    case CiHighColumn:
        return QStringLiteral("CI high");
    case ChangeColumn:
        return QStringLiteral("Change");
    case PValueColumn:
        return QStringLiteral("p");
    case AdjustedPValueColumn:
        return QStringLiteral("Adjusted p");
    case SignificantColumn:
        return QStringLiteral("Significant");
    case ColumnCount:
        break;
    }
    return {};
}

TrendSortProxy::TrendSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TrendTableModel::SortRole);
}

bool TrendSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == TrendTableModel::PeriodColumn)
        return left.data(TrendTableModel::PeriodOrderRole).toInt() <
               right.data(TrendTableModel::PeriodOrderRole).toInt();
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (!a.isValid() || !b.isValid())
        return a.isValid() && !b.isValid(); // empty values last
    if (a.typeId() == QMetaType::QString)
        return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
    return a.toDouble() < b.toDouble();
}

} // namespace nps::ui

#pragma once

#include "analysis/AnalysisTypes.h"
#include "query/ResponseFilter.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSortFilterProxyModel>
#include <optional>

namespace nps::ui {

// What each pivot cell shows (the metric switch of the Segments screen).
enum class PivotMetric { Nps, PromoterPercent, DetractorPercent, Count, DetractorCount };
// What the up/down markers compare against.
enum class PivotComparison { PreviousPeriod, Total };

QString pivotMetricName(PivotMetric metric);

// A PivotResult as a table: one row per segment plus a total row (last), the
// segment value columns (one per attribute), then one column per period plus a
// total column. Cells show the chosen metric with its n; colour, markers,
// tooltips and the drill-down filter come from the same cell.
class PivotTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        ValueRole = Qt::UserRole +
                    1,    // the metric as a double (NaN for an empty cell); segment text in segment columns
        CountRole,        // n (qint64)
        LowSampleRole,    // bool: n < 30, greyed and never marked
        SignificanceRole, // int: +1 significantly up, -1 down, 0 none (for the chosen comparison)
        IsTotalRole,      // bool: the total row
        SortRole = ValueRole,
    };

    explicit PivotTableModel(QObject *parent = nullptr);

    // `filter` is the filter the pivot was computed with: the drill-down narrows it.
    void setResult(const PivotResult &result, const ResponseFilter &filter);
    const PivotResult &result() const { return m_result; }
    void setMetric(PivotMetric metric);
    PivotMetric metric() const { return m_metric; }
    void setComparison(PivotComparison comparison);
    PivotComparison comparison() const { return m_comparison; }

    int segmentColumnCount() const;
    int periodColumnCount() const; // periods + the total column
    bool isTotalRow(int row) const { return row == m_result.segments.size(); }
    // The cell at a model index, or nullptr (segment columns, empty cells).
    const PivotCell *cellAt(const QModelIndex &index) const;
    // Exactly the responses of a cell: the pivot's filter narrowed to the cell's
    // segment values and period. Nothing when the cell cannot be expressed as a
    // filter ("(not set)" values, undated responses).
    std::optional<ResponseFilter> cellFilter(const QModelIndex &index) const;
    // The metric of the total row's total column: the centre of the heat scale.
    double overallValue() const;
    double metricValue(const NpsSummary &summary) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString tooltip(const PivotCell &cell) const;
    QVariant background(const PivotCell &cell) const;
    int significance(const PivotCell &cell) const;
    void rebuildIndex();
    void recomputeSpread();

    PivotResult m_result;
    ResponseFilter m_filter;
    PivotMetric m_metric = PivotMetric::Nps;
    PivotComparison m_comparison = PivotComparison::PreviousPeriod;
    QHash<qint64, int> m_cellIndex; // row * columns + period column -> index into cells
    double m_spread = 20;           // half-width of the heat scale around the overall value
};

// Sorts by the raw value of a column while keeping the total row last.
class PivotSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit PivotSortProxy(QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace nps::ui

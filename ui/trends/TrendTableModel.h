#pragma once

#include "analysis/AnalysisTypes.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace nps::ui {

// One row per segment and period of a trend: the numbers behind the trend chart,
// sortable and exportable.
class TrendTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SegmentColumn,
        PeriodColumn,
        NColumn,
        PromotersColumn,
        PassivesColumn,
        DetractorsColumn,
        NpsColumn,
        CiLowColumn,
        CiHighColumn,
        ChangeColumn,
        PValueColumn,         // raw two-sided p of the change
        AdjustedPValueColumn, // after the multiple-testing correction
        SignificantColumn,
        ColumnCount
    };
    enum Role {
        ValueRole = Qt::UserRole + 1, // raw value (numbers as numbers, NaN as an invalid QVariant)
        PeriodOrderRole,              // position of the period, so sorting by period is chronological
        SortRole = ValueRole,
    };

    struct Row
    {
        QString segment;
        int periodIndex = 0;
        const PivotCell *cell = nullptr;
    };

    explicit TrendTableModel(QObject *parent = nullptr);

    // Rows of the pivot's segments and its total row ("All responses"), period
    // columns only (not the total column), dated periods only.
    void setResult(const PivotResult &result);
    const PivotResult &result() const { return m_result; }
    const Row &row(int index) const { return m_rows[index]; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PivotResult m_result;
    QVector<Row> m_rows;
};

class TrendSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit TrendSortProxy(QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

// The label of the total row in trends.
QString allResponsesLabel();

} // namespace nps::ui

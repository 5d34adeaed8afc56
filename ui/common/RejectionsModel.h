#pragma once

#include "import/ImportHistory.h"

#include <QAbstractTableModel>

namespace nps::ui {

// Rows an import refused, with where and why: the wizard lists those of a dry
// run, the Imports screen those stored with a past import.
class RejectionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Line, ColumnNumber, ColumnName, Value, Reason, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setRejections(const QVector<Rejection> &rows);
    // Stored rows carry their import too; the table shows the same columns.
    void setRejections(const QVector<RejectedRow> &rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<Rejection> m_rows;
};

} // namespace nps::ui

#include "RejectionsModel.h"

namespace nps::ui {

void RejectionsModel::setRejections(const QVector<Rejection> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void RejectionsModel::setRejections(const QVector<RejectedRow> &rows)
{
    setRejections(QVector<Rejection>(rows.cbegin(), rows.cend()));
}

int RejectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RejectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RejectionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Rejection &r = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() == Line || index.column() == ColumnNumber;
        return QVariant::fromValue(Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft));
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Line:
        return r.line > 0 ? QVariant(r.line) : QVariant();
    case ColumnNumber:
        return r.column > 0 ? QVariant(r.column) : QVariant();
    case ColumnName:
        return r.columnName;
    case Value:
        return r.value;
    case Reason:
        return r.reason;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RejectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Line:
        return tr("Line");
    case ColumnNumber:
        return tr("Column");
    case ColumnName:
        return tr("Column name");
    case Value:
        return tr("Value");
    case Reason:
        return tr("Reason");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace nps::ui

#pragma once

#include "import/ImportHistory.h"

#include <QAbstractTableModel>

namespace nps::ui {

// Past imports, newest first.
class ImportsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { File, Kind, ImportedAt, Rows, Imported, Duplicates, Rejected, Warnings, ColumnCount };
    enum Role { ImportIdRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    void setImports(const QVector<ImportEntry> &imports);
    const ImportEntry &entry(int row) const { return m_imports.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<ImportEntry> m_imports;
};

} // namespace nps::ui

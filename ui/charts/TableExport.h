#pragma once

#include "export/DataTable.h"

#include <QString>
#include <QStringList>

class QAbstractItemModel;

namespace nps::ui {

// Every table on screen is exportable the same three ways: CSV (formulas
// neutralised), XLSX, and the clipboard as tab-separated text.

// Reads a model (through any proxy, in the order shown) into a DataTable: the
// header from Qt::DisplayRole, the cells from `valueRole` (raw numbers, so
// CSV and XLSX keep them exact), falling back to Qt::DisplayRole.
DataTable tableFromModel(const QAbstractItemModel &model, int valueRole = Qt::DisplayRole);

// Tab-separated text that pastes into a spreadsheet as cells: tabs and line
// breaks inside a cell become spaces, and formula-like cells are neutralised.
QString toTsv(const DataTable &table);

// Puts the table on the clipboard as TSV (text/plain) and as an HTML table.
void copyToClipboard(const DataTable &table);

// Writes CSV or XLSX chosen by the extension; throws nps::Error on failure.
void saveTable(const DataTable &table, const QString &path, const QString &title = {},
               const QStringList &notes = {});

} // namespace nps::ui

#pragma once

#include "ChartExporter.h"
#include "export/DataTable.h"

#include <QSize>
#include <QString>
#include <QStringList>
#include <functional>

class QChart;
class QMenu;
class QWidget;

namespace nps::ui {

// The file picker behind a seam, so GUI tests never block on a native dialog.
// Returns the chosen path, or an empty string when cancelled.
using SaveFileChooser = std::function<QString(QWidget *parent, const QString &caption,
                                              const QString &suggestedName, const QString &nameFilter)>;
void setSaveFileChooser(SaveFileChooser chooser); // empty restores the QFileDialog one
QString chooseSaveFile(QWidget *parent, const QString &caption, const QString &suggestedName,
                       const QString &nameFilter);

// Asks for a custom PNG size ("1600x900"); behind a seam for the same reason.
// Returns an invalid size when cancelled.
using SizeChooser = std::function<QSize(QWidget *parent, const QSize &suggested)>;
void setSizeChooser(SizeChooser chooser); // empty restores the QInputDialog one

// What an export needs at the moment the user picks it (the chart and its
// footnote, or the table with its title and notes).
struct ChartSource
{
    std::function<QChart *()> chart; // may return nullptr when nothing is shown yet
    std::function<ChartExportOptions()> options;
    QString baseName; // suggested file name without extension
};

struct TableSource
{
    std::function<DataTable()> table;
    std::function<QString()> title;
    std::function<QStringList()> notes;
    QString baseName;
};

// "PNG 1920x1080 (slides)", "PNG 1280x720", "PNG 1280x720 at 2x (high-DPI)",
// "SVG", "PDF". Errors and successes are reported through `report`.
QMenu *createChartExportMenu(QWidget *parent, const ChartSource &source,
                             std::function<void(const QString &message)> report);
// "Save as CSV...", "Save as Excel (XLSX)...", "Copy (paste into a spreadsheet)".
QMenu *createTableExportMenu(QWidget *parent, const TableSource &source,
                             std::function<void(const QString &message)> report);

} // namespace nps::ui

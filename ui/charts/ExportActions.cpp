#include "ExportActions.h"

#include "TableExport.h"
#include "common/Error.h"

#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>

namespace nps::ui {

namespace {

SaveFileChooser &chooserSlot()
{
    static SaveFileChooser chooser;
    return chooser;
}

SizeChooser &sizeChooserSlot()
{
    static SizeChooser chooser;
    return chooser;
}

QSize chooseSize(QWidget *parent, const QSize &suggested)
{
    if (sizeChooserSlot())
        return sizeChooserSlot()(parent, suggested);
    bool ok = false;
    const QString text = QInputDialog::getText(
        parent, QStringLiteral("PNG size"),
        QStringLiteral("Width x height in pixels (200x150 to 8000x8000):"), QLineEdit::Normal,
        QStringLiteral("%1x%2").arg(suggested.width()).arg(suggested.height()), &ok);
    return ok ? parseChartSize(text) : QSize();
}

struct ChartPreset
{
    const char *label;
    const char *extension;
    QSize size;
    qreal scale;
};

} // namespace

void setSizeChooser(SizeChooser chooser)
{
    sizeChooserSlot() = std::move(chooser);
}

void setSaveFileChooser(SaveFileChooser chooser)
{
    chooserSlot() = std::move(chooser);
}

QString chooseSaveFile(QWidget *parent, const QString &caption, const QString &suggestedName,
                       const QString &nameFilter)
{
    if (chooserSlot())
        return chooserSlot()(parent, caption, suggestedName, nameFilter);
    return QFileDialog::getSaveFileName(parent, caption, QDir::home().filePath(suggestedName), nameFilter);
}

QMenu *createChartExportMenu(QWidget *parent, const ChartSource &source,
                             std::function<void(const QString &message)> report)
{
    auto *menu = new QMenu(parent);
    static const ChartPreset presets[] = {
        {"PNG 1920 x 1080 (slides)...", "png", {1920, 1080}, 1.0},
        {"PNG 1280 x 720...", "png", {1280, 720}, 1.0},
        {"PNG 1280 x 720 at 2x (high-DPI)...", "png", {1280, 720}, 2.0},
        {"PNG custom size...", "png", {}, 1.0},
        {"SVG (vector)...", "svg", {1280, 720}, 1.0},
        {"PDF (one page)...", "pdf", {1280, 720}, 1.0},
    };
    for (const ChartPreset &preset : presets) {
        QAction *action = menu->addAction(QString::fromUtf8(preset.label));
        QObject::connect(action, &QAction::triggered, menu, [parent, source, report, preset]() {
            QChart *chart = source.chart ? source.chart() : nullptr;
            if (!chart) {
                report(QStringLiteral("Nothing to export yet"));
                return;
            }
            QSize size = preset.size;
            if (!size.isValid()) {
                size = chooseSize(parent, QSize(1600, 900));
                if (!size.isValid()) {
                    report(QStringLiteral("Export cancelled (sizes go from 200x150 to 8000x8000)"));
                    return;
                }
            }
            const QString extension = QString::fromLatin1(preset.extension);
            const QString path = chooseSaveFile(
                parent, QStringLiteral("Export chart"), source.baseName + QLatin1Char('.') + extension,
                QStringLiteral("%1 (*.%2)").arg(extension.toUpper(), extension));
            if (path.isEmpty())
                return;
            ChartExportOptions options = source.options ? source.options() : ChartExportOptions{};
            options.size = size;
            options.scale = preset.scale;
            QString error;
            if (exportChart(chart, path, options, &error))
                report(QStringLiteral("Chart saved to %1").arg(QDir::toNativeSeparators(path)));
            else
                report(error);
        });
    }
    return menu;
}

QMenu *createTableExportMenu(QWidget *parent, const TableSource &source,
                             std::function<void(const QString &message)> report)
{
    auto *menu = new QMenu(parent);
    auto save = [parent, source, report](const QString &extension, const QString &filter) {
        const QString path = chooseSaveFile(parent, QStringLiteral("Export table"),
                                            source.baseName + QLatin1Char('.') + extension, filter);
        if (path.isEmpty())
            return;
        try {
            saveTable(source.table(), path, source.title ? source.title() : QString(),
                      source.notes ? source.notes() : QStringList());
            report(QStringLiteral("Table saved to %1").arg(QDir::toNativeSeparators(path)));
        } catch (const Error &error) {
            report(error.message());
        }
    };
    QObject::connect(menu->addAction(QStringLiteral("Save as CSV...")), &QAction::triggered, menu,
                     [save]() { save(QStringLiteral("csv"), QStringLiteral("CSV (*.csv)")); });
    QObject::connect(menu->addAction(QStringLiteral("Save as Excel (XLSX)...")), &QAction::triggered, menu,
                     [save]() { save(QStringLiteral("xlsx"), QStringLiteral("Excel workbook (*.xlsx)")); });
    QAction *copy = menu->addAction(QStringLiteral("Copy (paste into a spreadsheet)"));
    QObject::connect(copy, &QAction::triggered, menu, [source, report]() {
        copyToClipboard(source.table());
        report(QStringLiteral("Table copied as tab-separated text"));
    });
    return menu;
}

} // namespace nps::ui

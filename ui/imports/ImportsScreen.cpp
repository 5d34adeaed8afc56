#include "ImportsScreen.h"

#include "ImportsModels.h"
#include "common/BackgroundTask.h"
#include "common/RejectionsModel.h"
#include "export/DataTable.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace nps::ui {

namespace {

constexpr int shownRejectedRows = 10000;

QTableView *makeTable(QAbstractItemModel *model, const QString &name)
{
    auto *view = new QTableView;
    view->setModel(model);
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setVisible(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

QLabel *title(const QString &text)
{
    auto *label = new QLabel(text);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.08);
    label->setFont(f);
    return label;
}

} // namespace

ImportsScreen::ImportsScreen(QWidget *parent)
    : Screen(parent)
    , m_imports(new ImportsModel(this))
    , m_rejected(new RejectionsModel(this))
{
    setAccessibleName(tr("Imports"));
    m_chooseSaveFile = [](QWidget *parent, const QString &suggested) {
        return QFileDialog::getSaveFileName(parent, tr("Export rejected rows"), suggested,
                                            tr("CSV files (*.csv)"));
    };
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Imports status"));
    m_message->setVisible(false);
    layout->addWidget(m_message);

    auto *splitter = new QSplitter(Qt::Vertical);
    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(title(tr("Past imports")));
    m_importsView = makeTable(m_imports, tr("Past imports"));
    topLayout->addWidget(m_importsView);
    splitter->addWidget(top);

    auto *bottom = new QWidget;
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 8, 0, 0);
    auto *header = new QHBoxLayout;
    m_rejectedTitle = title(tr("Rejected rows"));
    header->addWidget(m_rejectedTitle, 1);
    m_export = new QPushButton(tr("Export to CSV..."));
    m_export->setAccessibleName(tr("Export rejected rows to CSV"));
    m_export->setEnabled(false);
    connect(m_export, &QPushButton::clicked, this, &ImportsScreen::exportRejected);
    header->addWidget(m_export);
    bottomLayout->addLayout(header);
    m_rejectedView = makeTable(m_rejected, tr("Rejected rows"));
    bottomLayout->addWidget(m_rejectedView);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    connect(m_importsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    loadRejected(m_imports->entry(current.row()).id);
            });
}

void ImportsScreen::setContext(const ScreenContext &context)
{
    // The import list does not depend on the filter, but a new import arrives
    // as a new context too: reload (one small query).
    m_context = context;
    m_dirty = true;
    if (isVisible())
        reload();
}

void ImportsScreen::showEvent(QShowEvent *event)
{
    Screen::showEvent(event);
    if (m_dirty)
        reload();
}

void ImportsScreen::waitUntilLoaded()
{
    if (m_dirty)
        reload();
    while (m_pending > 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
}

void ImportsScreen::reload()
{
    m_dirty = false;
    m_imports->setImports({});
    m_rejected->setRejections(QVector<Rejection>());
    m_selectedImport = 0;
    m_export->setEnabled(false);
    if (m_context.databasePath.isEmpty()) {
        setMessage(tr("Open a database to see its imports."));
        return;
    }
    const int generation = ++m_generation;
    ++m_pending;
    runInBackground<QVector<ImportEntry>>(
        this, m_context.databasePath, [](Database &db) { return ImportHistory(db).imports(); },
        [this, generation](const QVector<ImportEntry> &imports) {
            --m_pending;
            if (generation != m_generation)
                return;
            m_imports->setImports(imports);
            m_importsView->resizeColumnsToContents();
            setMessage(imports.isEmpty() ? tr("No imports yet. Use File > Import... to add a survey export.")
                                         : QString());
            if (!imports.isEmpty())
                selectImport(0);
        },
        [this](const QString &error) {
            --m_pending;
            setMessage(tr("The import history could not be read: %1").arg(error));
        });
}

void ImportsScreen::selectImport(int row)
{
    m_importsView->setCurrentIndex(m_imports->index(row, 0));
}

void ImportsScreen::loadRejected(qint64 importId)
{
    m_selectedImport = importId;
    ++m_pending;
    runInBackground<QVector<RejectedRow>>(
        this, m_context.databasePath,
        [importId](Database &db) { return ImportHistory(db).rejectedRows(importId, shownRejectedRows); },
        [this, importId](const QVector<RejectedRow> &rows) {
            --m_pending;
            if (importId != m_selectedImport)
                return;
            m_rejected->setRejections(rows);
            m_rejectedView->resizeColumnsToContents();
            qint64 total = 0;
            QString file;
            for (int i = 0; i < m_imports->rowCount(); ++i) {
                if (m_imports->entry(i).id == importId) {
                    total = m_imports->entry(i).rejected;
                    file = m_imports->entry(i).fileName;
                }
            }
            m_rejectedTitle->setText(
                total > rows.size() ? tr("Rejected rows of %1 (first %2 of %3; the export has all)")
                                          .arg(file)
                                          .arg(rows.size())
                                          .arg(total)
                : rows.isEmpty() ? tr("Rejected rows of %1: none, every row was read").arg(file)
                                 : tr("Rejected rows of %1 (%2)").arg(file).arg(rows.size()));
            m_export->setEnabled(!rows.isEmpty());
        },
        [this](const QString &error) {
            --m_pending;
            setMessage(tr("The rejected rows could not be read: %1").arg(error));
        });
}

void ImportsScreen::exportRejected()
{
    if (m_selectedImport == 0)
        return;
    QString suggested = QStringLiteral("rejected.csv");
    for (int i = 0; i < m_imports->rowCount(); ++i) {
        if (m_imports->entry(i).id == m_selectedImport)
            suggested = QStringLiteral("%1-rejected.csv")
                            .arg(m_imports->entry(i).fileName.section(QLatin1Char('.'), 0, 0));
    }
    const QString path = m_chooseSaveFile(this, suggested);
    if (path.isEmpty())
        return;
    const qint64 importId = m_selectedImport;
    ++m_pending;
    runInBackground<qint64>(
        this, m_context.databasePath,
        [importId, path](Database &db) -> qint64 {
            const QVector<RejectedRow> rows = ImportHistory(db).rejectedRows(importId);
            DataTable table;
            table.columns = {QStringLiteral("line"), QStringLiteral("column"), QStringLiteral("column_name"),
                             QStringLiteral("value"), QStringLiteral("reason")};
            for (const RejectedRow &r : rows)
                table.addRow({r.line > 0 ? QVariant(r.line) : QVariant(),
                              r.column > 0 ? QVariant(r.column) : QVariant(), r.columnName, r.value,
                              r.reason});
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(table.toCsv()) < 0 || !file.commit())
                throw Error::storage(QStringLiteral("%1: %2").arg(path, file.errorString()));
            return rows.size();
        },
        [this, path](const qint64 &rows) {
            --m_pending;
            setMessage(tr("Exported %1 rejected rows to %2.").arg(rows).arg(path));
            emit statusMessage(messageText());
        },
        [this](const QString &error) {
            --m_pending;
            setMessage(
                tr("The export failed: %1. Choose a folder you can write to and try again.").arg(error));
        });
}

QString ImportsScreen::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void ImportsScreen::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace nps::ui

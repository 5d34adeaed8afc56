#include "ImportWizardBase.h"

#include "clock/Clock.h"
#include "store/Database.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace nps::ui {

namespace {

constexpr int previewRows = 20;

QLabel *heading(const QString &text)
{
    auto *label = new QLabel(text);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    label->setFont(f);
    return label;
}

QString delimiterName(char d)
{
    switch (d) {
    case ',':
        return QStringLiteral("comma");
    case ';':
        return QStringLiteral("semicolon");
    case '\t':
        return QStringLiteral("tab");
    case '|':
        return QStringLiteral("pipe");
    default:
        return QStringLiteral("'%1'").arg(QLatin1Char(d));
    }
}

} // namespace

// ---- SamplePreviewModel

void SamplePreviewModel::setSample(const QStringList &columns, const QVector<QStringList> &rows,
                                   const QVector<qint64> &lines)
{
    beginResetModel();
    m_columns = columns;
    m_rows = rows;
    m_lines = lines;
    endResetModel();
}

int SamplePreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SamplePreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant SamplePreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    return m_rows.at(index.row()).value(index.column());
}

QVariant SamplePreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal)
        return m_columns.value(section);
    return section < m_lines.size() ? QVariant(m_lines.at(section)) : QVariant();
}

// ---- ImportWizardBase

ImportWizardBase::ImportWizardBase(const QString &databasePath, const QString &file, const Clock &clock,
                                   bool offerPresets, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(databasePath)
    , m_filePath(file)
    , m_clock(clock)
    , m_cancel(std::make_shared<std::atomic_bool>(false))
    , m_preview(new SamplePreviewModel(this))
{
    buildUi(offerPresets);
    resize(980, 680);
}

ImportWizardBase::~ImportWizardBase()
{
    // A running import sees the flag at its next progress report and rolls back.
    m_cancel->store(true);
}

void ImportWizardBase::start()
{
    // The subclass's fields joined the focus chain after the buttons: Tab
    // should reach them first, then the column list, then the buttons.
    QWidget *last = previousInFocusChain();
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_columnList, m_showRejected, m_cancelButton, m_back, m_next}) {
        setTabOrder(last, w);
        last = w;
    }
    setStep(Step::Preview);
    openFile();
}

QLabel *ImportWizardBase::note(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

void ImportWizardBase::buildUi(bool offerPresets)
{
    auto *layout = new QVBoxLayout(this);
    m_title = heading(QString());
    layout->addWidget(m_title);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_error->setAccessibleName(tr("Import error"));
    m_error->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #611a15; padding: 8px; border-radius: 4px; }"));
    layout->addWidget(m_error);
    m_pages = new QStackedWidget;
    layout->addWidget(m_pages, 1);

    // 1. Preview
    auto *preview = new QWidget;
    auto *pv = new QVBoxLayout(preview);
    m_detected = note();
    m_detected->setForegroundRole(QPalette::WindowText);
    pv->addWidget(m_detected);
    auto *overrides = new QHBoxLayout;
    // "Detected" first, then every name the readers accept; a choice reads the file again.
    const auto addOverride = [this, overrides](const QString &label, const QString &accessibleName,
                                               const QStringList &names) {
        overrides->addWidget(new QLabel(label));
        auto *combo = new QComboBox;
        combo->setAccessibleName(accessibleName);
        combo->addItem(tr("Detected"), QString());
        for (const QString &name : names)
            combo->addItem(name, name);
        overrides->addWidget(combo);
        overrides->addSpacing(12);
        connect(combo, &QComboBox::activated, this, [this] { openFile(); });
        return combo;
    };
    if (offerPresets)
        m_preset = addOverride(tr("Layout:"), tr("Survey tool layout"), presetNames());
    m_encoding = addOverride(tr("Encoding:"), tr("Text encoding"), encodingNames());
    overrides->addStretch(1);
    pv->addLayout(overrides);
    m_previewView = new QTableView;
    m_previewView->setModel(m_preview);
    m_previewView->setAccessibleName(tr("First rows as read"));
    m_previewView->setAlternatingRowColors(true);
    m_previewView->setWordWrap(false);
    pv->addWidget(m_previewView, 1);
    m_pages->addWidget(preview);

    // 2. Mapping
    auto *mapping = new QWidget;
    auto *mv = new QHBoxLayout(mapping);
    auto *left = new QVBoxLayout;
    m_mappingForm = new QFormLayout;
    left->addLayout(m_mappingForm);
    m_mappingExtras = new QVBoxLayout;
    left->addLayout(m_mappingExtras);
    left->addStretch(1);
    mv->addLayout(left, 3);
    auto *right = new QVBoxLayout;
    m_columnListTitle = new QLabel;
    right->addWidget(m_columnListTitle);
    m_columnList = new QListWidget;
    right->addWidget(m_columnList, 1);
    connect(m_columnList, &QListWidget::itemChanged, this, [this] { updateButtons(); });
    mv->addLayout(right, 2);
    m_pages->addWidget(mapping);

    // 3. Validation
    auto *validation = new QWidget;
    auto *vv = new QVBoxLayout(validation);
    m_validationSummary = new QLabel;
    m_validationSummary->setWordWrap(true);
    m_validationSummary->setAccessibleName(tr("Validation summary"));
    vv->addWidget(m_validationSummary);
    m_validationTable = new QTableView;
    m_validationTable->horizontalHeader()->setStretchLastSection(true);
    m_validationTable->verticalHeader()->setVisible(false);
    vv->addWidget(m_validationTable, 1);
    m_validationExtras = new QVBoxLayout;
    vv->addLayout(m_validationExtras);
    m_pages->addWidget(validation);

    // 4. Importing
    auto *importing = new QWidget;
    auto *iv = new QVBoxLayout(importing);
    iv->addStretch(1);
    m_progressText = new QLabel(tr("Importing…"));
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setAccessibleName(tr("Import progress"));
    iv->addWidget(m_progressText);
    iv->addWidget(m_progress);
    iv->addWidget(
        note(tr("Everything is written in one transaction: cancelling leaves the database as it was.")));
    iv->addStretch(2);
    m_pages->addWidget(importing);

    // 5. Result
    auto *result = new QWidget;
    auto *rv = new QVBoxLayout(result);
    m_resultText = new QLabel;
    m_resultText->setWordWrap(true);
    m_resultText->setAccessibleName(tr("Import result"));
    m_resultText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rv->addWidget(m_resultText);
    m_showRejected = new QPushButton(tr("Show the rejected rows"));
    connect(m_showRejected, &QPushButton::clicked, this, [this] {
        emit showRejectedRequested(m_resultImport);
        accept();
    });
    rv->addWidget(m_showRejected, 0, Qt::AlignLeft);
    rv->addStretch(1);
    m_pages->addWidget(result);

    auto *buttons = new QHBoxLayout;
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_back = new QPushButton(tr("< Back"));
    m_next = new QPushButton(tr("Next >"));
    m_next->setDefault(true);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch(1);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &ImportWizardBase::goBack);
    connect(m_next, &QPushButton::clicked, this, &ImportWizardBase::goNext);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_step == Step::Importing)
            cancelImport();
        else
            reject();
    });
}

ReadOptions ImportWizardBase::readOptions() const
{
    ReadOptions options;
    Preset preset;
    if (m_preset && presetFromName(m_preset->currentData().toString(), &preset))
        options.preset = preset;
    TextEncoding encoding;
    if (encodingFromName(m_encoding->currentData().toString(), &encoding))
        options.encoding = encoding;
    return options;
}

QStringList ImportWizardBase::fileWarnings() const
{
    return m_file->layout().warnings;
}

void ImportWizardBase::openFile()
{
    m_validated = false;
    m_error->setVisible(false);
    ++m_busy;
    updateButtons();
    const QString path = m_filePath;
    const ReadOptions options = readOptions();
    runWork<std::shared_ptr<SurveyFile>>(
        this, [path, options] { return std::make_shared<SurveyFile>(SurveyFile::open(path, options)); },
        [this](const std::shared_ptr<SurveyFile> &file) {
            --m_busy;
            m_file = file;
            presentFile();
            updateButtons();
        },
        [this](const QString &error, bool) {
            --m_busy;
            m_file.reset();
            showError(tr("%1\nWhat to do: pick another %2 above, or check that this is %3 (CSV or XLSX).")
                          .arg(error, m_preset ? tr("layout or encoding") : tr("encoding"), fileKind()));
            updateButtons();
        });
}

void ImportWizardBase::presentFile()
{
    const Layout &l = m_file->layout();
    QStringList lines;
    if (m_preset)
        lines << tr("Layout: %1 (%2)").arg(presetName(l.preset), l.presetReason);
    if (l.xlsx)
        lines << tr("Excel workbook, sheet \"%1\"").arg(l.sheetName);
    else
        lines << tr("Encoding: %1 (%2)").arg(encodingName(l.encoding), l.encodingReason)
              << tr("Delimiter: %1 (%2)").arg(delimiterName(l.delimiter), l.delimiterReason);
    lines << tr("%n header row(s), %1 columns", nullptr, l.headerRows).arg(l.columns.size());
    for (const QString &w : fileWarnings())
        lines << tr("Warning: %1").arg(w);
    m_detected->setText(lines.join(QLatin1Char('\n')));

    const QStringList names = l.columnNames();
    QVector<QStringList> rows;
    QVector<qint64> lineNumbers;
    for (size_t i = 0; i < m_file->sample().size() && int(i) < previewRows; ++i) {
        const Record &r = m_file->sample()[i];
        QStringList cells;
        for (int c = 0; c < names.size(); ++c)
            cells << r.text(c);
        rows << cells;
        lineNumbers << r.line();
    }
    m_preview->setSample(names, rows, lineNumbers);
    m_previewView->resizeColumnsToContents();
    presentMapping();
}

QComboBox *ImportWizardBase::addChoice(const QString &label, const QString &accessibleName, QLabel **reason)
{
    auto *combo = new QComboBox;
    combo->setAccessibleName(accessibleName);
    *reason = note();
    auto *cell = new QVBoxLayout;
    cell->setSpacing(0);
    cell->addWidget(combo);
    cell->addWidget(*reason);
    m_mappingForm->addRow(label, cell);
    connect(combo, &QComboBox::activated, this, [this] {
        m_validated = false;
        updateButtons();
    });
    return combo;
}

void ImportWizardBase::fillColumnChoice(QComboBox *combo, int column) const
{
    combo->clear();
    combo->addItem(tr("(none)"));
    if (m_file)
        combo->addItems(m_file->layout().columnNames());
    combo->setCurrentIndex(column + 1);
}

int ImportWizardBase::chosenColumn(const QComboBox *combo)
{
    return combo->currentIndex() - 1; // item 0 is "(none)"
}

void ImportWizardBase::setColumnListTitle(const QString &title)
{
    m_columnListTitle->setText(title);
    m_columnList->setAccessibleName(title);
}

void ImportWizardBase::fillColumnList(const QSet<int> &checked, const QHash<int, QString> &toolTips)
{
    const QSignalBlocker blocker(m_columnList);
    m_columnList->clear();
    const QStringList names = m_file ? m_file->layout().columnNames() : QStringList();
    for (int c = 0; c < names.size(); ++c) {
        auto *item = new QListWidgetItem(names.at(c));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(c) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(toolTips.value(c));
        m_columnList->addItem(item);
    }
}

QStringList ImportWizardBase::checkedColumns() const
{
    QStringList names;
    for (int i = 0; i < m_columnList->count(); ++i) {
        const QListWidgetItem *item = m_columnList->item(i);
        if (item->checkState() == Qt::Checked && (item->flags() & Qt::ItemIsEnabled))
            names << item->text();
    }
    return names;
}

void ImportWizardBase::setValidationSummary(const QString &html)
{
    m_validationSummary->setText(html);
}

void ImportWizardBase::setValidated(bool validated)
{
    m_validated = validated;
    updateButtons();
}

void ImportWizardBase::beginWork()
{
    m_error->setVisible(false);
    m_cancel->store(false);
    ++m_busy;
    m_progress->setValue(0);
    m_progressText->setText(tr("Importing…"));
    updateButtons();
}

ImportWizardBase::Progress ImportWizardBase::progressReporter()
{
    QPointer<ImportWizardBase> self(this);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    return [self, cancel](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(
            qApp,
            [self, done, total] {
                if (self && total > 0)
                    self->m_progress->setValue(int(1000.0 * double(done) / double(total)));
            },
            Qt::QueuedConnection);
        return !cancel->load();
    };
}

void ImportWizardBase::workFailed(const QString &error, bool cancelled, bool dryRun)
{
    --m_busy;
    if (cancelled) {
        m_resultText->setText(
            tr("<b>Import cancelled.</b> Nothing was written: the database is exactly as it was."));
        m_showRejected->setVisible(false);
        setStep(dryRun ? Step::Mapping : Step::Result);
    } else {
        showError(tr("%1\nWhat to do: check the column mapping, or fix the file and try again.").arg(error));
        if (!dryRun)
            setStep(Step::Validation);
    }
    updateButtons();
}

void ImportWizardBase::showResult(const QString &html, qint64 importId, bool hasRejectedRows)
{
    m_resultImport = importId;
    m_resultText->setText(html);
    m_showRejected->setVisible(hasRejectedRows);
    setStep(Step::Result);
    emit imported(importId);
}

void ImportWizardBase::setStep(Step step)
{
    m_step = step;
    m_pages->setCurrentIndex(int(step));
    const QString file = QFileInfo(m_filePath).fileName();
    switch (step) {
    case Step::Preview:
        m_title->setText(tr("1 of 4 · %1 as read").arg(file));
        break;
    case Step::Mapping:
        m_title->setText(mappingTitle());
        break;
    case Step::Validation:
        m_title->setText(tr("3 of 4 · Check before importing"));
        break;
    case Step::Importing:
        m_title->setText(tr("4 of 4 · Importing %1").arg(file));
        break;
    case Step::Result:
        m_title->setText(tr("Done"));
        break;
    }
    updateButtons();
}

bool ImportWizardBase::canGoNext() const
{
    if (m_busy > 0)
        return false;
    switch (m_step) {
    case Step::Preview:
        return m_file != nullptr;
    case Step::Mapping:
        return m_file && mappingComplete();
    case Step::Validation:
        return m_validated && validationComplete();
    case Step::Importing:
        return false;
    case Step::Result:
        return true;
    }
    return false;
}

void ImportWizardBase::updateButtons()
{
    m_next->setEnabled(canGoNext());
    m_next->setText(m_step == Step::Validation ? tr("Import")
                    : m_step == Step::Result   ? tr("Close")
                                               : tr("Next >"));
    m_back->setEnabled(m_busy == 0 && (m_step == Step::Mapping || m_step == Step::Validation));
    m_back->setVisible(m_step != Step::Result && m_step != Step::Importing);
    m_cancelButton->setVisible(m_step != Step::Result);
    m_cancelButton->setText(m_step == Step::Importing ? tr("Cancel import") : tr("Cancel"));
}

void ImportWizardBase::goNext()
{
    if (!canGoNext())
        return;
    switch (m_step) {
    case Step::Preview:
        setStep(Step::Mapping);
        break;
    case Step::Mapping:
        setStep(Step::Validation);
        setValidationSummary(tr("Reading every row to check it (nothing is written yet)…"));
        m_validated = false;
        run(true);
        break;
    case Step::Validation:
        setStep(Step::Importing);
        run(false);
        break;
    case Step::Importing:
        break;
    case Step::Result:
        accept();
        break;
    }
}

void ImportWizardBase::goBack()
{
    if (m_busy > 0)
        return;
    if (m_step == Step::Mapping)
        setStep(Step::Preview);
    else if (m_step == Step::Validation)
        setStep(Step::Mapping);
}

void ImportWizardBase::cancelImport()
{
    m_cancel->store(true);
    m_progressText->setText(tr("Cancelling… rolling back"));
}

void ImportWizardBase::waitUntilIdle()
{
    while (m_busy > 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    QCoreApplication::processEvents();
}

QString ImportWizardBase::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void ImportWizardBase::setEncodingOverride(const QString &encodingName)
{
    m_encoding->setCurrentIndex(qMax(0, m_encoding->findData(encodingName)));
    openFile();
}

void ImportWizardBase::setPresetOverride(const QString &presetName)
{
    if (!m_preset)
        return;
    m_preset->setCurrentIndex(qMax(0, m_preset->findData(presetName)));
    openFile();
}

QString ImportWizardBase::summaryText() const
{
    switch (m_step) {
    case Step::Validation:
        return m_validationSummary->text();
    case Step::Result:
        return m_resultText->text();
    default:
        return m_detected->text();
    }
}

void ImportWizardBase::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(true);
}

} // namespace nps::ui

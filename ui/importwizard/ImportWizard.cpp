#include "ImportWizard.h"

#include "clock/Clock.h"
#include "common/Error.h"
#include "import/FileImportSource.h"
#include "store/Database.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <optional>

namespace nps::ui {

namespace {

constexpr int previewRows = 20;

// Runs `work` on a pool thread and delivers its value or its error message on
// the GUI thread, unless `receiver` is gone by then.
template<typename T>
void runWork(QObject *receiver, std::function<T()> work, std::function<void(const T &)> done,
             std::function<void(const QString &, bool cancelled)> failed)
{
    struct Outcome
    {
        std::optional<T> value;
        QString error;
        bool cancelled = false;
    };
    auto *watcher = new QFutureWatcher<Outcome>(receiver);
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver, [watcher, done, failed] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        if (outcome.value)
            done(*outcome.value);
        else
            failed(outcome.error, outcome.cancelled);
    });
    watcher->setFuture(QtConcurrent::run([work]() -> Outcome {
        Outcome outcome;
        try {
            outcome.value = work();
        } catch (const Error &error) {
            outcome.error = error.message();
            outcome.cancelled = error.kind() == Error::Kind::Cancelled;
        } catch (const std::exception &error) {
            outcome.error = QString::fromLocal8Bit(error.what());
        }
        return outcome;
    }));
}

struct FieldInfo
{
    const char *name; // as --map takes it
    const char *label;
};

const FieldInfo fields[] = {
    {"score", "Score (0-10)"}, {"comment", "Comment"},    {"time", "Submitted at"},
    {"id", "Response ID"},     {"user", "User ID"},       {"email", "Email"},
    {"name", "Name"},          {"active", "Active user"}, {"group", "NPS group"},
};

const FieldChoice &choiceOf(const FieldMapping &m, const QString &field)
{
    if (field == QLatin1String("score"))
        return m.score;
    if (field == QLatin1String("comment"))
        return m.comment;
    if (field == QLatin1String("time"))
        return m.time;
    if (field == QLatin1String("id"))
        return m.responseId;
    if (field == QLatin1String("user"))
        return m.userId;
    if (field == QLatin1String("email"))
        return m.email;
    if (field == QLatin1String("name"))
        return m.name;
    if (field == QLatin1String("active"))
        return m.active;
    return m.group;
}

QLabel *heading(const QString &text)
{
    auto *label = new QLabel(text);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    label->setFont(f);
    return label;
}

QLabel *note(const QString &text = {})
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
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

// ---- RejectionsModel

void RejectionsModel::setRejections(const QVector<Rejection> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
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
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const Rejection &r = m_rows.at(index.row());
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
    static const char *const names[] = {"Line", "Column", "Column name", "Value", "Reason"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

// ---- ImportWizard

ImportWizard::ImportWizard(const QString &databasePath, const QString &file, const Clock &clock,
                           QWidget *parent)
    : QDialog(parent)
    , m_databasePath(databasePath)
    , m_filePath(file)
    , m_clock(clock)
    , m_cancel(std::make_shared<std::atomic_bool>(false))
    , m_preview(new SamplePreviewModel(this))
    , m_rejections(new RejectionsModel(this))
{
    setWindowTitle(tr("Import %1").arg(QFileInfo(file).fileName()));
    setAccessibleName(tr("Import wizard"));
    buildUi();
    resize(980, 680);
    setStep(Step::Preview);
    openFile();
}

ImportWizard::~ImportWizard()
{
    // A running import sees the flag at its next progress report and rolls back.
    m_cancel->store(true);
}

void ImportWizard::buildUi()
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
    overrides->addWidget(new QLabel(tr("Layout:")));
    m_preset = new QComboBox;
    m_preset->setAccessibleName(tr("Survey tool layout"));
    m_preset->addItem(tr("Detected"), QString());
    for (const QString &name : presetNames())
        m_preset->addItem(name, name);
    overrides->addWidget(m_preset);
    overrides->addSpacing(12);
    overrides->addWidget(new QLabel(tr("Encoding:")));
    m_encoding = new QComboBox;
    m_encoding->setAccessibleName(tr("Text encoding"));
    m_encoding->addItem(tr("Detected"), QString());
    for (const QString &name : encodingNames())
        m_encoding->addItem(name, name);
    overrides->addWidget(m_encoding);
    overrides->addStretch(1);
    pv->addLayout(overrides);
    connect(m_preset, &QComboBox::activated, this, [this] { openFile(); });
    connect(m_encoding, &QComboBox::activated, this, [this] { openFile(); });
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
    m_fieldsForm = new QFormLayout;
    for (const FieldInfo &f : fields) {
        auto *combo = new QComboBox;
        combo->setAccessibleName(tr("Column for %1").arg(tr(f.label)));
        auto *reason = note();
        auto *cell = new QVBoxLayout;
        cell->setSpacing(0);
        cell->addWidget(combo);
        cell->addWidget(reason);
        m_fieldsForm->addRow(tr(f.label), cell);
        m_fieldCombos.insert(QString::fromLatin1(f.name), combo);
        m_fieldReasons.insert(QString::fromLatin1(f.name), reason);
        connect(combo, &QComboBox::activated, this, [this] { updateButtons(); });
    }
    left->addLayout(m_fieldsForm);
    auto *dateRow = new QHBoxLayout;
    dateRow->addWidget(new QLabel(tr("Slash dates:")));
    m_dateOrder = new QComboBox;
    m_dateOrder->setAccessibleName(tr("Order of slash dates"));
    m_dateOrder->addItem(tr("Decide from the values"), QStringLiteral("auto"));
    m_dateOrder->addItem(tr("Day/month/year"), QStringLiteral("dmy"));
    m_dateOrder->addItem(tr("Month/day/year"), QStringLiteral("mdy"));
    m_dateOrder->addItem(tr("Year/month/day"), QStringLiteral("ymd"));
    dateRow->addWidget(m_dateOrder);
    dateRow->addStretch(1);
    connect(m_dateOrder, &QComboBox::activated, this, [this] { openFile(); });
    left->addLayout(dateRow);
    m_mappingNotes = note();
    left->addWidget(m_mappingNotes);
    m_acceptScale =
        new QCheckBox(tr("Import this score column although it is not 0-10 (the warning is kept)"));
    m_acceptScale->setVisible(false);
    connect(m_acceptScale, &QCheckBox::toggled, this, [this] { updateButtons(); });
    left->addWidget(m_acceptScale);
    left->addStretch(1);
    mv->addLayout(left, 3);
    auto *right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Segments (respondent attributes to keep):")));
    m_segments = new QListWidget;
    m_segments->setAccessibleName(tr("Segment columns"));
    right->addWidget(m_segments, 1);
    mv->addLayout(right, 2);
    m_pages->addWidget(mapping);

    // 3. Validation
    auto *validation = new QWidget;
    auto *vv = new QVBoxLayout(validation);
    m_validationSummary = new QLabel;
    m_validationSummary->setWordWrap(true);
    m_validationSummary->setAccessibleName(tr("Validation summary"));
    vv->addWidget(m_validationSummary);
    m_rejectionsView = new QTableView;
    m_rejectionsView->setModel(m_rejections);
    m_rejectionsView->setAccessibleName(tr("Rows that will be rejected"));
    m_rejectionsView->horizontalHeader()->setStretchLastSection(true);
    m_rejectionsView->verticalHeader()->setVisible(false);
    vv->addWidget(m_rejectionsView, 1);
    auto *waveRow = new QHBoxLayout;
    waveRow->addWidget(new QLabel(tr("Survey wave:")));
    m_wave = new QLineEdit;
    m_wave->setAccessibleName(tr("Survey wave"));
    m_wave->setPlaceholderText(QFileInfo(m_filePath).completeBaseName());
    m_wave->setToolTip(tr("Responses of one survey round; empty: named after the file"));
    waveRow->addWidget(m_wave, 1);
    vv->addLayout(waveRow);
    m_confirm = new QCheckBox(tr("I have read the warnings above and want to import anyway"));
    m_confirm->setVisible(false);
    connect(m_confirm, &QCheckBox::toggled, this, [this] { updateButtons(); });
    vv->addWidget(m_confirm);
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
        emit showRejectedRequested(m_result.importId);
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
    connect(m_back, &QPushButton::clicked, this, &ImportWizard::goBack);
    connect(m_next, &QPushButton::clicked, this, &ImportWizard::goNext);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_step == Step::Importing)
            cancelImport();
        else
            reject();
    });
}

ReadOptions ImportWizard::currentOptions() const
{
    ReadOptions options;
    Preset preset;
    if (presetFromName(m_preset->currentData().toString(), &preset))
        options.preset = preset;
    TextEncoding encoding;
    if (encodingFromName(m_encoding->currentData().toString(), &encoding))
        options.encoding = encoding;
    DateOrder order;
    if (dateOrderFromName(m_dateOrder->currentData().toString(), &order))
        options.dateOrder = order;
    options.acceptNonStandardScale = m_acceptScale->isChecked();
    return options;
}

MappingOverrides ImportWizard::currentOverrides() const
{
    MappingOverrides overrides;
    if (!m_file)
        return overrides;
    const QStringList columns = m_file->layout().columnNames();
    for (auto it = m_fieldCombos.cbegin(); it != m_fieldCombos.cend(); ++it) {
        const int chosen = it.value()->currentIndex() - 1; // item 0 is "(none)"
        if (chosen != choiceOf(m_file->mapping(), it.key()).column)
            overrides.fields.insert(it.key(), chosen >= 0 ? columns.value(chosen) : QStringLiteral("none"));
    }
    for (int i = 0; i < m_segments->count(); ++i) {
        if (m_segments->item(i)->checkState() == Qt::Checked)
            overrides.segments << m_segments->item(i)->text();
    }
    // The readers take an empty list as "keep the detected segments"; a file
    // imported with no segment at all is not expressible, and rarely wanted.
    return overrides;
}

void ImportWizard::openFile()
{
    m_validated = false;
    m_error->setVisible(false);
    ++m_busy;
    updateButtons();
    const QString path = m_filePath;
    const ReadOptions options = currentOptions();
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
            showError(
                tr("%1\nWhat to do: pick another layout or encoding above, or check that this is a survey "
                   "export (CSV or XLSX).")
                    .arg(error));
            updateButtons();
        });
}

void ImportWizard::presentFile()
{
    const Layout &l = m_file->layout();
    const FieldMapping &m = m_file->mapping();
    QStringList lines;
    lines << tr("Layout: %1 (%2)").arg(presetName(l.preset), l.presetReason);
    if (l.xlsx)
        lines << tr("Excel workbook, sheet \"%1\"").arg(l.sheetName);
    else
        lines << tr("Encoding: %1 (%2)").arg(encodingName(l.encoding), l.encodingReason)
              << tr("Delimiter: %1 (%2)").arg(delimiterName(l.delimiter), l.delimiterReason);
    lines << tr("%n header row(s), %1 columns", nullptr, l.headerRows).arg(l.columns.size());
    for (const QString &w : l.warnings)
        lines << tr("Warning: %1").arg(w);
    m_detected->setText(lines.join(QLatin1Char('\n')));

    QStringList names = l.columnNames();
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

    for (auto it = m_fieldCombos.begin(); it != m_fieldCombos.end(); ++it) {
        QComboBox *combo = it.value();
        combo->clear();
        combo->addItem(tr("(none)"));
        combo->addItems(names);
        const FieldChoice &choice = choiceOf(m, it.key());
        combo->setCurrentIndex(choice.column + 1);
        m_fieldReasons.value(it.key())->setText(choice.found() ? choice.reason
                                                               : tr("not found in this file"));
    }
    m_segments->clear();
    QSet<int> chosen;
    for (const FieldChoice &s : m.segments)
        chosen.insert(s.column);
    for (int c = 0; c < names.size(); ++c) {
        auto *item = new QListWidgetItem(names.at(c));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(chosen.contains(c) ? Qt::Checked : Qt::Unchecked);
        for (const FieldChoice &s : m.segments) {
            if (s.column == c)
                item->setToolTip(s.reason);
        }
        m_segments->addItem(item);
    }
    QStringList notes;
    if (m.time.found())
        notes << tr("Dates: %1").arg(m.dateOrderReason);
    if (m.dateOrderAmbiguous)
        notes << tr("The day/month order could not be decided from the values: check it above.");
    if (!m.scaleWarning.isEmpty())
        notes << m.scaleWarning;
    m_mappingNotes->setText(notes.join(QLatin1Char('\n')));
    m_acceptScale->setVisible(m.scale == ScoreScale::OneToTen || m.scale == ScoreScale::OneToFive ||
                              m_acceptScale->isChecked());
}

void ImportWizard::runImport(bool dryRun)
{
    m_error->setVisible(false);
    m_cancel->store(false);
    ++m_busy;
    m_progress->setValue(0);
    updateButtons();
    const QString databasePath = m_databasePath;
    const QString path = m_filePath;
    const ReadOptions options = currentOptions();
    const MappingOverrides overrides = currentOverrides();
    ImportOptions importOptions;
    importOptions.dryRun = dryRun;
    importOptions.waveName = m_wave->text().trimmed();
    const Clock *clock = &m_clock;
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    QPointer<ImportWizard> self(this);
    runWork<ImportReport>(
        this,
        [=]() {
            Database db;
            db.open(databasePath, Database::Mode::ExistingOnly);
            FileImportSource source(path, options, overrides);
            Importer importer(db, *clock);
            importer.setProgress([self, cancel](qint64 done, qint64 total) {
                QMetaObject::invokeMethod(
                    qApp,
                    [self, done, total] {
                        if (self && total > 0)
                            self->m_progress->setValue(int(1000.0 * double(done) / double(total)));
                    },
                    Qt::QueuedConnection);
                return !cancel->load();
            });
            const QVector<ImportReport> reports = importer.run({&source}, importOptions);
            return reports.value(0);
        },
        [this, dryRun](const ImportReport &report) {
            --m_busy;
            const QLocale locale;
            if (dryRun) {
                m_validation = report;
                m_validated = true;
                m_rejections->setRejections(report.rejections);
                m_rejectionsView->resizeColumnsToContents();
                QString text = tr("<b>%1 rows read</b>: %2 will be imported, %3 are already in the database "
                                  "(duplicates, skipped), %4 will be rejected.")
                                   .arg(locale.toString(report.rows), locale.toString(report.imported),
                                        locale.toString(report.duplicates), locale.toString(report.rejected));
                if (report.rejected > report.rejections.size())
                    text += tr(" The first %1 rejected rows are listed below; all of them are kept with the "
                               "import.")
                                .arg(report.rejections.size());
                for (const QString &w : report.warnings)
                    text += QStringLiteral("<br>⚠ %1").arg(w.toHtmlEscaped());
                m_validationSummary->setText(text);
                m_confirm->setVisible(!report.warnings.isEmpty());
                m_confirm->setChecked(false);
            } else {
                m_result = report;
                QString text =
                    tr("<b>Imported %1</b> into wave \"%2\".<br><br>%3 rows read · <b>%4 imported</b> · "
                       "%5 duplicates skipped · %6 rejected")
                        .arg(QFileInfo(report.file).fileName().toHtmlEscaped(), report.wave.toHtmlEscaped(),
                             locale.toString(report.rows), locale.toString(report.imported),
                             locale.toString(report.duplicates), locale.toString(report.rejected));
                for (const QString &w : report.warnings)
                    text += QStringLiteral("<br>⚠ %1").arg(w.toHtmlEscaped());
                m_resultText->setText(text);
                m_showRejected->setVisible(report.rejected > 0);
                setStep(Step::Result);
                emit imported(report.importId);
            }
            updateButtons();
        },
        [this, dryRun](const QString &error, bool cancelled) {
            --m_busy;
            if (cancelled) {
                m_resultText->setText(
                    tr("<b>Import cancelled.</b> Nothing was written: the database is exactly as "
                       "it was."));
                m_showRejected->setVisible(false);
                setStep(dryRun ? Step::Mapping : Step::Result);
            } else {
                showError(tr("%1\nWhat to do: check the column mapping, or fix the file and try again.")
                              .arg(error));
                if (!dryRun)
                    setStep(Step::Validation);
            }
            updateButtons();
        });
}

void ImportWizard::setStep(Step step)
{
    m_step = step;
    m_pages->setCurrentIndex(int(step));
    const QString file = QFileInfo(m_filePath).fileName();
    switch (step) {
    case Step::Preview:
        m_title->setText(tr("1 of 4 · %1 as read").arg(file));
        break;
    case Step::Mapping:
        m_title->setText(tr("2 of 4 · Which column is what"));
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

bool ImportWizard::canGoNext() const
{
    if (m_busy > 0)
        return false;
    switch (m_step) {
    case Step::Preview:
        return m_file != nullptr;
    case Step::Mapping:
        return m_file && m_fieldCombos.value(QStringLiteral("score"))->currentIndex() > 0 &&
               (!m_acceptScale->isVisible() || m_acceptScale->isChecked());
    case Step::Validation:
        return m_validated && m_validation.imported > 0 &&
               (!m_confirm->isVisible() || m_confirm->isChecked());
    case Step::Importing:
        return false;
    case Step::Result:
        return true;
    }
    return false;
}

void ImportWizard::updateButtons()
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

void ImportWizard::goNext()
{
    if (!canGoNext())
        return;
    switch (m_step) {
    case Step::Preview:
        setStep(Step::Mapping);
        break;
    case Step::Mapping:
        setStep(Step::Validation);
        m_validationSummary->setText(tr("Reading every row to check it (nothing is written yet)…"));
        m_rejections->setRejections({});
        m_validated = false;
        runImport(true);
        break;
    case Step::Validation:
        setStep(Step::Importing);
        runImport(false);
        break;
    case Step::Importing:
        break;
    case Step::Result:
        accept();
        break;
    }
}

void ImportWizard::goBack()
{
    if (m_busy > 0)
        return;
    if (m_step == Step::Mapping)
        setStep(Step::Preview);
    else if (m_step == Step::Validation)
        setStep(Step::Mapping);
}

void ImportWizard::cancelImport()
{
    m_cancel->store(true);
    m_progressText->setText(tr("Cancelling… rolling back"));
}

void ImportWizard::waitUntilIdle()
{
    while (m_busy > 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    QCoreApplication::processEvents();
}

QString ImportWizard::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QString ImportWizard::detectedColumn(const QString &field) const
{
    QComboBox *combo = m_fieldCombos.value(field);
    return combo && combo->currentIndex() > 0 ? combo->currentText() : QString();
}

QString ImportWizard::reasonFor(const QString &field) const
{
    QLabel *label = m_fieldReasons.value(field);
    return label ? label->text() : QString();
}

void ImportWizard::chooseColumn(const QString &field, const QString &column)
{
    QComboBox *combo = m_fieldCombos.value(field);
    if (!combo)
        return;
    combo->setCurrentIndex(column.isEmpty() ? 0 : qMax(0, combo->findText(column)));
    m_validated = false;
    updateButtons();
}

void ImportWizard::setPresetOverride(const QString &presetName)
{
    m_preset->setCurrentIndex(qMax(0, m_preset->findData(presetName)));
    openFile();
}

void ImportWizard::setWaveName(const QString &name)
{
    m_wave->setText(name);
}

void ImportWizard::confirmWarnings(bool confirmed)
{
    m_confirm->setChecked(confirmed);
}

QString ImportWizard::summaryText() const
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

void ImportWizard::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(true);
}

} // namespace nps::ui

#include "ImportWizard.h"

#include "common/RejectionsModel.h"
#include "import/FileImportSource.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace nps::ui {

namespace {

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

} // namespace

ImportWizard::ImportWizard(const QString &databasePath, const QString &file, const Clock &clock,
                           QWidget *parent)
    : ImportWizardBase(databasePath, file, clock, true, parent)
    , m_rejections(new RejectionsModel(this))
{
    setWindowTitle(tr("Import %1").arg(QFileInfo(file).fileName()));
    setAccessibleName(tr("Import wizard"));
    buildPages();
    start();
}

void ImportWizard::buildPages()
{
    for (const FieldInfo &f : fields) {
        QLabel *reason = nullptr;
        QComboBox *combo = addChoice(tr(f.label), tr("Column for %1").arg(tr(f.label)), &reason);
        m_fieldCombos.insert(QString::fromLatin1(f.name), combo);
        m_fieldReasons.insert(QString::fromLatin1(f.name), reason);
    }
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
    // The date order changes how the file is read, not only the mapping.
    connect(m_dateOrder, &QComboBox::activated, this, [this] { openFile(); });
    mappingExtras()->addLayout(dateRow);
    m_mappingNotes = note();
    mappingExtras()->addWidget(m_mappingNotes);
    m_acceptScale =
        new QCheckBox(tr("Import this score column although it is not 0-10 (the warning is kept)"));
    m_acceptScale->setVisible(false);
    connect(m_acceptScale, &QCheckBox::toggled, this, [this] { updateButtons(); });
    mappingExtras()->addWidget(m_acceptScale);
    setColumnListTitle(tr("Segments (respondent attributes to keep):"));

    validationTable()->setModel(m_rejections);
    validationTable()->setAccessibleName(tr("Rows that will be rejected"));
    auto *waveRow = new QHBoxLayout;
    waveRow->addWidget(new QLabel(tr("Survey wave:")));
    m_wave = new QLineEdit;
    m_wave->setAccessibleName(tr("Survey wave"));
    m_wave->setPlaceholderText(QFileInfo(filePath()).completeBaseName());
    m_wave->setToolTip(tr("Responses of one survey round; empty: named after the file"));
    waveRow->addWidget(m_wave, 1);
    validationExtras()->addLayout(waveRow);
    m_confirm = new QCheckBox(tr("I have read the warnings above and want to import anyway"));
    m_confirm->setVisible(false);
    connect(m_confirm, &QCheckBox::toggled, this, [this] { updateButtons(); });
    validationExtras()->addWidget(m_confirm);
}

QString ImportWizard::mappingTitle() const
{
    return tr("2 of 4 · Which column is what");
}

QString ImportWizard::fileKind() const
{
    return tr("a survey export");
}

ReadOptions ImportWizard::readOptions() const
{
    ReadOptions options = ImportWizardBase::readOptions();
    DateOrder order;
    if (dateOrderFromName(m_dateOrder->currentData().toString(), &order))
        options.dateOrder = order;
    options.acceptNonStandardScale = m_acceptScale->isChecked();
    return options;
}

MappingOverrides ImportWizard::currentOverrides() const
{
    MappingOverrides overrides;
    if (!file())
        return overrides;
    const QStringList columns = file()->layout().columnNames();
    for (auto it = m_fieldCombos.cbegin(); it != m_fieldCombos.cend(); ++it) {
        const int chosen = chosenColumn(it.value());
        if (chosen != choiceOf(file()->mapping(), it.key()).column)
            overrides.fields.insert(it.key(), chosen >= 0 ? columns.value(chosen) : QStringLiteral("none"));
    }
    // The readers take an empty list as "keep the detected segments"; a file
    // imported with no segment at all is not expressible, and rarely wanted.
    overrides.segments = checkedColumns();
    return overrides;
}

void ImportWizard::presentMapping()
{
    const FieldMapping &m = file()->mapping();
    for (auto it = m_fieldCombos.begin(); it != m_fieldCombos.end(); ++it) {
        const FieldChoice &choice = choiceOf(m, it.key());
        fillColumnChoice(it.value(), choice.column);
        m_fieldReasons.value(it.key())->setText(choice.found() ? choice.reason
                                                               : tr("not found in this file"));
    }
    QSet<int> chosen;
    QHash<int, QString> reasons;
    for (const FieldChoice &s : m.segments) {
        chosen.insert(s.column);
        reasons.insert(s.column, s.reason);
    }
    fillColumnList(chosen, reasons);
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

bool ImportWizard::mappingComplete() const
{
    return m_fieldCombos.value(QStringLiteral("score"))->currentIndex() > 0 &&
           (!m_acceptScale->isVisible() || m_acceptScale->isChecked());
}

bool ImportWizard::validationComplete() const
{
    return m_validation.imported > 0 && (!m_confirm->isVisible() || m_confirm->isChecked());
}

void ImportWizard::run(bool dryRun)
{
    if (dryRun)
        m_rejections->setRejections(QVector<Rejection>());
    const QString path = filePath();
    const ReadOptions options = readOptions();
    const MappingOverrides overrides = currentOverrides();
    ImportOptions importOptions;
    importOptions.dryRun = dryRun;
    importOptions.waveName = m_wave->text().trimmed();
    const Clock *clock = &this->clock();
    runImporter<ImportReport>(
        dryRun,
        [=](Database &db, const Progress &progress) {
            FileImportSource source(path, options, overrides);
            Importer importer(db, *clock);
            importer.setProgress(progress);
            return importer.run({&source}, importOptions).value(0);
        },
        [this, dryRun](const ImportReport &report) {
            const QLocale locale;
            if (dryRun) {
                m_validation = report;
                m_rejections->setRejections(report.rejections);
                validationTable()->resizeColumnsToContents();
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
                setValidationSummary(text);
                m_confirm->setVisible(!report.warnings.isEmpty());
                m_confirm->setChecked(false);
                setValidated(true);
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
                showResult(text, report.importId, report.rejected > 0);
            }
        });
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
    setValidated(false);
}

void ImportWizard::setWaveName(const QString &name)
{
    m_wave->setText(name);
}

void ImportWizard::confirmWarnings(bool confirmed)
{
    m_confirm->setChecked(confirmed);
}

} // namespace nps::ui

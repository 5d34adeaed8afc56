#include "AttributeWizard.h"

#include "import/FileAttributeSource.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace nps::ui {

// ---- AttributeIssuesModel

void AttributeIssuesModel::setReport(const AttributeImportReport &report)
{
    beginResetModel();
    m_conflicts = report.conflicts;
    m_unmatched = report.unmatched;
    endResetModel();
}

int AttributeIssuesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_conflicts.size() + m_unmatched.size());
}

int AttributeIssuesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttributeIssuesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (index.row() >= m_conflicts.size()) {
        const QString &key = m_unmatched.at(index.row() - m_conflicts.size());
        switch (Column(index.column())) {
        case Issue:
            return tr("No respondent has this key");
        case Key:
            return key;
        default:
            return {};
        }
    }
    const AttributeConflict &c = m_conflicts.at(index.row());
    switch (Column(index.column())) {
    case Issue:
        return tr("Conflicting values, not stored");
    case Key:
        return c.key;
    case Attribute:
        return c.attribute;
    case Values:
        return c.values.join(QStringLiteral(" / "));
    case Lines: {
        QStringList lines;
        for (qint64 line : c.lines)
            lines << QString::number(line);
        return lines.join(QStringLiteral(", "));
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AttributeIssuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Issue:
        return tr("Issue");
    case Key:
        return tr("Key");
    case Attribute:
        return tr("Attribute");
    case Values:
        return tr("Values");
    case Lines:
        return tr("Lines");
    case ColumnCount:
        break;
    }
    return {};
}

// ---- AttributeWizard

AttributeWizard::AttributeWizard(const QString &databasePath, const QString &file, const Clock &clock,
                                 QWidget *parent)
    : ImportWizardBase(databasePath, file, clock, false, parent)
    , m_issues(new AttributeIssuesModel(this))
    , m_fileDate(QFileInfo(file).lastModified().date())
{
    setWindowTitle(tr("Import attributes from %1").arg(QFileInfo(file).fileName()));
    setAccessibleName(tr("Attribute import wizard"));
    buildPages();
    start();
}

void AttributeWizard::buildPages()
{
    m_keyKind = addChoice(tr("Join on"), tr("Kind of key"), &m_keyKindReason);
    m_keyKind->addItem(tr("Email"), int(AttributeKey::Email));
    m_keyKind->addItem(tr("User ID"), int(AttributeKey::UserId));
    connect(m_keyKind, &QComboBox::activated, this, &AttributeWizard::keyKindChosen);
    m_keyColumn = addChoice(tr("Key column"), tr("Key column"), &m_keyReason);
    connect(m_keyColumn, &QComboBox::activated, this, &AttributeWizard::keyColumnChosen);
    m_asOf = new QDateEdit(m_fileDate.isValid() ? m_fileDate : QDate::currentDate());
    m_asOf->setCalendarPopup(true);
    m_asOf->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_asOf->setAccessibleName(tr("Attributes true as of"));
    connect(m_asOf, &QDateEdit::dateChanged, this, [this] { setValidated(false); });
    mappingForm()->addRow(tr("True as of"), m_asOf);
    mappingExtras()->addWidget(note(
        tr("The date these values were true; by default the file's date (%1). An answer takes the latest "
           "values at or before it, else the earliest after it; values in the survey file itself always "
           "win.")
            .arg(QLocale().toString(m_fileDate, QLocale::ShortFormat))));
    setColumnListTitle(tr("Columns to keep as respondent attributes:"));

    validationTable()->setModel(m_issues);
    validationTable()->setAccessibleName(tr("Values that will not be stored"));
}

QString AttributeWizard::mappingTitle() const
{
    return tr("2 of 4 · Which column joins, which columns to keep");
}

QString AttributeWizard::fileKind() const
{
    return tr("a users or accounts export");
}

const FieldChoice &AttributeWizard::detectedFor(AttributeKey key) const
{
    static const FieldChoice none;
    if (!file())
        return none;
    return key == AttributeKey::Email ? file()->mapping().email : file()->mapping().userId;
}

QStringList AttributeWizard::fileWarnings() const
{
    return FileAttributeSource::warnings(*file());
}

void AttributeWizard::presentMapping()
{
    const FieldMapping &m = file()->mapping();
    const AttributeKey key = FileAttributeSource::detectedKey(m);
    m_keyKind->setCurrentIndex(m_keyKind->findData(int(key)));
    const QStringList names = file()->layout().columnNames();
    if (m.email.found())
        m_keyKindReason->setText(
            tr("Detected: email, the file has an email column (\"%1\")").arg(names.value(m.email.column)));
    else if (m.userId.found())
        m_keyKindReason->setText(
            tr("Detected: user id, the file has no email column but a user id column (\"%1\")")
                .arg(names.value(m.userId.column)));
    else
        m_keyKindReason->setText(tr("No email or user id column detected: choose the key column below"));
    const QVector<int> defaults = FileAttributeSource::defaultAttributeColumns(*file());
    fillColumnList(QSet<int>(defaults.cbegin(), defaults.cend()));
    keyKindChosen();
}

void AttributeWizard::keyKindChosen()
{
    fillColumnChoice(m_keyColumn, detectedFor(keyKind()).column);
    keyColumnChosen();
}

void AttributeWizard::keyColumnChosen()
{
    const FieldChoice &detected = detectedFor(keyKind());
    const int column = chosenColumn(m_keyColumn);
    m_keyReason->setText(column < 0                  ? tr("Choose the column that holds the key.")
                         : column == detected.column ? detected.reason
                                                     : tr("set by you"));
    // The key identifies the person; it is not one of their attributes.
    for (int i = 0; i < columnList()->count(); ++i) {
        QListWidgetItem *item = columnList()->item(i);
        const bool isKey = i == column;
        if (isKey)
            item->setCheckState(Qt::Unchecked);
        item->setFlags(isKey ? Qt::ItemIsUserCheckable : Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setToolTip(isKey ? tr("The key column") : QString());
    }
    setValidated(false);
}

AttributeKey AttributeWizard::keyKind() const
{
    return AttributeKey(m_keyKind->currentData().toInt());
}

QString AttributeWizard::keyColumn() const
{
    return chosenColumn(m_keyColumn) >= 0 ? m_keyColumn->currentText() : QString();
}

QString AttributeWizard::keyReason() const
{
    return m_keyReason->text();
}

QString AttributeWizard::keyKindReason() const
{
    return m_keyKindReason->text();
}

void AttributeWizard::chooseKey(AttributeKey key, const QString &column)
{
    m_keyKind->setCurrentIndex(m_keyKind->findData(int(key)));
    keyKindChosen();
    if (column.isEmpty())
        return;
    m_keyColumn->setCurrentIndex(qMax(0, m_keyColumn->findText(column)));
    keyColumnChosen();
}

QDate AttributeWizard::asOfDate() const
{
    return m_asOf->date();
}

void AttributeWizard::setAsOfDate(const QDate &date)
{
    m_asOf->setDate(date);
}

QStringList AttributeWizard::attributeColumns() const
{
    return checkedColumns();
}

void AttributeWizard::setAttributeColumn(const QString &column, bool kept)
{
    for (int i = 0; i < columnList()->count(); ++i) {
        QListWidgetItem *item = columnList()->item(i);
        if (item->text() == column && (item->flags() & Qt::ItemIsEnabled))
            item->setCheckState(kept ? Qt::Checked : Qt::Unchecked);
    }
    setValidated(false);
}

bool AttributeWizard::mappingComplete() const
{
    return chosenColumn(m_keyColumn) >= 0 && !checkedColumns().isEmpty();
}

bool AttributeWizard::validationComplete() const
{
    return m_validation.matched > 0;
}

MappingOverrides AttributeWizard::currentOverrides() const
{
    MappingOverrides overrides;
    const int column = chosenColumn(m_keyColumn);
    if (column != detectedFor(keyKind()).column)
        overrides.fields.insert(keyKind() == AttributeKey::Email ? QStringLiteral("email")
                                                                 : QStringLiteral("user"),
                                file()->layout().columnNames().value(column));
    overrides.segments = checkedColumns();
    return overrides;
}

AttributeImportOptions AttributeWizard::currentOptions() const
{
    AttributeImportOptions options;
    options.key = keyKind();
    // Left at the file's date, the exact modification time is used, as the
    // command line does without --as-of.
    options.asOf =
        FileAttributeSource::asOf(filePath(), m_asOf->date() == m_fileDate ? QDate() : m_asOf->date());
    return options;
}

void AttributeWizard::run(bool dryRun)
{
    if (dryRun)
        m_issues->setReport({});
    const QString path = filePath();
    const ReadOptions options = readOptions();
    const MappingOverrides overrides = currentOverrides();
    AttributeImportOptions importOptions = currentOptions();
    importOptions.dryRun = dryRun;
    const Clock *clock = &this->clock();
    runImporter<AttributeImportReport>(
        dryRun,
        [=](Database &db, const Progress &progress) {
            FileAttributeSource source(path, importOptions.key, options, overrides);
            AttributeImporter importer(db, *clock);
            importer.setProgress(progress);
            return importer.run(source, importOptions);
        },
        [this, dryRun](const AttributeImportReport &report) {
            const QLocale locale;
            const QString asOf =
                QDateTime::fromSecsSinceEpoch(report.asOf, Qt::UTC).date().toString(Qt::ISODate);
            if (dryRun) {
                m_validation = report;
                m_issues->setReport(report);
                validationTable()->resizeColumnsToContents();
                QString text =
                    tr("<b>%1 rows read</b>: %2 keys match a respondent, %3 match none, %4 conflicting "
                       "values "
                       "(one key, different values) will not be stored. %5 responses will be re-segmented.")
                        .arg(locale.toString(report.rows), locale.toString(report.matched),
                             locale.toString(report.unmatchedCount), locale.toString(report.conflicts.size()),
                             locale.toString(report.responsesUpdated));
                text += tr("<br>Attributes %1, true as of %2.")
                            .arg(attributeColumns().join(QStringLiteral(", ")).toHtmlEscaped(), asOf);
                if (report.unmatchedCount > report.unmatched.size())
                    text += tr(" The first %1 keys without a respondent are listed below.")
                                .arg(report.unmatched.size());
                if (report.matched == 0)
                    text += tr("<br>⚠ No key matches a respondent: check the key column and its kind.");
                setValidationSummary(text);
                setValidated(true);
            } else {
                m_result = report;
                const QString text =
                    tr("<b>Imported attributes from %1</b>, true as of %2.<br><br>%3 rows read · <b>%4 keys "
                       "matched</b> · %5 unmatched · %6 conflicts not stored · %7 responses re-segmented")
                        .arg(QFileInfo(report.file).fileName().toHtmlEscaped(), asOf,
                             locale.toString(report.rows), locale.toString(report.matched),
                             locale.toString(report.unmatchedCount), locale.toString(report.conflicts.size()),
                             locale.toString(report.responsesUpdated));
                showResult(text, report.importId, false);
            }
        });
}

} // namespace nps::ui

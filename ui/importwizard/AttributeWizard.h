#pragma once

#include "ImportWizardBase.h"
#include "import/AttributeImporter.h"

#include <QDate>

class QDateEdit;

namespace nps::ui {

// What an attribute import will not store: values that conflict for one key,
// then keys that match no respondent (the samples the importer lists).
class AttributeIssuesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Issue, Key, Attribute, Values, Lines, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setReport(const AttributeImportReport &report);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<AttributeConflict> m_conflicts;
    QStringList m_unmatched;
};

// A users or accounts file (CRM export) joined onto respondents: preview
// (encoding, delimiter, with an encoding override) -> mapping (the key column
// and its kind, the date the values were true, the columns kept as attributes)
// -> validation (a dry run of AttributeImporter: rows, matched, unmatched,
// conflicts with samples) -> import with progress and Cancel -> result.
class AttributeWizard : public ImportWizardBase
{
    Q_OBJECT

public:
    AttributeWizard(const QString &databasePath, const QString &file, const Clock &clock,
                    QWidget *parent = nullptr);

    AttributeKey keyKind() const;
    QString keyColumn() const; // "" when none
    QString keyReason() const;
    QString keyKindReason() const;
    // Joins on `key` in `column`; an empty column takes the one detected for that kind.
    void chooseKey(AttributeKey key, const QString &column = {});
    QDate asOfDate() const;
    void setAsOfDate(const QDate &date);
    QStringList attributeColumns() const;
    void setAttributeColumn(const QString &column, bool kept);

    AttributeIssuesModel *issuesModel() const { return m_issues; }
    const AttributeImportReport &validation() const { return m_validation; }
    const AttributeImportReport &result() const { return m_result; }

protected:
    QStringList fileWarnings() const override;
    void presentMapping() override;
    bool mappingComplete() const override;
    bool validationComplete() const override;
    void run(bool dryRun) override;
    QString mappingTitle() const override;
    QString fileKind() const override;

private:
    void buildPages();
    void keyKindChosen();
    void keyColumnChosen();
    const FieldChoice &detectedFor(AttributeKey key) const;
    MappingOverrides currentOverrides() const;
    AttributeImportOptions currentOptions() const;

    AttributeImportReport m_validation;
    AttributeImportReport m_result;
    AttributeIssuesModel *m_issues = nullptr;
    QDate m_fileDate;
    QComboBox *m_keyKind = nullptr;
    QLabel *m_keyKindReason = nullptr;
    QComboBox *m_keyColumn = nullptr;
    QLabel *m_keyReason = nullptr;
    QDateEdit *m_asOf = nullptr;
};

} // namespace nps::ui

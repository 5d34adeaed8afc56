#pragma once

#include "ImportWizardBase.h"
#include "import/Importer.h"

class QCheckBox;
class QLineEdit;

namespace nps::ui {

class RejectionsModel;

// A survey export: preview (encoding, delimiter, preset, with overrides) ->
// column mapping (detected columns with the reason) -> validation (a dry run:
// rows ok, duplicates, rejected with reasons, warnings to confirm) -> import
// with progress and Cancel -> result with a link to the rejected rows.
class ImportWizard : public ImportWizardBase
{
    Q_OBJECT

public:
    ImportWizard(const QString &databasePath, const QString &file, const Clock &clock,
                 QWidget *parent = nullptr);

    QString detectedColumn(const QString &field) const; // current choice, "" when none
    QString reasonFor(const QString &field) const;
    void chooseColumn(const QString &field, const QString &column); // "" = none
    void setWaveName(const QString &name);
    void confirmWarnings(bool confirmed);

    RejectionsModel *rejectionsModel() const { return m_rejections; }
    const ImportReport &validation() const { return m_validation; }
    const ImportReport &result() const { return m_result; }

protected:
    ReadOptions readOptions() const override;
    void presentMapping() override;
    bool mappingComplete() const override;
    bool validationComplete() const override;
    void run(bool dryRun) override;
    QString mappingTitle() const override;
    QString fileKind() const override;

private:
    void buildPages();
    MappingOverrides currentOverrides() const;

    ImportReport m_validation;
    ImportReport m_result;
    RejectionsModel *m_rejections = nullptr;
    // Mapping
    QHash<QString, QComboBox *> m_fieldCombos;
    QHash<QString, QLabel *> m_fieldReasons;
    QComboBox *m_dateOrder = nullptr;
    QLabel *m_mappingNotes = nullptr;
    QCheckBox *m_acceptScale = nullptr;
    // Validation
    QCheckBox *m_confirm = nullptr;
    QLineEdit *m_wave = nullptr;
};

} // namespace nps::ui

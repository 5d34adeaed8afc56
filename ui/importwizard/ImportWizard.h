#pragma once

#include "import/Importer.h"
#include "readers/SurveyFile.h"

#include <QAbstractTableModel>
#include <QDialog>
#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace nps {
class Clock;
}

namespace nps::ui {

// The first rows of a file as read, under its final column names.
class SamplePreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;
    void setSample(const QStringList &columns, const QVector<QStringList> &rows,
                   const QVector<qint64> &lines);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_columns;
    QVector<QStringList> m_rows;
    QVector<qint64> m_lines;
};

// Rows a dry run or an import refused.
class RejectionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Line, ColumnNumber, ColumnName, Value, Reason, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setRejections(const QVector<Rejection> &rows);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<Rejection> m_rows;
};

// File -> preview (encoding, delimiter, preset, with overrides) -> column mapping
// (detected columns with the reason) -> validation (a dry run: rows ok,
// duplicates, rejected with reasons, warnings to confirm) -> import with
// progress and Cancel -> result. All reading and writing runs off the GUI
// thread; the import is one transaction, so Cancel leaves the database as it was.
class ImportWizard : public QDialog
{
    Q_OBJECT

public:
    enum class Step { Preview, Mapping, Validation, Importing, Result };

    ImportWizard(const QString &databasePath, const QString &file, const Clock &clock,
                 QWidget *parent = nullptr);
    ~ImportWizard() override;

    Step step() const { return m_step; }
    bool isBusy() const { return m_busy > 0; }
    // Processes events until no background work is running (tests).
    void waitUntilIdle();

    // What the user sees and does, for tests and keyboard users alike.
    QString errorText() const;
    QString detectedColumn(const QString &field) const; // current choice, "" when none
    QString reasonFor(const QString &field) const;
    void chooseColumn(const QString &field, const QString &column); // "" = none
    void setPresetOverride(const QString &presetName);              // "" = detected
    void setWaveName(const QString &name);
    void confirmWarnings(bool confirmed);
    bool canGoNext() const;
    void goNext();
    void goBack();
    void cancelImport();

    SamplePreviewModel *previewModel() const { return m_preview; }
    RejectionsModel *rejectionsModel() const { return m_rejections; }
    const ImportReport &validation() const { return m_validation; }
    const ImportReport &result() const { return m_result; }
    QString summaryText() const;

signals:
    // The import was committed: screens should reload.
    void imported(qint64 importId);
    void showRejectedRequested(qint64 importId);

private:
    void buildUi();
    void openFile();
    void presentFile();
    void runImport(bool dryRun);
    MappingOverrides currentOverrides() const;
    ReadOptions currentOptions() const;
    void setStep(Step step);
    void updateButtons();
    void showError(const QString &message);

    QString m_databasePath;
    QString m_filePath;
    const Clock &m_clock;
    std::shared_ptr<SurveyFile> m_file;
    std::shared_ptr<std::atomic_bool> m_cancel;
    ImportReport m_validation;
    ImportReport m_result;
    Step m_step = Step::Preview;
    int m_busy = 0;
    bool m_validated = false;

    QStackedWidget *m_pages = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_error = nullptr;
    // Preview
    QLabel *m_detected = nullptr;
    QComboBox *m_preset = nullptr;
    QComboBox *m_encoding = nullptr;
    QTableView *m_previewView = nullptr;
    SamplePreviewModel *m_preview = nullptr;
    // Mapping
    QFormLayout *m_fieldsForm = nullptr;
    QHash<QString, QComboBox *> m_fieldCombos;
    QHash<QString, QLabel *> m_fieldReasons;
    QListWidget *m_segments = nullptr;
    QComboBox *m_dateOrder = nullptr;
    QLabel *m_mappingNotes = nullptr;
    QCheckBox *m_acceptScale = nullptr;
    // Validation
    QLabel *m_validationSummary = nullptr;
    QTableView *m_rejectionsView = nullptr;
    RejectionsModel *m_rejections = nullptr;
    QCheckBox *m_confirm = nullptr;
    QLineEdit *m_wave = nullptr;
    // Import and result
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QLabel *m_resultText = nullptr;
    QPushButton *m_showRejected = nullptr;

    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_cancelButton = nullptr;
};

} // namespace nps::ui

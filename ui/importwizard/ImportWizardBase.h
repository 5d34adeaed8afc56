#pragma once

#include "common/BackgroundTask.h"
#include "readers/SurveyFile.h"

#include <QAbstractTableModel>
#include <QDialog>
#include <QSet>
#include <atomic>
#include <functional>
#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QVBoxLayout;

namespace nps {
class Clock;
class Database;
} // namespace nps

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

// What every import wizard shares: preview of the file as read (encoding,
// delimiter, with overrides) -> mapping -> validation (a dry run of the real
// importer) -> import with progress and Cancel -> result. The preview,
// importing and result pages are complete here; a subclass fills the mapping
// and validation pages and runs its importer through runImporter(). All reading
// and writing runs off the GUI thread; importers write in one transaction, so
// Cancel leaves the database as it was.
class ImportWizardBase : public QDialog
{
    Q_OBJECT

public:
    enum class Step { Preview, Mapping, Validation, Importing, Result };

    ~ImportWizardBase() override;

    Step step() const { return m_step; }
    bool isBusy() const { return m_busy > 0; }
    // Processes events until no background work is running (tests).
    void waitUntilIdle();

    // What the user sees and does, for tests and keyboard users alike.
    QString errorText() const;
    void setEncodingOverride(const QString &encodingName); // "" = detected
    void setPresetOverride(const QString &presetName);     // "" = detected
    bool canGoNext() const;
    void goNext();
    void goBack();
    void cancelImport();
    // The preview's detection, the validation summary or the result, by step.
    QString summaryText() const;

    SamplePreviewModel *previewModel() const { return m_preview; }

signals:
    // The import was committed: screens should reload.
    void imported(qint64 importId);
    void showRejectedRequested(qint64 importId);

protected:
    // `offerPresets`: survey exports come in tool layouts worth overriding;
    // users/accounts files are plain tables.
    ImportWizardBase(const QString &databasePath, const QString &file, const Clock &clock, bool offerPresets,
                     QWidget *parent);

    // Call at the end of the subclass constructor: opens the file.
    void start();
    // Reads the file again with the current readOptions().
    void openFile();

    // Hooks, called once the subclass is complete.
    virtual ReadOptions readOptions() const;
    virtual QStringList fileWarnings() const; // shown on the preview
    virtual void presentMapping() = 0;        // the file was (re)opened: fill the mapping page
    virtual bool mappingComplete() const = 0;
    virtual bool validationComplete() const = 0; // after a successful dry run
    // A dry run for the validation page, else the import; through runImporter().
    virtual void run(bool dryRun) = 0;
    virtual QString mappingTitle() const = 0;
    virtual QString fileKind() const = 0; // "a survey export", for messages

    // The mapping page: a form on the left (with room below it) and a list of
    // checkable columns on the right.
    QFormLayout *mappingForm() const { return m_mappingForm; }
    QVBoxLayout *mappingExtras() const { return m_mappingExtras; }
    void setColumnListTitle(const QString &title);
    // One row of the form: a picker over the reason for its choice.
    QComboBox *addChoice(const QString &label, const QString &accessibleName, QLabel **reason);
    // Fills a picker with "(none)" and the file's columns, `column` chosen.
    void fillColumnChoice(QComboBox *combo, int column) const;
    static int chosenColumn(const QComboBox *combo); // -1: none
    void fillColumnList(const QSet<int> &checked, const QHash<int, QString> &toolTips = {});
    QStringList checkedColumns() const;
    QListWidget *columnList() const { return m_columnList; }

    // The validation page: a summary over a table (the subclass sets its model),
    // with room below.
    QTableView *validationTable() const { return m_validationTable; }
    QVBoxLayout *validationExtras() const { return m_validationExtras; }
    void setValidationSummary(const QString &html);
    void setValidated(bool validated);
    bool isValidated() const { return m_validated; }

    // Runs `work` (given a database connection and an Importer-style progress
    // callback that also carries Cancel) off the GUI thread; then `done` on the
    // GUI thread, or the error or the cancellation shown as every wizard shows it.
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    template<typename Report>
    void runImporter(bool dryRun, std::function<Report(Database &, const Progress &)> work,
                     std::function<void(const Report &)> done)
    {
        beginWork();
        const Progress progress = progressReporter();
        runInBackground<Report>(
            this, m_databasePath, [work, progress](Database &db) { return work(db, progress); },
            [this, done](const Report &report) {
                --m_busy;
                done(report);
                updateButtons();
            },
            [this, dryRun](const QString &error, bool cancelled) { workFailed(error, cancelled, dryRun); });
    }
    // The import was committed: shows `html` on the result page and tells the window.
    void showResult(const QString &html, qint64 importId, bool hasRejectedRows);

    void showError(const QString &message);
    void updateButtons();
    static QLabel *note(const QString &text = {});

    const SurveyFile *file() const { return m_file.get(); }
    const QString &databasePath() const { return m_databasePath; }
    const QString &filePath() const { return m_filePath; }
    const Clock &clock() const { return m_clock; }

private:
    void buildUi(bool offerPresets);
    void presentFile();
    void setStep(Step step);
    void beginWork();
    void workFailed(const QString &error, bool cancelled, bool dryRun);
    Progress progressReporter();

    QString m_databasePath;
    QString m_filePath;
    const Clock &m_clock;
    std::shared_ptr<SurveyFile> m_file;
    std::shared_ptr<std::atomic_bool> m_cancel;
    Step m_step = Step::Preview;
    int m_busy = 0;
    bool m_validated = false;
    qint64 m_resultImport = 0;

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
    QFormLayout *m_mappingForm = nullptr;
    QVBoxLayout *m_mappingExtras = nullptr;
    QLabel *m_columnListTitle = nullptr;
    QListWidget *m_columnList = nullptr;
    // Validation
    QLabel *m_validationSummary = nullptr;
    QTableView *m_validationTable = nullptr;
    QVBoxLayout *m_validationExtras = nullptr;
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

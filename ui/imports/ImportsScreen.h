#pragma once

#include "common/Screen.h"

#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace nps::ui {

class ImportsModel;
class RejectionsModel;

// Past imports with their counts and warnings, and the rows each one rejected,
// exportable to CSV for fixing at the source.
class ImportsScreen : public Screen
{
    Q_OBJECT

public:
    explicit ImportsScreen(QWidget *parent = nullptr);

    void setContext(const ScreenContext &context) override;
    void waitUntilLoaded() override;

    // Seam for the save dialog (tests return a path without blocking).
    using SaveFileChooser = std::function<QString(QWidget *parent, const QString &suggestedName)>;
    void setSaveFileChooser(SaveFileChooser chooser) { m_chooseSaveFile = std::move(chooser); }

    ImportsModel *importsModel() const { return m_imports; }
    RejectionsModel *rejectedModel() const { return m_rejected; }
    void selectImport(int row);
    // Writes every rejected row of the selected import to a CSV file; false (and
    // a message on the screen) on failure. Runs off the GUI thread.
    void exportRejected();
    QString messageText() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void reload();
    void loadRejected(qint64 importId);
    void setMessage(const QString &text);

    ScreenContext m_context;
    SaveFileChooser m_chooseSaveFile;
    bool m_dirty = false;
    int m_pending = 0;
    int m_generation = 0;
    qint64 m_selectedImport = 0;
    ImportsModel *m_imports = nullptr;
    RejectionsModel *m_rejected = nullptr;
    QTableView *m_importsView = nullptr;
    QTableView *m_rejectedView = nullptr;
    QLabel *m_rejectedTitle = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace nps::ui

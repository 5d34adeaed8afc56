#pragma once

#include "common/Screen.h"

#include <QMainWindow>
#include <QPointer>
#include <QUndoGroup>
#include <functional>
#include <memory>

class QActionGroup;

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QSystemTrayIcon;
class QVBoxLayout;

namespace nps {
class Clock;
class Database;
} // namespace nps

namespace nps::ui {

class AttributeWizard;
class FilterBar;
class ImportWizard;
class ImportWizardBase;
struct FilterChoices;

// Where the window asks the user for a file or a line of text. Tests replace
// them so nothing blocks; the defaults are the platform dialogs.
struct WindowDialogs
{
    std::function<QString(QWidget *parent, const QString &title, const QString &filter)> openFile;
    std::function<QString(QWidget *parent, const QString &title, const QString &filter)> saveFile;
    // Empty result: cancelled.
    std::function<QString(QWidget *parent, const QString &title, const QString &label, const QString &text)>
        text;
};

// The application shell: a navigation sidebar, the shared filter bar, and one
// page per screen. Every screen gets the same ScreenContext (database, filter,
// clock, confidence) whenever one of them changes.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class View { Overview, Segments, Trends, Comments, Followups, Imports };

    // `clock` defaults to the system clock; tests pass a FixedClock.
    explicit MainWindow(QWidget *parent = nullptr, const Clock *clock = nullptr);
    ~MainWindow() override;

    // Opens a .npsdb file; on failure the error is shown in the window with what
    // to do next and false is returned (the previous database, if any, stays open).
    bool openDatabase(const QString &path);
    // Creates an empty database at `path` (replacing nothing: an existing file is opened).
    bool newDatabase(const QString &path);
    void closeDatabase();
    QString databasePath() const;
    Database *database() const { return m_database.get(); }

    // Selects a screen by its command-line name ("overview", "segments", ...)
    // or a part of one ("themes", "tags", "sla").
    bool selectView(const QString &name);
    QStringList viewNames() const;
    void selectView(View view);
    View currentView() const;
    // The screen of `view`, or nullptr while that screen is a placeholder.
    Screen *screen(View view) const;

    FilterBar *filterBar() const { return m_filterBar; }
    ScreenContext context() const { return m_context; }
    double confidence() const { return m_context.confidence; }
    void setConfidence(double level);
    QStringList recentFiles() const;

    // Blocks (processing events) until the filter choices and the current screen are loaded.
    void waitUntilLoaded();
    // Renders the window offscreen at `size` to a PNG file, with the screen filled.
    bool renderScreenshot(const QString &path, const QSize &size);

    QString errorText() const;
    QString noticeText() const;

    void setDialogs(WindowDialogs dialogs);
    // Off for --screenshot runs: opening a file there must not change the
    // user's recent files, last file or window geometry.
    void setPersistent(bool persistent)
    {
        m_persistent = persistent;
        m_context.persistent = persistent;
    }

    // Files chosen with File > Import Survey... or File > Import Attributes...:
    // opens the survey or the attribute wizard on the first one.
    void importFiles(const QStringList &paths, bool attributes = false);
    // The open import wizards, if any (tests drive them).
    ImportWizard *importWizard() const;
    AttributeWizard *attributeWizard() const;

public slots:
    // The follow-up queue's counts, shown in the sidebar and the window title.
    void setFollowupCounts(qint64 overdue, qint64 dueSoon);
    // Recounts the queue off the GUI thread (after edits, and every minute).
    void refreshFollowupCounts();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void notifyOverdue(int count);
    void buildUi();
    void buildMenus();
    QWidget *buildWelcome();
    void refreshWelcome();
    void showError(const QString &message);
    void showNotice(const QString &message);
    void applyContext();
    void loadChoices();
    void addRecent(const QString &path);
    void rebuildRecentMenu();
    void updateTitle();
    void saveCurrentView();
    void deleteSavedView(const QString &name);
    void chooseSavedView(const QString &name);
    // The filter in force and the saved view chosen, kept per database file
    // in QSettings and brought back when the file opens again.
    void rememberFilter();
    void restoreFilter();
    void focusSearch();
    void importDropped(const QStringList &paths);
    void editOwner();

    const Clock *m_clock = nullptr;
    WindowDialogs m_dialogs;
    std::unique_ptr<Database> m_database;
    ScreenContext m_context;
    QMap<QString, ResponseFilter> m_savedViews;
    QString m_restoreViewName; // shown as chosen once the saved views are read
    int m_pendingChoices = 0;
    bool m_persistent = true;
    qint64 m_overdue = -1;
    qint64 m_dueSoon = 0;

    QStackedWidget *m_outer = nullptr; // welcome | workspace
    QVBoxLayout *m_recentBox = nullptr;
    QWidget *m_welcome = nullptr;
    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_pages = nullptr;
    FilterBar *m_filterBar = nullptr;
    QWidget *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    bool m_bannerIsError = false;
    QLabel *m_statusInfo = nullptr;
    QMenu *m_recentMenu = nullptr;
    QActionGroup *m_confidenceGroup = nullptr;
    // Edit > Undo and Redo act on the current screen's edits.
    QUndoGroup *m_undoGroup = new QUndoGroup(this);
    QList<QAction *> m_needDatabase;
    QVector<Screen *> m_screenByView;
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<ImportWizardBase> m_wizard;
};

} // namespace nps::ui

#pragma once

#include <QMainWindow>
#include <memory>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace nps::ui {
class Screen;
}

namespace nps {
class Database;
}

namespace nps::ui {

// The application shell: a navigation sidebar and one page per screen.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class View { Overview, Segments, Trends, Comments, Followups, Imports };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a .npsdb file; on failure the error is shown in the window and
    // false is returned (the previous database, if any, stays open).
    bool openDatabase(const QString &path);
    Database *database() const { return m_database.get(); }

    // Selects a screen by its command-line name ("overview", "segments", ...).
    bool selectView(const QString &name);
    void selectView(View view);
    View currentView() const;

    // Renders the window offscreen at `size` to a PNG file.
    bool renderScreenshot(const QString &path, const QSize &size);

    QString errorText() const;

private:
    void buildUi();
    void showError(const QString &message);

    std::unique_ptr<Database> m_database;
    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_errorBanner = nullptr;
    QList<Screen *> m_screens;
};

} // namespace nps::ui

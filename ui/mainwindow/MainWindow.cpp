#include "MainWindow.h"

#include "common/Error.h"
#include "common/Screen.h"
#include "followups/FollowupsScreen.h"
#include "store/Database.h"

#include <QApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace nps::ui {

namespace {

struct ViewInfo
{
    MainWindow::View view;
    const char *key;
    const char *title;
    const char *comingSoon;
    // Builds the screen; nullptr while the screen is not built yet.
    Screen *(*create)();
};

const ViewInfo views[] = {
    {MainWindow::View::Overview, "overview", "Overview",
     "The headline NPS with its confidence interval, key metrics, the score distribution and hygiene warnings.", nullptr},
    {MainWindow::View::Segments, "segments", "Segments",
     "NPS pivoted by plan, role, region or any attribute, by period, with significance markers.", nullptr},
    {MainWindow::View::Trends, "trends", "Trends", "NPS by quarter per segment, with confidence bands.", nullptr},
    {MainWindow::View::Comments, "comments", "Comments",
     "Every comment, searchable and taggable, with theme drivers for promoters and detractors.", nullptr},
    {MainWindow::View::Followups, "followups", "Follow-ups",
     "The detractor queue: every detractor contacted within 48 hours.",
     []() -> Screen * { return new FollowupsScreen; }},
    {MainWindow::View::Imports, "imports", "Imports", "Past imports, their counts, warnings and rejected rows.", nullptr},
};

QWidget *comingSoonPage(const ViewInfo &info)
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(QString::fromUtf8(info.title)));
    auto *text = new QLabel(QStringLiteral("This screen is not built yet. It will show: %1")
                                .arg(QString::fromUtf8(info.comingSoon)));
    text->setWordWrap(true);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addStretch();
    page->setAccessibleName(QString::fromUtf8(info.title));
    return page;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    buildUi();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    setWindowTitle(QStringLiteral("NPS Desk"));
    auto *central = new QWidget;
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    m_errorBanner = new QLabel;
    m_errorBanner->setWordWrap(true);
    m_errorBanner->setVisible(false);
    m_errorBanner->setAccessibleName(QStringLiteral("Error message"));
    m_errorBanner->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #611a15; padding: 8px; }"));
    outer->addWidget(m_errorBanner);

    auto *body = new QHBoxLayout;
    m_sidebar = new QListWidget;
    m_sidebar->setAccessibleName(QStringLiteral("Navigation"));
    m_sidebar->setFixedWidth(180);
    m_pages = new QStackedWidget;
    for (const ViewInfo &info : views) {
        m_sidebar->addItem(QString::fromUtf8(info.title));
        if (info.create) {
            Screen *screen = info.create();
            m_screens.append(screen);
            m_pages->addWidget(screen);
        } else {
            m_pages->addWidget(comingSoonPage(info));
        }
    }
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_sidebar->setCurrentRow(0);
    body->addWidget(m_sidebar);
    body->addWidget(m_pages, 1);
    outer->addLayout(body, 1);
    setCentralWidget(central);
    resize(1280, 800);
}

bool MainWindow::openDatabase(const QString &path)
{
    auto db = std::make_unique<Database>();
    try {
        db->open(path, Database::Mode::ExistingOnly);
    } catch (const Error &error) {
        showError(error.message() + QStringLiteral("\nChoose another file with File > Open, or create a new one."));
        return false;
    }
    m_database = std::move(db);
    m_errorBanner->setVisible(false);
    setWindowTitle(QStringLiteral("%1 - NPS Desk").arg(QFileInfo(path).fileName()));
    return true;
}

bool MainWindow::selectView(const QString &name)
{
    for (const ViewInfo &info : views) {
        if (name == QLatin1String(info.key)) {
            selectView(info.view);
            return true;
        }
    }
    return false;
}

void MainWindow::selectView(View view)
{
    m_sidebar->setCurrentRow(int(view));
}

MainWindow::View MainWindow::currentView() const
{
    return View(m_pages->currentIndex());
}

bool MainWindow::renderScreenshot(const QString &path, const QSize &size)
{
    resize(size);
    show();
    QApplication::processEvents();
    return grab().save(path, "PNG");
}

QString MainWindow::errorText() const
{
    return m_errorBanner->isVisible() ? m_errorBanner->text() : QString();
}

void MainWindow::showError(const QString &message)
{
    m_errorBanner->setText(message);
    m_errorBanner->setVisible(true);
}

} // namespace nps::ui

#include "MainWindow.h"

#include "analysis/AnalysisService.h"
#include "clock/Clock.h"
#include "comments/CommentsScreen.h"
#include "common/BackgroundTask.h"
#include "common/Error.h"
#include "common/FilterBar.h"
#include "common/Screen.h"
#include "followups/FollowupQueue.h"
#include "followups/FollowupsScreen.h"
#include "import/FileAttributeSource.h"
#include "imports/ImportsScreen.h"
#include "importwizard/AttributeWizard.h"
#include "importwizard/ImportWizard.h"
#include "overview/OverviewScreen.h"
#include "query/SavedViews.h"
#include "segments/SegmentsScreen.h"
#include "store/Database.h"
#include "store/StoreInfo.h"
#include "store/Waves.h"
#include "trends/TrendsScreen.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QCommandLinkButton>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSvgRenderer>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolButton>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

static void initResources()
{
    Q_INIT_RESOURCE(npsdesk);
}

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
     "The headline NPS with its confidence interval, key metrics, the score distribution and hygiene "
     "warnings.",
     []() -> Screen * { return new OverviewScreen; }},
    {MainWindow::View::Segments, "segments", "Segments",
     "NPS pivoted by plan, role, region or any attribute, by period, with significance markers.",
     []() -> Screen * { return new SegmentsScreen; }},
    {MainWindow::View::Trends, "trends", "Trends", "NPS by quarter per segment, with confidence bands.",
     []() -> Screen * { return new TrendsScreen; }},
    {MainWindow::View::Comments, "comments", "Comments",
     "Every comment, searchable and taggable, with theme drivers for promoters and detractors.",
     []() -> Screen * { return new CommentsScreen; }},
    {MainWindow::View::Followups, "followups", "Follow-ups",
     "The detractor queue: every detractor contacted within 48 hours.",
     []() -> Screen * { return new FollowupsScreen; }},
    {MainWindow::View::Imports, "imports", "Imports",
     "Past imports, their counts, warnings and rejected rows.",
     []() -> Screen * { return new ImportsScreen; }},
};

constexpr int recentLimit = 8;
const char *const recentKey = "files/recent";
const char *const lastFileKey = "files/last";
const char *const viewKey = "ui/view";
const char *const geometryKey = "ui/geometry";
const char *const stateKey = "ui/state";
const char *const confidenceKey = "analysis/confidence";
const char *const ownerKey = "followups/owner";

// Per-file settings live under a hash of the path (a path is not a valid key).
QString fileSettingsGroup(const QString &path)
{
    return QStringLiteral("files/state/") +
           QString::fromLatin1(
               QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1)
                   .toHex()
                   .left(16));
}

// The sidebar icons are grey line art; a selected row is drawn on the highlight
// colour, so the selected mode gets the same drawing in the highlighted-text colour.
QIcon sidebarIcon(const QString &key, const QColor &selected)
{
    const QString path = QStringLiteral(":/npsdesk/icons/%1.svg").arg(key);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QIcon(path);
    const QByteArray normal = file.readAll();
    QByteArray highlighted = normal;
    highlighted.replace("#6b7b8c", selected.name().toLatin1());
    // Built from pixmaps for both modes: the SVG icon engine would otherwise tint
    // the selected icon itself and lose the contrast.
    QIcon icon;
    for (const auto &[svg, mode] :
         {std::pair{normal, QIcon::Normal}, std::pair{highlighted, QIcon::Selected}}) {
        QSvgRenderer renderer(svg);
        for (int size : {20, 40}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            renderer.render(&painter);
            painter.end();
            icon.addPixmap(pixmap, mode);
        }
    }
    return icon;
}

// A one-pixel line in the palette's mid colour (sunken QFrame lines use Light,
// which many dark palettes leave bright).
QWidget *hairline(Qt::Orientation orientation)
{
    auto *line = new QWidget;
    line->setAutoFillBackground(true);
    line->setBackgroundRole(QPalette::Mid);
    if (orientation == Qt::Horizontal)
        line->setFixedHeight(1);
    else
        line->setFixedWidth(1);
    return line;
}

QWidget *comingSoonPage(const ViewInfo &info)
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addStretch(1);
    auto *icon = new QLabel;
    icon->setPixmap(
        QIcon(QStringLiteral(":/npsdesk/icons/%1.svg").arg(QString::fromUtf8(info.key))).pixmap(64, 64));
    icon->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(QString::fromUtf8(info.title)));
    title->setAlignment(Qt::AlignCenter);
    auto *text = new QLabel(QObject::tr("This screen is not built yet.<br>It will show: %1")
                                .arg(QString::fromUtf8(info.comingSoon)));
    text->setAlignment(Qt::AlignCenter);
    text->setWordWrap(true);
    text->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(icon);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addStretch(2);
    page->setAccessibleName(QObject::tr("%1 (not built yet)").arg(QString::fromUtf8(info.title)));
    return page;
}

QString defaultOpenFile(QWidget *parent, const QString &title, const QString &filter)
{
    return QFileDialog::getOpenFileName(parent, title, {}, filter);
}

QString defaultSaveFile(QWidget *parent, const QString &title, const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, title, {}, filter);
}

QString defaultText(QWidget *parent, const QString &title, const QString &label, const QString &text)
{
    bool ok = false;
    const QString value = QInputDialog::getText(parent, title, label, QLineEdit::Normal, text, &ok);
    return ok ? value : QString();
}

const QString databaseFilter = QStringLiteral("NPS Desk databases (*.npsdb);;All files (*)");

bool isImportableFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") ||
           suffix == QLatin1String("txt") || suffix == QLatin1String("xlsx");
}

struct LoadedChoices
{
    qint64 overdue = 0;
    qint64 dueSoon = 0;
    FilterChoices choices;
    QMap<QString, ResponseFilter> savedViews;
    StoreInfo info;
};

} // namespace

MainWindow::MainWindow(QWidget *parent, const Clock *clock)
    : QMainWindow(parent)
    , m_clock(clock ? clock : &systemClock())
{
    initResources();
    m_dialogs = {defaultOpenFile, defaultSaveFile, defaultText};
    m_context.clock = m_clock;
    const double confidence = QSettings().value(QLatin1String(confidenceKey), 0.95).toDouble();
    m_context.confidence = confidence > 0.5 && confidence < 1.0 ? confidence : 0.95;
    buildUi();
    buildMenus();
    QSettings settings;
    restoreGeometry(settings.value(QLatin1String(geometryKey)).toByteArray());
    restoreState(settings.value(QLatin1String(stateKey)).toByteArray());
    selectView(settings.value(QLatin1String(viewKey), QStringLiteral("overview")).toString());
    setAcceptDrops(true);
    applyContext();
    // Deadlines pass while the window is open: recount the queue every minute.
    auto *recount = new QTimer(this);
    recount->setInterval(60 * 1000);
    connect(recount, &QTimer::timeout, this, &MainWindow::refreshFollowupCounts);
    recount->start();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    setWindowIcon(QIcon(QStringLiteral(":/npsdesk/icons/app.svg")));
    auto *central = new QWidget;
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);

    // One banner for errors (what went wrong and what to do next) and notices.
    m_banner = new QWidget;
    m_banner->setVisible(false);
    m_banner->setAutoFillBackground(true);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(16, 8, 8, 8);
    m_bannerText = new QLabel;
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bannerText->setAccessibleName(tr("Message"));
    auto *dismiss = new QToolButton;
    dismiss->setText(tr("Dismiss"));
    dismiss->setAccessibleName(tr("Dismiss message"));
    connect(dismiss, &QToolButton::clicked, m_banner, &QWidget::hide);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(dismiss, 0, Qt::AlignTop);
    outer->addWidget(m_banner);

    m_outer = new QStackedWidget;
    m_welcome = buildWelcome();
    m_outer->addWidget(m_welcome);

    auto *workspace = new QWidget;
    auto *body = new QHBoxLayout(workspace);
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    m_sidebar = new QListWidget;
    m_sidebar->setAccessibleName(tr("Navigation"));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setIconSize(QSize(20, 20));
    m_sidebar->setSpacing(2);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setFixedWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("Follow-ups  99 overdue · 9 due")) + 76);
    m_sidebar->setStyleSheet(QStringLiteral(
        "QListWidget { background: palette(window); padding: 8px 6px; outline: 0; }"
        "QListWidget::item { padding: 7px 8px; border-radius: 6px; }"
        "QListWidget::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
        "QListWidget::item:hover:!selected { background: palette(midlight); }"));
    m_pages = new QStackedWidget;
    int index = 0;
    for (const ViewInfo &info : views) {
        auto *item = new QListWidgetItem(
            sidebarIcon(QString::fromUtf8(info.key), palette().color(QPalette::HighlightedText)),
            tr(info.title));
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(tr(info.title)).arg(index + 1));
        m_sidebar->addItem(item);
        Screen *screen = info.create ? info.create() : nullptr;
        m_screenByView.append(screen);
        if (screen) {
            // A screen wider than the window scrolls instead of forcing the
            // whole window wider than a laptop screen.
            auto *scroll = new QScrollArea;
            scroll->setAccessibleName(tr(info.title));
            scroll->setWidgetResizable(true);
            scroll->setFrameShape(QFrame::NoFrame);
            scroll->setWidget(screen);
            m_pages->addWidget(scroll);
            connect(screen, &Screen::statusMessage, this,
                    [this](const QString &message) { statusBar()->showMessage(message, 8000); });
            connect(screen, &Screen::dataChanged, this, [this, screen] {
                // Another screen changed data (a tag, an edit): everyone else reloads.
                for (Screen *other : std::as_const(m_screenByView)) {
                    if (other && other != screen)
                        other->setContext(m_context);
                }
                refreshFollowupCounts();
            });
            if (QUndoStack *stack = screen->undoStack()) {
                m_undoGroup->addStack(stack);
                screen->leaveUndoShortcutsToWindow();
            }
            if (auto *comments = qobject_cast<CommentsScreen *>(screen)) {
                connect(comments, &CommentsScreen::openFollowupRequested, this, [this](qint64 id) {
                    selectView(View::Followups);
                    if (auto *followups = qobject_cast<FollowupsScreen *>(this->screen(View::Followups)))
                        followups->showFollowup(id);
                });
            }
            if (auto *followups = qobject_cast<FollowupsScreen *>(screen)) {
                connect(followups, &FollowupsScreen::itemsBecameOverdue, this, &MainWindow::notifyOverdue);
                connect(followups, &FollowupsScreen::queueCountsChanged, this,
                        [this](int overdue, int dueSoon) { setFollowupCounts(overdue, dueSoon); });
            }
            connect(screen, &Screen::openCommentsRequested, this, [this](const ResponseFilter &filter) {
                m_filterBar->setFilter(filter);
                selectView(View::Comments);
            });
        } else {
            m_pages->addWidget(comingSoonPage(info));
        }
        ++index;
    }
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_pages, &QStackedWidget::currentChanged, this, [this](int index) {
        Screen *current = m_screenByView.value(index);
        m_undoGroup->setActiveStack(current ? current->undoStack() : nullptr);
    });
    m_sidebar->setCurrentRow(0);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    m_filterBar = new FilterBar;
    rightLayout->addWidget(m_filterBar);
    rightLayout->addWidget(hairline(Qt::Horizontal));
    rightLayout->addWidget(m_pages, 1);
    body->addWidget(m_sidebar);
    body->addWidget(hairline(Qt::Vertical));
    body->addWidget(right, 1);
    m_outer->addWidget(workspace);
    outer->addWidget(m_outer, 1);
    setCentralWidget(central);

    connect(m_filterBar, &FilterBar::filterChanged, this, [this](const ResponseFilter &filter) {
        m_context.filter = filter;
        rememberFilter();
        applyContext();
    });
    connect(m_filterBar, &FilterBar::saveViewRequested, this, &MainWindow::saveCurrentView);
    connect(m_filterBar, &FilterBar::deleteViewRequested, this, &MainWindow::deleteSavedView);
    connect(m_filterBar, &FilterBar::savedViewChosen, this, &MainWindow::chooseSavedView);

    m_statusInfo = new QLabel;
    m_statusInfo->setAccessibleName(tr("Database summary"));
    statusBar()->addPermanentWidget(m_statusInfo);
    resize(1280, 800);
    updateTitle();
}

QWidget *MainWindow::buildWelcome()
{
    auto *page = new QWidget;
    page->setAccessibleName(tr("Welcome"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(48, 48, 48, 48);
    layout->addStretch(1);
    auto *column = new QVBoxLayout;
    column->setSpacing(8);
    auto *icon = new QLabel;
    icon->setPixmap(QIcon(QStringLiteral(":/npsdesk/icons/app.svg")).pixmap(72, 72));
    column->addWidget(icon);
    auto *title = new QLabel(tr("<h1>NPS Desk</h1>"));
    column->addWidget(title);
    auto *text =
        new QLabel(tr("Import survey exports, segment the score, follow the trend and close the loop "
                      "with every detractor. Everything stays in one file on this computer."));
    text->setWordWrap(true);
    text->setForegroundRole(QPalette::PlaceholderText);
    column->addWidget(text);
    column->addSpacing(12);
    auto *open = new QCommandLinkButton(tr("Open a database..."), tr("An existing .npsdb file (Ctrl+O)"));
    auto *create =
        new QCommandLinkButton(tr("New database..."), tr("An empty file to import surveys into (Ctrl+N)"));
    open->setAccessibleName(tr("Open a database"));
    create->setAccessibleName(tr("New database"));
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = m_dialogs.openFile(this, tr("Open database"), databaseFilter);
        if (!path.isEmpty())
            openDatabase(path);
    });
    connect(create, &QPushButton::clicked, this, [this] {
        const QString path = m_dialogs.saveFile(this, tr("New database"), databaseFilter);
        if (!path.isEmpty())
            newDatabase(path);
    });
    column->addWidget(open);
    column->addWidget(create);
    column->addSpacing(12);
    m_recentBox = new QVBoxLayout;
    column->addLayout(m_recentBox);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addLayout(column, 3);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);
    return page;
}

void MainWindow::refreshWelcome()
{
    while (QLayoutItem *item = m_recentBox->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QStringList recent = recentFiles();
    if (recent.isEmpty())
        return;
    auto *heading = new QLabel(tr("<b>Recent files</b>"));
    m_recentBox->addWidget(heading);
    for (const QString &path : recent) {
        auto *button = new QCommandLinkButton(QFileInfo(path).fileName(), QDir::toNativeSeparators(path));
        button->setAccessibleName(tr("Open %1").arg(QFileInfo(path).fileName()));
        connect(button, &QPushButton::clicked, this, [this, path] { openDatabase(path); });
        m_recentBox->addWidget(button);
    }
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New Database..."), this, [this] {
        const QString path = m_dialogs.saveFile(this, tr("New database"), databaseFilter);
        if (!path.isEmpty())
            newDatabase(path);
    });
    newAction->setShortcut(QKeySequence::New);
    QAction *openAction = file->addAction(tr("&Open..."), this, [this] {
        const QString path = m_dialogs.openFile(this, tr("Open database"), databaseFilter);
        if (!path.isEmpty())
            openDatabase(path);
    });
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    QAction *importAction = file->addAction(tr("&Import Survey..."), this, [this] {
        const QString path = m_dialogs.openFile(
            this, tr("Import survey export"), tr("Survey exports (*.csv *.tsv *.txt *.xlsx);;All files (*)"));
        if (!path.isEmpty())
            importFiles({path});
    });
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    QAction *attributesAction = file->addAction(tr("Import &Attributes..."), this, [this] {
        const QString path =
            m_dialogs.openFile(this, tr("Import users or accounts file"),
                               tr("Attribute files (*.csv *.tsv *.txt *.xlsx);;All files (*)"));
        if (!path.isEmpty())
            importFiles({path}, true);
    });
    file->addSeparator();
    QAction *closeAction = file->addAction(tr("&Close Database"), this, &MainWindow::closeDatabase);
    closeAction->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    m_needDatabase = {importAction, attributesAction, closeAction};

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("editUndo"));
    undo->setShortcut(QKeySequence::Undo);
    edit->addAction(undo);
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("editRedo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(redo);
    edit->addSeparator();
    QAction *find = edit->addAction(tr("&Find"), this, &MainWindow::focusSearch);
    find->setShortcut(QKeySequence::Find);
    edit->addSeparator();
    edit->addAction(tr("Your Name for Follow-ups..."), this, &MainWindow::editOwner);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    int index = 0;
    for (const ViewInfo &info : views) {
        const View target = info.view;
        QAction *action = view->addAction(m_sidebar->item(index)->icon(), tr(info.title), this,
                                          [this, target] { selectView(target); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
        ++index;
    }
    view->addSeparator();
    QMenu *confidence = view->addMenu(tr("Confidence Level"));
    m_confidenceGroup = new QActionGroup(this);
    for (double level : {0.90, 0.95, 0.99}) {
        QAction *action = confidence->addAction(tr("%1%").arg(level * 100, 0, 'f', 0));
        action->setCheckable(true);
        action->setChecked(qFuzzyCompare(level, m_context.confidence));
        action->setData(level);
        m_confidenceGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, level] { setConfidence(level); });
    }
    view->addSeparator();
    QAction *fullScreen = view->addAction(tr("Full Screen"), this,
                                          [this] { setWindowState(windowState() ^ Qt::WindowFullScreen); });
    fullScreen->setShortcut(QKeySequence::FullScreen);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About NPS Desk"), this, [this] {
        showNotice(
            tr("NPS Desk %1: Net Promoter Score programs on the desktop. NPS intervals use the adjusted Wald "
               "method (Rocks 2016); changes use a two-sample z test.")
                .arg(QApplication::applicationVersion()));
    });
    rebuildRecentMenu();
}

void MainWindow::notifyOverdue(int count)
{
    // A desktop notification only where there is a tray to show it (not on the
    // offscreen platform of tests and screenshots).
    if (!QSystemTrayIcon::isSystemTrayAvailable() || count <= 0)
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            selectView(View::Followups);
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    m_tray->showMessage(tr("Follow-ups overdue"),
                        tr("%n follow-up(s) just passed the deadline.", nullptr, count),
                        QSystemTrayIcon::Warning);
}

bool MainWindow::openDatabase(const QString &path)
{
    auto db = std::make_unique<Database>();
    try {
        if (!QFileInfo::exists(path))
            throw Error::badInput(QStringLiteral("%1: no such file").arg(path));
        db->open(path, Database::Mode::ExistingOnly);
    } catch (const Error &error) {
        showError(tr("Cannot open %1: %2\nWhat to do: choose another file with File > Open, create one with "
                     "File > New Database, or open the demo with `npsdesk --demo`.")
                      .arg(QFileInfo(path).fileName(), error.message()));
        return false;
    }
    m_database = std::move(db);
    m_banner->setVisible(false);
    m_context.databasePath = m_database->path();
    m_context.filter = ResponseFilter{};
    m_savedViews.clear();
    {
        const QSignalBlocker blocker(m_filterBar);
        m_filterBar->setChoices(FilterChoices{});
        m_filterBar->setFilter(ResponseFilter{});
    }
    restoreFilter();
    m_outer->setCurrentIndex(1);
    if (m_persistent) {
        addRecent(m_database->path());
        QSettings().setValue(QLatin1String(lastFileKey), m_database->path());
    }
    updateTitle();
    applyContext();
    loadChoices();
    return true;
}

bool MainWindow::newDatabase(const QString &path)
{
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty())
        target += QStringLiteral(".npsdb");
    try {
        Database db;
        db.open(target, Database::Mode::CreateIfMissing);
    } catch (const Error &error) {
        showError(tr("Cannot create %1: %2\nWhat to do: choose a folder you can write to.")
                      .arg(QFileInfo(target).fileName(), error.message()));
        return false;
    }
    return openDatabase(target);
}

void MainWindow::closeDatabase()
{
    m_database.reset();
    m_context.databasePath.clear();
    setFollowupCounts(0, 0);
    m_context.filter = ResponseFilter{};
    {
        const QSignalBlocker blocker(m_filterBar);
        m_filterBar->setChoices(FilterChoices{});
        m_filterBar->setFilter(ResponseFilter{});
    }
    m_statusInfo->clear();
    m_outer->setCurrentIndex(0);
    refreshWelcome();
    updateTitle();
    applyContext();
}

QString MainWindow::databasePath() const
{
    return m_context.databasePath;
}

void MainWindow::applyContext()
{
    for (QAction *action : std::as_const(m_needDatabase))
        action->setEnabled(!m_context.databasePath.isEmpty());
    if (m_context.databasePath.isEmpty()) {
        m_outer->setCurrentIndex(0);
        refreshWelcome();
    }
    for (Screen *screen : std::as_const(m_screenByView)) {
        if (screen)
            screen->setContext(m_context);
    }
}

void MainWindow::loadChoices()
{
    ++m_pendingChoices;
    const QString path = m_context.databasePath;
    runInBackground<LoadedChoices>(
        this, path,
        [clock = m_clock](Database &db) {
            LoadedChoices loaded;
            // Wave names in time order from the column store (Waves::list scans the responses).
            AnalysisService analysis(db);
            const QVector<TrendSeries> byWave = analysis.trend(ResponseFilter{}, PeriodKind::Wave);
            if (!byWave.isEmpty()) {
                for (const TrendPoint &point : byWave.constFirst().points)
                    loaded.choices.waves << point.period.label;
            }
            for (const QString &attribute : analysis.attributeNames())
                loaded.choices.attributes.insert(attribute, analysis.attributeValues(attribute));
            for (const SavedView &view : SavedViews(db, *clock).list()) {
                loaded.choices.savedViews << view.name;
                loaded.savedViews.insert(view.name, view.filter);
            }
            loaded.info = StoreInfo::read(db);
            const FollowupQueue::Counts counts = FollowupQueue(db, *clock).counts();
            loaded.overdue = counts.overdue;
            loaded.dueSoon = counts.dueSoon;
            if (loaded.info.firstResponseAt > 0)
                loaded.choices.firstDate =
                    QDateTime::fromSecsSinceEpoch(loaded.info.firstResponseAt, Qt::UTC).date();
            if (loaded.info.lastResponseAt > 0)
                loaded.choices.lastDate =
                    QDateTime::fromSecsSinceEpoch(loaded.info.lastResponseAt, Qt::UTC).date();
            return loaded;
        },
        [this, path](const LoadedChoices &loaded) {
            --m_pendingChoices;
            if (path != m_context.databasePath)
                return;
            m_savedViews = loaded.savedViews;
            m_filterBar->setChoices(loaded.choices);
            // The view chosen last time, if it still exists and still says what is shown.
            const auto chosen = m_savedViews.constFind(m_restoreViewName);
            if (chosen != m_savedViews.constEnd() && *chosen == m_context.filter)
                m_filterBar->setCurrentViewName(m_restoreViewName);
            m_restoreViewName.clear();
            setFollowupCounts(loaded.overdue, loaded.dueSoon);
            const QLocale locale;
            m_statusInfo->setText(
                tr("%1 responses · %2 respondents · %3 waves · %4")
                    .arg(locale.toString(loaded.info.responses), locale.toString(loaded.info.respondents),
                         locale.toString(loaded.info.waves), QDir::toNativeSeparators(path)));
        },
        [this](const QString &error) {
            --m_pendingChoices;
            showError(
                tr("The filter choices could not be read: %1\nWhat to do: reopen the file; if it persists, "
                   "check it with `npsdesk info --db FILE`.")
                    .arg(error));
        });
}

void MainWindow::saveCurrentView()
{
    if (!m_database)
        return;
    const QString name =
        m_dialogs.text(this, tr("Save view"), tr("Name of this view (%1):").arg(m_context.filter.describe()),
                       m_filterBar->currentViewName());
    if (name.trimmed().isEmpty())
        return;
    try {
        SavedViews(*m_database, *m_clock).save(name, m_context.filter);
    } catch (const Error &error) {
        showError(tr("The view could not be saved: %1\nWhat to do: try another name.").arg(error.message()));
        return;
    }
    m_savedViews.insert(name.trimmed(), m_context.filter);
    FilterChoices choices = m_filterBar->choices();
    if (!choices.savedViews.contains(name.trimmed(), Qt::CaseInsensitive)) {
        choices.savedViews << name.trimmed();
        choices.savedViews.sort(Qt::CaseInsensitive);
    }
    m_filterBar->setChoices(choices);
    m_filterBar->setCurrentViewName(name.trimmed());
    rememberFilter();
    statusBar()->showMessage(tr("Saved view \"%1\"").arg(name.trimmed()), 5000);
}

void MainWindow::deleteSavedView(const QString &name)
{
    if (!m_database)
        return;
    try {
        SavedViews(*m_database, *m_clock).remove(name);
    } catch (const Error &error) {
        showError(tr("The view could not be deleted: %1").arg(error.message()));
        return;
    }
    m_savedViews.remove(name);
    FilterChoices choices = m_filterBar->choices();
    choices.savedViews.removeAll(name);
    m_filterBar->setCurrentViewName({});
    m_filterBar->setChoices(choices);
    rememberFilter();
    statusBar()->showMessage(tr("Deleted view \"%1\"").arg(name), 5000);
}

void MainWindow::chooseSavedView(const QString &name)
{
    const auto it = m_savedViews.constFind(name);
    if (it == m_savedViews.constEnd())
        return;
    m_filterBar->setFilter(*it);
    m_filterBar->setCurrentViewName(name);
    rememberFilter();
}

void MainWindow::rememberFilter()
{
    if (!m_persistent || m_context.databasePath.isEmpty())
        return;
    QSettings settings;
    settings.beginGroup(fileSettingsGroup(m_context.databasePath));
    settings.setValue(QStringLiteral("filter"), m_context.filter.toJson());
    settings.setValue(QStringLiteral("view"), m_filterBar->currentViewName());
}

void MainWindow::restoreFilter()
{
    // Screenshot runs show the file as it is, whatever this user last looked at.
    m_restoreViewName.clear();
    if (!m_persistent)
        return;
    QSettings settings;
    settings.beginGroup(fileSettingsGroup(m_context.databasePath));
    bool ok = false;
    const ResponseFilter filter =
        ResponseFilter::fromJson(settings.value(QStringLiteral("filter")).toString(), &ok);
    if (!ok)
        return;
    m_context.filter = filter;
    m_restoreViewName = settings.value(QStringLiteral("view")).toString();
    const QSignalBlocker blocker(m_filterBar);
    m_filterBar->setFilter(filter);
}

void MainWindow::setConfidence(double level)
{
    if (!(level > 0.5 && level < 1.0))
        return;
    m_context.confidence = level;
    if (m_persistent)
        QSettings().setValue(QLatin1String(confidenceKey), level);
    for (QAction *action : m_confidenceGroup->actions())
        action->setChecked(qFuzzyCompare(action->data().toDouble(), level));
    applyContext();
}

bool MainWindow::selectView(const QString &name)
{
    for (const ViewInfo &info : views) {
        if (name == QLatin1String(info.key)) {
            selectView(info.view);
            return true;
        }
    }
    for (int index = 0; index < m_screenByView.size(); ++index) {
        Screen *screen = m_screenByView.at(index);
        if (screen && screen->partNames().contains(name)) {
            selectView(View(index));
            screen->showPart(name);
            return true;
        }
    }
    return false;
}

QStringList MainWindow::viewNames() const
{
    QStringList names;
    for (const ViewInfo &info : views)
        names << QString::fromLatin1(info.key);
    for (Screen *screen : m_screenByView) {
        if (screen)
            names += screen->partNames();
    }
    return names;
}

void MainWindow::selectView(View view)
{
    m_sidebar->setCurrentRow(int(view));
}

MainWindow::View MainWindow::currentView() const
{
    return View(m_pages->currentIndex());
}

Screen *MainWindow::screen(View view) const
{
    return m_screenByView.value(int(view));
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(QLatin1String(recentKey)).toStringList();
}

void MainWindow::addRecent(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentFiles();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > recentLimit)
        recent.removeLast();
    QSettings().setValue(QLatin1String(recentKey), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (const QString &path : recent) {
        QAction *action =
            m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openDatabase(path); });
        action->setToolTip(path);
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear Recent Files"), this, [this] {
        QSettings().remove(QLatin1String(recentKey));
        rebuildRecentMenu();
        refreshWelcome();
    });
}

void MainWindow::refreshFollowupCounts()
{
    if (m_context.databasePath.isEmpty())
        return;
    const QString path = m_context.databasePath;
    runInBackground<QPair<qint64, qint64>>(
        this, path,
        [clock = m_clock](Database &db) {
            const FollowupQueue::Counts counts = FollowupQueue(db, *clock).counts();
            return qMakePair(counts.overdue, counts.dueSoon);
        },
        [this, path](const QPair<qint64, qint64> &counts) {
            if (path == m_context.databasePath)
                setFollowupCounts(counts.first, counts.second);
        });
}

void MainWindow::setFollowupCounts(qint64 overdue, qint64 dueSoon)
{
    m_overdue = overdue;
    m_dueSoon = dueSoon;
    QListWidgetItem *item = m_sidebar->item(int(View::Followups));
    QString text = tr("Follow-ups");
    QStringList counts;
    if (overdue > 0)
        counts << tr("%1 overdue").arg(overdue);
    if (dueSoon > 0)
        counts << tr("%1 due").arg(dueSoon);
    if (!counts.isEmpty())
        text += QStringLiteral("  ") + counts.join(QStringLiteral(" · "));
    item->setText(text);
    item->setToolTip(tr("%1 overdue, %2 due soon (Ctrl+5)").arg(overdue).arg(dueSoon));
    item->setForeground(overdue > 0 ? QBrush(QColor(0xd9, 0x53, 0x4f)) : QBrush());
    updateTitle();
}

void MainWindow::updateTitle()
{
    QString title =
        m_context.databasePath.isEmpty() ? QString() : QFileInfo(m_context.databasePath).fileName();
    if (!title.isEmpty() && (m_overdue > 0 || m_dueSoon > 0))
        title += tr(" (%1 overdue, %2 due within 12 h)").arg(m_overdue).arg(m_dueSoon);
    setWindowTitle(title.isEmpty() ? QStringLiteral("NPS Desk") : title + QStringLiteral(" — NPS Desk"));
}

void MainWindow::focusSearch()
{
    // A screen's search field is the line edit named "search", or else the one
    // whose accessible name starts with "Search".
    QWidget *page = m_pages->currentWidget();
    QLineEdit *search = page ? page->findChild<QLineEdit *>(QStringLiteral("search")) : nullptr;
    if (!search && page) {
        for (QLineEdit *edit : page->findChildren<QLineEdit *>()) {
            if (edit->accessibleName().startsWith(QLatin1String("Search"), Qt::CaseInsensitive) &&
                edit->isVisible()) {
                search = edit;
                break;
            }
        }
    }
    if (search) {
        search->setFocus(Qt::ShortcutFocusReason);
        search->selectAll();
        return;
    }
    statusBar()->showMessage(tr("This screen has no search; the Comments screen searches what people wrote."),
                             5000);
}

void MainWindow::editOwner()
{
    QSettings settings;
    const QString current = settings.value(QLatin1String(ownerKey)).toString();
    const QString name = m_dialogs.text(
        this, tr("Your name"), tr("Your name, recorded as the owner of follow-ups you take:"), current);
    if (name.trimmed().isEmpty())
        return;
    settings.setValue(QLatin1String(ownerKey), name.trimmed());
    statusBar()->showMessage(tr("Follow-ups you take will be owned by %1").arg(name.trimmed()), 5000);
}

void MainWindow::importFiles(const QStringList &paths, bool attributes)
{
    if (paths.isEmpty())
        return;
    if (m_context.databasePath.isEmpty()) {
        showError(
            tr("Open or create a database before importing %1.\nWhat to do: File > New Database, then drop "
               "the file again.")
                .arg(QFileInfo(paths.constFirst()).fileName()));
        return;
    }
    if (paths.size() > 1)
        showNotice(tr("One file at a time: importing %1 now; import the other %n file(s) after it.", nullptr,
                      int(paths.size() - 1))
                       .arg(QFileInfo(paths.constFirst()).fileName()));
    delete m_wizard;
    if (attributes)
        m_wizard = new AttributeWizard(m_context.databasePath, paths.constFirst(), *m_clock, this);
    else
        m_wizard = new ImportWizard(m_context.databasePath, paths.constFirst(), *m_clock, this);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wizard, &ImportWizardBase::imported, this, [this, attributes](qint64) {
        statusBar()->showMessage(attributes ? tr("Attributes imported: segments and filters show them")
                                            : tr("Import finished: every screen shows the new responses"),
                                 8000);
        applyContext();
        loadChoices();
    });
    connect(m_wizard, &ImportWizardBase::showRejectedRequested, this,
            [this](qint64) { selectView(View::Imports); });
    m_wizard->open();
}

void MainWindow::importDropped(const QStringList &paths)
{
    // Whether a dropped file holds answers or a users/accounts table is only
    // known from its contents; reading them is file work, off the GUI thread.
    const QString first = paths.constFirst();
    runWork<bool>(
        this, [first] { return FileAttributeSource::isAttributeFile(SurveyFile::open(first)); },
        [this, paths](const bool &attributes) { importFiles(paths, attributes); },
        // The survey wizard says why the file cannot be read.
        [this, paths](const QString &, bool) { importFiles(paths); });
}

ImportWizard *MainWindow::importWizard() const
{
    return qobject_cast<ImportWizard *>(m_wizard.data());
}

AttributeWizard *MainWindow::attributeWizard() const
{
    return qobject_cast<AttributeWizard *>(m_wizard.data());
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        const QString path = url.toLocalFile();
        if (path.endsWith(QLatin1String(".npsdb"), Qt::CaseInsensitive) || isImportableFile(path)) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls()) {
        const QString path = url.toLocalFile();
        if (path.endsWith(QLatin1String(".npsdb"), Qt::CaseInsensitive)) {
            event->acceptProposedAction();
            openDatabase(path);
            return;
        }
        if (isImportableFile(path))
            files << path;
    }
    if (!files.isEmpty()) {
        event->acceptProposedAction();
        importDropped(files);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_persistent) {
        QMainWindow::closeEvent(event);
        return;
    }
    QSettings settings;
    settings.setValue(QLatin1String(geometryKey), saveGeometry());
    settings.setValue(QLatin1String(stateKey), saveState());
    settings.setValue(QLatin1String(viewKey), QString::fromUtf8(views[int(currentView())].key));
    QMainWindow::closeEvent(event);
}

void MainWindow::waitUntilLoaded()
{
    while (m_pendingChoices > 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    if (Screen *current = screen(currentView()))
        current->waitUntilLoaded();
}

bool MainWindow::renderScreenshot(const QString &path, const QSize &size)
{
    resize(size);
    show();
    QApplication::processEvents();
    waitUntilLoaded();
    // Layouts and charts settle over a few event loop turns after the data arrives.
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    return grab().save(path, "PNG");
}

QString MainWindow::errorText() const
{
    return m_banner->isVisible() && m_bannerIsError ? m_bannerText->text() : QString();
}

QString MainWindow::noticeText() const
{
    return m_banner->isVisible() && !m_bannerIsError ? m_bannerText->text() : QString();
}

void MainWindow::setDialogs(WindowDialogs dialogs)
{
    if (dialogs.openFile)
        m_dialogs.openFile = std::move(dialogs.openFile);
    if (dialogs.saveFile)
        m_dialogs.saveFile = std::move(dialogs.saveFile);
    if (dialogs.text)
        m_dialogs.text = std::move(dialogs.text);
}

void MainWindow::showError(const QString &message)
{
    m_bannerIsError = true;
    m_bannerText->setText(message);
    QPalette p = m_banner->palette();
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    p.setColor(QPalette::Window, dark ? QColor(0x5c, 0x1f, 0x1d) : QColor(0xfd, 0xec, 0xea));
    p.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xdc, 0xd8) : QColor(0x61, 0x1a, 0x15));
    m_banner->setPalette(p);
    m_bannerText->setPalette(p);
    m_banner->setVisible(true);
}

void MainWindow::showNotice(const QString &message)
{
    m_bannerIsError = false;
    m_bannerText->setText(message);
    QPalette p = m_banner->palette();
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    p.setColor(QPalette::Window, dark ? QColor(0x1d, 0x3a, 0x5c) : QColor(0xe8, 0xf1, 0xfb));
    p.setColor(QPalette::WindowText, dark ? QColor(0xdc, 0xea, 0xff) : QColor(0x15, 0x3a, 0x61));
    m_banner->setPalette(p);
    m_bannerText->setPalette(p);
    m_banner->setVisible(true);
}

} // namespace nps::ui

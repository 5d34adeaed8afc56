#include "UiFixture.h"
#include "analysis/AnalysisService.h"
#include "comments/CommentListModel.h"
#include "comments/CommentsScreen.h"
#include "common/FilterBar.h"
#include "common/GroupColors.h"
#include "followups/FollowupModel.h"
#include "followups/FollowupQueue.h"
#include "followups/FollowupsScreen.h"
#include "importwizard/AttributeWizard.h"
#include "importwizard/ImportWizard.h"
#include "mainwindow/MainWindow.h"
#include "overview/OverviewScreen.h"
#include "query/SavedViews.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QAbstractSpinBox>
#include <QAccessible>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMimeData>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QThreadPool>
#include <QToolButton>
#include <QtTest>

using namespace nps;
using namespace nps::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demo;
    FixedClock m_clock{test::demoNow()};

    OverviewScreen *overview(MainWindow &window)
    {
        return qobject_cast<OverviewScreen *>(window.screen(MainWindow::View::Overview));
    }

private slots:
    void initTestCase()
    {
        test::isolateSettings(m_dir);
        m_demo = test::makeDemoDatabase(m_dir, QStringLiteral("demo.npsdb"), 1500);
    }

    // Each test starts from files without a remembered filter.
    void init() { QSettings().remove(QStringLiteral("files/state")); }

    void opensWithoutADatabase()
    {
        MainWindow window(nullptr, &m_clock);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.databasePath().isEmpty());
        QVERIFY(window.errorText().isEmpty());
        QCOMPARE(window.windowTitle(), QStringLiteral("NPS Desk"));
        QVERIFY(window.screen(MainWindow::View::Overview));
        QVERIFY(window.screen(MainWindow::View::Imports));
        QVERIFY(!window.findChildren<QWidget *>().isEmpty());
    }

    void badFileShowsTheErrorInTheWindow_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("create");
        QTest::newRow("text file") << QByteArray("plan,score\nPro,9\n") << true;
        QTest::newRow("truncated sqlite") << QByteArray("SQLite format 3\0\x10\0", 19) << true;
        QTest::newRow("missing") << QByteArray() << false;
    }

    void badFileShowsTheErrorInTheWindow()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, create);
        const QString path = m_dir.filePath(QStringLiteral("bad-%1.npsdb").arg(QTest::currentDataTag()));
        if (create) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        MainWindow window(nullptr, &m_clock);
        window.show();
        QVERIFY(!window.openDatabase(path));
        QVERIFY2(window.errorText().contains(QStringLiteral("Cannot open")), qPrintable(window.errorText()));
        QVERIFY(window.errorText().contains(QStringLiteral("File > Open")));
        QVERIFY(window.databasePath().isEmpty());
        // A good file afterwards clears the error; a bad one then keeps the good one open.
        QVERIFY(window.openDatabase(m_demo));
        QVERIFY(window.errorText().isEmpty());
        QVERIFY(!window.openDatabase(path));
        QCOMPARE(window.databasePath(), m_demo);
        QVERIFY(!window.errorText().isEmpty());
    }

    void openingFillsTheOverviewAndRemembersTheFile()
    {
        MainWindow window(nullptr, &m_clock);
        window.show();
        QVERIFY(window.openDatabase(m_demo));
        window.selectView(MainWindow::View::Overview);
        window.waitUntilLoaded();
        OverviewScreen *screen = overview(window);
        QVERIFY(screen && screen->data());
        Database db;
        db.open(m_demo, Database::Mode::ExistingOnly);
        QCOMPARE(screen->data()->summary.n(), AnalysisService(db).summary({}).n());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("demo.npsdb")));
        QCOMPARE(window.recentFiles().value(0), QFileInfo(m_demo).absoluteFilePath());
        QCOMPARE(QSettings().value(QStringLiteral("files/last")).toString(),
                 QFileInfo(m_demo).absoluteFilePath());
        // The filter bar got the file's choices.
        QVERIFY(window.filterBar()->choices().attributes.contains(QStringLiteral("Plan")));
        QCOMPARE(window.filterBar()->choices().waves.size(), 8);
        QCOMPARE(window.filterBar()->descriptionText(), QStringLiteral("Showing: All responses"));
        // The follow-up queue's overdue count reaches the title and the Overview card.
        const FollowupQueue::Counts counts = FollowupQueue(db, m_clock).counts();
        QVERIFY(counts.overdue > 0);
        QCOMPARE(window.windowTitle(),
                 QStringLiteral("demo.npsdb (%1 overdue, %2 due within 12 h) — NPS Desk")
                     .arg(counts.overdue)
                     .arg(counts.dueSoon));
        QCOMPARE(screen->cardValue(QStringLiteral("Open follow-ups")), QLocale().toString(counts.open));
    }

    void filterBarChangesReachEveryScreen()
    {
        MainWindow window(nullptr, &m_clock);
        window.show();
        QVERIFY(window.openDatabase(m_demo));
        window.waitUntilLoaded();
        QSignalSpy spy(window.filterBar(), &FilterBar::filterChanged);

        // Through the real control: the "Active users only" check box.
        auto *active = window.filterBar()->findChild<QCheckBox *>();
        QVERIFY(active);
        active->click();
        QCOMPARE(spy.count(), 1);
        QVERIFY(window.context().filter.activeOnly);

        ResponseFilter filter = window.context().filter;
        filter.attributes.insert(QStringLiteral("Plan"), {QStringLiteral("Enterprise")});
        window.filterBar()->setFilter(filter);
        QVERIFY(window.context().filter == filter);
        QCOMPARE(window.filterBar()->descriptionText(), QStringLiteral("Showing: ") + filter.describe());

        window.selectView(MainWindow::View::Overview);
        window.waitUntilLoaded();
        OverviewScreen *screen = overview(window);
        QVERIFY(screen->data()->filter == filter);
        Database db;
        db.open(m_demo, Database::Mode::ExistingOnly);
        const NpsSummary expected = AnalysisService(db).summary(filter);
        QCOMPARE(screen->data()->summary.n(), expected.n());
        QVERIFY(expected.n() < AnalysisService(db).summary({}).n());

        // The confidence level is part of the context too.
        window.setConfidence(0.99);
        window.waitUntilLoaded();
        QCOMPARE(screen->data()->summary.confidence, 0.99);
        QCOMPARE(screen->data()->summary.ci.low, AnalysisService(db).summary(filter, 0.99).ci.low);
        window.setConfidence(0.95);
    }

    void savedViewsRoundTrip()
    {
        MainWindow window(nullptr, &m_clock);
        window.setDialogs({{}, {}, [](QWidget *, const QString &, const QString &, const QString &) {
                               return QStringLiteral("Enterprise, active");
                           }});
        window.show();
        QVERIFY(window.openDatabase(m_demo));
        window.waitUntilLoaded();
        ResponseFilter filter;
        filter.activeOnly = true;
        filter.attributes.insert(QStringLiteral("Plan"), {QStringLiteral("Enterprise")});
        window.filterBar()->setFilter(filter);
        QToolButton *save = nullptr;
        for (QToolButton *button : window.filterBar()->findChildren<QToolButton *>()) {
            if (button->accessibleName() == QStringLiteral("Save view"))
                save = button;
        }
        QVERIFY(save);
        save->click();
        QCOMPARE(window.filterBar()->currentViewName(), QStringLiteral("Enterprise, active"));
        {
            Database db;
            db.open(m_demo, Database::Mode::ExistingOnly);
            const QVector<SavedView> views = SavedViews(db, m_clock).list();
            QCOMPARE(views.size(), 1);
            QVERIFY(views.constFirst().filter == filter);
        }
        // A new window on the same file offers the view and applies it.
        MainWindow again(nullptr, &m_clock);
        again.show();
        QVERIFY(again.openDatabase(m_demo));
        again.waitUntilLoaded();
        QCOMPARE(again.filterBar()->choices().savedViews, QStringList{QStringLiteral("Enterprise, active")});
        emit again.filterBar()->savedViewChosen(QStringLiteral("Enterprise, active"));
        QVERIFY(again.context().filter == filter);
        emit again.filterBar()->deleteViewRequested(QStringLiteral("Enterprise, active"));
        Database db;
        db.open(m_demo, Database::Mode::ExistingOnly);
        QVERIFY(SavedViews(db, m_clock).list().isEmpty());
    }

    // The filter in force and the saved view chosen come back when the file
    // opens again; each file keeps its own; screenshot runs ignore them.
    void filterAndChosenViewKeptPerFile()
    {
        const QString other = test::makeDemoDatabase(m_dir, QStringLiteral("other.npsdb"), 300);
        ResponseFilter filter;
        filter.activeOnly = true;
        filter.attributes.insert(QStringLiteral("Plan"), {QStringLiteral("Pro")});
        {
            MainWindow window(nullptr, &m_clock);
            window.setDialogs({{}, {}, [](QWidget *, const QString &, const QString &, const QString &) {
                                   return QStringLiteral("Pro, active");
                               }});
            window.show();
            QVERIFY(window.openDatabase(m_demo));
            window.waitUntilLoaded();
            window.filterBar()->setFilter(filter);
            emit window.filterBar()->saveViewRequested();
            QCOMPARE(window.filterBar()->currentViewName(), QStringLiteral("Pro, active"));
            QVERIFY(window.openDatabase(other));
            QVERIFY(window.context().filter == ResponseFilter{});
            window.waitUntilLoaded();
        }
        MainWindow again(nullptr, &m_clock);
        again.show();
        QVERIFY(again.openDatabase(m_demo));
        again.waitUntilLoaded();
        QVERIFY(again.context().filter == filter);
        QCOMPARE(again.filterBar()->filter(), filter);
        QCOMPARE(again.filterBar()->currentViewName(), QStringLiteral("Pro, active"));
        QCOMPARE(again.filterBar()->descriptionText(), QStringLiteral("Showing: ") + filter.describe());
        QVERIFY(overview(again)->data()->filter == filter);

        MainWindow screenshot(nullptr, &m_clock);
        screenshot.setPersistent(false);
        QVERIFY(screenshot.openDatabase(m_demo));
        QVERIFY(screenshot.context().filter == ResponseFilter{});

        emit again.filterBar()->deleteViewRequested(QStringLiteral("Pro, active"));
        again.filterBar()->setFilter({});
    }

    // The follow-up link in the Comments detail pane opens that follow-up,
    // in the view that lists it, open or closed.
    void commentDetailLinkOpensItsFollowup_data()
    {
        QTest::addColumn<QString>("statuses");
        QTest::newRow("open") << QStringLiteral("'new', 'contacted'");
        QTest::newRow("closed") << QStringLiteral("'resolved', 'wont_fix', 'unreachable'");
    }

    void commentDetailLinkOpensItsFollowup()
    {
        QFETCH(QString, statuses);
        qint64 followup = 0;
        {
            Database db;
            db.open(m_demo, Database::Mode::ExistingOnly);
            followup =
                sql::scalar(db.connection(),
                            QStringLiteral("SELECT f.id FROM followups f WHERE f.list = 'detractor' AND"
                                           " f.tracked = 1 AND f.status IN (%1) ORDER BY f.id LIMIT 1")
                                .arg(statuses))
                    .toLongLong();
        }
        QVERIFY(followup > 0);
        MainWindow window(nullptr, &m_clock);
        window.show();
        QVERIFY(window.openDatabase(m_demo));
        window.selectView(MainWindow::View::Comments);
        window.waitUntilLoaded();
        QTextBrowser *detail = nullptr;
        for (QTextBrowser *browser : window.findChildren<QTextBrowser *>()) {
            if (browser->accessibleName() == QLatin1String("Comment detail"))
                detail = browser;
        }
        QVERIFY(detail);
        emit detail->anchorClicked(QUrl(QStringLiteral("followup:%1").arg(followup)));
        QCOMPARE(window.currentView(), MainWindow::View::Followups);
        auto *followups = qobject_cast<FollowupsScreen *>(window.screen(MainWindow::View::Followups));
        QVERIFY(followups);
        QTRY_COMPARE(followups->currentId(), followup);
        followups->waitUntilLoaded();
        QCOMPARE(followups->currentId(), followup);
        const QModelIndex current = followups->table()->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.data(FollowupModel::IdRole).toLongLong(), followup);
    }

    // Opening a file queries for the screen in view only: the Comments and
    // Follow-ups screens load when first shown.
    void hiddenScreensWaitUntilShown()
    {
        MainWindow window(nullptr, &m_clock);
        window.show();
        window.selectView(MainWindow::View::Overview);
        QVERIFY(window.openDatabase(m_demo));
        window.waitUntilLoaded();
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        auto *comments = qobject_cast<CommentsScreen *>(window.screen(MainWindow::View::Comments));
        auto *followups = qobject_cast<FollowupsScreen *>(window.screen(MainWindow::View::Followups));
        QVERIFY(comments && followups);
        QCOMPARE(comments->model()->rowCount(), 0);
        QCOMPARE(followups->model()->rowCount(), 0);
        window.selectView(MainWindow::View::Comments);
        window.waitUntilLoaded();
        QVERIFY(comments->model()->rowCount() > 0);
        window.selectView(MainWindow::View::Followups);
        window.waitUntilLoaded();
        QVERIFY(followups->model()->rowCount() > 0);
    }

    void shortcutsSwitchScreens()
    {
        MainWindow window(nullptr, &m_clock);
        window.show();
        QVERIFY(window.openDatabase(m_demo));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentView(), MainWindow::View::Trends);
        QTest::keyClick(&window, Qt::Key_6, Qt::ControlModifier);
        QCOMPARE(window.currentView(), MainWindow::View::Imports);
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window.currentView(), MainWindow::View::Overview);
        // Ctrl+F focuses the search of the screen that has one.
        QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(window.currentView(), MainWindow::View::Comments);
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        auto *focused = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(focused);
        QCOMPARE(focused->accessibleName(), QStringLiteral("Search comments"));
    }

    void editMenuUndoesTheCurrentScreensEdits()
    {
        // A copy: this test writes tags.
        const QString path = m_dir.filePath(QStringLiteral("undo.npsdb"));
        QFile::remove(path);
        QVERIFY(QFile::copy(m_demo, path));
        const auto pricingRows = [&path](qint64 responseId) {
            Database db;
            db.open(path, Database::Mode::ExistingOnly);
            return sql::scalar(
                       db.connection(),
                       QStringLiteral("SELECT count(*) FROM response_tags rt JOIN tags t ON t.id = rt.tag_id"
                                      " WHERE rt.response_id = ? AND t.name = 'Pricing'"),
                       {responseId})
                .toInt();
        };
        MainWindow window(nullptr, &m_clock);
        window.show();
        QVERIFY(window.openDatabase(path));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *undo = window.findChild<QAction *>(QStringLiteral("editUndo"));
        auto *redo = window.findChild<QAction *>(QStringLiteral("editRedo"));
        QVERIFY(undo && redo);
        QVERIFY(!undo->isEnabled());

        window.selectView(MainWindow::View::Comments);
        auto *comments = qobject_cast<CommentsScreen *>(window.screen(MainWindow::View::Comments));
        CommentFilter untagged;
        untagged.untagged = true;
        comments->setCommentFilter(untagged);
        comments->waitUntilLoaded();
        QListView *list = comments->listView();
        list->setFocus();
        list->setCurrentIndex(comments->model()->index(0));
        const qint64 id = comments->model()->idAt(0);
        QCOMPARE(pricingRows(id), 0);
        QTest::keyClick(list, Qt::Key_1); // the demo's pinned "Pricing"
        QCOMPARE(pricingRows(id), 1);

        // The window's menu and its one Ctrl+Z: no second shortcut cancels it out.
        QVERIFY(undo->isEnabled());
        QVERIFY(undo->text().contains(QStringLiteral("Pricing")));
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(pricingRows(id), 0);
        redo->trigger();
        QCOMPARE(pricingRows(id), 1);
        QTest::keyClick(list, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(pricingRows(id), 1); // nothing left to redo

        // Elsewhere, Undo does not reach back into the Comments screen.
        window.selectView(MainWindow::View::Overview);
        QVERIFY(!undo->isEnabled());
        undo->trigger();
        QCOMPARE(pricingRows(id), 1);
        window.selectView(MainWindow::View::Comments);
        QVERIFY(undo->isEnabled());
        undo->trigger();
        QCOMPARE(pricingRows(id), 0);
    }

    void surveyFileNeedsADatabaseThenOpensTheWizard()
    {
        MainWindow window(nullptr, &m_clock);
        window.show();
        window.importFiles({QStringLiteral(NPSDESK_TEST_DATA "/import/basic.csv")});
        QVERIFY(window.errorText().contains(QStringLiteral("Open or create a database")));
        QVERIFY(!window.importWizard());
        QVERIFY(window.openDatabase(m_demo));
        window.importFiles({QStringLiteral(NPSDESK_TEST_DATA "/import/basic.csv")});
        QVERIFY(window.importWizard());
        window.importWizard()->waitUntilIdle();
        QCOMPARE(window.importWizard()->detectedColumn(QStringLiteral("score")), QStringLiteral("Score"));
        window.importWizard()->reject();
    }

    void droppingFilesOpensOrImports()
    {
        MainWindow window(nullptr, &m_clock);
        window.show();
        auto drop = [&window](const QString &path) {
            QMimeData mime;
            mime.setUrls({QUrl::fromLocalFile(path)});
            QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&window, &enter);
            if (!enter.isAccepted())
                return false;
            QDropEvent dropEvent(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&window, &dropEvent);
            return true;
        };
        QVERIFY(!drop(m_dir.filePath(QStringLiteral("notes.pdf"))));
        QVERIFY(drop(m_demo));
        QCOMPARE(window.databasePath(), m_demo);
        // What a dropped file holds is read off the GUI thread before a wizard opens.
        QVERIFY(drop(QStringLiteral(NPSDESK_TEST_DATA "/import/basic.csv")));
        QTRY_VERIFY(window.importWizard());
        QVERIFY(!window.attributeWizard());
        window.importWizard()->waitUntilIdle();
        window.importWizard()->reject();
        // A users/accounts file (no 0-10 question, an email column) opens the attribute wizard.
        QVERIFY(drop(QStringLiteral(NPSDESK_TEST_DATA "/import/attributes.csv")));
        QTRY_VERIFY(window.attributeWizard());
        QVERIFY(!window.importWizard());
        window.attributeWizard()->waitUntilIdle();
        QCOMPARE(window.attributeWizard()->keyColumn(), QStringLiteral("email"));
        window.attributeWizard()->reject();
    }

    void followupCountsShowInTitle()
    {
        MainWindow window(nullptr, &m_clock);
        QVERIFY(window.openDatabase(m_demo));
        window.setFollowupCounts(4, 2);
        QCOMPARE(window.windowTitle(),
                 QStringLiteral("demo.npsdb (4 overdue, 2 due within 12 h) — NPS Desk"));
        QVERIFY(window.findChild<QListWidget *>()
                    ->item(int(MainWindow::View::Followups))
                    ->text()
                    .contains(QStringLiteral("4 overdue · 2 due")));
    }

    void followsADarkPalette()
    {
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1f, 0x1f, 0x1f));
        dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
        dark.setColor(QPalette::Midlight, QColor(0x44, 0x44, 0x44));
        dark.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
        dark.setColor(QPalette::Highlight, QColor(0x2f, 0x7d, 0xd1));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        QApplication::setPalette(dark);
        {
            MainWindow window(nullptr, &m_clock);
            QVERIFY(window.openDatabase(m_demo));
            window.selectView(MainWindow::View::Overview);
            const QString png = m_dir.filePath(QStringLiteral("dark.png"));
            QVERIFY(window.renderScreenshot(png, QSize(1440, 900)));
            if (qEnvironmentVariableIsSet("NPSDESK_KEEP_PNG"))
                QFile::copy(png, qEnvironmentVariable("NPSDESK_KEEP_PNG"));
            const QImage image(png);
            // Most of the window is dark, and no card is painted in a light colour.
            qint64 darkPixels = 0, lightPixels = 0;
            for (int y = 0; y < image.height(); y += 3) {
                for (int x = 0; x < image.width(); x += 3) {
                    const int lightness = QColor(image.pixel(x, y)).lightness();
                    darkPixels += lightness < 80;
                    lightPixels += lightness > 230;
                }
            }
            QVERIFY2(darkPixels > 20 * lightPixels,
                     qPrintable(QStringLiteral("%1 dark, %2 light").arg(darkPixels).arg(lightPixels)));
        }
        QApplication::setPalette(light);
    }

    // Focusable widgets under `root` (its own window only) that Qt's
    // accessibility layer gives no name: no accessible name, no text (buttons,
    // check boxes), no buddy label.
    static QStringList unnamedControls(QWidget *root)
    {
        QStringList unnamed;
        for (QWidget *widget : root->findChildren<QWidget *>()) {
            if (!(widget->focusPolicy() & Qt::TabFocus) || widget->window() != root->window())
                continue;
            // Parts of a compound control (a spin box's line edit, a scroll
            // area's viewport) are announced through the control itself.
            bool part = false;
            for (QWidget *up = widget->parentWidget(); up && !part; up = up->parentWidget())
                part = qobject_cast<QAbstractSpinBox *>(up) || qobject_cast<QComboBox *>(up);
            if (auto *area = qobject_cast<QAbstractScrollArea *>(widget->parentWidget()))
                part = part || area->viewport() == widget;
            if (part)
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
            if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty()) {
                QStringList path;
                for (QWidget *up = widget; up && up != root; up = up->parentWidget())
                    path.prepend(QString::fromLatin1(up->metaObject()->className()) +
                                 (up->accessibleName().isEmpty()
                                      ? QString()
                                      : QStringLiteral("(%1)").arg(up->accessibleName())));
                unnamed << path.join(QStringLiteral(" > "));
            }
        }
        return unnamed;
    }

    // Every control a keyboard user can reach is named for a screen reader,
    // on every screen and tab, and in the import wizard.
    void everyControlHasAnAccessibleName()
    {
        MainWindow window(nullptr, &m_clock);
        window.resize(1440, 900);
        window.show();
        QVERIFY(window.openDatabase(m_demo));
        for (int view = 0; view <= int(MainWindow::View::Imports); ++view) {
            window.selectView(MainWindow::View(view));
            window.waitUntilLoaded();
        }
        QStringList unnamed = unnamedControls(&window);
        window.importFiles({QStringLiteral(NPSDESK_TEST_DATA "/import/basic.csv")});
        QVERIFY(window.importWizard());
        window.importWizard()->waitUntilIdle();
        unnamed += unnamedControls(window.importWizard());
        window.importWizard()->reject();
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1Char('\n'))));
    }

    // --view reaches the parts of screens too, so each renders with --screenshot.
    void viewNamesReachScreenParts()
    {
        MainWindow window(nullptr, &m_clock);
        QVERIFY(window.openDatabase(m_demo));
        QVERIFY(window.viewNames().contains(QStringLiteral("themes")));
        QVERIFY(!window.selectView(QStringLiteral("nonsense")));
        QVERIFY(window.selectView(QStringLiteral("sla")));
        QCOMPARE(window.currentView(), MainWindow::View::Followups);
        QVERIFY(window.selectView(QStringLiteral("themes")));
        QCOMPARE(window.currentView(), MainWindow::View::Comments);
        auto *comments = qobject_cast<CommentsScreen *>(window.screen(MainWindow::View::Comments));
        QVERIFY(comments);
        QCOMPARE(comments->tabs()->currentIndex(), 2);
        const QString png = m_dir.filePath(QStringLiteral("themes.png"));
        QVERIFY(window.renderScreenshot(png, QSize(1200, 800)));
        QVERIFY(comments->themesTable()->rowCount() > 0);
        // The drivers chart draws its bars in the group colours.
        const QImage image(png);
        int detractor = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                detractor += (image.pixel(x, y) & 0xffffff) == (detractorColor().rgb() & 0xffffff);
        }
        QVERIFY2(detractor > 200, qPrintable(QString::number(detractor)));
        QVERIFY(window.selectView(QStringLiteral("tags")));
        QCOMPARE(comments->tabs()->currentIndex(), 1);
    }

    // At 1000 x 700 (a small laptop window) no screen scrolls sideways.
    void screensFitASmallWindow()
    {
        MainWindow window(nullptr, &m_clock);
        window.resize(1000, 700);
        window.show();
        QVERIFY(window.openDatabase(m_demo));
        QStringList wide;
        for (int view = 0; view <= int(MainWindow::View::Imports); ++view) {
            window.selectView(MainWindow::View(view));
            window.waitUntilLoaded();
            QWidget *screen = window.screen(MainWindow::View(view));
            QVERIFY(screen);
            auto *outer = qobject_cast<QScrollArea *>(screen->parentWidget()->parentWidget());
            QVERIFY(outer);
            QCoreApplication::processEvents();
            // The window's own scroll area around the screen, and any inside it
            // (the Overview's dashboard); tables and lists may scroll, pages not.
            QList<QScrollArea *> areas = screen->findChildren<QScrollArea *>();
            areas.prepend(outer);
            for (QScrollArea *area : std::as_const(areas)) {
                if (area->isVisible() && area->horizontalScrollBar()->maximum() > 0) {
                    wide << QStringLiteral("%1: needs %2 px, has %3")
                                .arg(screen->accessibleName())
                                .arg(area->widget()->minimumSizeHint().width())
                                .arg(area->viewport()->width());
                }
            }
        }
        QVERIFY2(wide.isEmpty(), qPrintable(wide.join(QLatin1Char('\n'))));
    }

    void screenshotIsFilled()
    {
        MainWindow window(nullptr, &m_clock);
        QVERIFY(window.openDatabase(m_demo));
        window.selectView(MainWindow::View::Overview);
        const QString png = m_dir.filePath(QStringLiteral("overview.png"));
        QVERIFY(window.renderScreenshot(png, QSize(1200, 800)));
        QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 800) * window.devicePixelRatio());
        // The distribution bars are drawn in the group colours.
        int promoter = 0, detractor = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QRgb pixel = image.pixel(x, y) & 0xffffff;
                promoter += pixel == (promoterColor().rgb() & 0xffffff);
                detractor += pixel == (detractorColor().rgb() & 0xffffff);
            }
        }
        QVERIFY2(promoter > 500, qPrintable(QString::number(promoter)));
        QVERIFY2(detractor > 500, qPrintable(QString::number(detractor)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

// The comment list as a window: on a database with more than 20,000 comments,
// the model reports every match but holds at most CommentListModel::maxPages
// pages, and every row read from top to bottom is the row core lists there.
#include "UiFixture.h"
#include "clock/Clock.h"
#include "comments/CommentDelegate.h"
#include "comments/CommentListModel.h"
#include "comments/CommentsScreen.h"
#include "comments/TagService.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QAbstractItemModelTester>
#include <QListView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace nps;
using namespace nps::ui;

class TestCommentWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    FixedClock m_clock{test::demoNow()};

    QVector<qint64> coreIds(const CommentFilter &filter)
    {
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        return CommentQuery(db).ids(filter);
    }

    // A row's id, waiting for its page when the window does not hold it.
    static qint64 idOf(CommentListModel &model, int row)
    {
        for (int attempt = 0; attempt < 3 && !model.isRowLoaded(row); ++attempt) {
            model.index(row).data(CommentListModel::IdRole); // asks for the page
            model.waitForPage();
        }
        return model.idAt(row);
    }

    void openScreen(CommentsScreen &screen, const CommentFilter &filter)
    {
        screen.resize(1200, 800);
        screen.show();
        ScreenContext context;
        context.databasePath = m_path;
        context.clock = &m_clock;
        screen.setContext(context);
        screen.waitUntilLoaded();
        screen.setCommentFilter(filter);
        screen.waitUntilLoaded();
    }

    void showRow(CommentsScreen &screen, int row)
    {
        screen.listView()->setCurrentIndex(screen.model()->index(row));
        screen.listView()->scrollTo(screen.model()->index(row));
        idOf(*screen.model(), row);
        screen.waitUntilLoaded();
    }

    int tagRows(qint64 responseId, const QString &tag)
    {
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        return sql::scalar(
                   db.connection(),
                   QStringLiteral("SELECT count(*) FROM response_tags rt JOIN tags t ON t.id = rt.tag_id"
                                  " WHERE rt.response_id = ? AND t.name = ?"),
                   {responseId, tag})
            .toInt();
    }

    static bool hasTag(const QModelIndex &index, const QString &name)
    {
        const QVariantList tags = index.data(CommentListModel::TagsRole).toList();
        return std::any_of(tags.cbegin(), tags.cend(), [&](const QVariant &t) {
            return t.toMap().value(QStringLiteral("name")).toString() == name;
        });
    }

private slots:
    void initTestCase()
    {
        test::isolateSettings(m_dir);
        m_path = test::makeDemoDatabase(m_dir, QStringLiteral("big.npsdb"), 40000);
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        QVERIFY(CommentQuery(db).count({}) > 20000);
    }

    void everyRowOnceWithinTheBound_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("group");
        QTest::newRow("every comment") << QString() << -1;
        QTest::newRow("a common word") << QStringLiteral("support OR slow OR price*") << -1;
        QTest::newRow("detractors") << QString() << int(NpsGroup::Detractor);
    }
    void everyRowOnceWithinTheBound()
    {
        QFETCH(QString, search);
        QFETCH(int, group);
        CommentFilter filter;
        filter.search = search;
        if (group >= 0)
            filter.group = NpsGroup(group);
        CommentListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQuery(m_path, filter);
        model.waitForPage();
        const QVector<qint64> expected = coreIds(filter);
        QVERIFY(expected.size() > 3 * CommentListModel::maxCachedRows);
        QCOMPARE(model.rowCount(), int(expected.size()));
        QCOMPARE(model.totalCount(), qint64(expected.size()));

        for (int row = 0; row < model.rowCount(); ++row) {
            const qint64 id = idOf(model, row);
            if (id != expected.at(row))
                QFAIL(qPrintable(
                    QStringLiteral("row %1: id %2, core lists %3").arg(row).arg(id).arg(expected.at(row))));
            if (model.cachedRowCount() > CommentListModel::maxCachedRows)
                QFAIL(
                    qPrintable(QStringLiteral("row %1: %2 rows held").arg(row).arg(model.cachedRowCount())));
        }
        // Back up from the bottom: pages dropped on the way down are read again.
        for (int row = model.rowCount() - 1; row >= 0; row -= 97)
            QCOMPARE(idOf(model, row), expected.at(row));
        QVERIFY(model.peakCachedRowCount() <= CommentListModel::maxCachedRows);
        QVERIFY(model.peakCachedRowCount() >= CommentListModel::pageSize);
    }

    void scrollingAListView()
    {
        CommentListModel model;
        QListView view;
        view.setUniformItemSizes(true);
        view.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        view.setItemDelegate(new CommentDelegate(&view));
        view.setModel(&model);
        view.resize(600, 800);
        view.show();
        model.setQuery(m_path, {});
        model.waitForPage();
        const QVector<qint64> expected = coreIds({});
        QCOMPARE(model.rowCount(), int(expected.size()));
        // The scroll bar spans every match, not the rows held.
        const int card = CommentDelegate::cardHeight(view.font());
        QVERIFY(view.verticalScrollBar()->maximum() > (model.rowCount() - 20) * card);

        const int visible = view.viewport()->height() / card;
        for (int row = 0; row < model.rowCount() - visible - 1; row += CommentListModel::pageSize / 2 + 13) {
            view.scrollTo(model.index(row), QAbstractItemView::PositionAtTop);
            view.viewport()->repaint(); // paints ask for the rows on screen
            model.waitForPage();
            const QModelIndex top = view.indexAt(QPoint(10, 2));
            QCOMPARE(top.row(), row);
            QCOMPARE(top.data(CommentListModel::IdRole).toLongLong(), expected.at(row));
            const QModelIndex bottom = view.indexAt(QPoint(10, view.viewport()->height() - 2));
            QCOMPARE(bottom.data(CommentListModel::IdRole).toLongLong(), expected.at(bottom.row()));
            QVERIFY(model.cachedRowCount() <= CommentListModel::maxCachedRows);
        }
        view.scrollToBottom();
        view.viewport()->repaint();
        model.waitForPage();
        const QModelIndex last = view.indexAt(QPoint(10, view.viewport()->height() - 2));
        QCOMPARE(last.row(), model.rowCount() - 1);
        QCOMPARE(last.data(CommentListModel::IdRole).toLongLong(), expected.last());
        QVERIFY(model.peakCachedRowCount() <= CommentListModel::maxCachedRows);
    }

    void taggingARowDeepInTheList()
    {
        CommentsScreen screen;
        openScreen(screen, {});
        CommentListModel *model = screen.model();
        const int row = model->rowCount() - 3;
        showRow(screen, row);
        const qint64 id = model->idAt(row);
        QCOMPARE(id, coreIds({}).at(row));
        QVERIFY(!model->isRowLoaded(row / 2)); // nothing between was read
        const bool had = tagRows(id, QStringLiteral("Pricing")) == 1;
        QCOMPARE(hasTag(model->index(row), QStringLiteral("Pricing")), had);

        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        QTest::keyClick(screen.listView(), Qt::Key_1); // the demo's pinned "Pricing"
        QCOMPARE(tagRows(id, QStringLiteral("Pricing")), had ? 0 : 1);
        QCOMPARE(hasTag(model->index(row), QStringLiteral("Pricing")), !had);
        QCOMPARE(changed.size(), 1); // that row only
        QCOMPARE(changed.first().at(0).toModelIndex().row(), row);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), row);
        screen.undoStack()->undo();
        QCOMPARE(tagRows(id, QStringLiteral("Pricing")), had ? 1 : 0);
        QCOMPARE(hasTag(model->index(row), QStringLiteral("Pricing")), had);
    }

    void selectionBeyondTheWindow()
    {
        CommentsScreen screen;
        CommentFilter detractors;
        detractors.group = NpsGroup::Detractor;
        openScreen(screen, detractors);
        QVector<qint64> all = coreIds(detractors);
        screen.listView()->selectAll();
        QVERIFY(screen.model()->cachedRowCount() <= CommentListModel::maxCachedRows);
        std::sort(all.begin(), all.end());
        QCOMPARE(screen.selectedIds(), all);
        // Rows 100 to 5000: ids of pages never loaded, in list order.
        const QVector<qint64> inOrder = coreIds(detractors);
        QCOMPARE(screen.model()->idsOfRows(100, 5000), inOrder.mid(100, 4901));
    }

    void readingPositionFarDown()
    {
        const int row = 15000;
        qint64 id = 0;
        {
            CommentsScreen screen;
            openScreen(screen, {});
            showRow(screen, row);
            id = screen.model()->idAt(row);
            QVERIFY(id > 0);
        }
        // A new window finds it through the page index, without reading the pages above.
        CommentsScreen again;
        again.resize(1200, 800);
        again.show();
        ScreenContext context;
        context.databasePath = m_path;
        context.clock = &m_clock;
        again.setContext(context);
        for (int i = 0; i < 200 && again.listView()->currentIndex().row() != row; ++i) {
            again.waitUntilLoaded();
            QTest::qWait(5);
        }
        QCOMPARE(again.listView()->currentIndex().row(), row);
        QCOMPARE(again.model()->idAt(row), id);
        QVERIFY(again.model()->peakCachedRowCount() <= 2 * CommentListModel::pageSize);
    }

    void editedRowsStayAndOthersFollowTheDatabase()
    {
        CommentsScreen screen;
        CommentFilter support;
        support.tag = QStringLiteral("Support");
        openScreen(screen, support);
        CommentListModel *model = screen.model();
        const int rows = model->rowCount();
        QVERIFY(rows > 3 * CommentListModel::maxCachedRows);
        // Its tag removed here (key 2 toggles the demo's "Support"): the row
        // stays listed, at its place, after its page has left the window and
        // come back.
        showRow(screen, 5);
        const qint64 mine = model->idAt(5);
        QTest::keyClick(screen.listView(), Qt::Key_2);
        QCOMPARE(tagRows(mine, QStringLiteral("Support")), 0);
        showRow(screen, rows - 1);
        for (int row = rows - 1; row > rows - CommentListModel::maxCachedRows - 1;
             row -= CommentListModel::pageSize)
            idOf(*model, row);
        QVERIFY(!model->isRowLoaded(5));
        QCOMPARE(idOf(*model, 5), mine);
        QCOMPARE(model->rowCount(), rows);

        // Tagged by someone else, far down: when those rows come into view,
        // their page no longer lines up and the list is read again.
        const int far = (rows / CommentListModel::pageSize - 8) * CommentListModel::pageSize;
        QVERIFY(far > CommentListModel::maxCachedRows);
        QVERIFY(!model->isRowLoaded(far));
        const QVector<qint64> around = model->idsOfRows(far - 1, far + 2);
        {
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            TagService tags(db, m_clock);
            tags.removeTag(tags.tagByName(QStringLiteral("Support"))->id, {around.at(1), around.at(2)});
        }
        showRow(screen, far - 1);
        idOf(*model, far);
        screen.waitUntilLoaded();
        QCOMPARE(model->rowCount(), rows - 2);
        QCOMPARE(screen.listView()->currentIndex().row(), far - 1);
        QCOMPARE(model->idAt(far - 1), around.at(0));
        QCOMPARE(idOf(*model, far), around.at(3));
        QVector<qint64> expected = coreIds(support);
        QVERIFY(!expected.contains(mine));
        expected.insert(std::lower_bound(expected.begin(), expected.end(), mine, std::greater<qint64>()),
                        mine);
        for (int row : {0, 5, far - 1, far, rows - 3})
            QCOMPARE(idOf(*model, row), expected.at(row));
        screen.undoStack()->undo();
    }
};

QTEST_MAIN(TestCommentWindow)
#include "tst_comment_window.moc"

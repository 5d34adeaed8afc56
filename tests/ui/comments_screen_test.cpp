#include "../core/comments/CommentFixture.h"
#include "charts/ExportActions.h"
#include "clock/Clock.h"
#include "comments/CommentListModel.h"
#include "comments/CommentsDialogs.h"
#include "comments/CommentsScreen.h"
#include "comments/RuleDialog.h"
#include "comments/TagService.h"
#include "comments/ThemeDrivers.h"
#include "demo/DemoGenerator.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using namespace nps;
using namespace nps::ui;

namespace {

class ScriptedDialogs : public CommentsDialogs
{
public:
    bool confirmAnswer = false;
    int confirmations = 0;
    QString lastQuestion;
    QStringList choices;
    QStringList texts;
    bool confirm(QWidget *, const QString &, const QString &text) override
    {
        ++confirmations;
        lastQuestion = text;
        return confirmAnswer;
    }
    std::optional<QString> text(QWidget *, const QString &, const QString &, const QString &) override
    {
        if (texts.isEmpty())
            return std::nullopt;
        return texts.takeFirst();
    }
    std::optional<QString> choose(QWidget *, const QString &, const QString &, const QStringList &) override
    {
        if (choices.isEmpty())
            return std::nullopt;
        return choices.takeFirst();
    }
    QStringList colors;
    std::optional<QString> color(QWidget *, const QString &) override
    {
        if (colors.isEmpty())
            return std::nullopt;
        return colors.takeFirst();
    }
};

} // namespace

class TestCommentsScreen : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 15), QTime(9, 0), Qt::UTC)};

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
    int starred(qint64 responseId)
    {
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        return sql::scalar(db.connection(), QStringLiteral("SELECT starred FROM responses WHERE id = ?"),
                           {responseId})
            .toInt();
    }

    QStringList tagTables()
    {
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        return test::tagTables(db);
    }

    // Leaves the shared demo file as the test found it.
    void removeTag(qint64 tagId)
    {
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        TagService(db, m_clock).remove(tagId);
    }

    static bool hasTag(const QModelIndex &index, const QString &name)
    {
        const QVariantList tags = index.data(CommentListModel::TagsRole).toList();
        return std::any_of(tags.cbegin(), tags.cend(), [&](const QVariant &t) {
            return t.toMap().value(QStringLiteral("name")).toString() == name;
        });
    }
    // Clicks a tag manager button with `tag` selected in the tag table.
    static void manageTag(CommentsScreen &screen, const QString &tag, const QString &button)
    {
        QTableWidget *table = nullptr;
        for (QTableWidget *t : screen.findChildren<QTableWidget *>()) {
            if (t->accessibleName() == QLatin1String("Tags"))
                table = t;
        }
        QVERIFY(table);
        int row = -1;
        for (int i = 0; i < table->rowCount(); ++i) {
            if (table->item(i, 0)->text().trimmed() == tag)
                row = i;
        }
        QVERIFY2(row >= 0, qPrintable(tag));
        table->setCurrentCell(row, 0);
        for (QPushButton *b : screen.findChildren<QPushButton *>()) {
            if (b->text() == button) {
                b->click();
                screen.waitUntilLoaded();
                return;
            }
        }
        QFAIL(qPrintable(button));
    }
    void undoAndRedo(CommentsScreen &screen, const QStringList &before, const QStringList &after)
    {
        screen.undoStack()->undo();
        screen.waitUntilLoaded();
        QCOMPARE(tagTables(), before);
        screen.undoStack()->redo();
        screen.waitUntilLoaded();
        QCOMPARE(tagTables(), after);
        screen.undoStack()->undo();
        screen.waitUntilLoaded();
        QCOMPARE(tagTables(), before);
    }

    void openScreen(CommentsScreen &screen)
    {
        screen.resize(1200, 800);
        screen.show();
        ScreenContext context;
        context.databasePath = m_path;
        context.clock = &m_clock;
        screen.setContext(context);
        screen.waitUntilLoaded();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("npsdesk-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_comments_screen"));
        QSettings().clear();
        m_path = m_dir.filePath(QStringLiteral("demo.npsdb"));
        Database db;
        db.open(m_path);
        DemoOptions options;
        options.responses = 900;
        DemoGenerator(db, m_clock).generate(options);
    }

    void modelPassesTester()
    {
        CommentListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        CommentFilter filter;
        model.setQuery(m_path, filter);
        model.waitForPage();
        while (model.canFetchMore({})) {
            model.fetchMore({});
            model.waitForPage();
        }
        QVERIFY(model.rowCount() > CommentListModel::pageSize);
        filter.search = QStringLiteral("support OR slow");
        filter.group = NpsGroup::Promoter;
        model.setQuery(m_path, filter);
        model.waitForPage();
        QVERIFY(model.rowCount() > 0);
        model.setTag({model.idAt(0)}, TagRef{999, QStringLiteral("x"), QStringLiteral("#000000")}, true);
        model.setStarred({model.idAt(0)}, true);
        QVERIFY(model.index(0).data(CommentListModel::StarredRole).toBool());
        model.setQuery(QString(), filter);
        QCOMPARE(model.rowCount(), 0);
    }

    void modelPagesLazily()
    {
        // Without a tester (it reads rows itself), only what is asked for loads.
        CommentListModel model;
        CommentFilter filter;
        model.setQuery(m_path, filter);
        model.waitForPage();
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        const QVector<qint64> all = CommentQuery(db).ids(filter);
        QVERIFY(all.size() > 2 * CommentListModel::pageSize);
        QCOMPARE(model.rowCount(), int(all.size()));
        QCOMPARE(model.cachedRowCount(), CommentListModel::pageSize);
        QVERIFY(!model.isRowLoaded(CommentListModel::pageSize));
        QVERIFY(!model.index(CommentListModel::pageSize).data(CommentListModel::IdRole).isValid());
        model.waitForPage();
        QVERIFY(model.isRowLoaded(CommentListModel::pageSize));
        QCOMPARE(model.cachedRowCount(), 2 * CommentListModel::pageSize);
        // Newest first, no gaps or repeats across the page boundary.
        for (int row = 0; row < 2 * CommentListModel::pageSize; ++row)
            QCOMPARE(model.idAt(row), all.at(row));

        filter.search = QStringLiteral("support");
        model.setQuery(m_path, filter);
        model.waitForPage();
        QVERIFY(model.rowCount() > 0);
        const QModelIndex first = model.index(0);
        const QVariantList hits = first.data(CommentListModel::HitsRole).toList();
        QVERIFY(!hits.isEmpty());
        const QPoint hit = hits.first().toPoint();
        QCOMPARE(first.data(CommentListModel::CommentRole).toString().mid(hit.x(), hit.y()).toLower(),
                 QStringLiteral("support"));
        QVERIFY(first.data(CommentListModel::ScoreRole).toInt() >= 0);
    }

    void hasCommentOffListsEveryAnswer()
    {
        CommentsScreen screen;
        openScreen(screen);
        screen.waitUntilLoaded();
        const qint64 withComment = screen.model()->totalCount();
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        const auto count = [&db](const char *statement) {
            return sql::scalar(db.connection(), QString::fromLatin1(statement)).toLongLong();
        };
        QCOMPARE(withComment,
                 count("SELECT count(*) FROM responses WHERE comment IS NOT NULL AND comment <> ''"));

        auto *hasComment = screen.findChild<QCheckBox *>(QStringLiteral("hasComment"));
        QVERIFY(hasComment && hasComment->isChecked());
        hasComment->click();
        screen.waitUntilLoaded();
        QCOMPARE(screen.model()->totalCount(), count("SELECT count(*) FROM responses"));
        QVERIFY(!screen.commentFilter().withCommentOnly);
        // The filter is kept as it is, also across a save and a restore.
        QCOMPARE(CommentFilter::fromJson(screen.commentFilter().toJson()), screen.commentFilter());

        hasComment->click();
        screen.waitUntilLoaded();
        QCOMPARE(screen.model()->totalCount(), withComment);
        QCOMPARE(CommentFilter::fromJson(screen.commentFilter().toJson()).withCommentOnly, true);
    }

    void keyboardTaggingAndUndo()
    {
        CommentsScreen screen;
        openScreen(screen);
        CommentFilter untagged;
        untagged.untagged = true;
        screen.setCommentFilter(untagged);
        screen.waitUntilLoaded();
        QListView *list = screen.listView();
        QVERIFY(screen.model()->rowCount() >= 3);
        list->setFocus();
        list->setCurrentIndex(screen.model()->index(0));
        const qint64 id = screen.model()->idAt(0);
        QCOMPARE(tagRows(id, QStringLiteral("Pricing")), 0);

        // Key 1 is the demo's pinned "Pricing".
        QTest::keyClick(list, Qt::Key_1);
        QCOMPARE(tagRows(id, QStringLiteral("Pricing")), 1);
        QCOMPARE(screen.model()->index(0).data(CommentListModel::TagsRole).toList().size(), 1);
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(tagRows(id, QStringLiteral("Pricing")), 0);
        QCOMPARE(screen.model()->index(0).data(CommentListModel::TagsRole).toList().size(), 0);
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tagRows(id, QStringLiteral("Pricing")), 1);
        // Pressing 1 again toggles it off.
        QTest::keyClick(list, Qt::Key_1);
        QCOMPARE(tagRows(id, QStringLiteral("Pricing")), 0);
        screen.undoStack()->undo();
        QCOMPARE(tagRows(id, QStringLiteral("Pricing")), 1);

        // Star and unstar.
        QCOMPARE(starred(id), 0);
        QTest::keyClick(list, Qt::Key_S);
        QCOMPARE(starred(id), 1);
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(starred(id), 0);

        // Multi-select and bulk tagging with key 2 ("Support").
        list->selectionModel()->select(QItemSelection(screen.model()->index(0), screen.model()->index(2)),
                                       QItemSelectionModel::ClearAndSelect);
        const QVector<qint64> ids = screen.selectedIds();
        QCOMPARE(ids.size(), 3);
        QTest::keyClick(list, Qt::Key_2);
        for (qint64 i : ids)
            QCOMPARE(tagRows(i, QStringLiteral("Support")), 1);
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        for (qint64 i : ids)
            QCOMPARE(tagRows(i, QStringLiteral("Support")), 0);

        // The quick tag box creates a tag when needed.
        QVERIFY(screen.quickTag(QStringLiteral("Brand new theme")));
        for (qint64 i : ids)
            QCOMPARE(tagRows(i, QStringLiteral("Brand new theme")), 1);
        // One undo takes back the tagging and the tag it created.
        screen.undoStack()->undo();
        screen.waitUntilLoaded();
        for (qint64 i : ids)
            QCOMPARE(tagRows(i, QStringLiteral("Brand new theme")), 0);
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        QVERIFY(!TagService(db).tagByName(QStringLiteral("Brand new theme")));
        screen.undoStack()->redo();
        for (qint64 i : ids)
            QCOMPARE(tagRows(i, QStringLiteral("Brand new theme")), 1);
        screen.undoStack()->undo();
    }

    void filterAndPositionKeptPerDatabase()
    {
        qint64 remembered = 0;
        {
            CommentsScreen screen;
            openScreen(screen);
            CommentFilter f;
            f.group = NpsGroup::Detractor;
            f.search = QStringLiteral("slow");
            screen.setCommentFilter(f);
            screen.waitUntilLoaded();
            QVERIFY(screen.model()->rowCount() > 3);
            screen.listView()->setCurrentIndex(screen.model()->index(3));
            remembered = screen.model()->idAt(3);
        }
        CommentsScreen again;
        openScreen(again);
        QCOMPARE(again.commentFilter().search, QStringLiteral("slow"));
        QVERIFY(again.commentFilter().group == NpsGroup::Detractor);
        QCOMPARE(again.model()->idAt(again.listView()->currentIndex().row()), remembered);
        for (int row = 0; row < again.model()->rowCount(); ++row)
            QVERIFY(again.model()->index(row).data(CommentListModel::ScoreRole).toInt() <= 6);

        // A screenshot run reads what was left but writes nothing back.
        {
            CommentsScreen screenshot;
            screenshot.resize(1200, 800);
            screenshot.show();
            ScreenContext context;
            context.databasePath = m_path;
            context.clock = &m_clock;
            context.persistent = false;
            screenshot.setContext(context);
            screenshot.waitUntilLoaded();
            QCOMPARE(screenshot.commentFilter().search, QStringLiteral("slow"));
            screenshot.setCommentFilter({});
            screenshot.waitUntilLoaded();
        }
        CommentsScreen after;
        openScreen(after);
        QCOMPARE(after.commentFilter().search, QStringLiteral("slow"));
        QCOMPARE(after.model()->idAt(after.listView()->currentIndex().row()), remembered);
    }

    void deleteAsksWithCount()
    {
        CommentsScreen screen;
        ScriptedDialogs dialogs;
        screen.setDialogs(&dialogs);
        openScreen(screen);
        screen.setCommentFilter({});
        screen.waitUntilLoaded();
        QTableWidget *tags = nullptr;
        for (QTableWidget *t : screen.findChildren<QTableWidget *>()) {
            if (t->accessibleName() == QLatin1String("Tags"))
                tags = t;
        }
        QVERIFY(tags);
        int row = -1;
        for (int i = 0; i < tags->rowCount(); ++i) {
            if (tags->item(i, 0)->text().trimmed() == QLatin1String("Reliability"))
                row = i;
        }
        QVERIFY(row >= 0);
        tags->setCurrentCell(row, 0);
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        const qint64 count = TagService(db).tagByName(QStringLiteral("Reliability"))->count;
        QVERIFY(count > 0);
        QPushButton *del = nullptr;
        for (QPushButton *b : screen.findChildren<QPushButton *>()) {
            if (b->text() == QLatin1String("Delete..."))
                del = b;
        }
        QVERIFY(del);
        dialogs.confirmAnswer = false;
        del->click();
        QCOMPARE(dialogs.confirmations, 1);
        QVERIFY(dialogs.lastQuestion.contains(QString::number(count)));
        QVERIFY(TagService(db).tagByName(QStringLiteral("Reliability")));
        dialogs.confirmAnswer = true;
        del->click();
        QVERIFY(!TagService(db).tagByName(QStringLiteral("Reliability")));
    }

    void renameIsUndoable()
    {
        CommentsScreen screen;
        ScriptedDialogs dialogs;
        screen.setDialogs(&dialogs);
        openScreen(screen);
        CommentFilter byTag;
        byTag.tag = QStringLiteral("Usability");
        screen.setCommentFilter(byTag);
        screen.waitUntilLoaded();
        const int rows = screen.model()->rowCount();
        QVERIFY(rows > 0);
        const QStringList before = tagTables();
        dialogs.texts = {QStringLiteral("Ease of use")};
        manageTag(screen, QStringLiteral("Usability"), QStringLiteral("Rename..."));
        const QStringList after = tagTables();
        QVERIFY(after != before);
        // The list, filtered by the renamed tag, follows it.
        QCOMPARE(screen.commentFilter().tag, QStringLiteral("Ease of use"));
        QCOMPARE(screen.model()->rowCount(), rows);
        QVERIFY(hasTag(screen.model()->index(0), QStringLiteral("Ease of use")));
        undoAndRedo(screen, before, after);
        QCOMPARE(screen.commentFilter().tag, QStringLiteral("Usability"));
        QCOMPARE(screen.model()->rowCount(), rows);
        QVERIFY(hasTag(screen.model()->index(0), QStringLiteral("Usability")));
        // A refused rename (the name is taken) changes nothing and is not on the stack.
        const int commands = screen.undoStack()->count();
        dialogs.texts = {QStringLiteral("pricing")};
        manageTag(screen, QStringLiteral("Usability"), QStringLiteral("Rename..."));
        QCOMPARE(tagTables(), before);
        QCOMPARE(screen.undoStack()->count(), commands);
    }

    void mergeIsUndoable()
    {
        CommentsScreen screen;
        ScriptedDialogs dialogs;
        screen.setDialogs(&dialogs);
        openScreen(screen);
        screen.setCommentFilter({});
        screen.waitUntilLoaded();
        qint64 both = 0;
        {
            // A response carrying both tags, and a rule on the merged one.
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            TagService s(db, m_clock);
            const qint64 performance = s.tagByName(QStringLiteral("Performance"))->id;
            both = sql::scalar(db.connection(),
                               QStringLiteral("SELECT response_id FROM response_tags WHERE tag_id = ?"),
                               {performance})
                       .toLongLong();
            s.addTag(s.tagByName(QStringLiteral("Usability"))->id, {both});
            s.addRule(performance, QStringLiteral("slow*"), RuleKind::Keyword);
        }
        QVERIFY(both > 0);
        const QStringList before = tagTables();
        dialogs.choices = {QStringLiteral("Usability")};
        dialogs.confirmAnswer = true;
        manageTag(screen, QStringLiteral("Performance"), QStringLiteral("Merge into..."));
        QVERIFY(dialogs.lastQuestion.contains(QStringLiteral("Undo")));
        const QStringList after = tagTables();
        QCOMPARE(tagRows(both, QStringLiteral("Performance")), 0);
        QCOMPARE(tagRows(both, QStringLiteral("Usability")), 1);
        undoAndRedo(screen, before, after);
        QCOMPARE(tagRows(both, QStringLiteral("Performance")), 1);
        QCOMPARE(tagRows(both, QStringLiteral("Usability")), 1);
        // The tag manager lists it again.
        dialogs.texts = {};
        manageTag(screen, QStringLiteral("Performance"), QStringLiteral("Rename..."));
    }

    void deleteIsUndoable()
    {
        CommentsScreen screen;
        ScriptedDialogs dialogs;
        screen.setDialogs(&dialogs);
        openScreen(screen);
        {
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            TagService s(db, m_clock);
            s.addRule(s.tagByName(QStringLiteral("Onboarding"))->id, QStringLiteral("setup"),
                      RuleKind::Keyword);
        }
        CommentFilter byTag;
        byTag.tag = QStringLiteral("Onboarding");
        screen.setCommentFilter(byTag);
        screen.waitUntilLoaded();
        const qint64 current = screen.model()->idAt(3);
        screen.listView()->setCurrentIndex(screen.model()->index(3));
        const QStringList before = tagTables();
        dialogs.confirmAnswer = true;
        manageTag(screen, QStringLiteral("Onboarding"), QStringLiteral("Delete..."));
        QVERIFY(dialogs.lastQuestion.contains(QStringLiteral("Undo")));
        const QStringList after = tagTables();
        QVERIFY(after.size() < before.size());
        QVERIFY(screen.commentFilter().tag.isEmpty()); // its filter went with it
        // The comment being read stays current through the reload.
        for (int i = 0; i < 100 && screen.model()->idAt(screen.listView()->currentIndex().row()) != current;
             ++i)
            screen.waitUntilLoaded();
        QCOMPARE(screen.model()->idAt(screen.listView()->currentIndex().row()), current);
        undoAndRedo(screen, before, after);

        // An undo that cannot be done (another tag took the name meanwhile)
        // writes nothing, says so, and leaves an empty stack behind.
        screen.undoStack()->redo();
        screen.waitUntilLoaded();
        {
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            TagService(db, m_clock).create(QStringLiteral("onboarding"));
        }
        const QStringList taken = tagTables();
        QSignalSpy status(&screen, &Screen::statusMessage);
        screen.undoStack()->undo();
        screen.waitUntilLoaded();
        QCOMPARE(tagTables(), taken);
        QVERIFY(!status.isEmpty());
        QCOMPARE(screen.undoStack()->count(), 0);
    }

    void fitsASmallWindow()
    {
        // The window's --screenshot --size 1000x700 must stay 1000 wide: the
        // screen (beside a 180 px sidebar) may not ask for more.
        CommentsScreen screen;
        openScreen(screen);
        QVERIFY2(screen.minimumSizeHint().width() <= 780,
                 qPrintable(QString::number(screen.minimumSizeHint().width())));
        QVERIFY(screen.minimumSizeHint().height() <= 640);
    }

    // The theme drivers export like every other table and chart: through the
    // shared menus, CSV with one line per theme, the chart as PNG and SVG.
    void themesExportLikeOtherTables()
    {
        CommentsScreen screen;
        openScreen(screen);
        screen.setCommentFilter({});
        screen.waitUntilLoaded();
        QTemporaryDir out;
        QString nextPath;
        setSaveFileChooser(
            [&nextPath](QWidget *, const QString &, const QString &, const QString &) { return nextPath; });
        QStringList messages;
        connect(&screen, &Screen::statusMessage, &screen, [&messages](const QString &m) { messages << m; });
        auto action = [&screen](const QString &button, const QString &prefix) -> QAction * {
            for (QToolButton *b : screen.findChildren<QToolButton *>()) {
                if (b->accessibleName() != button || !b->menu())
                    continue;
                for (QAction *a : b->menu()->actions())
                    if (a->text().startsWith(prefix))
                        return a;
            }
            return nullptr;
        };
        QAction *csv = action(QStringLiteral("Export theme drivers table"), QStringLiteral("Save as CSV"));
        QAction *png =
            action(QStringLiteral("Export theme drivers chart"), QStringLiteral("PNG 1280 x 720..."));
        QAction *svg = action(QStringLiteral("Export theme drivers chart"), QStringLiteral("SVG"));
        QVERIFY(csv && png && svg);

        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        const ThemeDriversResult expected = ThemeDrivers::compute(db, CommentFilter{});
        QVERIFY(!expected.drivers.isEmpty());
        nextPath = out.filePath(QStringLiteral("themes.csv"));
        csv->trigger();
        QFile file(nextPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        for (const ThemeDriver &d : expected.drivers)
            QVERIFY2(text.contains(d.tag), qPrintable(d.tag));
        QCOMPARE(text.trimmed().count(QLatin1Char('\n')), int(expected.drivers.size())); // + the header

        nextPath = out.filePath(QStringLiteral("themes.png"));
        png->trigger();
        QCOMPARE(QImage(nextPath).size(), QSize(1280, 720));
        nextPath = out.filePath(QStringLiteral("themes.svg"));
        svg->trigger();
        QFile vector(nextPath);
        QVERIFY(vector.open(QIODevice::ReadOnly));
        QVERIFY(vector.readAll().contains(expected.drivers.constFirst().tag.toUtf8()));
        QVERIFY2(messages.filter(QStringLiteral("saved to")).size() == 3, qPrintable(messages.join('\n')));
        setSaveFileChooser({});
    }

    // Re-running the stored rules (after an import) is tagging like any other:
    // one undo step takes back exactly what the rules added, redo puts it back.
    void rerunRulesIsOneUndoStep()
    {
        qint64 tagId = 0;
        {
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            TagService service(db, m_clock);
            tagId = service.create(QStringLiteral("Rerun check"));
            // Stored but never applied, as a rule is when new responses arrive.
            service.addRule(tagId, QStringLiteral("too many clicks"), RuleKind::Phrase);
        }
        auto carrying = [this, tagId]() {
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            return sql::scalar(db.connection(),
                               QStringLiteral("SELECT count(*) FROM response_tags WHERE tag_id = ?"), {tagId})
                .toInt();
        };
        CommentsScreen screen;
        openScreen(screen);
        const QStringList before = tagTables().filter(QStringLiteral("response tag|"));
        QPushButton *rerun = nullptr;
        for (QPushButton *b : screen.findChildren<QPushButton *>()) {
            if (b->text() == QLatin1String("Re-run all rules"))
                rerun = b;
        }
        QVERIFY(rerun);
        rerun->click();
        screen.waitUntilLoaded();
        const int tagged = carrying();
        QVERIFY(tagged > 0);
        QCOMPARE(screen.undoStack()->count(), 1);
        screen.undoStack()->undo();
        screen.waitUntilLoaded();
        QCOMPARE(carrying(), 0);
        QCOMPARE(tagTables().filter(QStringLiteral("response tag|")), before);
        screen.undoStack()->redo();
        screen.waitUntilLoaded();
        QCOMPARE(carrying(), tagged);
        screen.undoStack()->undo();
        screen.waitUntilLoaded();
        removeTag(tagId);
    }

    // A tag's colour and its number key are edits like any other: undone and
    // redone exactly, including the key taken from another tag.
    void colourAndKeyAreUndoable()
    {
        ScriptedDialogs dialogs;
        CommentsScreen screen;
        screen.setDialogs(&dialogs);
        openScreen(screen);
        auto slotOf = [this](const QString &tag) {
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            return TagService(db).tagByName(tag)->pinnedSlot;
        };
        auto colorOf = [this](const QString &tag) {
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            return TagService(db).tagByName(tag)->color;
        };
        QCOMPARE(slotOf(QStringLiteral("Pricing")), 1);
        QCOMPARE(slotOf(QStringLiteral("Support")), 2);
        const QStringList before = tagTables();

        dialogs.choices << QStringLiteral("2");
        manageTag(screen, QStringLiteral("Pricing"), QStringLiteral("Pin to key..."));
        QCOMPARE(slotOf(QStringLiteral("Pricing")), 2);
        QCOMPARE(slotOf(QStringLiteral("Support")), 0);
        // Key 2 acts on the tag that holds it now.
        screen.listView()->setFocus();
        screen.listView()->setCurrentIndex(screen.model()->index(0));
        const qint64 id = screen.model()->idAt(0);
        const int pricing = tagRows(id, QStringLiteral("Pricing"));
        const int support = tagRows(id, QStringLiteral("Support"));
        QTest::keyClick(screen.listView(), Qt::Key_2);
        QCOMPARE(tagRows(id, QStringLiteral("Pricing")), 1 - pricing);
        QCOMPARE(tagRows(id, QStringLiteral("Support")), support);
        screen.undoStack()->undo();
        QCOMPARE(tagRows(id, QStringLiteral("Pricing")), pricing);

        dialogs.colors << QStringLiteral("#123456");
        manageTag(screen, QStringLiteral("Pricing"), QStringLiteral("Colour..."));
        QCOMPARE(colorOf(QStringLiteral("Pricing")), QStringLiteral("#123456"));
        const QStringList after = tagTables();

        screen.undoStack()->undo(); // the colour
        screen.waitUntilLoaded();
        QVERIFY(colorOf(QStringLiteral("Pricing")) != QStringLiteral("#123456"));
        screen.undoStack()->undo(); // the key
        screen.waitUntilLoaded();
        QCOMPARE(tagTables(), before);
        QCOMPARE(slotOf(QStringLiteral("Support")), 2);
        screen.undoStack()->redo();
        screen.undoStack()->redo();
        screen.waitUntilLoaded();
        QCOMPARE(tagTables(), after);
        screen.undoStack()->undo();
        screen.undoStack()->undo();
        screen.waitUntilLoaded();
        QCOMPARE(tagTables(), before);

        // The parent, too: "Pricing" under "Product", and back.
        dialogs.choices << QStringLiteral("Product");
        manageTag(screen, QStringLiteral("Pricing"), QStringLiteral("Parent..."));
        {
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            TagService service(db);
            QCOMPARE(service.tagByName(QStringLiteral("Pricing"))->parentId,
                     std::optional<qint64>(service.tagByName(QStringLiteral("Product"))->id));
        }
        screen.undoStack()->undo();
        screen.waitUntilLoaded();
        QCOMPARE(tagTables(), before);
    }

    // The rule dialog previews the rule as typed and offers to apply only what
    // it previewed; applying tags exactly the previewed count, one undo step.
    void ruleDialogPreviewsBeforeApplying()
    {
        qint64 tagId = 0;
        RulePreview expected;
        {
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            TagService service(db, m_clock);
            tagId = service.create(QStringLiteral("Rule check"));
            expected = service.preview(tagId, QStringLiteral("too many clicks"), RuleKind::Phrase);
        }
        QVERIFY(expected.newTags > 0);
        auto carrying = [this, tagId]() {
            Database db;
            db.open(m_path, Database::Mode::ExistingOnly);
            return sql::scalar(db.connection(),
                               QStringLiteral("SELECT count(*) FROM response_tags WHERE tag_id = ?"), {tagId})
                .toLongLong();
        };
        CommentsScreen screen;
        openScreen(screen);
        for (QPushButton *b : screen.findChildren<QPushButton *>()) {
            if (b->text() == QLatin1String("New rule..."))
                b->click();
        }
        auto *dialog = screen.findChild<RuleDialog *>();
        QVERIFY(dialog);
        QVERIFY(!dialog->canApply());
        dialog->setTag(QStringLiteral("Rule check"));
        dialog->setPattern(QStringLiteral("too many clicks"), RuleKind::Phrase);
        QVERIFY(!dialog->canApply()); // not before the preview is in
        QTRY_VERIFY(dialog->canApply());
        QVERIFY2(dialog->previewText().contains(QStringLiteral("would tag %1 ").arg(expected.newTags)),
                 qPrintable(dialog->previewText()));
        // Editing the pattern withdraws the offer until the new preview is in.
        dialog->setPattern(QStringLiteral("too many clicks!"), RuleKind::Phrase);
        QVERIFY(!dialog->canApply());
        dialog->setPattern(QStringLiteral("too many clicks"), RuleKind::Phrase);
        QTRY_VERIFY(dialog->canApply());

        QPushButton *apply = nullptr;
        for (QPushButton *b : dialog->findChildren<QPushButton *>()) {
            if (b->text() == QLatin1String("Save and apply"))
                apply = b;
        }
        QVERIFY(apply);
        apply->click();
        QTRY_COMPARE(carrying(), expected.newTags);
        QTRY_COMPARE(screen.undoStack()->count(), 1);
        screen.undoStack()->undo();
        QCOMPARE(carrying(), 0);
        screen.waitUntilLoaded();
        removeTag(tagId);
    }

    // The reader exports every comment of its filter, with tags and stars, off
    // the GUI thread; the file says what the database says.
    void readerExportsCommentsWithTagsAndStars()
    {
        CommentsScreen screen;
        openScreen(screen);
        CommentFilter starredOnly;
        starredOnly.starred = true;
        screen.setCommentFilter(starredOnly);
        screen.waitUntilLoaded();
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("starred.csv"));
        setSaveFileChooser(
            [&path](QWidget *, const QString &, const QString &, const QString &) { return path; });
        QPushButton *button = nullptr;
        for (QPushButton *b : screen.findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Export comments"))
                button = b;
        }
        QVERIFY(button);
        button->click();
        screen.waitUntilLoaded();
        setSaveFileChooser({});

        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        const qint64 starred =
            sql::scalar(
                db.connection(),
                QStringLiteral("SELECT count(*) FROM responses WHERE starred = 1 AND comment IS NOT NULL"
                               " AND trim(comment) <> ''"))
                .toLongLong();
        QVERIFY(starred > 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.constFirst().trimmed(),
                 QByteArray("id,submitted_at,score,group,wave,starred,tags,attributes,comment"));
        // Comments may hold line breaks: count records by their ids instead.
        const QVector<CommentRow> expected = CommentQuery(db).page(starredOnly, 0, 1000);
        QCOMPARE(qint64(expected.size()), starred);
        for (const CommentRow &row : expected) {
            QStringList tags;
            for (const TagRef &t : row.tags)
                tags << t.name;
            const QByteArray prefix = QByteArray::number(row.id) + ',';
            const auto line = std::find_if(lines.cbegin(), lines.cend(),
                                           [&](const QByteArray &l) { return l.startsWith(prefix); });
            QVERIFY2(line != lines.cend(), prefix.constData());
            QVERIFY(line->contains(",true,"));
            QVERIFY2(line->contains(tags.join(QStringLiteral("; ")).toUtf8()), line->constData());
        }
    }

    void themesTableMatchesCore()
    {
        CommentsScreen screen;
        openScreen(screen);
        screen.setCommentFilter({});
        screen.waitUntilLoaded();
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        const ThemeDriversResult expected = ThemeDrivers::compute(db, CommentFilter{});
        QTableWidget *table = screen.themesTable();
        QCOMPARE(table->rowCount(), int(expected.drivers.size()));
        for (const ThemeDriver &d : expected.drivers) {
            const auto items = table->findItems(d.tag, Qt::MatchExactly);
            QCOMPARE(items.size(), 1);
            QCOMPARE(table->item(items.first()->row(), 1)->data(Qt::DisplayRole).toLongLong(), d.n());
        }
        // Sorted by the difference from the overall NPS, as numbers (the cells
        // also show the interval).
        table->sortByColumn(9, Qt::AscendingOrder);
        QVector<double> differences;
        for (const ThemeDriver &d : expected.drivers)
            differences << std::round(d.difference * 10) / 10;
        std::sort(differences.begin(), differences.end());
        for (int row = 0; row < table->rowCount(); ++row)
            QVERIFY2(table->item(row, 9)->text().startsWith(QStringLiteral("%1%2")
                                                                .arg(differences.at(row) > 0 ? "+" : "")
                                                                .arg(differences.at(row), 0, 'f', 1)),
                     qPrintable(table->item(row, 9)->text()));
    }
};

QTEST_MAIN(TestCommentsScreen)
#include "comments_screen_test.moc"

#include "clock/Clock.h"
#include "common/Error.h"
#include "query/SavedViews.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace nps;

class TestSavedViews : public QObject
{
    Q_OBJECT

private slots:
    void saveListReplaceRemove()
    {
        QTemporaryDir dir;
        Database db;
        db.open(dir.filePath(QStringLiteral("v.npsdb")));
        FixedClock clock(QDateTime(QDate(2026, 5, 1), QTime(9, 0), Qt::UTC));
        SavedViews views(db, clock);
        QVERIFY(views.list().isEmpty());

        ResponseFilter enterprise;
        enterprise.attributes.insert(QStringLiteral("Plan"), {QStringLiteral("Enterprise")});
        enterprise.activeOnly = true;
        enterprise.from = QDate(2026, 1, 1);
        const qint64 id = views.save(QStringLiteral("  Enterprise active "), enterprise);
        ResponseFilter q3;
        q3.waves = {QStringLiteral("2026 Q3")};
        views.save(QStringLiteral("Q3 wave"), q3);

        QVector<SavedView> list = views.list();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).name, QStringLiteral("Enterprise active"));
        QCOMPARE(list.at(0).id, id);
        QVERIFY(list.at(0).filter == enterprise);
        QCOMPARE(list.at(0).createdAt, clock.now().toSecsSinceEpoch());
        QVERIFY(list.at(1).filter == q3);

        // Same name in another case replaces the filter, keeps one row.
        QCOMPARE(views.save(QStringLiteral("ENTERPRISE ACTIVE"), q3), id);
        list = views.list();
        QCOMPARE(list.size(), 2);
        QVERIFY(list.at(0).filter == q3);
        QCOMPARE(sql::scalar(db.connection(), QStringLiteral("SELECT COUNT(*) FROM saved_views")).toInt(), 2);

        QVERIFY(views.remove(QStringLiteral("q3 WAVE")));
        QVERIFY(!views.remove(QStringLiteral("no such view")));
        QCOMPARE(views.list().size(), 1);
    }

    void emptyNameIsRefused()
    {
        QTemporaryDir dir;
        Database db;
        db.open(dir.filePath(QStringLiteral("v.npsdb")));
        FixedClock clock(QDateTime(QDate(2026, 5, 1), QTime(9, 0), Qt::UTC));
        SavedViews views(db, clock);
        try {
            views.save(QStringLiteral("   "), ResponseFilter{});
            QFAIL("an empty name was accepted");
        } catch (const Error &error) {
            QCOMPARE(error.kind(), Error::Kind::BadInput);
        }
        QVERIFY(views.list().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSavedViews)
#include "tst_saved_views.moc"

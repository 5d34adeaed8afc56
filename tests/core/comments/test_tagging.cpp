#include "CommentFixture.h"
#include "comments/CommentQuery.h"
#include "comments/TagService.h"
#include "common/Error.h"
#include "store/Sql.h"

#include <QtTest>

using namespace nps;

class TestTagging : public QObject
{
    Q_OBJECT

private:
    static int tagCount(Database &db, qint64 tagId)
    {
        return sql::scalar(db.connection(),
                           QStringLiteral("SELECT count(*) FROM response_tags WHERE tag_id = ?"), {tagId})
            .toInt();
    }

    static QVector<test::FixtureComment> corpus()
    {
        return {
            {2, QStringLiteral("Too expensive for a small team")},
            {3, QStringLiteral("The price went up; très cher")},
            {9, QStringLiteral("Pricing is fair")},
            {10, QStringLiteral("Support was fantastic")},
            {4, QStringLiteral("Nobody replied to my ticket")},
            {6, QStringLiteral("nobody  replied, support is slow")},
            {8, QStringLiteral("Renewal price +30% !!")},
            {5, QString()},
        };
    }

private slots:
    void createRenameDelete()
    {
        test::CommentFixture fx;
        const QVector<qint64> ids = fx.add(corpus());
        TagService s(fx.db, fx.clock);
        const qint64 parent = s.create(QStringLiteral("Product"), QStringLiteral("#123"));
        const qint64 child = s.create(QStringLiteral("Pricing"), QStringLiteral("#c0392b"), parent, 1);
        QCOMPARE(s.tag(parent)->color, QStringLiteral("#112233"));
        QCOMPARE(s.tag(child)->parentId.value_or(0), parent);
        QCOMPARE(s.pinned(1)->id, child);
        QVERIFY_THROWS_EXCEPTION(Error, s.create(QStringLiteral("pricing"))); // case-insensitive duplicate
        QVERIFY_THROWS_EXCEPTION(Error, s.create(QStringLiteral("Sub"), {}, child)); // two levels
        QVERIFY_THROWS_EXCEPTION(Error, s.create(QStringLiteral("Bad"), QStringLiteral("red;")));
        s.rename(child, QStringLiteral("Price"));
        QCOMPARE(s.tag(child)->name, QStringLiteral("Price"));
        // Slot 1 moves to the new tag.
        const qint64 other = s.create(QStringLiteral("Support"), {}, std::nullopt, 1);
        QCOMPARE(s.pinned(1)->id, other);
        QCOMPARE(s.tag(child)->pinnedSlot, 0);

        QCOMPARE(s.addTag(child, {ids[0], ids[1], ids[0]}).size(), 2);
        QCOMPARE(s.addTag(child, {ids[0], ids[6]}), QVector<qint64>{ids[6]});
        QCOMPARE(s.tag(child)->count, qint64(3));
        // Filtering by the parent finds its child's responses.
        CommentFilter f;
        f.tag = QStringLiteral("Product");
        QCOMPARE(CommentQuery(fx.db).count(f), qint64(3));
        f = {};
        f.untagged = true;
        QCOMPARE(CommentQuery(fx.db).count(f), qint64(4));

        QCOMPARE(s.remove(child), qint64(3));
        QVERIFY(!s.tag(child));
        QCOMPARE(
            sql::scalar(fx.db.connection(), QStringLiteral("SELECT count(*) FROM response_tags")).toInt(), 0);
    }

    void removeAndRestoreIsExact()
    {
        test::CommentFixture fx;
        const QVector<qint64> ids = fx.add(corpus());
        TagService s(fx.db, fx.clock);
        const qint64 t = s.create(QStringLiteral("Pricing"));
        s.addTag(t, {ids[0]}, QStringLiteral("rule"));
        fx.clock.advanceSeconds(100);
        s.addTag(t, {ids[1]});
        const QVector<RemovedTag> removed = s.removeTag(t, {ids[0], ids[1], ids[2]});
        QCOMPARE(removed.size(), 2);
        QCOMPARE(tagCount(fx.db, t), 0);
        s.restoreTags(t, removed);
        QSqlQuery q = sql::run(fx.db.connection(),
                               QStringLiteral("SELECT response_id, source, created_at FROM response_tags"
                                              " WHERE tag_id = ? ORDER BY response_id"),
                               {t});
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), QStringLiteral("rule"));
        const qint64 first = q.value(2).toLongLong();
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), QStringLiteral("manual"));
        QCOMPARE(q.value(2).toLongLong(), first + 100);
    }

    void stars()
    {
        test::CommentFixture fx;
        const QVector<qint64> ids = fx.add(corpus());
        TagService s(fx.db, fx.clock);
        QCOMPARE(s.setStarred({ids[2], ids[3]}, true).size(), 2);
        QCOMPARE(s.setStarred({ids[2], ids[4]}, true), QVector<qint64>{ids[4]});
        CommentFilter f;
        f.starred = true;
        QCOMPARE(CommentQuery(fx.db).count(f), qint64(3));
        QCOMPARE(s.setStarred({ids[2]}, false), QVector<qint64>{ids[2]});
        QCOMPARE(CommentQuery(fx.db).count(f), qint64(2));
    }

    void merge()
    {
        test::CommentFixture fx;
        const QVector<qint64> ids = fx.add(corpus());
        TagService s(fx.db, fx.clock);
        const qint64 price = s.create(QStringLiteral("Price"), {}, std::nullopt, 3);
        const qint64 pricing = s.create(QStringLiteral("Pricing"));
        const qint64 sub = s.create(QStringLiteral("Renewal"), {}, price);
        s.addTag(price, {ids[0], ids[1], ids[6]});
        s.addTag(pricing, {ids[1], ids[2]});
        const qint64 rule = s.addRule(price, QStringLiteral("expensive"), RuleKind::Keyword);
        QCOMPARE(s.merge(price, pricing), qint64(3));
        QVERIFY(!s.tag(price));
        QCOMPARE(tagCount(fx.db, pricing), 4); // ids 0,1,2,6: the shared one once
        QCOMPARE(s.tag(pricing)->pinnedSlot, 3);
        QCOMPARE(s.tag(sub)->parentId.value_or(0), pricing);
        QCOMPARE(s.rules().size(), 1);
        QCOMPARE(s.rules().first().id, rule);
        QCOMPARE(s.rules().first().tagId, pricing);
        QVERIFY_THROWS_EXCEPTION(Error, s.merge(pricing, pricing));
    }

    void deleteUndoIsExact()
    {
        test::CommentFixture fx;
        const QVector<qint64> ids = fx.add(corpus());
        TagService s(fx.db, fx.clock);
        const qint64 product =
            s.create(QStringLiteral("Product"), QStringLiteral("#123456"), std::nullopt, 2);
        const qint64 pricing = s.create(QStringLiteral("Pricing"), {}, product);
        s.addTag(product, {ids[0], ids[1]}, QStringLiteral("rule"));
        fx.clock.advanceSeconds(50);
        s.addTag(product, {ids[2]});
        s.addTag(pricing, {ids[0]});
        const qint64 rule = s.addRule(product, QStringLiteral("expensive"), RuleKind::Keyword);
        fx.clock.advanceSeconds(50);
        s.applyRule(rule);
        const QStringList before = test::tagTables(fx.db);

        TagSnapshot removed;
        QCOMPARE(s.remove(product, &removed), qint64(3));
        QVERIFY(!s.tag(product));
        QVERIFY(!s.tag(pricing)->parentId);
        QCOMPARE(removed.responses.size(), 3);
        QCOMPARE(removed.rules.size(), 1);
        QCOMPARE(removed.children, QVector<qint64>{pricing});
        const QStringList after = test::tagTables(fx.db);
        QVERIFY(after != before);
        s.restore(removed);
        QCOMPARE(test::tagTables(fx.db), before);
        QCOMPARE(s.remove(product, &removed), qint64(3));
        QCOMPARE(test::tagTables(fx.db), after);

        // Refused, writing nothing, when the name is taken meanwhile.
        const qint64 other = s.create(QStringLiteral("product"));
        QVERIFY_THROWS_EXCEPTION(Error, s.restore(removed));
        s.remove(other);
        QCOMPARE(test::tagTables(fx.db), after);
        // A number key another tag took meanwhile stays with it; a rule id
        // reused meanwhile leaves the old rule a new id.
        s.setPinnedSlot(pricing, 2);
        const qint64 newRule = s.addRule(pricing, QStringLiteral("price"), RuleKind::Keyword);
        QCOMPARE(newRule, rule);
        s.restore(removed);
        QCOMPARE(s.tag(product)->pinnedSlot, 0);
        QCOMPARE(s.tag(pricing)->pinnedSlot, 2);
        QCOMPARE(s.tag(pricing)->parentId.value_or(0), product);
        QCOMPARE(s.tag(product)->count, qint64(3));
        QCOMPARE(s.rules().size(), 2);

        // Refused when a new tag took the id of the deleted one.
        TagSnapshot last;
        s.remove(pricing, &last);
        QCOMPARE(s.create(QStringLiteral("Newcomer")), pricing);
        QVERIFY_THROWS_EXCEPTION(Error, s.restore(last));
    }

    void mergeUndoIsExact_data()
    {
        QTest::addColumn<bool>("intoChild");
        QTest::newRow("into another tag") << false;
        QTest::newRow("into its own sub-tag") << true;
    }
    void mergeUndoIsExact()
    {
        QFETCH(bool, intoChild);
        test::CommentFixture fx;
        const QVector<qint64> ids = fx.add(corpus());
        TagService s(fx.db, fx.clock);
        const qint64 price = s.create(QStringLiteral("Price"), {}, std::nullopt, 3);
        const qint64 pricing = s.create(QStringLiteral("Pricing"));
        const qint64 renewal = s.create(QStringLiteral("Renewal"), {}, price);
        const qint64 into = intoChild ? renewal : pricing;
        s.addTag(price, {ids[0], ids[1], ids[6]}, QStringLiteral("rule"));
        fx.clock.advanceSeconds(60);
        // ids[1] carries both tags, each with its own source and time.
        s.addTag(into, {ids[1], ids[2]});
        s.addRule(price, QStringLiteral("expensive"), RuleKind::Keyword);
        const QStringList before = test::tagTables(fx.db);

        TagMerge merge;
        QCOMPARE(s.merge(price, into, &merge), qint64(3));
        QCOMPARE(merge.added, (QVector<qint64>{ids[0], ids[6]}));
        QVERIFY(merge.slotMoved);
        QCOMPARE(s.countCarrying(into, ids), qint64(4));
        const QStringList after = test::tagTables(fx.db);
        s.unmerge(merge);
        QCOMPARE(test::tagTables(fx.db), before);
        QCOMPARE(s.countCarrying(price, ids), qint64(3));
        QCOMPARE(s.countCarrying(into, ids), qint64(2));
        s.merge(price, into, &merge);
        QCOMPARE(test::tagTables(fx.db), after);
        s.unmerge(merge);
        QCOMPARE(test::tagTables(fx.db), before);
    }

    void countsAmongIds()
    {
        test::CommentFixture fx;
        const QVector<qint64> ids = fx.add(corpus());
        TagService s(fx.db, fx.clock);
        const qint64 t = s.create(QStringLiteral("Theme"));
        s.addTag(t, {ids[0], ids[3]});
        s.setStarred({ids[3], ids[4]}, true);
        QCOMPARE(s.countCarrying(t, {ids[0], ids[1], ids[3]}), qint64(2));
        QCOMPARE(s.countStarred({ids[0], ids[3], ids[4]}), qint64(2));
        QCOMPARE(s.countStarred({}), qint64(0));
    }

    void rulePreviewEqualsApplied_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("expected");
        QTest::newRow("keyword") << "price" << int(RuleKind::Keyword) << 2;
        QTest::newRow("keyword prefix") << "pric*" << int(RuleKind::Keyword) << 3;
        QTest::newRow("keyword diacritics") << "tres" << int(RuleKind::Keyword) << 1;
        QTest::newRow("phrase") << "nobody replied" << int(RuleKind::Phrase) << 2;
        QTest::newRow("regex") << "\\b(expensive|pric\\w*)\\b" << int(RuleKind::Regex) << 4;
        QTest::newRow("regex case-insensitive") << "SUPPORT" << int(RuleKind::Regex) << 2;
        QTest::newRow("regex special") << "\\+\\d+%" << int(RuleKind::Regex) << 1;
    }
    void rulePreviewEqualsApplied()
    {
        QFETCH(QString, pattern);
        QFETCH(int, kind);
        QFETCH(int, expected);
        test::CommentFixture fx;
        const QVector<qint64> ids = fx.add(corpus());
        TagService s(fx.db, fx.clock);
        const qint64 t = s.create(QStringLiteral("Theme"));
        // One match is tagged by hand already: preview and apply both leave it out.
        const RuleKind k = RuleKind(kind);
        const RulePreview before = s.preview(t, pattern, k, 10);
        QCOMPARE(before.matches, qint64(expected));
        QCOMPARE(before.newTags, qint64(expected));
        s.addTag(t, {before.samples.first().first});
        const RulePreview preview = s.preview(t, pattern, k, 10);
        QCOMPARE(preview.matches, qint64(expected));
        QCOMPARE(preview.newTags, qint64(expected - 1));
        QCOMPARE(preview.samples.size(), expected - 1);
        const qint64 rule = s.addRule(t, pattern, k);
        QVector<qint64> added;
        QCOMPARE(s.applyRule(rule, &added), preview.newTags);
        // The ids it reports (for undo) are exactly the previewed ones.
        QVector<qint64> sampled;
        for (const auto &sample : preview.samples)
            sampled.append(sample.first);
        QCOMPARE(added, sampled);
        QCOMPARE(tagCount(fx.db, t), expected);
        // Undoing a rule removes exactly what it added; the hand-made tag stays.
        s.removeTag(t, added);
        QCOMPARE(tagCount(fx.db, t), 1);
        s.addTag(t, added, QStringLiteral("rule"));
        QCOMPARE(tagCount(fx.db, t), expected);
        QCOMPARE(s.rules().first().lastAppliedCount.value_or(-1), preview.newTags);
        QCOMPARE(s.rules().first().lastAppliedAt.value_or(0), fx.clock.now().toSecsSinceEpoch());
        // Re-running after an import tags only the new comments.
        QCOMPARE(s.applyAllRules(), qint64(0));
        fx.add({{1, QStringLiteral("price price price, too expensive, nobody replied, SUPPORT +5% très")}});
        QCOMPARE(s.preview(t, pattern, k).newTags, qint64(1));
        QCOMPARE(s.applyAllRules(), qint64(1));
        QCOMPARE(tagCount(fx.db, t), expected + 1);
        Q_UNUSED(ids);
    }

    void badRules()
    {
        test::CommentFixture fx;
        fx.add(corpus());
        TagService s(fx.db, fx.clock);
        const qint64 t = s.create(QStringLiteral("Theme"));
        QVERIFY_THROWS_EXCEPTION(Error, s.addRule(t, QStringLiteral("(unclosed"), RuleKind::Regex));
        QVERIFY_THROWS_EXCEPTION(Error, s.preview(t, QStringLiteral("\"\"**"), RuleKind::Keyword));
        QVERIFY(s.rules().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTagging)
#include "test_tagging.moc"

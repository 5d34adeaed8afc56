#include "CommentFixture.h"
#include "comments/CommentQuery.h"
#include "comments/CommentSearch.h"
#include "comments/TagService.h"
#include "store/Sql.h"

#include <QtTest>

using namespace nps;

class TestCommentSearch : public QObject
{
    Q_OBJECT

private:
    test::CommentFixture *m_fx = nullptr;

    QVector<qint64> search(const QString &text)
    {
        CommentFilter f;
        f.search = text;
        QVector<qint64> ids;
        for (const CommentRow &row : CommentQuery(m_fx->db).page(f, 0, 100))
            ids.append(row.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    }

private slots:
    void initTestCase()
    {
        m_fx = new test::CommentFixture;
        m_fx->add({
            {2, QStringLiteral("Onboarding took weeks and nobody guided us")},         // 1
            {9, QStringLiteral("The onboarded team loved the import wizard")},         // 2
            {3, QStringLiteral("La configuración inicial fue una decepción")},         // 3
            {10, QStringLiteral("Support answered within the hour")},                  // 4
            {5, QStringLiteral("Support is slow and pricing is too high")},            // 5
            {8, QStringLiteral("Pricing is fair; the \"Pro\" plan (v2) works: 100%")}, // 6
            {7, QString()},                                                            // 7: no comment
            {1, QStringLiteral("Nobody replied, then support closed the ticket")},     // 8
        });
    }
    void cleanupTestCase() { delete m_fx; }

    void translation_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("fts");
        QTest::newRow("word") << "pricing"
                              << "\"pricing\"";
        QTest::newRow("prefix") << "onboard*"
                                << "\"onboard\"*";
        QTest::newRow("implicit and") << "support slow"
                                      << "\"support\" AND \"slow\"";
        QTest::newRow("or") << "slow OR fair"
                            << "\"slow\" OR \"fair\"";
        QTest::newRow("not") << "support NOT slow"
                             << "\"support\" NOT \"slow\"";
        QTest::newRow("minus") << "support -slow"
                               << "\"support\" NOT \"slow\"";
        QTest::newRow("phrase") << "\"nobody replied\""
                                << "\"nobody replied\"";
        QTest::newRow("lower-case or is a word") << "slow or fair"
                                                 << "\"slow\" AND \"or\" AND \"fair\"";
        QTest::newRow("leading operator dropped") << "OR slow"
                                                  << "\"slow\"";
        QTest::newRow("trailing operator dropped") << "slow AND"
                                                   << "\"slow\"";
        QTest::newRow("leading not dropped") << "NOT slow"
                                             << "";
        QTest::newRow("quote inside word") << "say\"hi"
                                           << "\"say\" AND \"hi\"";
        QTest::newRow("unterminated phrase") << "\"nobody rep"
                                             << "\"nobody rep\"";
        QTest::newRow("fts syntax is text") << "col:x ^y (a OR b)"
                                            << "\"col:x\" AND \"^y\" AND \"a\" OR \"b\"";
        QTest::newRow("only punctuation") << "!!! ??? \"\" *"
                                          << "";
        QTest::newRow("sql injection is text") << "'; DROP TABLE responses; --"
                                               << "\"DROP\" AND \"TABLE\" AND \"responses;\"";
    }
    void translation()
    {
        QFETCH(QString, input);
        QFETCH(QString, fts);
        QCOMPARE(ftsExpression(input), fts);
    }

    void results_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QVector<qint64>>("ids");
        QTest::newRow("word") << "support" << QVector<qint64>{4, 5, 8};
        QTest::newRow("case") << "SUPPORT" << QVector<qint64>{4, 5, 8};
        QTest::newRow("prefix") << "onboard*" << QVector<qint64>{1, 2};
        QTest::newRow("no prefix, whole word") << "onboard" << QVector<qint64>{};
        QTest::newRow("phrase") << "\"nobody replied\"" << QVector<qint64>{8};
        QTest::newRow("phrase order matters") << "\"replied nobody\"" << QVector<qint64>{};
        QTest::newRow("and") << "support AND slow" << QVector<qint64>{5};
        QTest::newRow("or") << "slow OR fair" << QVector<qint64>{5, 6};
        QTest::newRow("not") << "support NOT slow" << QVector<qint64>{4, 8};
        QTest::newRow("diacritics folded") << "decepcion" << QVector<qint64>{3};
        QTest::newRow("diacritics typed") << "configuración" << QVector<qint64>{3};
        QTest::newRow("diacritic prefix") << "configurac*" << QVector<qint64>{3};
        QTest::newRow("quotes in text") << "\"pro\" plan" << QVector<qint64>{6};
        QTest::newRow("special characters") << "(v2) 100%" << QVector<qint64>{6};
        QTest::newRow("stray quote") << "pricing \"" << QVector<qint64>{5, 6};
        QTest::newRow("injection") << "x' OR '1'='1" << QVector<qint64>{};
        QTest::newRow("nothing searchable: no search filter")
            << "***" << QVector<qint64>{1, 2, 3, 4, 5, 6, 8};
    }
    void results()
    {
        QFETCH(QString, query);
        QFETCH(QVector<qint64>, ids);
        QCOMPARE(search(query), ids);
        CommentFilter f;
        f.search = query;
        QCOMPARE(CommentQuery(m_fx->db).count(f), qint64(ids.size()));
        // The table is untouched whatever was typed.
        QCOMPARE(sql::scalar(m_fx->db.connection(), QStringLiteral("SELECT count(*) FROM responses")).toInt(),
                 8);
    }

    void neverErrors()
    {
        // Arbitrary text, including every FTS5 operator character, must never
        // make the query fail.
        const QString alphabet = QStringLiteral("ab \"*():^-+NOTANDOR{}[]'\\;,.é");
        QRandomGenerator rng(7);
        for (int i = 0; i < 500; ++i) {
            QString text;
            const int n = int(rng.bounded(12));
            for (int k = 0; k < n; ++k)
                text += alphabet.at(int(rng.bounded(int(alphabet.size()))));
            CommentFilter f;
            f.search = text;
            try {
                CommentQuery(m_fx->db).page(f, 0, 10);
                CommentQuery(m_fx->db).count(f);
            } catch (const std::exception &e) {
                QFAIL(
                    qPrintable(QStringLiteral("'%1' -> '%2': %3").arg(text, ftsExpression(text), e.what())));
            }
        }
    }

    void pagingAndFilters()
    {
        CommentQuery q(m_fx->db);
        CommentFilter f;
        QVector<qint64> all;
        qint64 before = 0;
        for (;;) {
            const QVector<CommentRow> page = q.page(f, before, 3);
            for (const CommentRow &r : page)
                all.append(r.id);
            if (page.size() < 3)
                break;
            before = page.last().id;
        }
        QCOMPARE(all, (QVector<qint64>{8, 6, 5, 4, 3, 2, 1}));
        f.group = NpsGroup::Detractor;
        QCOMPARE(q.count(f), qint64(4));
        f.group.reset();
        f.score = 9;
        QCOMPARE(q.page(f, 0, 10).size(), 1);
        QCOMPARE(q.page(f, 0, 10).first().attributes.value(0).second, QStringLiteral("Pro"));
    }

    void pageIndexCutsTheMatches_data()
    {
        QTest::addColumn<QString>("search");
        QTest::newRow("every comment") << QString();
        QTest::newRow("search") << QStringLiteral("support OR pricing OR nobody");
    }
    void pageIndexCutsTheMatches()
    {
        QFETCH(QString, search);
        CommentQuery q(m_fx->db);
        CommentFilter f;
        f.search = search;
        const QVector<qint64> all = q.ids(f);
        QVERIFY(all.size() >= 5);
        QVERIFY(std::is_sorted(all.crbegin(), all.crend()));
        const CommentPageIndex index = q.pageIndex(f, 2);
        QCOMPARE(index.total, qint64(all.size()));
        QCOMPARE(index.pageCount(), int(all.size() + 1) / 2);
        QCOMPARE(index.rowsIn(index.pageCount() - 1), all.size() % 2 ? 1 : 2);
        QCOMPARE(index.rowsIn(index.pageCount()), 0);
        QVector<qint64> paged;
        for (int page = 0; page < index.pageCount(); ++page) {
            QCOMPARE(index.firstIds.at(page), all.at(page * 2));
            const QVector<CommentRow> rows = q.rows(f, index.bounds(page), 10);
            QCOMPARE(rows.size(), index.rowsIn(page));
            for (const CommentRow &row : rows)
                paged.append(row.id);
            QCOMPARE(q.ids(f, index.bounds(page)).size(), index.rowsIn(page));
        }
        QCOMPARE(paged, all);
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(index.pageOf(all.at(i)), i / 2);
        QCOMPARE(index.pageOf(all.first() + 1), -1);
        QCOMPARE(index.pageOf(0), -1);
        QCOMPARE(q.pageIndex(f, 100).pageCount(), 1);
    }

    void keptRowsStayListed()
    {
        // A reader passes the rows it edited: they stay in its pages although
        // they no longer pass the tag filters.
        CommentQuery q(m_fx->db);
        TagService tags(m_fx->db);
        CommentFilter f;
        f.untagged = true;
        const QVector<qint64> all = q.ids(f);
        const qint64 theme = tags.create(QStringLiteral("Kept"));
        tags.addTag(theme, {all.at(1)});
        QCOMPARE(q.ids(f).size(), all.size() - 1);
        QCOMPARE(q.ids(f, {}, {all.at(1)}), all);
        QCOMPARE(q.pageIndex(f, 3, {all.at(1)}).total, qint64(all.size()));
        QCOMPARE(q.rows(f, {}, 100, {all.at(1)}).size(), all.size());
        // Keeping a row does not add it to a search it does not match.
        f.search = QStringLiteral("onboard*");
        QCOMPARE(q.ids(f), (QVector<qint64>{2, 1}));
        QCOMPARE(q.ids(f, {}, {all.at(1)}), (QVector<qint64>{2, 1}));
        tags.remove(theme);
    }

    void highlighting()
    {
        const ParsedSearch s = parseSearch(QStringLiteral("decepcion onboard* \"nobody guided\" NOT slow"));
        QCOMPARE(s.terms.size(), 3);
        const QString text = QStringLiteral("Onboarding: nobody guided us, una decepción");
        const auto hits = searchHits(text, s.terms);
        QCOMPARE(hits.size(), 3);
        QCOMPARE(text.mid(hits[0].first, hits[0].second), QStringLiteral("Onboarding"));
        QCOMPARE(text.mid(hits[1].first, hits[1].second), QStringLiteral("nobody guided"));
        QCOMPARE(text.mid(hits[2].first, hits[2].second), QStringLiteral("decepción"));
    }
};

QTEST_GUILESS_MAIN(TestCommentSearch)
#include "test_comment_search.moc"

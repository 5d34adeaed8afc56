#include "DemoTags.h"

#include "TagService.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QVariant>

namespace nps {

void addDemoTags(Database &db, const Clock &clock)
{
    TagService tags(db, clock, TagService::TransactionMode::CallerOwns);
    const qint64 pricing = tags.create(QStringLiteral("Pricing"), QStringLiteral("#c0392b"), std::nullopt, 1);
    const qint64 support = tags.create(QStringLiteral("Support"), QStringLiteral("#2980b9"), std::nullopt, 2);
    const qint64 performance =
        tags.create(QStringLiteral("Performance"), QStringLiteral("#8e44ad"), std::nullopt, 3);
    const qint64 onboarding =
        tags.create(QStringLiteral("Onboarding"), QStringLiteral("#16a085"), std::nullopt, 4);
    const qint64 reliability =
        tags.create(QStringLiteral("Reliability"), QStringLiteral("#d35400"), std::nullopt, 5);
    const qint64 product = tags.create(QStringLiteral("Product"), QStringLiteral("#34495e"));
    const qint64 integrations =
        tags.create(QStringLiteral("Integrations"), QStringLiteral("#27ae60"), product, 6);
    const qint64 reporting = tags.create(QStringLiteral("Reporting"), QStringLiteral("#2c3e50"), product, 7);
    const qint64 usability = tags.create(QStringLiteral("Usability"), QStringLiteral("#7f8c8d"), product);
    const qint64 caseStudy =
        tags.create(QStringLiteral("Case study"), QStringLiteral("#f39c12"), std::nullopt, 9);

    tags.addRule(pricing, QStringLiteral("\\b(pric\\w*|expensive|renewal|value|worth)\\b"), RuleKind::Regex);
    tags.addRule(support, QStringLiteral("support"), RuleKind::Keyword);
    tags.addRule(support, QStringLiteral("nobody replied"), RuleKind::Phrase);
    tags.addRule(performance, QStringLiteral("\\b(slow(ly)?|fast(er)?|instant|freezes|time out|quickly)\\b"),
                 RuleKind::Regex);
    tags.addRule(onboarding, QStringLiteral("onboarding OR setup OR configuración"), RuleKind::Keyword);
    tags.addRule(onboarding, QStringLiteral("getting started"), RuleKind::Phrase);
    tags.addRule(reliability, QStringLiteral("outage* OR downtime OR missing OR solid"), RuleKind::Keyword);
    tags.addRule(integrations, QStringLiteral("slack OR salesforce OR hubspot OR api"), RuleKind::Keyword);
    tags.addRule(reporting, QStringLiteral("report* OR charts OR csv"), RuleKind::Keyword);
    tags.addRule(usability, QStringLiteral("intuitive|clicks|navigation|keyboard shortcuts|facile|diseño"),
                 RuleKind::Regex);
    tags.applyAllRules();

    // Quotes worth keeping: a few of the most recent long promoter comments and
    // two detractor ones for the "what hurts" slide.
    QVector<qint64> quotes;
    QSqlQuery q = sql::run(db.connection(),
                           QStringLiteral("SELECT id FROM responses WHERE score = 10 AND length(comment) > 60"
                                          " ORDER BY id DESC LIMIT 8"));
    while (q.next())
        quotes.append(q.value(0).toLongLong());
    tags.addTag(caseStudy, quotes.mid(0, 5));
    QSqlQuery d = sql::run(db.connection(),
                           QStringLiteral("SELECT id FROM responses WHERE score <= 3 AND length(comment) > 50"
                                          " ORDER BY id DESC LIMIT 2"));
    while (d.next())
        quotes.append(d.value(0).toLongLong());
    tags.setStarred(quotes, true);
}

} // namespace nps

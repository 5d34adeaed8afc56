#include "DemoGenerator.h"

#include "clock/Clock.h"
#include "comments/DemoTags.h"
#include "common/Error.h"
#include "followups/FollowupQueue.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QDate>
#include <QRandomGenerator>
#include <QVector>
#include <array>

namespace nps {

namespace {

struct Theme
{
    const char *name;
    int detractorWeight;
    int promoterWeight;
    std::array<const char *, 3> praise;
    std::array<const char *, 3> complaints;
};

// clang-format off
const Theme themes[] = {
    {"onboarding", 2, 3,
     {"the onboarding checklist got our whole team going in a day", "setup was painless", "the import wizard saved us days"},
     {"onboarding took weeks and nobody guided us", "getting started was confusing", "la configuración inicial fue una decepción"}},
    {"pricing", 6, 1,
     {"pricing is fair for what we get", "worth every cent", "the annual plan is good value"},
     {"too expensive for a small team", "the per-seat price hurts", "renewal went up 30% without warning"}},
    {"support", 2, 5,
     {"support answered within the hour", "Maria from support was fantastic", "le support est très réactif"},
     {"nobody replied to my ticket for a week", "chat support is slow", "support keeps closing tickets without fixing anything"}},
    {"performance", 4, 2,
     {"search is instant", "much faster since the last update", "dashboards load quickly even for big accounts"},
     {"dashboards load slowly", "exports time out on large accounts", "the app freezes every afternoon"}},
    {"integrations", 3, 3,
     {"the Slack integration is perfect", "API docs are excellent", "the Salesforce sync just works"},
     {"Salesforce sync breaks every week", "we need a HubSpot connector", "the API rate limits block our workflows"}},
    {"reporting", 2, 4,
     {"reports are exactly what my VP wants", "charts look great in our QBR deck", "scheduled reports save me hours"},
     {"cannot filter reports by team", "missing a CSV export of the raw data", "reporting is too basic"}},
    {"usability", 3, 4,
     {"clean and intuitive interface", "love the keyboard shortcuts", "très facile à utiliser"},
     {"too many clicks to do anything", "the new navigation is confusing", "el diseño nuevo es difícil de usar"}},
    {"reliability", 5, 1,
     {"never had downtime", "rock solid for two years", "it just works"},
     {"two outages this month", "data went missing after a sync", "we lost a day of work to an outage"}},
};
// clang-format on

const char *const plans[] = {"Starter", "Pro", "Enterprise"};
const int planWeights[] = {45, 35, 20};
const char *const roles[] = {"Admin", "Manager", "Analyst", "Engineer", "Executive", "Support agent"};
const char *const sizes[] = {"1-10", "11-50", "51-200", "201-1000", "1000+"};
const char *const regions[] = {"North America", "Europe", "APAC", "LATAM", "Middle East & Africa"};
const char *const firstNames[] = {"Ana",  "Ben",   "Chloé",   "Dmitri", "Emma", "Farid", "Grace",
                                  "Hiro", "Inés",  "Jonas",   "Kara",   "Luis", "Mia",   "Noah",
                                  "Olga", "Priya", "Quentin", "Rosa",   "Sven", "Tariq"};
const char *const lastNames[] = {"Andersen", "Baptiste", "Costa",   "Dubois", "Eriksen",  "Fischer",
                                 "García",   "Huang",    "Ivanova", "Jensen", "Kowalski", "López",
                                 "Müller",   "Novak",    "Okafor",  "Pereira"};

struct DemoUser
{
    int plan;        // index into plans
    int upgradeWave; // wave from which a Pro customer is Enterprise; -1 never
    int role;
    int size;
    int region;
    bool active;
    QString name;
};

template<typename T, size_t N> constexpr int count(const T (&)[N])
{
    return int(N);
}

// "Inés López" -> "ines.lopez": email local parts stay plain ASCII.
QString asciiLocalPart(const QString &name)
{
    QString out;
    for (const QChar c : name.normalized(QString::NormalizationForm_D).toLower()) {
        if (c == QLatin1Char(' '))
            out += QLatin1Char('.');
        else if (c.unicode() < 128)
            out += c;
    }
    return out;
}

int weightedPick(QRandomGenerator &rng, const int *weights, int n)
{
    int total = 0;
    for (int i = 0; i < n; ++i)
        total += weights[i];
    int x = int(rng.bounded(total));
    for (int i = 0; i < n; ++i) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

// Target NPS by plan and quarter: Enterprise climbs, Starter slides, Pro holds.
int targetNps(int plan, int quarter, bool active)
{
    int nps = plan == 0 ? 5 - 4 * quarter : plan == 1 ? 22 : 18 + 6 * quarter;
    if (!active)
        nps -= 35;
    return nps;
}

int drawScore(QRandomGenerator &rng, int nps)
{
    const double passive = 0.28;
    const double promoter = std::clamp((1.0 - passive + nps / 100.0) / 2.0, 0.02, 0.95);
    const double detractor = std::max(0.0, 1.0 - passive - promoter);
    const double x = rng.generateDouble();
    static const int detractorScores[] = {0, 1, 2, 3, 4, 5, 5, 6, 6, 6};
    static const int passiveScores[] = {7, 8, 8};
    static const int promoterScores[] = {9, 10, 10};
    if (x < detractor)
        return detractorScores[rng.bounded(10)];
    if (x < detractor + passive)
        return passiveScores[rng.bounded(3)];
    return promoterScores[rng.bounded(3)];
}

QString drawComment(QRandomGenerator &rng, int score)
{
    const double commentRate = score <= 6 ? 0.7 : score >= 9 ? 0.55 : 0.35;
    if (rng.generateDouble() > commentRate)
        return {};
    int weights[count(themes)];
    for (int i = 0; i < count(themes); ++i)
        weights[i] = score <= 6 ? themes[i].detractorWeight : score >= 9 ? themes[i].promoterWeight : 3;
    const int first = weightedPick(rng, weights, count(themes));
    int second = rng.bounded(3) == 0 ? weightedPick(rng, weights, count(themes)) : -1;
    if (second == first)
        second = -1;
    const double praiseShare = score >= 9 ? 0.9 : score <= 6 ? 0.1 : 0.5;
    auto phrase = [&](int theme) {
        const Theme &t = themes[theme];
        const auto &list = rng.generateDouble() < praiseShare ? t.praise : t.complaints;
        return QString::fromUtf8(list[rng.bounded(3)]);
    };
    QString text = phrase(first);
    text[0] = text[0].toUpper();
    if (second >= 0)
        text += (rng.bounded(2) ? QStringLiteral(", and ") : QStringLiteral(". Also, ")) + phrase(second);
    text += score >= 9 ? QStringLiteral("!") : QStringLiteral(".");
    return text;
}

} // namespace

DemoGenerator::DemoGenerator(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

void DemoGenerator::seedFollowups(qint64 importId, QRandomGenerator &rng)
{
    // Only the last 30 days are tracked, as a team would set it up after
    // backfilling two years of history.
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    SlaSettings sla = SlaSettings::load(m_db);
    sla.untrackedBefore = now - 30 * 86400;
    sla.includePassives = true;
    sla.save(m_db);
    FollowupQueue(m_db, m_clock).enqueueForImport(importId);

    static const char *const owners[] = {"Maria", "Jonas", "Priya"};
    static const char *const causes[] = {"Product gap",        "Bug",        "Pricing",
                                         "Support experience", "Onboarding", "Other"};
    static const char *const notes[] = {"Called, left a voicemail",
                                        "Discussed the renewal price; offered a call with "
                                        "the account manager",
                                        "Walked them through the new reporting filters",
                                        "Opened a bug for the Salesforce sync",
                                        "They want a HubSpot connector"};
    QSqlQuery q =
        sql::prepare(m_db.connection(),
                     QStringLiteral("SELECT f.id, r.submitted_at, f.due_at FROM followups f JOIN responses r"
                                    " ON r.id = f.response_id WHERE f.tracked = 1 ORDER BY f.id"));
    q.setForwardOnly(true);
    sql::exec(q);
    QVector<std::array<qint64, 3>> items;
    while (q.next())
        items.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()});
    for (const auto &[id, submitted, due] : items) {
        // Each action happens at its own moment in the past, so the SLA report
        // has real times to first contact (most in time, some late).
        FixedClock at(QDateTime::fromSecsSinceEpoch(submitted, Qt::UTC));
        FollowupQueue queue(m_db, at);
        const QString owner = QString::fromLatin1(owners[rng.bounded(3)]);
        const int roll = int(rng.bounded(100));
        const qint64 contactAt = submitted + 3600 * qint64(2 + rng.bounded(roll < 15 ? 90 : 40));
        if (roll < 20 && due > now)
            continue; // new, unassigned: work for "take next"
        at.setNow(QDateTime::fromSecsSinceEpoch(std::min(submitted + 1800, now), Qt::UTC));
        queue.assign(id, owner, owner);
        if (contactAt > now || roll < 12)
            continue; // assigned, not yet contacted (overdue when the deadline passed)
        at.setNow(QDateTime::fromSecsSinceEpoch(contactAt, Qt::UTC));
        queue.logContact(id, owner, QString::fromLatin1(notes[rng.bounded(5)]));
        const qint64 closeAt = contactAt + 3600 * qint64(4 + rng.bounded(72));
        if (closeAt > now || roll < 45)
            continue;
        at.setNow(QDateTime::fromSecsSinceEpoch(closeAt, Qt::UTC));
        const FollowupStatus outcome = roll < 85   ? FollowupStatus::Resolved
                                       : roll < 93 ? FollowupStatus::WontFix
                                                   : FollowupStatus::Unreachable;
        queue.setStatus(id, outcome, owner, QString::fromLatin1(causes[rng.bounded(6)]));
    }
}

DemoSummary DemoGenerator::generate(const DemoOptions &options)
{
    if (options.responses < 1 || options.responses > 5'000'000)
        throw Error::usage(QStringLiteral("the demo needs between 1 and 5,000,000 responses"));
    QRandomGenerator rng(options.seed);
    const QDate today = m_clock.now().date();
    const QDate currentQuarter(today.year(), ((today.month() - 1) / 3) * 3 + 1, 1);
    constexpr int quarters = 8;

    Transaction transaction(m_db.connection());
    SurveyWriter writer(m_db, m_clock);
    ImportRecord record;
    record.kind = QStringLiteral("demo");
    record.fileName = QStringLiteral("Demo data (seed %1)").arg(options.seed);
    record.preset = QStringLiteral("demo");
    const qint64 importId = writer.startImport(record);

    const int userCount = std::max(1, options.responses / 3);
    QVector<DemoUser> users;
    users.reserve(userCount);
    for (int i = 0; i < userCount; ++i) {
        DemoUser user;
        user.plan = weightedPick(rng, planWeights, count(plans));
        user.upgradeWave = user.plan == 1 && rng.bounded(10) == 0 ? int(2 + rng.bounded(quarters - 2)) : -1;
        user.role = int(rng.bounded(count(roles)));
        user.size = user.plan == 2 ? 3 + int(rng.bounded(2)) : int(rng.bounded(count(sizes) - 1));
        user.region = int(rng.bounded(count(regions)));
        user.active = rng.bounded(100) < 82;
        user.name = QStringLiteral("%1 %2").arg(QString::fromUtf8(firstNames[rng.bounded(count(firstNames))]),
                                                QString::fromUtf8(lastNames[rng.bounded(count(lastNames))]));
        users.append(user);
    }

    QVector<qint64> waveIds;
    QVector<int> perWave(quarters, 0);
    for (int q = 0; q < quarters; ++q) {
        const QDate start = currentQuarter.addMonths(-3 * (quarters - 1 - q));
        waveIds.append(writer.ensureWave(
            QStringLiteral("%1 Q%2 relationship survey").arg(start.year()).arg((start.month() - 1) / 3 + 1)));
    }

    const qint64 nowSecs = m_clock.now().toSecsSinceEpoch();
    int added = 0;
    ImportCounts counts;
    for (int i = 0; i < options.responses; ++i) {
        const int q = int(qint64(i) * quarters / options.responses);
        const QDate start = currentQuarter.addMonths(-3 * (quarters - 1 - q));
        const QDateTime quarterStart(start, QTime(0, 0), Qt::UTC);
        const QDateTime quarterEnd(start.addMonths(3), QTime(0, 0), Qt::UTC);
        // The current quarter is still running: its answers stop at "now".
        const qint64 endSecs = std::min(quarterEnd.toSecsSinceEpoch(), nowSecs);
        const qint64 span = std::max<qint64>(1, endSecs - quarterStart.toSecsSinceEpoch());
        const int userIndex = int(rng.bounded(userCount));
        const DemoUser &user = users[userIndex];
        const int plan = user.upgradeWave >= 0 && q >= user.upgradeWave ? 2 : user.plan;

        ResponseRecord r;
        r.externalId = QStringLiteral("demo-%1").arg(i + 1, 7, 10, QLatin1Char('0'));
        r.userId = QStringLiteral("U%1").arg(userIndex + 1000);
        r.email = QStringLiteral("%1@customer%2.example").arg(asciiLocalPart(user.name)).arg(userIndex);
        r.name = user.name;
        r.submittedAt = quarterStart.toSecsSinceEpoch() + qint64(rng.generateDouble() * double(span));
        r.score = drawScore(rng, targetNps(plan, q, user.active));
        r.comment = drawComment(rng, r.score);
        r.attributes = {{QStringLiteral("Plan"), QString::fromLatin1(plans[plan])},
                        {QStringLiteral("Role"), QString::fromLatin1(roles[user.role])},
                        {QStringLiteral("Company size"), QString::fromLatin1(sizes[user.size])},
                        {QStringLiteral("Region"), QString::fromLatin1(regions[user.region])}};
        r.active = user.active;
        r.sourceLine = i + 2;
        if (writer.add(waveIds[q], importId, r) == SurveyWriter::Outcome::Added) {
            ++added;
            ++perWave[q];
        } else {
            ++counts.duplicates;
        }
    }
    // Invited counts give a response rate; the oldest wave is under-sampled on
    // purpose so the "response rate under 20%" warning has something to show.
    const QSqlDatabase c = m_db.connection();
    for (int q = 0; q < quarters; ++q) {
        const int invited = q == 0 ? perWave[q] * 6 : perWave[q] * 100 / int(28 + rng.bounded(10));
        sql::run(c, QStringLiteral("UPDATE waves SET invited = ? WHERE id = ?"), {invited, waveIds[q]});
    }
    counts.rowsRead = options.responses;
    counts.imported = added;
    writer.finishImport(importId, counts, {});
    seedFollowups(importId, rng);
    addDemoTags(m_db, m_clock);
    transaction.commit();

    DemoSummary summary;
    summary.responses = added;
    summary.respondents =
        int(sql::scalar(c, QStringLiteral("SELECT count(*) FROM respondents")).toLongLong());
    summary.waves = quarters;
    return summary;
}

} // namespace nps

#include "AnalysisService.h"

#include "ResponseColumns.h"
#include "common/Error.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace nps {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// Period key of answers without a submitted_at: sorts after every real period.
constexpr qint64 undatedKey = std::numeric_limits<qint64>::max();
const QString notSetLabel = QStringLiteral("(not set)");
const QString totalLabel = QStringLiteral("Total");

using Dist = std::array<qint64, 11>;

// Answers per score for one (segment value A, segment value B, period): the one
// intermediate both engines produce, so everything above it is shared.
struct CubeKey
{
    qint64 a = 0; // attribute_values.id of the first attribute, 0 when not set / no attribute
    qint64 b = 0;
    qint64 period = 0; // calendar ordinal, wave id, 0 for PeriodKind::None, undatedKey
    bool operator<(const CubeKey &o) const { return std::tie(a, b, period) < std::tie(o.a, o.b, o.period); }
};
using Cube = std::map<CubeKey, Dist>;

void addInto(Dist &to, const Dist &from)
{
    for (size_t s = 0; s < to.size(); ++s)
        to[s] += from[s];
}

qint64 distTotal(const Dist &d)
{
    qint64 n = 0;
    for (qint64 v : d)
        n += v;
    return n;
}

struct WaveInfo
{
    qint64 id = 0;
    QString name;
    std::optional<qint64> invited;
    std::optional<qint32> firstDay; // UTC day of its first dated answer
    qint64 responses = 0;           // all answers, unfiltered
};

qint32 dayOfSecs(qint64 secs)
{
    qint64 d = secs / 86400;
    if (secs % 86400 < 0)
        --d;
    return qint32(d);
}

QDate dateOfDay(qint32 day)
{
    static const qint64 epoch = QDate(1970, 1, 1).toJulianDay();
    return QDate::fromJulianDay(epoch + day);
}

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}

QString sqlPeriodExpression(PeriodKind kind)
{
    const QString year = QStringLiteral("CAST(strftime('%Y', r.submitted_at, 'unixepoch') AS INTEGER)");
    const QString month = QStringLiteral("CAST(strftime('%m', r.submitted_at, 'unixepoch') AS INTEGER)");
    switch (kind) {
    case PeriodKind::Month:
        return QStringLiteral("%1 * 12 + %2 - 1").arg(year, month);
    case PeriodKind::Quarter:
        return QStringLiteral("%1 * 4 + (%2 - 1) / 3").arg(year, month);
    case PeriodKind::Year:
        return year;
    case PeriodKind::Wave:
        return QStringLiteral("r.wave_id");
    case PeriodKind::None:
        return QStringLiteral("0");
    }
    return QStringLiteral("0");
}

bool isCalendar(PeriodKind kind)
{
    return kind == PeriodKind::Month || kind == PeriodKind::Quarter || kind == PeriodKind::Year;
}

} // namespace

// ---------------------------------------------------------------------------

NpsSummary NpsSummary::fromDistribution(const std::array<qint64, 11> &distribution, double confidence)
{
    NpsSummary s;
    s.distribution = distribution;
    s.counts = NpsCounts::fromDistribution(distribution);
    s.confidence = confidence;
    const qint64 n = s.counts.n();
    s.lowN = n < lowSampleThreshold;
    if (n == 0) {
        s.ci.low = s.ci.high = s.ci.margin = s.ci.adjustedNps = s.ci.standardError = nan;
        return s;
    }
    s.nps = s.counts.nps();
    s.promoterPercent = 100.0 * double(s.counts.promoters) / double(n);
    s.passivePercent = 100.0 * double(s.counts.passives) / double(n);
    s.detractorPercent = 100.0 * double(s.counts.detractors) / double(n);
    s.ci = adjustedWaldInterval(s.counts, confidence);
    return s;
}

const PivotCell *PivotResult::cell(const QStringList &segment, const QString &periodLabel) const
{
    for (const PivotCell &c : cells) {
        const bool segmentMatches =
            segment.isEmpty() ? c.isTotalRow : (!c.isTotalRow && c.segment == segment);
        if (segmentMatches && c.period.label == periodLabel)
            return &c;
    }
    return nullptr;
}

// ---------------------------------------------------------------------------

struct AnalysisService::Impl
{
    Database &db;
    Engine engine;

    Impl(Database &database, Engine e)
        : db(database)
        , engine(e)
    {
    }

    QSqlDatabase conn() const { return db.connection(); }

    qint64 attributeId(const QString &name)
    {
        const QVariant id =
            sql::scalar(conn(), QStringLiteral("SELECT id FROM attributes WHERE name = ?"), {name.trimmed()});
        if (!id.isValid() || id.isNull())
            throw Error::badInput(QStringLiteral("no attribute named '%1' (known: %2)")
                                      .arg(name, attributeNames().join(QStringLiteral(", "))));
        return id.toLongLong();
    }

    QStringList attributeNames()
    {
        QStringList names;
        QSqlQuery q = sql::run(conn(), QStringLiteral("SELECT name FROM attributes ORDER BY id"));
        while (q.next())
            names << q.value(0).toString();
        return names;
    }

    QHash<qint64, QString> valueLabels(qint64 attrId)
    {
        QHash<qint64, QString> labels;
        QSqlQuery q =
            sql::run(conn(), QStringLiteral("SELECT id, value FROM attribute_values WHERE attribute_id = ?"),
                     {attrId});
        while (q.next())
            labels.insert(q.value(0).toLongLong(), q.value(1).toString());
        return labels;
    }

    // Waves ordered by their first answer's day, then id; waves without answers last.
    QVector<WaveInfo> waves()
    {
        QVector<WaveInfo> list;
        QHash<qint64, int> index;
        QSqlQuery q = sql::run(conn(), QStringLiteral("SELECT id, name, invited FROM waves ORDER BY id"));
        while (q.next()) {
            WaveInfo w;
            w.id = q.value(0).toLongLong();
            w.name = q.value(1).toString();
            if (!q.value(2).isNull())
                w.invited = q.value(2).toLongLong();
            index.insert(w.id, int(list.size()));
            list.append(w);
        }
        if (engine == Engine::Auto) {
            const auto cols = ResponseColumns::current(db);
            for (size_t i = 0; i < cols->size(); ++i) {
                const auto it = index.constFind(qint64(cols->wave[i]));
                if (it == index.constEnd())
                    continue;
                WaveInfo &w = list[it.value()];
                ++w.responses;
                if (cols->packed[i] & ResponseColumns::datedBit) {
                    const qint32 d = cols->day[i];
                    if (!w.firstDay || d < *w.firstDay)
                        w.firstDay = d;
                }
            }
        } else {
            QSqlQuery s =
                sql::run(conn(), QStringLiteral("SELECT wave_id, MIN(submitted_at), COUNT(*) FROM responses"
                                                " GROUP BY wave_id"));
            while (s.next()) {
                const auto it = index.constFind(s.value(0).toLongLong());
                if (it == index.constEnd())
                    continue;
                WaveInfo &w = list[it.value()];
                w.responses = s.value(2).toLongLong();
                if (!s.value(1).isNull())
                    w.firstDay = dayOfSecs(s.value(1).toLongLong());
            }
        }
        std::stable_sort(list.begin(), list.end(), [](const WaveInfo &x, const WaveInfo &y) {
            const qint64 fx = x.firstDay ? *x.firstDay : std::numeric_limits<qint64>::max();
            const qint64 fy = y.firstDay ? *y.firstDay : std::numeric_limits<qint64>::max();
            return std::tie(fx, x.id) < std::tie(fy, y.id);
        });
        return list;
    }

    Cube aggregate(const ResponseFilter &filter, const QVector<qint64> &attrs, PeriodKind kind)
    {
        if (engine == Engine::Auto && filter.tags.isEmpty()) {
            Cube cube;
            if (aggregateColumns(filter, attrs, kind, &cube))
                return cube;
        }
        return aggregateSql(filter, attrs, kind);
    }

    Cube aggregateSql(const ResponseFilter &filter, const QVector<qint64> &attrs, PeriodKind kind)
    {
        const SqlCondition condition = buildCondition(filter, QStringLiteral("r"));
        QString select;
        QString joins;
        QVariantList values;
        const char *aliases[] = {"pa", "pb"};
        for (int i = 0; i < 2; ++i) {
            if (i < attrs.size()) {
                select += QStringLiteral("%1.value_id, ").arg(QLatin1String(aliases[i]));
                joins += QStringLiteral(" LEFT JOIN profile_values %1 ON %1.profile_id = r.profile_id"
                                        " AND %1.attribute_id = ?")
                             .arg(QLatin1String(aliases[i]));
                values << attrs[i];
            } else {
                select += QStringLiteral("0, ");
            }
        }
        const QString statement = QStringLiteral("SELECT %1%2, r.score, COUNT(*) FROM responses r%3 WHERE %4"
                                                 " GROUP BY 1, 2, 3, 4")
                                      .arg(select, sqlPeriodExpression(kind), joins, condition.where);
        values << condition.values;
        QSqlQuery q = sql::prepare(conn(), statement);
        q.setForwardOnly(true);
        for (const QVariant &v : values)
            q.addBindValue(v);
        sql::exec(q);
        Cube cube;
        while (q.next()) {
            CubeKey key;
            key.a = q.value(0).isNull() ? 0 : q.value(0).toLongLong();
            key.b = q.value(1).isNull() ? 0 : q.value(1).toLongLong();
            key.period = q.value(2).isNull() ? undatedKey : q.value(2).toLongLong();
            const int score = q.value(3).toInt();
            if (score < 0 || score > 10)
                continue;
            cube[key][size_t(score)] += q.value(4).toLongLong();
        }
        return cube;
    }

    // The same answer as aggregateSql from the column store; false when the
    // shape would not fit a dense array (then SQL answers).
    // A ResponseFilter (without tags) compiled to masks over the column store;
    // pass(i) says whether row i is in, exactly as buildCondition's SQL would.
    struct RowFilter
    {
        const ResponseColumns *cols = nullptr;
        size_t profileSlots = 1;
        qint64 maxWave = 0;
        bool dayFilter = false;
        qint64 fromDay = std::numeric_limits<qint64>::min();
        qint64 toDay = std::numeric_limits<qint64>::max();
        bool waveFilter = false;
        std::vector<quint8> waveOk;
        bool profileFilter = false;
        std::vector<quint8> profileOk;
        bool activeOnly = false;
        bool hasComment = false;

        inline bool pass(size_t i) const
        {
            const quint8 f = cols->packed[i];
            if (dayFilter &&
                (!(f & ResponseColumns::datedBit) || cols->day[i] < fromDay || cols->day[i] >= toDay))
                return false;
            if (activeOnly && ((f >> ResponseColumns::activeShift) & 3) == 1)
                return false;
            if (hasComment && !(f & ResponseColumns::commentBit))
                return false;
            const quint32 w = cols->wave[i];
            if (waveFilter && (w >= waveOk.size() || !waveOk[w]))
                return false;
            const quint32 p = cols->profile[i];
            if (profileFilter && (p >= profileOk.size() || !profileOk[p]))
                return false;
            return true;
        }
    };

    RowFilter compileFilter(const ResponseFilter &filter, const ResponseColumns &columns)
    {
        RowFilter rf;
        rf.cols = &columns;
        const QSqlDatabase c = conn();
        const qint64 maxProfile = std::max<qint64>(
            0, sql::scalar(c, QStringLiteral("SELECT MAX(id) FROM profiles"), {}, 0).toLongLong());
        const size_t profileSlots = size_t(maxProfile) + 1;
        rf.profileSlots = profileSlots;
        rf.activeOnly = filter.activeOnly;
        rf.hasComment = filter.hasComment;

        // Date range as days (the bounds are whole UTC days).
        rf.dayFilter = filter.from || filter.to;
        if (const auto s = filterStartSecs(filter))
            rf.fromDay = dayOfSecs(*s);
        if (const auto e = filterEndSecs(filter))
            rf.toDay = dayOfSecs(*e);

        // Waves (names OR-ed, and the kind), as a mask over wave ids.
        rf.waveFilter = !filter.waves.isEmpty() || filter.kind;
        rf.maxWave = std::max<qint64>(
            0, sql::scalar(c, QStringLiteral("SELECT MAX(id) FROM waves"), {}, 0).toLongLong());
        if (rf.waveFilter) {
            QStringList parts;
            QVariantList values;
            if (!filter.waves.isEmpty()) {
                parts << QStringLiteral("name IN (%1)").arg(placeholders(filter.waves.size()));
                for (const QString &w : filter.waves)
                    values << w;
            }
            if (filter.kind) {
                parts << QStringLiteral("kind = ?");
                values << waveKindName(*filter.kind);
            }
            rf.waveOk.assign(size_t(rf.maxWave) + 1, 0);
            QSqlQuery q = sql::run(
                c, QStringLiteral("SELECT id FROM waves WHERE %1").arg(parts.join(QStringLiteral(" AND "))),
                values);
            while (q.next())
                rf.waveOk[size_t(q.value(0).toLongLong())] = 1;
        }

        // Attributes, as a mask over profile ids (values OR-ed, attributes AND-ed).
        rf.profileFilter = !filter.attributes.isEmpty();
        if (rf.profileFilter) {
            std::vector<quint8> hits(profileSlots, 0);
            for (auto it = filter.attributes.cbegin(); it != filter.attributes.cend(); ++it) {
                QVariantList values{it.key()};
                for (const QString &v : it.value())
                    values << v;
                QSqlQuery q = sql::run(c,
                                       QStringLiteral("SELECT DISTINCT pv.profile_id FROM profile_values pv"
                                                      " JOIN attributes a ON a.id = pv.attribute_id"
                                                      " JOIN attribute_values v ON v.id = pv.value_id"
                                                      " WHERE a.name = ? AND v.value IN (%1)")
                                           .arg(placeholders(it.value().size())),
                                       values);
                while (q.next()) {
                    const qint64 p = q.value(0).toLongLong();
                    if (p > 0 && size_t(p) < profileSlots)
                        ++hits[size_t(p)];
                }
            }
            rf.profileOk.assign(profileSlots, 0);
            const int needed = int(filter.attributes.size());
            for (size_t p = 1; p < profileSlots; ++p)
                rf.profileOk[p] = hits[p] == needed ? 1 : 0;
        }
        return rf;
    }

    bool aggregateColumns(const ResponseFilter &filter, const QVector<qint64> &attrs, PeriodKind kind,
                          Cube *out)
    {
        const auto cols = ResponseColumns::current(db);
        const QSqlDatabase c = conn();
        const RowFilter rf = compileFilter(filter, *cols);
        const size_t profileSlots = rf.profileSlots;
        qint64 maxWave = rf.maxWave;

        // Rows: a dense segment index per profile for each attribute (0 = not set).
        std::vector<quint32> segment[2];
        QVector<qint64> segmentValueIds[2];
        size_t segmentCount[2] = {1, 1};
        for (int i = 0; i < attrs.size() && i < 2; ++i) {
            segment[i].assign(profileSlots, 0);
            segmentValueIds[i] = {0};
            QHash<qint64, quint32> dense;
            QSqlQuery v = sql::run(
                c, QStringLiteral("SELECT id FROM attribute_values WHERE attribute_id = ? ORDER BY id"),
                {attrs[i]});
            while (v.next()) {
                dense.insert(v.value(0).toLongLong(), quint32(segmentValueIds[i].size()));
                segmentValueIds[i].append(v.value(0).toLongLong());
            }
            QSqlQuery q = sql::run(
                c, QStringLiteral("SELECT profile_id, value_id FROM profile_values WHERE attribute_id = ?"),
                {attrs[i]});
            while (q.next()) {
                const qint64 p = q.value(0).toLongLong();
                if (p > 0 && size_t(p) < profileSlots)
                    segment[i][size_t(p)] = dense.value(q.value(1).toLongLong(), 0);
            }
            segmentCount[i] = size_t(segmentValueIds[i].size());
        }

        // Columns: a dense period index per day (calendar) or per wave id.
        QVector<qint64> periodKeys;
        std::vector<quint32> periodOfDay;
        std::vector<quint32> periodOfWave;
        quint32 undatedIndex = 0;
        if (isCalendar(kind)) {
            QHash<qint64, quint32> dense;
            if (cols->minDay <= cols->maxDay) {
                periodOfDay.resize(size_t(cols->maxDay - cols->minDay) + 1);
                for (qint32 d = cols->minDay; d <= cols->maxDay; ++d) {
                    const qint64 ordinal = periodOrdinal(kind, dateOfDay(d));
                    auto it = dense.constFind(ordinal);
                    if (it == dense.constEnd()) {
                        it = dense.insert(ordinal, quint32(periodKeys.size()));
                        periodKeys.append(ordinal);
                    }
                    periodOfDay[size_t(d - cols->minDay)] = it.value();
                }
            }
            undatedIndex = quint32(periodKeys.size());
            periodKeys.append(undatedKey);
        } else if (kind == PeriodKind::Wave) {
            for (quint32 w : cols->wave)
                maxWave = std::max<qint64>(maxWave, w);
            periodOfWave.resize(size_t(maxWave) + 1);
            for (qint64 w = 0; w <= maxWave; ++w) {
                periodOfWave[size_t(w)] = quint32(periodKeys.size());
                periodKeys.append(w);
            }
        } else {
            periodKeys.append(0);
        }
        const size_t periods = size_t(periodKeys.size());
        const size_t slotCount = segmentCount[0] * segmentCount[1] * periods * 11;
        if (slotCount > 64u * 1024 * 1024)
            return false;
        std::vector<qint64> counts(slotCount, 0);

        const size_t n = cols->size();
        const quint8 *packed = cols->packed.data();
        const qint32 *days = cols->day.data();
        const quint32 *profiles = cols->profile.data();
        const quint32 *wavesCol = cols->wave.data();
        const bool anyFilter =
            rf.dayFilter || rf.activeOnly || rf.hasComment || rf.waveFilter || rf.profileFilter;
        const int attrCount = int(std::min<qsizetype>(attrs.size(), 2));
        const size_t countB = segmentCount[1];
        const qint32 minDay = cols->minDay;
        for (size_t i = 0; i < n; ++i) {
            if (anyFilter && !rf.pass(i))
                continue;
            const quint8 f = packed[i];
            const bool dated = f & ResponseColumns::datedBit;
            const quint32 p = profiles[i];
            size_t cell = 0;
            if (attrCount >= 1)
                cell = p < profileSlots ? segment[0][p] : 0;
            if (attrCount >= 2)
                cell = cell * countB + (p < profileSlots ? segment[1][p] : 0);
            size_t period = 0;
            if (!periodOfDay.empty() || isCalendar(kind))
                period = dated ? periodOfDay[size_t(days[i] - minDay)] : undatedIndex;
            else if (!periodOfWave.empty())
                period = wavesCol[i] < periodOfWave.size() ? periodOfWave[wavesCol[i]] : 0;
            ++counts[(cell * periods + period) * 11 + (f & 0x0f)];
        }

        Cube cube;
        for (size_t a = 0; a < segmentCount[0]; ++a) {
            for (size_t b = 0; b < segmentCount[1]; ++b) {
                for (size_t per = 0; per < periods; ++per) {
                    const qint64 *slot = &counts[((a * segmentCount[1] + b) * periods + per) * 11];
                    Dist d{};
                    qint64 total = 0;
                    for (size_t s = 0; s < 11; ++s) {
                        d[s] = slot[s];
                        total += slot[s];
                    }
                    if (total == 0)
                        continue;
                    CubeKey key;
                    key.a = attrCount >= 1 ? segmentValueIds[0][qsizetype(a)] : 0;
                    key.b = attrCount >= 2 ? segmentValueIds[1][qsizetype(b)] : 0;
                    key.period = periodKeys[qsizetype(per)];
                    cube[key] = d;
                }
            }
        }
        *out = std::move(cube);
        return true;
    }

    // Period key of one column-store row, as the SQL period expression gives it.
    static qint64 rowPeriodKey(const ResponseColumns &cols, size_t i, PeriodKind kind)
    {
        if (kind == PeriodKind::None)
            return 0;
        if (kind == PeriodKind::Wave)
            return cols.wave[i];
        if (!(cols.packed[i] & ResponseColumns::datedBit))
            return undatedKey;
        return periodOrdinal(kind, dateOfDay(cols.day[i]));
    }

    static qint64 periodKeyOfSecs(const QVariant &secs, qint64 waveId, PeriodKind kind)
    {
        if (kind == PeriodKind::None)
            return 0;
        if (kind == PeriodKind::Wave)
            return waveId;
        if (secs.isNull())
            return undatedKey;
        return periodOrdinal(kind, dateOfDay(dayOfSecs(secs.toLongLong())));
    }

    // Per period key: answers whose same respondent's previous answer (within the
    // filter, in another wave) was a 7 or 8, and how many of them are 9-10.
    std::map<qint64, std::pair<qint64, qint64>> passiveConversion(const ResponseFilter &filter,
                                                                  PeriodKind kind)
    {
        std::map<qint64, std::pair<qint64, qint64>> result;
        if (engine == Engine::Auto && filter.tags.isEmpty()) {
            const auto cols = ResponseColumns::current(db);
            const RowFilter rf = compileFilter(filter, *cols);
            bool havePrevious = false;
            quint32 prevRespondent = 0;
            int prevScore = -1;
            quint32 prevWave = 0;
            for (quint32 i : cols->respondentOrder()) {
                if (!rf.pass(i))
                    continue;
                const quint32 respondent = cols->respondent[i];
                const int score = cols->packed[i] & 0x0f;
                if (havePrevious && respondent == prevRespondent && (prevScore == 7 || prevScore == 8) &&
                    prevWave != cols->wave[i]) {
                    auto &entry = result[rowPeriodKey(*cols, i, kind)];
                    ++entry.first;
                    if (score >= 9)
                        ++entry.second;
                }
                havePrevious = true;
                prevRespondent = respondent;
                prevScore = score;
                prevWave = cols->wave[i];
            }
            return result;
        }
        const SqlCondition condition = buildCondition(filter, QStringLiteral("r"));
        QSqlQuery q = sql::prepare(
            conn(),
            QStringLiteral("SELECT submitted_at, wave_id, score FROM ("
                           " SELECT r.submitted_at, r.wave_id, r.score,"
                           "  LAG(r.score) OVER w AS prev_score, LAG(r.wave_id) OVER w AS prev_wave"
                           " FROM responses r WHERE %1"
                           " WINDOW w AS (PARTITION BY r.respondent_id ORDER BY r.submitted_at, r.id))"
                           " WHERE prev_score IN (7, 8) AND prev_wave <> wave_id")
                .arg(condition.where));
        q.setForwardOnly(true);
        for (const QVariant &v : condition.values)
            q.addBindValue(v);
        sql::exec(q);
        while (q.next()) {
            auto &entry = result[periodKeyOfSecs(q.value(0), q.value(1).toLongLong(), kind)];
            ++entry.first;
            if (q.value(2).toInt() >= 9)
                ++entry.second;
        }
        return result;
    }

    // Respondents with two dated answers (within the filter) less than `seconds` apart.
    qint64 repeatedWithin(const ResponseFilter &filter, qint64 seconds)
    {
        if (engine == Engine::Auto && filter.tags.isEmpty()) {
            const auto cols = ResponseColumns::current(db);
            const RowFilter rf = compileFilter(filter, *cols);
            qint64 count = 0;
            bool havePrevious = false;
            quint32 prevRespondent = 0;
            qint64 prevSecs = 0;
            bool counted = false;
            for (quint32 i : cols->respondentOrder()) {
                if (!(cols->packed[i] & ResponseColumns::datedBit) || !rf.pass(i))
                    continue;
                const quint32 respondent = cols->respondent[i];
                const qint64 secs = cols->submittedAt(i);
                if (!havePrevious || respondent != prevRespondent) {
                    counted = false;
                } else if (!counted && secs - prevSecs < seconds) {
                    ++count;
                    counted = true;
                }
                havePrevious = true;
                prevRespondent = respondent;
                prevSecs = secs;
            }
            return count;
        }
        const SqlCondition condition = buildCondition(filter, QStringLiteral("r"));
        QSqlQuery q = sql::prepare(
            conn(),
            QStringLiteral(
                "SELECT COUNT(DISTINCT respondent_id) FROM ("
                " SELECT r.respondent_id, r.submitted_at,"
                "  LAG(r.submitted_at) OVER (PARTITION BY r.respondent_id ORDER BY r.submitted_at, r.id)"
                "  AS prev_at FROM responses r WHERE %1 AND r.submitted_at IS NOT NULL)"
                " WHERE prev_at IS NOT NULL AND submitted_at - prev_at < ?")
                .arg(condition.where));
        for (const QVariant &v : condition.values)
            q.addBindValue(v);
        q.addBindValue(seconds);
        sql::exec(q);
        return q.next() ? q.value(0).toLongLong() : 0;
    }

    // Columns of a cube in time order.
    QVector<PeriodInfo> orderedPeriods(const Cube &cube, PeriodKind kind, const QVector<WaveInfo> &waveList)
    {
        QSet<qint64> keys;
        for (const auto &entry : cube)
            keys.insert(entry.first.period);
        QVector<PeriodInfo> periods;
        if (kind == PeriodKind::None)
            return periods;
        if (kind == PeriodKind::Wave) {
            for (const WaveInfo &w : waveList) {
                if (keys.contains(w.id))
                    periods.append(PeriodInfo{int(w.id), w.name, false});
            }
            return periods;
        }
        QList<qint64> sorted(keys.begin(), keys.end());
        std::sort(sorted.begin(), sorted.end());
        for (qint64 k : sorted) {
            if (k == undatedKey)
                periods.append(PeriodInfo{0, QStringLiteral("(no date)"), true});
            else
                periods.append(PeriodInfo{int(k), periodLabel(kind, int(k)), false});
        }
        return periods;
    }

    static qint64 periodKeyOf(const PeriodInfo &p) { return p.undated ? undatedKey : qint64(p.ordinal); }

    PivotResult pivot(const ResponseFilter &filter, const PivotRequest &request)
    {
        if (request.attributes.size() > 2)
            throw Error::usage(QStringLiteral("a pivot takes at most two attributes"));
        if (!(request.confidence > 0 && request.confidence < 1))
            throw Error::usage(QStringLiteral("the confidence level must be between 0 and 1"));
        QVector<qint64> attrIds;
        QVector<QHash<qint64, QString>> labels;
        for (const QString &name : request.attributes) {
            attrIds << attributeId(name);
            labels << valueLabels(attrIds.back());
        }
        const Cube cube = aggregate(filter, attrIds, request.period);
        const QVector<WaveInfo> waveList = request.period == PeriodKind::Wave ? waves() : QVector<WaveInfo>();

        PivotResult result;
        result.attributes = request.attributes;
        result.periodKind = request.period;
        result.confidence = request.confidence;
        result.correction = request.correction;
        result.periods = orderedPeriods(cube, request.period, waveList);

        // Segments and their totals.
        std::map<std::pair<qint64, qint64>, Dist> segmentTotals;
        std::map<qint64, Dist> periodTotals;
        Dist grand{};
        for (const auto &[key, dist] : cube) {
            addInto(segmentTotals[{key.a, key.b}], dist);
            addInto(periodTotals[key.period], dist);
            addInto(grand, dist);
        }
        auto labelOf = [&](int i, qint64 id) {
            return id == 0 ? notSetLabel : labels[i].value(id, notSetLabel);
        };
        struct Row
        {
            std::pair<qint64, qint64> key;
            QStringList segment;
            qint64 n;
        };
        QVector<Row> rows;
        if (!attrIds.isEmpty()) {
            for (const auto &[key, dist] : segmentTotals) {
                Row row{key, {labelOf(0, key.first)}, distTotal(dist)};
                if (attrIds.size() == 2)
                    row.segment << labelOf(1, key.second);
                rows.append(row);
            }
            std::sort(rows.begin(), rows.end(), [](const Row &x, const Row &y) {
                if (x.n != y.n)
                    return x.n > y.n;
                return x.segment < y.segment;
            });
        }
        for (const Row &row : rows)
            result.segments.append(row.segment);

        const double alpha = 1.0 - request.confidence;
        auto makeCell = [&](const QStringList &segment, bool totalRow, const PeriodInfo &period,
                            bool totalColumn, const Dist &dist) {
            PivotCell cell;
            cell.segment = segment;
            cell.isTotalRow = totalRow;
            cell.isTotalColumn = totalColumn;
            cell.period = period;
            cell.summary = NpsSummary::fromDistribution(dist, request.confidence);
            return cell;
        };
        const PeriodInfo totalPeriod{0, totalLabel, false};
        QStringList totalSegment;
        for (int i = 0; i < attrIds.size(); ++i)
            totalSegment << totalLabel;

        // Row-major: each segment, then the total row; each period, then the total column.
        struct RowCells
        {
            QVector<int> byPeriod; // index into result.cells per period column, -1 when empty
        };
        QVector<RowCells> rowCells;
        auto emitRow = [&](const QStringList &segment, bool totalRow, auto distFor, const Dist &rowTotal) {
            RowCells rc;
            for (const PeriodInfo &p : result.periods) {
                const Dist *d = distFor(periodKeyOf(p));
                if (d && distTotal(*d) > 0) {
                    rc.byPeriod << int(result.cells.size());
                    result.cells.append(makeCell(segment, totalRow, p, false, *d));
                } else {
                    rc.byPeriod << -1;
                }
            }
            rc.byPeriod << int(result.cells.size());
            result.cells.append(makeCell(segment, totalRow, totalPeriod, true, rowTotal));
            rowCells.append(rc);
        };
        for (const Row &row : rows) {
            emitRow(
                row.segment, false,
                [&](qint64 period) -> const Dist * {
                    const auto it = cube.find(CubeKey{row.key.first, row.key.second, period});
                    return it == cube.end() ? nullptr : &it->second;
                },
                segmentTotals[row.key]);
        }
        emitRow(
            totalSegment, true,
            [&](qint64 period) -> const Dist * {
                const auto it = periodTotals.find(period);
                return it == periodTotals.end() ? nullptr : &it->second;
            },
            grand);
        const RowCells &totalRowCells = rowCells.back();

        // Change vs the previous period column, per row (total row included).
        QVector<int> changeCells;
        QVector<double> changeP;
        for (const RowCells &rc : rowCells) {
            for (int col = 1; col < result.periods.size(); ++col) {
                if (result.periods[col].undated || result.periods[col - 1].undated)
                    continue;
                const int now = rc.byPeriod[col];
                const int before = rc.byPeriod[col - 1];
                if (now < 0 || before < 0)
                    continue;
                PivotCell &cell = result.cells[now];
                const NpsSummary &prev = result.cells[before].summary;
                cell.change = cell.summary.nps - prev.nps;
                if (cell.summary.lowN || prev.lowN)
                    continue;
                const ChangeTest test = twoSampleTest(cell.summary.counts, prev.counts);
                cell.changePValue = test.pValue;
                changeCells << now;
                changeP << test.pValue;
            }
        }
        const QVector<double> changeAdjusted = adjustPValues(changeP, request.correction);
        for (int i = 0; i < changeCells.size(); ++i) {
            PivotCell &cell = result.cells[changeCells[i]];
            cell.changeAdjustedP = changeAdjusted[i];
            cell.significant = changeAdjusted[i] < alpha;
        }
        result.changeTests = int(changeCells.size());

        // Each segment vs the total of its column, tested against the rest.
        QVector<int> totalCells;
        QVector<double> totalP;
        for (int r = 0; r + 1 < rowCells.size(); ++r) {
            for (int col = 0; col < rowCells[r].byPeriod.size(); ++col) {
                const int idx = rowCells[r].byPeriod[col];
                const int totalIdx = totalRowCells.byPeriod[col];
                if (idx < 0 || totalIdx < 0)
                    continue;
                PivotCell &cell = result.cells[idx];
                const NpsSummary &total = result.cells[totalIdx].summary;
                cell.vsTotal = cell.summary.nps - total.nps;
                NpsCounts rest = total.counts;
                rest.promoters -= cell.summary.counts.promoters;
                rest.passives -= cell.summary.counts.passives;
                rest.detractors -= cell.summary.counts.detractors;
                if (cell.summary.lowN || rest.n() < lowSampleThreshold)
                    continue;
                const ChangeTest test = twoSampleTest(cell.summary.counts, rest);
                cell.vsRestPValue = test.pValue;
                totalCells << idx;
                totalP << test.pValue;
            }
        }
        const QVector<double> totalAdjusted = adjustPValues(totalP, request.correction);
        for (int i = 0; i < totalCells.size(); ++i) {
            PivotCell &cell = result.cells[totalCells[i]];
            cell.vsRestAdjustedP = totalAdjusted[i];
            cell.vsTotalSignificant = totalAdjusted[i] < alpha;
        }
        result.totalTests = int(totalCells.size());
        return result;
    }
};

// ---------------------------------------------------------------------------

AnalysisService::AnalysisService(Database &db, Engine engine)
    : d(std::make_unique<Impl>(db, engine))
{
}

AnalysisService::~AnalysisService() = default;

void AnalysisService::clearMemoryCache()
{
    ResponseColumns::clearMemory();
}

void AnalysisService::warm()
{
    if (d->engine == Engine::Auto)
        ResponseColumns::current(d->db);
}

QStringList AnalysisService::attributeNames()
{
    return d->attributeNames();
}

QStringList AnalysisService::attributeValues(const QString &attribute)
{
    const qint64 id = d->attributeId(attribute);
    QStringList values = d->valueLabels(id).values();
    std::sort(values.begin(), values.end(),
              [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
    return values;
}

NpsSummary AnalysisService::summary(const ResponseFilter &filter, double confidence)
{
    if (!(confidence > 0 && confidence < 1))
        throw Error::usage(QStringLiteral("the confidence level must be between 0 and 1"));
    const Cube cube = d->aggregate(filter, {}, PeriodKind::None);
    Dist total{};
    for (const auto &entry : cube)
        addInto(total, entry.second);
    return NpsSummary::fromDistribution(total, confidence);
}

PivotResult AnalysisService::pivot(const ResponseFilter &filter, const PivotRequest &request)
{
    return d->pivot(filter, request);
}

QVector<TrendSeries> AnalysisService::trend(const ResponseFilter &filter, PeriodKind period,
                                            const QString &attribute, double confidence)
{
    PivotRequest request;
    if (!attribute.isEmpty())
        request.attributes << attribute;
    request.period = period;
    request.confidence = confidence;
    const PivotResult pivot = d->pivot(filter, request);
    QVector<TrendSeries> series;
    auto seriesFor = [&](const QStringList &segment, bool total) {
        TrendSeries s;
        s.segment = total ? QStringList() : segment;
        s.label = total ? QStringLiteral("All responses") : segment.join(QStringLiteral(" / "));
        for (const PivotCell &cell : pivot.cells) {
            if (cell.isTotalColumn || cell.period.undated || cell.isTotalRow != total)
                continue;
            if (!total && cell.segment != segment)
                continue;
            s.points.append(TrendPoint{cell.period, cell.summary});
        }
        return s;
    };
    if (attribute.isEmpty())
        series.append(seriesFor({}, true));
    else
        for (const QStringList &segment : pivot.segments)
            series.append(seriesFor(segment, false));
    return series;
}

Explanation AnalysisService::explain(const ResponseFilter &filter, const QString &attribute,
                                     const QString &from, const QString &to)
{
    PeriodKind fromKind = PeriodKind::None;
    PeriodKind toKind = PeriodKind::None;
    const std::optional<int> fromOrdinal = parsePeriod(from, &fromKind);
    const std::optional<int> toOrdinal = parsePeriod(to, &toKind);
    PeriodKind kind;
    qint64 fromKey = 0;
    qint64 toKey = 0;
    if (fromOrdinal && toOrdinal) {
        if (fromKind != toKind)
            throw Error::usage(QStringLiteral("--from and --to must be periods of the same kind ('%1', '%2')")
                                   .arg(from, to));
        kind = fromKind;
        fromKey = *fromOrdinal;
        toKey = *toOrdinal;
    } else {
        kind = PeriodKind::Wave;
        auto waveId = [&](const QString &name) {
            const QVariant id =
                sql::scalar(d->conn(), QStringLiteral("SELECT id FROM waves WHERE name = ?"), {name});
            if (!id.isValid() || id.isNull())
                throw Error::badInput(
                    QStringLiteral("'%1' is neither a period (2026Q3, 2026-07, 2026) nor a wave name")
                        .arg(name));
            return id.toLongLong();
        };
        fromKey = waveId(from);
        toKey = waveId(to);
    }
    const qint64 attrId = d->attributeId(attribute);
    const QHash<qint64, QString> labels = d->valueLabels(attrId);
    const Cube cube = d->aggregate(filter, {attrId}, kind);

    std::map<qint64, std::pair<Dist, Dist>> bySegment;
    Dist fromTotal{};
    Dist toTotal{};
    for (const auto &[key, dist] : cube) {
        if (key.period == fromKey) {
            addInto(bySegment[key.a].first, dist);
            addInto(fromTotal, dist);
        } else if (key.period == toKey) {
            addInto(bySegment[key.a].second, dist);
            addInto(toTotal, dist);
        }
    }
    Explanation e;
    e.attribute = attribute;
    e.fromPeriod = from.trimmed();
    e.toPeriod = to.trimmed();
    e.fromSummary = NpsSummary::fromDistribution(fromTotal, defaultConfidence);
    e.toSummary = NpsSummary::fromDistribution(toTotal, defaultConfidence);
    if (e.fromSummary.n() == 0)
        throw Error::badInput(QStringLiteral("no answers in %1 for this filter").arg(e.fromPeriod));
    if (e.toSummary.n() == 0)
        throw Error::badInput(QStringLiteral("no answers in %1 for this filter").arg(e.toPeriod));
    e.totalChange = e.toSummary.nps - e.fromSummary.nps;
    const double centre = (e.fromSummary.nps + e.toSummary.nps) / 2.0;
    const double n0 = double(e.fromSummary.n());
    const double n1 = double(e.toSummary.n());
    for (const auto &[valueId, pair] : bySegment) {
        ExplainSegment s;
        s.segment = valueId == 0 ? notSetLabel : labels.value(valueId, notSetLabel);
        s.from = NpsCounts::fromDistribution(pair.first);
        s.to = NpsCounts::fromDistribution(pair.second);
        s.shareFrom = double(s.from.n()) / n0;
        s.shareTo = double(s.to.n()) / n1;
        s.npsFrom = s.from.nps();
        s.npsTo = s.to.nps();
        // A segment missing from one period borrows the other period's NPS: no
        // rate effect, its whole contribution is mix.
        const double a = std::isnan(s.npsFrom) ? s.npsTo : s.npsFrom;
        const double b = std::isnan(s.npsTo) ? s.npsFrom : s.npsTo;
        s.rateEffect = (b - a) * (s.shareFrom + s.shareTo) / 2.0;
        s.mixEffect = (s.shareTo - s.shareFrom) * ((a + b) / 2.0 - centre);
        e.rateEffect += s.rateEffect;
        e.mixEffect += s.mixEffect;
        e.segments.append(s);
    }
    std::sort(e.segments.begin(), e.segments.end(), [](const ExplainSegment &x, const ExplainSegment &y) {
        const qint64 nx = x.from.n() + x.to.n();
        const qint64 ny = y.from.n() + y.to.n();
        return nx != ny ? nx > ny : x.segment < y.segment;
    });
    e.formula = QStringLiteral("NPS = sum of share_s x NPS_s. Rate effect_s = (NPS_s,to - NPS_s,from) x mean "
                               "share_s; mix effect_s = "
                               "(share_s,to - share_s,from) x (mean NPS_s - mean overall NPS). Rate + mix "
                               "over all segments = total change.");
    return e;
}

QVector<PeriodMetrics> AnalysisService::metrics(const ResponseFilter &filter, PeriodKind period)
{
    const Cube cube = d->aggregate(filter, {}, period);
    ResponseFilter withComment = filter;
    withComment.hasComment = true;
    const Cube comments = d->aggregate(withComment, {}, period);
    const QVector<WaveInfo> waveList = d->waves();
    QVector<PeriodInfo> periods = d->orderedPeriods(cube, period, waveList);
    if (period == PeriodKind::None)
        periods = {PeriodInfo{0, QStringLiteral("All"), false}};

    QHash<qint64, int> rowOf;
    QVector<PeriodMetrics> rows;
    for (const PeriodInfo &p : periods) {
        PeriodMetrics m;
        m.period = p;
        const qint64 key = Impl::periodKeyOf(p);
        const auto it = cube.find(CubeKey{0, 0, key});
        m.summary = NpsSummary::fromDistribution(it == cube.end() ? Dist{} : it->second, defaultConfidence);
        const auto c = comments.find(CubeKey{0, 0, key});
        m.comments = c == comments.end() ? 0 : distTotal(c->second);
        if (m.summary.n() > 0) {
            m.detractorRate = m.summary.detractorPercent;
            m.commentRate = 100.0 * double(m.comments) / double(m.summary.n());
        }
        rowOf.insert(key, int(rows.size()));
        rows.append(m);
    }
    // Passive conversion: answers whose same respondent's previous answer (in
    // an earlier wave, within the filter) was a 7 or 8.
    for (const auto &[key, counts] : d->passiveConversion(filter, period)) {
        const auto it = rowOf.constFind(key);
        if (it == rowOf.constEnd())
            continue;
        rows[it.value()].passivesFollowedUp += counts.first;
        rows[it.value()].passivesConverted += counts.second;
    }

    // Response rate: waves with a known invited count that have answers in the
    // filter, attributed to the period of their first answer.
    QSet<qint64> wavesInFilter;
    if (period == PeriodKind::Wave) {
        for (const auto &entry : cube)
            wavesInFilter.insert(entry.first.period);
    } else {
        const Cube byWave = d->aggregate(filter, {}, PeriodKind::Wave);
        for (const auto &entry : byWave)
            wavesInFilter.insert(entry.first.period);
    }
    for (const WaveInfo &w : waveList) {
        if (!w.invited || *w.invited <= 0 || !wavesInFilter.contains(w.id))
            continue;
        qint64 key = 0;
        if (period == PeriodKind::Wave)
            key = w.id;
        else if (isCalendar(period))
            key = w.firstDay ? qint64(periodOrdinal(period, dateOfDay(*w.firstDay))) : undatedKey;
        const auto it = rowOf.constFind(key);
        if (it == rowOf.constEnd())
            continue;
        rows[it.value()].invited += *w.invited;
        rows[it.value()].invitedResponses += w.responses;
    }
    for (PeriodMetrics &m : rows) {
        if (m.passivesFollowedUp > 0)
            m.passiveConversionRate = 100.0 * double(m.passivesConverted) / double(m.passivesFollowedUp);
        if (m.invited > 0)
            m.responseRate = 100.0 * double(m.invitedResponses) / double(m.invited);
    }
    return rows;
}

QVector<HygieneWarning> AnalysisService::warnings(const ResponseFilter &filter, PeriodKind period)
{
    QVector<HygieneWarning> list;
    const QSqlDatabase c = d->conn();

    // Surveying the whole list instead of active users.
    const NpsSummary all = summary(filter);
    ResponseFilter activeFilter = filter;
    activeFilter.activeOnly = true;
    const NpsSummary active = summary(activeFilter);
    const qint64 inactive = all.n() - active.n();
    if (inactive > 0) {
        HygieneWarning w;
        w.code = QStringLiteral("inactive_respondents");
        w.value = 100.0 * double(inactive) / double(all.n());
        w.npsAll = all.nps;
        w.npsWithoutInactive = active.nps;
        w.message =
            QStringLiteral(
                "%1% of answers (%2 of %3) come from inactive respondents: NPS is %4 with them and "
                "%5 without. Survey active users only.")
                .arg(w.value, 0, 'f', 1)
                .arg(inactive)
                .arg(all.n())
                .arg(w.npsAll, 0, 'f', 1)
                .arg(std::isnan(w.npsWithoutInactive) ? QStringLiteral("undefined")
                                                      : QString::number(w.npsWithoutInactive, 'f', 1));
        list.append(w);
    }

    // Survey fatigue: the same person asked again within 90 days.
    {
        const qint64 respondents = d->repeatedWithin(filter, qint64(90) * 86400);
        if (respondents > 0) {
            HygieneWarning w;
            w.code = QStringLiteral("survey_fatigue");
            w.value = double(respondents);
            w.message = QStringLiteral("%1 respondents were surveyed more than once within 90 days. Ask each "
                                       "person at most once a quarter.")
                            .arg(respondents);
            list.append(w);
        }
    }

    // Response rate under 20%.
    const QVector<WaveInfo> waveList = d->waves();
    const Cube byWave = d->aggregate(filter, {}, PeriodKind::Wave);
    QSet<qint64> wavesInFilter;
    for (const auto &entry : byWave)
        wavesInFilter.insert(entry.first.period);
    for (const WaveInfo &wave : waveList) {
        if (!wave.invited || *wave.invited <= 0 || !wavesInFilter.contains(wave.id))
            continue;
        const double rate = 100.0 * double(wave.responses) / double(*wave.invited);
        if (rate >= 20.0)
            continue;
        HygieneWarning w;
        w.code = QStringLiteral("low_response_rate");
        w.subject = wave.name;
        w.value = rate;
        w.message =
            QStringLiteral("Wave \"%1\": response rate %2% (%3 of %4 invited), under the 20% to aim for.")
                .arg(wave.name)
                .arg(rate, 0, 'f', 1)
                .arg(wave.responses)
                .arg(*wave.invited);
        list.append(w);
    }

    // Periods too small to read.
    if (period != PeriodKind::None) {
        const Cube cube = d->aggregate(filter, {}, period);
        for (const PeriodInfo &p : d->orderedPeriods(cube, period, waveList)) {
            const auto it = cube.find(CubeKey{0, 0, Impl::periodKeyOf(p)});
            const qint64 n = it == cube.end() ? 0 : distTotal(it->second);
            if (p.undated || n >= lowSampleThreshold)
                continue;
            HygieneWarning w;
            w.code = QStringLiteral("low_sample_period");
            w.subject = p.label;
            w.value = double(n);
            w.message = QStringLiteral("%1 has only %2 answers (fewer than %3): its NPS is unreliable.")
                            .arg(p.label)
                            .arg(n)
                            .arg(lowSampleThreshold);
            list.append(w);
        }
    }

    // A scale other than 0-10 accepted at import (the importer records it in
    // imports.warnings, a JSON array of sentences).
    {
        QSqlQuery q = sql::run(c, QStringLiteral("SELECT file_name, warnings FROM imports"
                                                 " WHERE warnings LIKE '%scale%' ORDER BY id"));
        while (q.next()) {
            const QJsonArray items = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).array();
            for (const QJsonValue &item : items) {
                const QString text = item.toString();
                if (!text.contains(QLatin1String("scale"), Qt::CaseInsensitive))
                    continue;
                HygieneWarning w;
                w.code = QStringLiteral("scale");
                w.subject = q.value(0).toString();
                w.message =
                    QStringLiteral("%1: %2 Scores on a scale other than 0-10 break the NPS groups and the "
                                   "benchmarks.")
                        .arg(w.subject, text);
                list.append(w);
            }
        }
    }
    return list;
}

// ---------------------------------------------------------------------------

BenchmarkStore::BenchmarkStore(Database &db)
    : m_db(db)
{
}

QVector<BenchmarkBand> BenchmarkStore::builtInBands()
{
    // DESIGN.md: B2B SaaS 30-50 good, above 50 excellent, enterprise software
    // averages about 30, below 0 means more detractors than promoters.
    return {
        {0, QStringLiteral("Below 0: more detractors than promoters, recover detractors first"), -100, 0,
         true},
        {0, QStringLiteral("B2B SaaS good (30-50)"), 30, 50, true},
        {0, QStringLiteral("B2B SaaS excellent (above 50)"), 50, 100, true},
        {0, QStringLiteral("Enterprise software average (about 30)"), 30, 30, true},
    };
}

QVector<BenchmarkBand> BenchmarkStore::userBands()
{
    QVector<BenchmarkBand> bands;
    QSqlQuery q =
        sql::run(m_db.connection(),
                 QStringLiteral("SELECT id, label, low, high FROM benchmarks ORDER BY position, id"));
    while (q.next())
        bands.append(BenchmarkBand{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toDouble(),
                                   q.value(3).toDouble(), false});
    return bands;
}

QVector<BenchmarkBand> BenchmarkStore::allBands()
{
    return builtInBands() + userBands();
}

QVector<BenchmarkBand> BenchmarkStore::bandsFor(double nps)
{
    QVector<BenchmarkBand> hits;
    for (const BenchmarkBand &band : allBands()) {
        if (band.contains(nps))
            hits.append(band);
    }
    return hits;
}

qint64 BenchmarkStore::add(const QString &label, double low, double high)
{
    if (label.trimmed().isEmpty())
        throw Error::badInput(QStringLiteral("a benchmark needs a label"));
    if (!(low >= -100 && low <= 100 && high >= -100 && high <= 100))
        throw Error::badInput(QStringLiteral("benchmark bounds must be between -100 and 100"));
    if (low > high)
        throw Error::badInput(
            QStringLiteral("the low bound %1 is above the high bound %2").arg(low).arg(high));
    const QSqlDatabase c = m_db.connection();
    const qint64 position =
        sql::scalar(c, QStringLiteral("SELECT COALESCE(MAX(position), 0) + 1 FROM benchmarks")).toLongLong();
    QSqlQuery q =
        sql::run(c, QStringLiteral("INSERT INTO benchmarks (label, low, high, position) VALUES (?, ?, ?, ?)"),
                 {label.trimmed(), low, high, position});
    return q.lastInsertId().toLongLong();
}

void BenchmarkStore::remove(qint64 id)
{
    QSqlQuery q = sql::run(m_db.connection(), QStringLiteral("DELETE FROM benchmarks WHERE id = ?"), {id});
    if (q.numRowsAffected() < 1)
        throw Error::badInput(QStringLiteral("no user benchmark with id %1").arg(id));
}

} // namespace nps

#include "ResponseColumns.h"

#include "common/Error.h"
#include "store/Database.h"
#include "store/NativeStatement.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlQuery>
#include <algorithm>
#include <cstring>

namespace nps {

namespace {

constexpr quint32 magic = 0x4e505343; // "NPSC"
constexpr quint32 formatVersion = 2;
constexpr size_t bytesPerRow = 21;

struct Header
{
    quint32 magic;
    quint32 version;
    quint64 count;
    qint64 dataVersion;
    qint32 minDay;
    qint32 maxDay;
};

QMutex &memoryMutex()
{
    static QMutex mutex;
    return mutex;
}

QHash<QString, std::shared_ptr<const ResponseColumns>> &memory()
{
    static QHash<QString, std::shared_ptr<const ResponseColumns>> cache;
    return cache;
}

QString memoryKey(const Database &db)
{
    const QString canonical = QFileInfo(db.path()).canonicalFilePath();
    return canonical.isEmpty() ? db.path() : canonical;
}

qint32 dayOf(qint64 secs)
{
    // Floor division: days before 1970 stay on the right calendar day.
    qint64 d = secs / 86400;
    if (secs % 86400 < 0)
        --d;
    return qint32(d);
}

} // namespace

void ResponseColumns::append(qint64 score, std::optional<qint64> submittedAt, qint64 profileId, qint64 waveId,
                             std::optional<bool> active, bool hasComment, qint64 respondentId)
{
    quint8 bits = quint8(score & 0x0f);
    qint32 dayNumber = 0;
    quint32 second = 0;
    if (submittedAt) {
        dayNumber = dayOf(*submittedAt);
        second = quint32(*submittedAt - qint64(dayNumber) * 86400);
        bits |= datedBit;
        minDay = std::min(minDay, dayNumber);
        maxDay = std::max(maxDay, dayNumber);
    }
    if (active)
        bits |= quint8((*active ? 2 : 1) << activeShift);
    if (hasComment)
        bits |= commentBit;
    packed.push_back(bits);
    day.push_back(dayNumber);
    profile.push_back(quint32(profileId));
    wave.push_back(quint32(waveId));
    respondent.push_back(quint32(respondentId));
    secondOfDay.push_back(second);
}

std::shared_ptr<const ResponseColumns> ResponseColumns::build(Database &db)
{
    QSqlDatabase c = db.connection();
    auto cols = std::make_shared<ResponseColumns>();
    // A read transaction pins one snapshot: the version and the rows agree even
    // when another connection writes meanwhile (WAL).
    const bool inTransaction = c.transaction();
    try {
        cols->dataVersion = db.dataVersion();
        const qint64 count = sql::scalar(c, QStringLiteral("SELECT COUNT(*) FROM responses")).toLongLong();
        cols->packed.reserve(size_t(count));
        cols->day.reserve(size_t(count));
        cols->profile.reserve(size_t(count));
        cols->wave.reserve(size_t(count));
        cols->respondent.reserve(size_t(count));
        cols->secondOfDay.reserve(size_t(count));
        // A million rows: read through SQLite directly rather than a QVariant per value.
        NativeStatement q(c, "SELECT score, submitted_at, profile_id, wave_id, active,"
                             " comment IS NOT NULL, respondent_id FROM responses ORDER BY id");
        while (q.step()) {
            cols->append(q.columnInt64(0),
                         q.columnIsNull(1) ? std::nullopt : std::optional<qint64>(q.columnInt64(1)),
                         q.columnInt64(2), q.columnInt64(3),
                         q.columnIsNull(4) ? std::nullopt : std::optional<bool>(q.columnInt64(4) == 1),
                         q.columnInt64(5) != 0, q.columnInt64(6));
        }
    } catch (...) {
        if (inTransaction)
            c.rollback();
        throw;
    }
    if (inTransaction)
        c.commit();
    return cols;
}

QByteArray ResponseColumns::serialize() const
{
    const size_t n = size();
    Header h{magic, formatVersion, quint64(n), dataVersion, minDay, maxDay};
    QByteArray blob;
    blob.resize(qsizetype(sizeof(Header) + n * bytesPerRow));
    char *p = blob.data();
    std::memcpy(p, &h, sizeof h);
    p += sizeof h;
    auto put = [&p](const auto &vec) {
        const size_t bytes = vec.size() * sizeof(vec[0]);
        if (bytes)
            std::memcpy(p, vec.data(), bytes);
        p += bytes;
    };
    put(day);
    put(profile);
    put(wave);
    put(respondent);
    put(secondOfDay);
    put(packed);
    return blob;
}

std::shared_ptr<const ResponseColumns> ResponseColumns::deserialize(const QByteArray &blob)
{
    Header h;
    if (size_t(blob.size()) < sizeof h)
        return nullptr;
    std::memcpy(&h, blob.constData(), sizeof h);
    if (h.magic != magic || h.version != formatVersion)
        return nullptr;
    const size_t n = size_t(h.count);
    if (size_t(blob.size()) != sizeof h + n * bytesPerRow)
        return nullptr;
    auto cols = std::make_shared<ResponseColumns>();
    cols->dataVersion = h.dataVersion;
    cols->minDay = h.minDay;
    cols->maxDay = h.maxDay;
    const char *p = blob.constData() + sizeof h;
    auto take = [&p, n](auto &vec) {
        vec.resize(n);
        const size_t bytes = n * sizeof(vec[0]);
        if (bytes)
            std::memcpy(vec.data(), p, bytes);
        p += bytes;
    };
    take(cols->day);
    take(cols->profile);
    take(cols->wave);
    take(cols->respondent);
    take(cols->secondOfDay);
    take(cols->packed);
    // The blob lives in a user's file: check what the pivots index with, so a
    // damaged cache is rebuilt instead of read out of bounds.
    for (size_t i = 0; i < n; ++i) {
        if ((cols->packed[i] & 0x0f) > 10 || cols->secondOfDay[i] >= 86400)
            return nullptr;
        if ((cols->packed[i] & datedBit) && (cols->day[i] < cols->minDay || cols->day[i] > cols->maxDay))
            return nullptr;
    }
    return cols;
}

std::shared_ptr<const ResponseColumns> ResponseColumns::current(Database &db)
{
    const qint64 version = db.dataVersion();
    const QString key = memoryKey(db);
    {
        QMutexLocker lock(&memoryMutex());
        const auto it = memory().constFind(key);
        if (it != memory().constEnd() && it.value()->dataVersion == version)
            return it.value();
    }
    std::shared_ptr<const ResponseColumns> cols;
    const QSqlDatabase c = db.connection();
    {
        QSqlQuery q = sql::run(
            c, QStringLiteral("SELECT payload FROM analysis_cache WHERE key = ? AND data_version = ?"),
            {QString::fromLatin1(cacheKey), version});
        if (q.next())
            cols = deserialize(q.value(0).toByteArray());
    }
    if (!cols || cols->dataVersion != version) {
        cols = build(db);
        // Persisting is an optimisation: a read-only or busy file still gets its answer.
        try {
            Transaction transaction(c);
            if (db.dataVersion() == cols->dataVersion) {
                cols->persist(db);
                transaction.commit();
            }
        } catch (const Error &) {
        }
    }
    share(db, cols);
    return cols;
}

void ResponseColumns::persist(Database &db) const
{
    const QSqlDatabase c = db.connection();
    sql::run(c, QStringLiteral("DELETE FROM analysis_cache WHERE key = ?"), {QString::fromLatin1(cacheKey)});
    sql::run(c, QStringLiteral("INSERT INTO analysis_cache (key, data_version, payload) VALUES (?, ?, ?)"),
             {QString::fromLatin1(cacheKey), dataVersion, serialize()});
}

void ResponseColumns::share(Database &db, std::shared_ptr<const ResponseColumns> columns)
{
    QMutexLocker lock(&memoryMutex());
    memory().insert(memoryKey(db), std::move(columns));
}

const std::vector<quint32> &ResponseColumns::respondentOrder() const
{
    std::call_once(m_orderOnce, [this] {
        m_respondentOrder.resize(size());
        for (size_t i = 0; i < size(); ++i)
            m_respondentOrder[i] = quint32(i);
        // SQL orders NULL submitted_at first; rows are in id order already.
        std::stable_sort(m_respondentOrder.begin(), m_respondentOrder.end(), [this](quint32 a, quint32 b) {
            if (respondent[a] != respondent[b])
                return respondent[a] < respondent[b];
            const bool da = packed[a] & datedBit;
            const bool db = packed[b] & datedBit;
            if (da != db)
                return !da;
            return da && submittedAt(a) < submittedAt(b);
        });
    });
    return m_respondentOrder;
}

void ResponseColumns::clearMemory()
{
    QMutexLocker lock(&memoryMutex());
    memory().clear();
}

} // namespace nps

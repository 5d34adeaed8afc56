#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace nps {

class Database;

// Every response reduced to what pivots need, one column per field (21 bytes a
// response): built by one scan of `responses`, persisted in `analysis_cache`
// under the data_version it was built from, and shared in memory per file.
// Internal to core/analysis; public for tests, benchmarks, and the importer,
// which fills them as it writes into an empty file.
class ResponseColumns
{
public:
    // packed bits: 0-3 score, 4-5 active (0 unknown, 1 inactive, 2 active),
    // 6 has comment, 7 has a submitted_at.
    static constexpr quint8 activeShift = 4;
    static constexpr quint8 commentBit = 1u << 6;
    static constexpr quint8 datedBit = 1u << 7;

    qint64 dataVersion = -1;
    std::vector<quint8> packed;
    std::vector<qint32> day;          // UTC days since 1970-01-01 (0 when undated)
    std::vector<quint32> profile;     // profiles.id, 0 for none
    std::vector<quint32> wave;        // waves.id
    std::vector<quint32> respondent;  // respondents.id
    std::vector<quint32> secondOfDay; // with `day`, the exact submitted_at
    // Over dated rows; minDay > maxDay when there are none.
    qint32 minDay = std::numeric_limits<qint32>::max();
    qint32 maxDay = std::numeric_limits<qint32>::min();

    size_t size() const { return packed.size(); }
    qint64 submittedAt(size_t row) const { return qint64(day[row]) * 86400 + secondOfDay[row]; }

    // Row indexes ordered by respondent, then submitted_at (undated first), then
    // response id: each person's answers in time order. Computed once, on first use.
    const std::vector<quint32> &respondentOrder() const;

    // One response, in id order: how build() fills the columns, and how an
    // import into an empty file fills them as it writes.
    void append(qint64 score, std::optional<qint64> submittedAt, qint64 profileId, qint64 waveId,
                std::optional<bool> active, bool hasComment, qint64 respondentId);

    // Builds from SQL inside one read transaction, so rows and version match.
    static std::shared_ptr<const ResponseColumns> build(Database &db);
    QByteArray serialize() const;
    // nullptr when the blob is not a valid serialization.
    static std::shared_ptr<const ResponseColumns> deserialize(const QByteArray &blob);

    // The columns for the file's current data_version: from memory, else from
    // analysis_cache, else built (and persisted when the file is writable).
    static std::shared_ptr<const ResponseColumns> current(Database &db);
    static void clearMemory();

    // Columns made outside build() for data the caller is writing, in the caller's
    // transaction: persist() stores them under `dataVersion`, rolled back with
    // the transaction; share() makes them current in memory, once committed.
    void persist(Database &db) const;
    static void share(Database &db, std::shared_ptr<const ResponseColumns> columns);

    static constexpr const char *cacheKey = "response_columns.v2";

private:
    mutable std::once_flag m_orderOnce;
    mutable std::vector<quint32> m_respondentOrder;
};

} // namespace nps

#pragma once

#include "clock/Clock.h"
#include "store/NativeStatement.h"

#include <QHash>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>
#include <utility>
#include <vector>

namespace nps {

class Database;
struct PreparedResponse;

enum class WaveKind { Relational, Transactional };
QString waveKindName(WaveKind kind);
std::optional<WaveKind> waveKindFromName(const QString &name);

// One response as a reader or generator produced it, before identity linking.
struct ResponseRecord
{
    QString externalId; // the survey tool's response id, when the file has one
    QString userId;
    QString email;
    QString name;
    std::optional<qint64> submittedAt; // Unix seconds, UTC
    int score = -1;                    // 0..10
    QString comment;
    QVector<std::pair<QString, QString>> attributes; // segment name -> value; empty values are skipped
    std::optional<bool> active;
    qint64 sourceLine = 0;

    // Set by SurveyWriter::normalise(): fields trimmed, email lower-cased, empty
    // attribute values dropped, dedupKey filled.
    bool normalised = false;
    QString dedupKey;
};

// Where SurveyWriter::add() put an added response.
struct WrittenResponse
{
    qint64 id = 0;
    qint64 respondentId = 0;
    qint64 profileId = 0; // 0: no attributes
};

struct ImportRecord
{
    QString kind = QStringLiteral("responses"); // responses | attributes | demo
    QString fileName;
    QString filePath;
    qint64 fileSize = 0;
    QString sha256;
    QString preset;
    QString encoding;
    QString mappingJson;
};

struct ImportCounts
{
    qint64 rowsRead = 0;
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 rejected = 0;
};

// The write path shared by the importer and the demo generator: links
// respondents, interns attribute values into profiles, de-duplicates, and
// inserts with statements prepared once. The caller owns the Transaction;
// nothing here commits.
class SurveyWriter
{
public:
    explicit SurveyWriter(Database &db, const Clock &clock = systemClock());

    qint64 ensureWave(const QString &name, WaveKind kind = WaveKind::Relational);
    qint64 startImport(const ImportRecord &record);
    void finishImport(qint64 importId, const ImportCounts &counts, const QStringList &warnings);
    void setImportHash(qint64 importId, const QString &sha256);

    enum class Outcome { Added, Duplicate };
    // Adds one response; `responseId` receives the new row id when Added.
    Outcome add(qint64 waveId, qint64 importId, const ResponseRecord &record, qint64 *responseId = nullptr);
    // The same for a normalised record a ResponseInterner prepared: identities and
    // profiles already met are found by their slot. A writer fed this way is fed
    // from one interner for the rest of its life.
    Outcome add(qint64 waveId, qint64 importId, const ResponseRecord &record,
                const PreparedResponse &prepared, WrittenResponse *written = nullptr);

    void addRejected(qint64 importId, qint64 line, int column, const QString &columnName,
                     const QString &value, const QString &reason);

    // True when the file had no respondents as this writer began: every identity it
    // meets is one it created, so it never looks one up in the respondents table.
    bool knownRespondentsOnly() const { return m_knownRespondentsOnly; }

    // Identity and attribute interning, public for the attribute importer.
    qint64 respondentFor(const ResponseRecord &record, bool *created = nullptr);
    qint64 attributeId(const QString &name);
    qint64 valueId(qint64 attributeId, const QString &value);
    // The profile for a set of (attribute id, value id) pairs; 0 for an empty set.
    qint64 profileFor(QVector<std::pair<qint64, qint64>> values);

    // The per-row string work of add(), free of database access so an import can
    // run it on its reading thread; add() normalises records that are not yet.
    static void normalise(ResponseRecord &record);
    static QString normalisedEmail(const QString &email);
    static QString contentKey(const QString &respondentKey, std::optional<qint64> submittedAt, int score,
                              const QString &comment);

private:
    Outcome insert(qint64 waveId, qint64 importId, const ResponseRecord &record,
                   const PreparedResponse &prepared, bool createdRespondent, WrittenResponse &written);
    qint64 profileOf(const ResponseRecord &record);
    qint64 firstSightOfSlot(const ResponseRecord &record, bool *created);
    qint64 insertRespondent(const QString &userId, const QString &email, const QString &name);

    Database &m_db;
    const Clock &m_clock;
    // The per-row statements talk to SQLite directly (see NativeStatement).
    NativeStatement m_insertResponse;
    NativeStatement m_insertRespondent;
    NativeStatement m_findByUser;
    NativeStatement m_findByEmail;
    NativeStatement m_deleteRespondent;
    NativeStatement m_insertRejected;
    QSqlQuery m_insertValue;
    QSqlQuery m_findValue;
    QSqlQuery m_insertProfile;
    QSqlQuery m_insertProfileValue;
    QSqlQuery m_findProfile;
    QHash<QString, qint64> m_respondentsByUser;
    QHash<QString, qint64> m_respondentsByEmail;
    // Interning caches: the hot path of a million-row import does hash lookups
    // only, no string building.
    QHash<QString, qint64> m_attributes;         // lower-cased trimmed name -> id
    QHash<QString, qint64> m_attributesVerbatim; // name as the file spells it -> id
    QHash<qint64, QHash<QString, qint64>> m_values;
    QHash<QByteArray, qint64> m_profiles; // sorted (attribute, value) ids as raw bytes -> id
    QVector<std::pair<qint64, qint64>> m_scratch;
    // Row ids by ResponseInterner slot; 0 until the slot's first record.
    std::vector<qint64> m_respondentBySlot;
    std::vector<qint64> m_profileBySlot;
    qint64 m_nowSecs = 0;                // one timestamp for every row this writer creates
    bool m_knownRespondentsOnly = false; // true: every respondent this writer meets is in the caches
    bool m_uncachedRespondents = false;  // respondents created for slots, which the caches do not hold
};

} // namespace nps

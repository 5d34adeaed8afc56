#pragma once

// The readers layer's entry point for the importer.
//
//   ReadOptions options;                          // overrides, all optional
//   SurveyFile file = SurveyFile::open(path, options); // throws nps::Error
//   file.applyOverrides(overrides);               // --map FIELD=COLUMN, --segment
//   file.requireImportable();                     // throws the refusal (no 0-10 question)
//   RecordCursor cursor = file.records();
//   cursor.setProgress(cb); cursor.setCancelFlag(&flag);
//   while (cursor.next()) {
//       const Record &r = cursor.record();       // r.line(), r.cell(i), r.text(i)
//       if (r.isRagged() || !r.exclusion().isEmpty()) { report; continue; }
//       ScoreResult s = file.score(r);            // s.ok() ? s.value : s.reason(r.cell(m.score.column))
//       TimeResult t = file.time(r);              // t.ok() ? t.utcSeconds : t.reason(...)
//       std::optional<bool> a = file.active(r, t);
//       QString c = file.comment(r);              // "" for empty / NA
//       QString g = file.groupMismatch(r, s);     // vendor group disagrees -> report
//       for (const FieldChoice &seg : m.segments) r.text(seg.column) ...
//   }
//   cursor.raggedRows(), cursor.excludedRows(), cursor.invalidBytes() for the summary.
//
// Column indexes are 0-based everywhere; messages for users say index + 1.
// Errors are nps::Error: BadInput (exit 2) for unreadable files and refusals,
// Usage (exit 1) for unknown overrides (field, column, sheet), Cancelled.
//
// Cost of open(): reads a bounded sample (the first 1 MiB of the file for the
// encoding and delimiter; then up to 2,000 data records, at most ~4 MiB) to
// decide preset, header rows, mapping and the score scale. When the chosen time
// column holds slash dates (03/04/2024) and the file is longer than the sample,
// it also makes one streaming pre-pass over the whole file (one extra parse, at
// parse-only speed, bounded memory) so the day/month order is decided from all
// values. ISO dates, Unix times and XLSX date cells need no pre-pass. Everything else is streamed by
// RecordCursor; memory stays bounded whatever the file size (one 1 MiB read buffer, the decoded chunk, the
// current record, the sample).

#include "readers/Encoding.h"
#include "readers/Record.h"
#include "readers/ValueParsers.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace nps {

enum class Preset {
    Generic,
    Qualtrics,       // 3 header rows: field ids, labels, {"ImportId":...}
    QualtricsLegacy, // 2 header rows: V1..Vn, then labels; trailing delimiter
    SurveyMonkey,    // 2 header rows merged
    Typeform,
    GoogleForms,
    Formbricks,
    Delighted,
    LimeSurvey,
};
// "generic", "qualtrics", "qualtrics-legacy", "surveymonkey", "typeform",
// "google-forms", "formbricks", "delighted", "limesurvey".
QString presetName(Preset preset);
bool presetFromName(const QString &name, Preset *preset);
QStringList presetNames();

struct ReadOptions
{
    std::optional<TextEncoding> encoding;  // --encoding
    std::optional<Preset> preset;          // --preset
    QString sheetName;                     // XLSX: empty = first sheet
    DateOrder dateOrder = DateOrder::Auto; // dmy/mdy/ymd forces slash-date order
    QTimeZone timeZone = QTimeZone::utc(); // zone of times written without one
    bool acceptNonStandardScale = false;   // user confirmed a 1-10 / 1-5 score column
};

struct Column
{
    QString name;  // final unique, trimmed, never empty ("Column 3" for a blank header)
    QString label; // question text when the preset has one (Qualtrics row 2), else = name
};

struct Layout
{
    Preset preset = Preset::Generic;
    double confidence = 0; // 0..1
    QString presetReason;
    bool xlsx = false;
    QString sheetName;                          // XLSX only
    TextEncoding encoding = TextEncoding::Utf8; // CSV only (XLSX is always UTF-8)
    QString encodingReason;
    int bomLength = 0;
    char delimiter = ','; // CSV only
    QString delimiterReason;
    int headerRows = 1;             // physical header records before the data
    bool trailingDelimiter = false; // every line ends with a delimiter: the empty last cell is dropped
    QVector<Column> columns;
    QStringList warnings; // human sentences, keep them with the import

    QStringList columnNames() const;
    int columnIndex(const QString &name) const; // exact, then case-insensitive; -1 if none
};

// One mapped field: a 0-based column index (-1 = not found) and why.
struct FieldChoice
{
    int column = -1;
    QString reason; // e.g. "values 0-10, header mentions 'recommend'"
    bool found() const { return column >= 0; }
};

enum class ActiveKind { None, Boolean, LastActiveDate };

struct FieldMapping
{
    FieldChoice score, comment, time, responseId, userId, email, name, active;
    FieldChoice group;             // vendor NPS group column (promoter/passive/detractor), cross-checked
    QVector<FieldChoice> segments; // candidate segment attributes, in file order

    ScoreScale scale = ScoreScale::Unknown;
    QString scaleWarning; // non-empty for 1-10 / 1-5: keep it with the import

    DateOrder dateOrder = DateOrder::MonthDayYear; // order used for slash dates
    bool dateOrderAmbiguous = false;               // no value decided it (locale or override used)
    QString dateOrderReason;

    ActiveKind activeKind = ActiveKind::None;
    // Columns the score search looked at and why each was not taken (for the refusal).
    QStringList consideredForScore;
};

// Field names accepted by --map: score, comment, time, id, user, email, name, active, group.
QStringList mappableFields();

struct MappingOverrides
{
    QHash<QString, QString> fields; // field name -> column name ("" or "none" unmaps)
    QStringList segments;           // when non-empty, replaces the detected segments
};

class SurveyFile;

// Streams the data records (header rows skipped) front to back. It points to
// the SurveyFile that made it: keep that alive (and do not move it) meanwhile.
// Independent cursors may run at once (each opens the file itself), e.g. one
// per thread; the SurveyFile is only read.
class RecordCursor
{
public:
    RecordCursor(RecordCursor &&) noexcept;
    RecordCursor &operator=(RecordCursor &&) noexcept;
    ~RecordCursor();

    // Advances to the next data record. Returns false at the end of the file.
    // Throws nps::Error::cancelled() once the cancel flag is set, and
    // nps::Error::badInput for an unreadable file. Fully blank records are skipped.
    bool next();
    const Record &record() const { return m_record; }

    // Called with (bytesRead, totalBytes) at most every `everyBytes` bytes and at the end.
    void setProgress(std::function<void(qint64, qint64)> callback, qint64 everyBytes = 1 << 20);
    void setCancelFlag(const std::atomic_bool *flag) { m_cancel = flag; }

    qint64 bytesRead() const;
    qint64 totalBytes() const;
    qint64 raggedRows() const { return m_ragged; }
    qint64 excludedRows() const { return m_excluded; }
    // UTF-8 files only: bytes that were not valid UTF-8 and were read as Windows-1252.
    qint64 invalidBytes() const;

private:
    friend class SurveyFile;
    RecordCursor(std::unique_ptr<RowSource> source, const SurveyFile *file);

    std::unique_ptr<RowSource> m_source;
    const SurveyFile *m_file = nullptr;
    Record m_record;
    std::function<void(qint64, qint64)> m_progress;
    qint64 m_progressEvery = 1 << 20;
    qint64 m_nextProgress = 0;
    const std::atomic_bool *m_cancel = nullptr;
    qint64 m_ragged = 0;
    qint64 m_excluded = 0;
};

class SurveyFile
{
public:
    // Opens a CSV/TSV/TXT or XLSX file (XLSX recognised by content) and detects
    // the layout and mapping. Throws nps::Error::badInput for an unreadable file,
    // an empty file, or a file without a header; nps::Error::usage for a bad option
    // (unknown sheet). A file without a 0-10 question still opens: see
    // requireImportable().
    static SurveyFile open(const QString &path, const ReadOptions &options = {});

    const QString &path() const { return m_path; }
    const ReadOptions &options() const { return m_options; }
    const Layout &layout() const { return m_layout; }
    const FieldMapping &mapping() const { return m_mapping; }

    // Applies --map / --segment by column name. Throws nps::Error::usage naming the
    // unknown field or column (and listing the columns). Re-derives scale, date
    // order and active kind for the newly chosen columns from the sample.
    void applyOverrides(const MappingOverrides &overrides);

    // Throws nps::Error::badInput when the file cannot be imported as NPS:
    // no score column ("no 0-10 question found; columns considered: ..."), or a
    // 1-10 / 1-5 scale the user has not accepted (ReadOptions::acceptNonStandardScale).
    void requireImportable() const;

    // A fresh streaming pass over the data records.
    RecordCursor records() const;

    // Typing helpers for the mapped columns. Results carry the 0-based column:
    //   locatedMessage(path, r.line(), s.column + 1, s.reason(r.cell(s.column)))
    ScoreResult score(const Record &record) const;
    TimeResult time(const Record &record) const; // Empty problem when no time column
    // Boolean column: yes/no, true/false, 1/0 (several languages); last-active
    // date column: active when the last activity is at most 30 days before the
    // response time. std::nullopt when unknown (no column, empty or unparsable
    // cell, or no response time to compare a last-active date with).
    std::optional<bool> active(const Record &record, const TimeResult &responseTime) const;
    // Non-empty when the vendor group column disagrees with the score, e.g.
    // "NPS Group says PASIVO but score 10 is a promoter".
    QString groupMismatch(const Record &record, const ScoreResult &score) const;
    QString text(const Record &record, int column) const { return record.text(column); }
    // The mapped comment, trimmed; empty when there is no comment column or the
    // cell is a missing-value marker (NA, N/A, null, ".", "-": see isMissingValue).
    QString comment(const Record &record) const;
    // Typing of one arbitrary column with this file's date order and zone.
    TimeResult timeOf(const Record &record, int column) const;

    // Layout and mapping as JSON (preset, encoding, delimiter, columns, every
    // field with its column and reason, segments, scale, date order, warnings,
    // time zone): what `npsdesk inspect --format json` prints and what an import
    // should store as "the mapping used".
    QJsonObject describe() const;

    // Sample of the first data records read by open() (at most 2,000), for previews.
    const std::vector<Record> &sample() const { return m_sample; }

    SurveyFile(SurveyFile &&) noexcept;
    SurveyFile &operator=(SurveyFile &&) noexcept;
    ~SurveyFile();

private:
    SurveyFile() = default;
    friend class RecordCursor;
    std::unique_ptr<RowSource> openSource() const;
    void detectMapping();
    void decideDateOrder(bool allowPrepass);
    void finishRecord(Record &record) const;

    QString m_path;
    ReadOptions m_options;
    Layout m_layout;
    FieldMapping m_mapping;
    std::vector<Record> m_sample;
    bool m_timeAllowsSerial = false;
    bool m_activeAllowsSerial = false;
    bool m_groupCodes = false; // group column holds Qualtrics codes 1/2/3
    bool m_zoneIsUtc = true;   // checked once: comparing QTimeZone per cell is slow
    int m_statusColumn = -1;   // Qualtrics Status: rows other than 0/4 are excluded
};

} // namespace nps

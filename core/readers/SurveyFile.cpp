#include "readers/SurveyFile.h"

#include "common/Error.h"
#include "readers/CsvReader.h"
#include "readers/XlsxReader.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace nps {

namespace {

constexpr qint64 kSampleBytes = 1 << 20;
constexpr int kSampleRecords = 2000;
constexpr qint64 kActiveWindowSeconds = 30 * 86400;

bool isBlank(const Record &r)
{
    for (int i = 0; i < r.cellCount(); ++i) {
        for (const char c : r.cell(i)) {
            if (c != ' ' && c != '\t')
                return false;
        }
    }
    return true;
}

// Lowercased header text used for word matching.
QString headerText(const Column &c)
{
    QString t = c.name.toLower();
    if (c.label != c.name)
        t += QLatin1Char(' ') + c.label.toLower();
    return t;
}

// Lowercase without spaces, underscores, dashes and dots: "Response ID" -> "responseid".
QString compact(const QString &s)
{
    QString out;
    for (const QChar c : s) {
        if (c.isLetterOrNumber() || c == QLatin1Char('#'))
            out += c.toLower();
    }
    return out;
}

// First of `words` found in `text`, or empty.
QString findWord(const QString &text, std::initializer_list<const char *> words)
{
    for (const char *w : words) {
        if (text.contains(QString::fromUtf8(w)))
            return QString::fromUtf8(w);
    }
    return {};
}

struct ColumnStats
{
    int nonEmpty = 0;
    int distinct = 0;
    qint64 totalLength = 0;
    int scoreOk = 0, scoreMissing = 0, scoreMin = 99, scoreMax = -1;
    bool scoreSeen[11] = {};
    int timeOk = 0;      // without plain numbers
    int plainNumber = 0; // digits with optional fraction
    int numeric = 0;     // any number (sign, decimals)
    int boolean = 0;
    int email = 0;
    int group = 0;
    int dmyVotes = 0, mdyVotes = 0, slashDates = 0;
    qint64 minInteger = 0, maxInteger = 0;
    bool integerSeen = false;
    QByteArray example;  // first non-empty value
    QByteArray firstBad; // first value that is not a 0-10 score

    double avgLength() const { return nonEmpty ? double(totalLength) / nonEmpty : 0; }
    int scoreDistinct() const { return int(std::count(std::begin(scoreSeen), std::end(scoreSeen), true)); }
};

bool isPlainNumber(QByteArrayView v, bool allowSign, bool *isInteger)
{
    qsizetype i = 0;
    if (allowSign && i < v.size() && (v[i] == '-' || v[i] == '+'))
        ++i;
    const qsizetype digitsStart = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9')
        ++i;
    if (i == digitsStart)
        return false;
    *isInteger = true;
    if (i < v.size() && (v[i] == '.' || v[i] == ',')) {
        ++i;
        const qsizetype f = i;
        while (i < v.size() && v[i] >= '0' && v[i] <= '9')
            ++i;
        if (i == f)
            return false;
        *isInteger = false;
    }
    return i == v.size();
}

QByteArrayView trimView(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

ColumnStats statsOf(const std::vector<Record> &sample, int column)
{
    ColumnStats s;
    QSet<QByteArray> seen;
    for (const Record &r : sample) {
        const QByteArrayView v = trimView(r.cell(column));
        if (v.isEmpty())
            continue;
        ++s.nonEmpty;
        s.totalLength += v.size();
        if (s.example.isEmpty())
            s.example = v.toByteArray();
        if (seen.size() < 5000)
            seen.insert(v.toByteArray());
        const ScoreResult score = parseScore(v);
        if (score.ok()) {
            ++s.scoreOk;
            s.scoreMin = std::min(s.scoreMin, score.value);
            s.scoreMax = std::max(s.scoreMax, score.value);
            s.scoreSeen[score.value] = true;
        } else if (score.problem == ScoreProblem::Missing) {
            ++s.scoreMissing;
        } else if (s.firstBad.isEmpty()) {
            s.firstBad = v.toByteArray();
        }
        bool integer = false;
        const bool plain = isPlainNumber(v, false, &integer);
        s.plainNumber += plain;
        if (isPlainNumber(v, true, &integer)) {
            ++s.numeric;
            if (integer && v.size() < 18) {
                const qint64 n = v.toByteArray().toLongLong();
                s.minInteger = s.integerSeen ? std::min(s.minInteger, n) : n;
                s.maxInteger = s.integerSeen ? std::max(s.maxInteger, n) : n;
                s.integerSeen = true;
            }
        }
        if (!plain && parseTime(v, DateOrder::Auto, nullptr, false).ok()) {
            ++s.timeOk;
            const int evidence = slashDateEvidence(v);
            s.dmyVotes += evidence == 1;
            s.mdyVotes += evidence == 2;
        }
        if (!plain && v.size() >= 6 && v[0] >= '0' && v[0] <= '9' && v.size() > 2 &&
            (v.indexOf('/') > 0 || (v.indexOf('.') > 0 && v.indexOf('.') < 3)) && v.indexOf(':') != 2)
            ++s.slashDates;
        s.boolean += parseBoolean(v).has_value();
        s.group += parseNpsGroup(v) >= 0;
        const qsizetype at = v.indexOf('@');
        s.email += at > 0 && v.indexOf('.', at) > at && v.indexOf(' ') < 0;
    }
    s.distinct = int(seen.size());
    return s;
}

// "d/m/y"-shaped: one or two digits, a separator, one or two digits, the same separator.
bool looksLikeSlashDate(QByteArrayView v)
{
    v = trimView(v);
    qsizetype i = 0;
    while (i < v.size() && i < 3 && v[i] >= '0' && v[i] <= '9')
        ++i;
    if (i == 0 || i > 2 || i >= v.size() || (v[i] != '/' && v[i] != '.' && v[i] != '-'))
        return false;
    const char sep = v[i];
    const qsizetype second = v.indexOf(sep, i + 1);
    return second > i + 1 && second <= i + 3;
}

QString preview(const QByteArray &value)
{
    QString t = QString::fromUtf8(value).simplified();
    if (t.size() > 30)
        t = t.left(27) + QStringLiteral("...");
    return t;
}

} // namespace

// ---- names ------------------------------------------------------------------

QString presetName(Preset preset)
{
    switch (preset) {
    case Preset::Generic:
        return QStringLiteral("generic");
    case Preset::Qualtrics:
        return QStringLiteral("qualtrics");
    case Preset::QualtricsLegacy:
        return QStringLiteral("qualtrics-legacy");
    case Preset::SurveyMonkey:
        return QStringLiteral("surveymonkey");
    case Preset::Typeform:
        return QStringLiteral("typeform");
    case Preset::GoogleForms:
        return QStringLiteral("google-forms");
    case Preset::Formbricks:
        return QStringLiteral("formbricks");
    case Preset::Delighted:
        return QStringLiteral("delighted");
    case Preset::LimeSurvey:
        return QStringLiteral("limesurvey");
    }
    return {};
}

QStringList presetNames()
{
    QStringList names;
    for (int p = int(Preset::Generic); p <= int(Preset::LimeSurvey); ++p)
        names << presetName(Preset(p));
    return names;
}

bool presetFromName(const QString &name, Preset *preset)
{
    const QString n = name.trimmed().toLower();
    for (int p = int(Preset::Generic); p <= int(Preset::LimeSurvey); ++p) {
        if (presetName(Preset(p)) == n) {
            *preset = Preset(p);
            return true;
        }
    }
    return false;
}

QStringList mappableFields()
{
    return {QStringLiteral("score"), QStringLiteral("comment"), QStringLiteral("time"),
            QStringLiteral("id"),    QStringLiteral("user"),    QStringLiteral("email"),
            QStringLiteral("name"),  QStringLiteral("active"),  QStringLiteral("group")};
}

QStringList Layout::columnNames() const
{
    QStringList names;
    names.reserve(columns.size());
    for (const Column &c : columns)
        names << c.name;
    return names;
}

int Layout::columnIndex(const QString &name) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns[i].name == name)
            return i;
    }
    for (int i = 0; i < columns.size(); ++i) {
        if (columns[i].name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

// ---- presets ------------------------------------------------------------------

namespace {

struct PresetGuess
{
    Preset preset = Preset::Generic;
    double confidence = 0.5;
    QString reason = QStringLiteral("no survey tool's header signature matched");
};

int headerRowsOf(Preset p)
{
    switch (p) {
    case Preset::Qualtrics:
        return 3;
    case Preset::QualtricsLegacy:
    case Preset::SurveyMonkey:
        return 2;
    default:
        return 1;
    }
}

QStringList cellsOf(const Record &r)
{
    QStringList cells;
    for (int i = 0; i < r.cellCount(); ++i)
        cells << r.text(i).trimmed();
    return cells;
}

bool containsAll(const QStringList &cells, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        if (!cells.contains(QLatin1String(n), Qt::CaseInsensitive))
            return false;
    }
    return true;
}

PresetGuess detectPreset(const std::vector<QStringList> &rows)
{
    const QStringList empty;
    const QStringList &r0 = rows.size() > 0 ? rows[0] : empty;
    const QStringList &r1 = rows.size() > 1 ? rows[1] : empty;
    const QStringList &r2 = rows.size() > 2 ? rows[2] : empty;
    const QString first = r0.value(0);

    int importIds = 0;
    for (const QString &c : r2)
        importIds += c.startsWith(QLatin1String("{\"ImportId\""));
    if (importIds >= 2)
        return {Preset::Qualtrics, 0.99,
                QStringLiteral("third header row holds %1 {\"ImportId\":...} cells").arg(importIds)};
    static const QRegularExpression vColumn(QStringLiteral("^V[0-9]+$"));
    if (r0.size() >= 2 && vColumn.match(r0[0]).hasMatch() && vColumn.match(r0[1]).hasMatch() &&
        (r1.contains(QLatin1String("ResponseID")) || r1.contains(QLatin1String("ResponseSet"))))
        return {Preset::QualtricsLegacy, 0.95,
                QStringLiteral("V1, V2... field row followed by a ResponseID label row")};
    if (containsAll(r0, {"StartDate", "EndDate", "Status"}) &&
        (r0.contains(QLatin1String("ResponseId")) || r0.contains(QLatin1String("ResponseID"))))
        return {Preset::Qualtrics, 0.7, QStringLiteral("Qualtrics field names, but no ImportId row")};

    const bool smFirst = first == QLatin1String("Respondent ID") || first == QLatin1String("RespondentID");
    int responseLabels = 0;
    for (const QString &c : r1)
        responseLabels += c == QLatin1String("Response") || c == QLatin1String("Open-Ended Response");
    if (smFirst && (r0.contains(QLatin1String("Collector ID")) || responseLabels > 0))
        return {Preset::SurveyMonkey, 0.95,
                QStringLiteral("'%1' first, second header row with %2 'Response' labels")
                    .arg(first)
                    .arg(responseLabels)};
    if (responseLabels >= 2 && r0.count(QString()) > 0)
        return {Preset::SurveyMonkey, 0.75,
                QStringLiteral("second header row with %1 'Response' labels").arg(responseLabels)};

    if (first == QLatin1String("#")) {
        if (r0.contains(QLatin1String("Submit Date (UTC)")) || r0.contains(QLatin1String("Network ID")) ||
            r0.contains(QLatin1String("Response Type")))
            return {Preset::Typeform, 0.95,
                    QStringLiteral("'#' token column and 'Submit Date (UTC)' / 'Network ID'")};
        return {Preset::Typeform, 0.6, QStringLiteral("'#' token column")};
    }
    if (containsAll(r0, {"Response ID", "Survey ID"}) &&
        (r0.contains(QLatin1String("Formbricks ID (internal)")) || r0.contains(QLatin1String("No."))))
        return {Preset::Formbricks, 0.95, QStringLiteral("'No., Response ID, ..., Survey ID' header")};
    if (containsAll(r0, {"id", "submitdate", "lastpage", "startlanguage"}))
        return {Preset::LimeSurvey, 0.95, QStringLiteral("'id, submitdate, lastpage, startlanguage' header")};
    if (containsAll(r0, {"score", "created_at"}))
        return {Preset::Delighted, 0.9, QStringLiteral("'score' and 'created_at' columns")};
    if (containsAll(r0, {"score", "comment"}) &&
        r0.contains(QLatin1String("person_email"), Qt::CaseInsensitive))
        return {Preset::Delighted, 0.8, QStringLiteral("'score', 'comment' and 'person_email' columns")};
    static const char *const timestamps[] = {
        "Timestamp",   "Marca temporal",       "Horodateur",
        "Zeitstempel", "Carimbo de data/hora", "Informazioni cronologiche",
        "Tijdstempel"};
    for (const char *t : timestamps) {
        if (first == QString::fromUtf8(t)) {
            const bool email = r0.value(1).startsWith(QLatin1String("Email"), Qt::CaseInsensitive);
            return {Preset::GoogleForms, email ? 0.9 : 0.8,
                    QStringLiteral("first column '%1'%2")
                        .arg(first, email ? QStringLiteral(" then an email column") : QString())};
        }
    }
    return {};
}

QVector<Column> namesFor(Preset preset, const std::vector<QStringList> &rows, int width)
{
    QVector<Column> columns(width);
    const auto at = [&](size_t row, int col) { return row < rows.size() ? rows[row].value(col) : QString(); };
    QString carried;
    static const QRegularExpression vColumn(QStringLiteral("^V[0-9]+$"));
    for (int c = 0; c < width; ++c) {
        Column &col = columns[c];
        switch (preset) {
        case Preset::Qualtrics:
            col.name = at(0, c);
            col.label = at(1, c);
            break;
        case Preset::QualtricsLegacy:
            col.name = vColumn.match(at(0, c)).hasMatch() || at(0, c).isEmpty() ? at(1, c) : at(0, c);
            col.label = at(1, c);
            break;
        case Preset::SurveyMonkey: {
            const QString top = at(0, c);
            const QString sub = at(1, c);
            if (!top.isEmpty())
                carried = top;
            const bool plain = sub.isEmpty() || sub == QLatin1String("Response") ||
                               sub == QLatin1String("Open-Ended Response");
            if (!top.isEmpty() && plain)
                col.name = top;
            else if (!sub.isEmpty())
                col.name = carried.isEmpty() ? sub : carried + QStringLiteral(" - ") + sub;
            col.label = col.name;
            break;
        }
        default:
            col.name = at(0, c);
            break;
        }
        col.name = col.name.simplified();
        if (col.label.isEmpty())
            col.label = col.name;
    }
    // Stable, unique, non-empty names.
    QSet<QString> used;
    for (int c = 0; c < width; ++c) {
        QString name = columns[c].name;
        if (name.isEmpty())
            name = QStringLiteral("Column %1").arg(c + 1);
        QString unique = name;
        for (int n = 2; used.contains(unique.toLower()); ++n)
            unique = QStringLiteral("%1 (%2)").arg(name).arg(n);
        used.insert(unique.toLower());
        columns[c].name = unique;
        if (columns[c].label.isEmpty())
            columns[c].label = unique;
    }
    return columns;
}

} // namespace

// ---- opening ------------------------------------------------------------------

SurveyFile::SurveyFile(SurveyFile &&) noexcept = default;
SurveyFile &SurveyFile::operator=(SurveyFile &&) noexcept = default;
SurveyFile::~SurveyFile() = default;

std::unique_ptr<RowSource> SurveyFile::openSource() const
{
    if (m_layout.xlsx)
        return std::make_unique<XlsxReader>(m_path, m_layout.sheetName);
    CsvOptions csv;
    csv.encoding = m_layout.encoding;
    csv.skipBytes = m_layout.bomLength;
    csv.delimiter = m_layout.delimiter;
    return std::make_unique<CsvReader>(m_path, csv);
}

SurveyFile SurveyFile::open(const QString &path, const ReadOptions &options)
{
    SurveyFile file;
    file.m_path = path;
    file.m_options = options;
    file.m_zoneIsUtc = !options.timeZone.isValid() || options.timeZone == QTimeZone::utc();
    Layout &layout = file.m_layout;

    QFile raw(path);
    if (!raw.open(QIODevice::ReadOnly))
        throw Error::badInput(QStringLiteral("%1: cannot open: %2").arg(path, raw.errorString()));
    const QByteArray sample = raw.read(kSampleBytes);
    raw.close();
    if (sample.isEmpty())
        throw Error::badInput(QStringLiteral("%1: the file is empty").arg(path));

    if (sample.startsWith("PK\x03\x04")) {
        layout.xlsx = true;
        layout.encoding = TextEncoding::Utf8;
        layout.encodingReason = QStringLiteral("XLSX workbook (XML text is Unicode)");
        layout.delimiter = 0;
        XlsxReader probe(path, options.sheetName); // validates the sheet name
        layout.sheetName = probe.sheetName();
    } else {
        const EncodingGuess guess = detectEncoding(sample);
        layout.bomLength = guess.bomLength;
        if (options.encoding) {
            layout.encoding = *options.encoding;
            layout.encodingReason = QStringLiteral("set by the user (detected: %1, %2)")
                                        .arg(encodingName(guess.encoding), guess.reason);
            const bool bomMatches = (guess.encoding == TextEncoding::Utf8 && guess.bomLength == 3 &&
                                     layout.encoding == TextEncoding::Utf8) ||
                                    (guess.bomLength == 2 && (layout.encoding == TextEncoding::Utf16LE ||
                                                              layout.encoding == TextEncoding::Utf16BE));
            if (!bomMatches)
                layout.bomLength = 0;
        } else {
            layout.encoding = guess.encoding;
            layout.encodingReason = guess.reason;
        }
        TextDecoder decoder(layout.encoding);
        std::string text;
        decoder.decode(sample.constData() + layout.bomLength, sample.size() - layout.bomLength, text);
        const DelimiterGuess delimiter = detectDelimiter(QByteArrayView(text.data(), qsizetype(text.size())));
        layout.delimiter = delimiter.delimiter;
        layout.delimiterReason = delimiter.reason;
    }

    // Header candidates and the sample.
    std::unique_ptr<RowSource> source = file.openSource();
    std::vector<Record> head;
    Record record;
    while (head.size() < 3 && source->next(record)) {
        if (head.empty() && isBlank(record))
            continue;
        head.push_back(record);
    }
    if (head.empty())
        throw Error::badInput(QStringLiteral("%1: no header row (the file has no text)").arg(path));
    std::vector<QStringList> headRows;
    for (const Record &r : head)
        headRows.push_back(cellsOf(r));

    PresetGuess preset = detectPreset(headRows);
    if (options.preset) {
        preset = {*options.preset, 1.0,
                  QStringLiteral("set by the user (detected: %1)").arg(presetName(preset.preset))};
    }
    layout.preset = preset.preset;
    layout.confidence = preset.confidence;
    layout.presetReason = preset.reason;
    layout.headerRows = std::min<int>(headerRowsOf(preset.preset), int(head.size()));

    int width = 0;
    for (int r = 0; r < layout.headerRows; ++r)
        width = std::max(width, head[size_t(r)].cellCount());
    for (size_t r = size_t(layout.headerRows); r < head.size(); ++r) {
        if (!isBlank(head[r]))
            file.m_sample.push_back(head[r]);
    }
    while (int(file.m_sample.size()) < kSampleRecords && source->bytesRead() <= kSampleBytes * 4 &&
           source->next(record)) {
        if (!isBlank(record))
            file.m_sample.push_back(record);
    }

    // Trailing empty columns: blank in every header row and every sampled record.
    std::vector<QStringList> headerOnly(headRows.begin(), headRows.begin() + layout.headerRows);
    int dropped = 0;
    while (width > 1) {
        bool blank = true;
        for (const QStringList &row : headerOnly)
            blank = blank && row.value(width - 1).isEmpty();
        for (const Record &r : file.m_sample)
            blank = blank && trimView(r.cell(width - 1)).isEmpty();
        if (!blank)
            break;
        --width;
        ++dropped;
    }
    if (dropped > 0) {
        layout.trailingDelimiter = true;
        layout.warnings << QStringLiteral("%1 empty trailing column(s) dropped (a delimiter ends every line)")
                               .arg(dropped);
    }
    layout.columns = namesFor(preset.preset, headerOnly, width);

    if (preset.preset == Preset::Qualtrics || preset.preset == Preset::QualtricsLegacy) {
        for (int c = 0; c < layout.columns.size(); ++c) {
            if (layout.columns[c].name == QLatin1String("Status"))
                file.m_statusColumn = c;
        }
    }
    for (Record &r : file.m_sample)
        file.finishRecord(r);

    file.detectMapping();
    file.decideDateOrder(true);
    return file;
}

void SurveyFile::finishRecord(Record &record) const
{
    const int width = int(m_layout.columns.size());
    const int cells = record.cellCount();
    if (cells > width) {
        bool extraEmpty = true;
        for (int i = width; i < cells && extraEmpty; ++i)
            extraEmpty = trimView(record.cell(i)).isEmpty();
        if (extraEmpty) {
            record.truncateCells(width);
        } else {
            record.setRagged(QStringLiteral("line %1: %2 cells, the header has %3")
                                 .arg(record.line())
                                 .arg(cells)
                                 .arg(width));
        }
    } else if (cells < width && !m_layout.xlsx) {
        record.setRagged(
            QStringLiteral("line %1: %2 cells, the header has %3").arg(record.line()).arg(cells).arg(width));
    }
    if (m_statusColumn >= 0) {
        const QByteArrayView status = trimView(record.cell(m_statusColumn));
        if (!(status == "0" || status == "4" || status == "IP Address" || status == "Imported" ||
              status.isEmpty())) {
            const QString s = QString::fromUtf8(status.data(), status.size());
            const QString what = s == QLatin1String("1")    ? QStringLiteral("survey preview")
                                 : s == QLatin1String("2")  ? QStringLiteral("test response")
                                 : s == QLatin1String("8")  ? QStringLiteral("spam")
                                 : s == QLatin1String("16") ? QStringLiteral("offline app")
                                                            : s;
            record.setExclusion(QStringLiteral("Qualtrics Status %1 (%2): not a real response").arg(s, what));
        }
    }
}

// ---- mapping ------------------------------------------------------------------

void SurveyFile::detectMapping()
{
    FieldMapping &m = m_mapping;
    m = FieldMapping();
    const int width = int(m_layout.columns.size());
    std::vector<ColumnStats> stats;
    stats.reserve(size_t(width));
    for (int c = 0; c < width; ++c)
        stats.push_back(statsOf(m_sample, c));
    std::vector<bool> taken(size_t(width), false);
    const auto header = [&](int c) { return headerText(m_layout.columns[c]); };
    const auto key = [&](int c) { return compact(m_layout.columns[c].name); };

    // Score.
    int best = -1;
    double bestPoints = 0;
    for (int c = 0; c < width; ++c) {
        const ColumnStats &s = stats[size_t(c)];
        const QString h = header(c);
        const QString name = m_layout.columns[c].name;
        const QString strong =
            findWord(h, {"recommend", "recomend", "recommand", "empfehl", "raccomand", "aanbevel", "likely",
                         "likelihood", "wahrscheinlich", "probabilidad", "probabilit", "nps"});
        const QString weak =
            findWord(h, {"score", "rating", "puntuaci", "note", "bewertung", "calificaci", "valoraci"});
        const int usable = s.nonEmpty - s.scoreMissing;
        QString why;
        double points = 0;
        if (s.nonEmpty == 0) {
            why = QStringLiteral("empty");
        } else if (usable == 0) {
            why = QStringLiteral("only missing values");
        } else if (s.scoreOk * 10 < usable * 9) {
            why = s.firstBad.isEmpty()
                      ? QStringLiteral("not 0-10 values")
                      : QStringLiteral("value '%1' is not a 0-10 score").arg(preview(s.firstBad));
        } else if (h.contains(QLatin1String("group")) || h.contains(QLatin1String("grupo")) ||
                   key(c).endsWith(QLatin1String("id"))) {
            why = QStringLiteral("an id or group column");
        } else {
            points = 1;
            if (!strong.isEmpty())
                points += 10;
            else if (!weak.isEmpty())
                points += 4;
            if (s.scoreDistinct() >= 3)
                points += 2;
            if (s.scoreMax >= 9)
                points += 2;
            if (strong.isEmpty() && weak.isEmpty() && (s.scoreDistinct() < 5 || s.scoreMax < 9)) {
                why = QStringLiteral("values %1-%2 only and no header word").arg(s.scoreMin).arg(s.scoreMax);
                points = 0;
            } else {
                why = QStringLiteral("values %1-%2").arg(s.scoreMin).arg(s.scoreMax);
                if (!strong.isEmpty() || !weak.isEmpty())
                    why += QStringLiteral(", header mentions '%1'").arg(strong.isEmpty() ? weak : strong);
            }
        }
        if (points > bestPoints) {
            bestPoints = points;
            best = c;
            m.score = {c, why};
        }
        m.consideredForScore << QStringLiteral("'%1': %2").arg(name, why);
    }
    if (best >= 0)
        taken[size_t(best)] = true;

    // Scale, from the sample.
    if (best >= 0) {
        const ColumnStats &s = stats[size_t(best)];
        if (s.scoreMax <= 5 && s.scoreMin >= 1 && s.scoreOk >= 10) {
            m.scale = ScoreScale::OneToFive;
            m.scaleWarning =
                QStringLiteral("'%1' looks like a 1-5 scale (values %2-%3 in %4 answers): it is not an "
                               "NPS question; promoters/passives/detractors would be meaningless")
                    .arg(m_layout.columns[best].name)
                    .arg(s.scoreMin)
                    .arg(s.scoreMax)
                    .arg(s.scoreOk);
        } else if (!s.scoreSeen[0] && s.scoreSeen[1] && s.scoreOk >= 30) {
            m.scale = ScoreScale::OneToTen;
            m.scaleWarning =
                QStringLiteral("'%1' looks like a 1-10 scale (no zeros in %2 answers, ones present): "
                               "the 0-6 / 7-8 / 9-10 grouping and benchmarks assume 0-10")
                    .arg(m_layout.columns[best].name)
                    .arg(s.scoreOk);
        } else {
            m.scale = ScoreScale::ZeroToTen;
        }
    }

    const auto pick = [&](FieldChoice &field, auto &&scoreOf) {
        double bestScore = 0;
        for (int c = 0; c < width; ++c) {
            if (taken[size_t(c)])
                continue;
            QString why;
            const double points = scoreOf(c, stats[size_t(c)], why);
            if (points > bestScore) {
                bestScore = points;
                field = {c, why};
            }
        }
        if (field.found())
            taken[size_t(field.column)] = true;
    };

    // Vendor NPS group.
    pick(m.group, [&](int c, const ColumnStats &s, QString &why) -> double {
        // Qualtrics numeric exports code Qn_NPS_GROUP as 1 detractor, 2 passive, 3 promoter.
        if (key(c).endsWith(QLatin1String("npsgroup")) && s.nonEmpty > 0 && s.numeric == s.nonEmpty &&
            s.integerSeen && s.minInteger >= 1 && s.maxInteger <= 3) {
            why = QStringLiteral("Qualtrics NPS group codes 1-3");
            return 3;
        }
        if (s.nonEmpty == 0 || s.group * 10 < s.nonEmpty * 9)
            return 0;
        const QString w = findWord(header(c), {"nps_group", "group", "grupo", "groupe", "categor", "gruppe"});
        why = QStringLiteral("values promoter/passive/detractor");
        if (!w.isEmpty())
            why += QStringLiteral(", header mentions '%1'").arg(w);
        return w.isEmpty() ? 1 : 2;
    });

    // Active flag (before time, so a last-active date is not taken as the response time).
    pick(m.active, [&](int c, const ColumnStats &s, QString &why) -> double {
        const QString w =
            findWord(header(c), {"active", "activo", "actif", "aktiv", "last seen", "last login", "last_seen",
                                 "last_login", "lastseen", "lastlogin", "ativo"});
        if (w.isEmpty() || s.nonEmpty == 0)
            return 0;
        if (s.boolean * 10 >= s.nonEmpty * 9) {
            why = QStringLiteral("yes/no values, header mentions '%1'").arg(w);
            return 2;
        }
        if ((s.timeOk + s.plainNumber) * 10 >= s.nonEmpty * 9) {
            why = QStringLiteral("dates, header mentions '%1' (active = seen within 30 days of the response)")
                      .arg(w);
            return 1;
        }
        return 0;
    });
    if (m.active.found()) {
        m.activeKind =
            stats[size_t(m.active.column)].boolean * 10 >= stats[size_t(m.active.column)].nonEmpty * 9
                ? ActiveKind::Boolean
                : ActiveKind::LastActiveDate;
        m_activeAllowsSerial = true;
    }

    // Response time.
    pick(m.time, [&](int c, const ColumnStats &s, QString &why) -> double {
        if (s.nonEmpty == 0)
            return 0;
        const QString h = header(c);
        const QString dateWord =
            findWord(h, {"date", "time", "timestamp", "created", "submitted", "fecha", "datum", "horodat",
                         "zeitstempel", "marca temporal", "_at", "recorded", "hora"});
        bool numericTime = false;
        if (s.timeOk * 10 < s.nonEmpty * 9) {
            // Plain numbers count as times only under a date header (Unix time,
            // Excel serial days), alone or mixed with written dates.
            if (dateWord.isEmpty() || (s.timeOk + s.plainNumber) * 10 < s.nonEmpty * 9)
                return 0;
            if (s.timeOk == 0) {
                const bool unix = s.integerSeen && s.minInteger >= 100000000;
                const bool serial = s.integerSeen ? (s.minInteger >= 20000 && s.maxInteger <= 80000) : true;
                if (!unix && !serial)
                    return 0;
            }
            numericTime = true;
        }
        double points = 5;
        why = numericTime && s.timeOk == 0
                  ? QStringLiteral("numbers under a date header (Unix time or Excel serial days)")
              : numericTime
                  ? QStringLiteral("%1 dates and %2 Unix/Excel numbers of %3 values, header mentions '%4'")
                        .arg(s.timeOk)
                        .arg(s.plainNumber)
                        .arg(s.nonEmpty)
                        .arg(dateWord)
                  : QStringLiteral("%1 of %2 values are dates").arg(s.timeOk).arg(s.nonEmpty);
        const QString prefer = findWord(h, {"submit", "recorded", "response", "survey", "completed",
                                            "answered", "erfassung", "respuesta", "réponse", "encuesta"});
        const QString avoid = findWord(h, {"start", "signup", "sign up", "sign-up", "birth", "registered",
                                           "joined", "stage", "nacimiento", "alta", "anfang"});
        if (!prefer.isEmpty()) {
            points += 4;
            why += QStringLiteral(", header says '%1'").arg(prefer);
        } else if (!dateWord.isEmpty()) {
            points += 2;
            why += QStringLiteral(", header mentions '%1'").arg(dateWord);
        }
        if (!avoid.isEmpty()) {
            points -= 3;
            why += QStringLiteral(" (but '%1')").arg(avoid);
        }
        if (h.contains(QLatin1String("end")))
            points += 1;
        return points;
    });
    if (m.time.found()) {
        const ColumnStats &s = stats[size_t(m.time.column)];
        m_timeAllowsSerial = s.plainNumber > 0;
    }

    // Email.
    pick(m.email, [&](int c, const ColumnStats &s, QString &why) -> double {
        const QString w = findWord(header(c), {"email", "e-mail", "correo", "courriel", "mail"});
        if (!w.isEmpty() && (s.nonEmpty == 0 || s.email * 2 >= s.nonEmpty)) {
            why = QStringLiteral("header mentions '%1'").arg(w) +
                  (s.email ? QStringLiteral(", values are addresses") : QString());
            return 2 + (s.email > 0);
        }
        if (s.nonEmpty > 0 && s.email * 10 >= s.nonEmpty * 9) {
            why = QStringLiteral("values are email addresses");
            return 1;
        }
        return 0;
    });

    // Respondent (user) id.
    pick(m.userId, [&](int c, const ColumnStats &s, QString &why) -> double {
        const QString k = key(c);
        static const char *const keys[] = {"userid",
                                           "user",
                                           "customerid",
                                           "accountid",
                                           "contactid",
                                           "personid",
                                           "clientid",
                                           "memberid",
                                           "externalreference",
                                           "externaldatareference",
                                           "externalid",
                                           "idusuario",
                                           "usuarioid",
                                           "uid",
                                           "customer",
                                           "token"};
        for (const char *candidate : keys) {
            if (k == QLatin1String(candidate)) {
                why = QStringLiteral("header '%1'").arg(m_layout.columns[c].name);
                return s.nonEmpty > 0 ? 2 : 1;
            }
        }
        return 0;
    });

    // Response id: a unique column with an id-like header.
    pick(m.responseId, [&](int c, const ColumnStats &s, QString &why) -> double {
        const QString k = key(c);
        const bool unique = s.nonEmpty > 0 && s.distinct == s.nonEmpty;
        if (s.nonEmpty == 0)
            return 0;
        static const char *const strong[] = {"responseid",  "recordid",    "respondentid", "#",
                                             "respuestaid", "idrespuesta", "antwortid"};
        for (const char *candidate : strong) {
            if (k == QLatin1String(candidate)) {
                why = QStringLiteral("header '%1'").arg(m_layout.columns[c].name) +
                      (unique ? QStringLiteral(", unique values") : QString());
                return unique ? 4 : 3;
            }
        }
        if (unique && (k == QLatin1String("id") || k.endsWith(QLatin1String("id")))) {
            why = QStringLiteral("header '%1', unique values").arg(m_layout.columns[c].name);
            return 2;
        }
        return 0;
    });

    // Name.
    pick(m.name, [&](int c, const ColumnStats &, QString &why) -> double {
        const QString k = key(c);
        static const char *const full[] = {"name",       "fullname",     "respondentname",
                                           "nombre",     "nom",          "recipientname",
                                           "personname", "customername", "contactname"};
        for (const char *candidate : full) {
            if (k == QLatin1String(candidate)) {
                why = QStringLiteral("header '%1'").arg(m_layout.columns[c].name);
                return 2;
            }
        }
        if (k == QLatin1String("firstname") || k == QLatin1String("recipientfirstname") ||
            k == QLatin1String("vorname") || k == QLatin1String("prenom") || k == QLatin1String("prénom")) {
            why = QStringLiteral("header '%1' (first name only)").arg(m_layout.columns[c].name);
            return 1;
        }
        return 0;
    });

    // Comment: free text under a comment-like header, else the longest free text.
    pick(m.comment, [&](int c, const ColumnStats &s, QString &why) -> double {
        if (s.nonEmpty == 0 || s.numeric * 2 > s.nonEmpty || s.timeOk * 2 > s.nonEmpty)
            return 0;
        const QString w = findWord(
            header(c), {"comment",  "why",     "reason",        "explain",     "explication", "feedback",
                        "verbatim", "tell us", "comentario",    "commentaire", "kommentar",   "begründung",
                        "motivo",   "razón",   "pourquoi",      "por qué",     "warum",       "open-ended",
                        "remark",   "suggest", "anything else", "texto",       "opinion"});
        if (!w.isEmpty()) {
            why = QStringLiteral("header mentions '%1', text averaging %2 characters")
                      .arg(w)
                      .arg(qRound(s.avgLength()));
            return 10 + std::min(s.avgLength(), 100.0) / 10;
        }
        if (s.avgLength() >= 25 && s.distinct * 2 >= s.nonEmpty) {
            why = QStringLiteral("free text averaging %1 characters").arg(qRound(s.avgLength()));
            return std::min(s.avgLength(), 100.0) / 10;
        }
        return 0;
    });

    // Segment candidates: everything else that groups respondents.
    for (int c = 0; c < width; ++c) {
        if (taken[size_t(c)] || c == m_statusColumn)
            continue;
        const ColumnStats &s = stats[size_t(c)];
        const QString k = key(c);
        if (s.nonEmpty == 0)
            continue;
        if (k.startsWith(QLatin1String("ip")) || k.startsWith(QLatin1String("location")) ||
            k.contains(QLatin1String("latitude")) || k.contains(QLatin1String("longitude")) ||
            k.contains(QLatin1String("importid")) || k.startsWith(QLatin1String("duration")) ||
            k == QLatin1String("progress") || k == QLatin1String("finished") ||
            k.contains(QLatin1String("email")))
            continue;
        // Identities, personal data, links and tool internals are not segments.
        if (k.contains(QLatin1String("name")) || k.endsWith(QLatin1String("id")) || k == QLatin1String("#") ||
            k == QLatin1String("no") || k.contains(QLatin1String("token")) ||
            k.contains(QLatin1String("url")) || k.contains(QLatin1String("link")) ||
            k.contains(QLatin1String("useragent")) || k.contains(QLatin1String("internal")) ||
            k == QLatin1String("notes") || k == QLatin1String("tags") || k == QLatin1String("seed") ||
            k == QLatin1String("lastpage"))
            continue;
        if (s.timeOk * 2 > s.nonEmpty)
            continue; // dates (e.g. a signup date) are not categories
        const bool numbers = s.numeric * 10 >= s.nonEmpty * 9;
        const bool idLike = s.distinct == s.nonEmpty && s.nonEmpty >= 20;
        if (s.boolean * 10 >= s.nonEmpty * 9 && s.distinct <= 4) {
            m.segments.push_back({c, QStringLiteral("yes/no values")});
        } else if (numbers &&
                   !(s.distinct == s.nonEmpty && s.nonEmpty >= 20 && s.integerSeen && s.distinct > 100)) {
            m.segments.push_back({c, s.distinct <= 12 ? QStringLiteral("%1 distinct numbers").arg(s.distinct)
                                                      : QStringLiteral("numbers (can be bucketed)")});
        } else if (!numbers && !idLike && s.avgLength() <= 40 &&
                   (s.distinct <= 50 || s.distinct * 5 <= s.nonEmpty)) {
            m.segments.push_back({c, QStringLiteral("%1 distinct values").arg(s.distinct)});
        }
    }

    m_groupCodes = m.group.found() && m.group.reason.startsWith(QLatin1String("Qualtrics NPS group codes"));
    // Vendor group cross-check on the sample.
    if (m.group.found() && m.score.found()) {
        int checked = 0, disagree = 0;
        for (const Record &r : m_sample) {
            const ScoreResult sr = score(r);
            if (!sr.ok())
                continue;
            ++checked;
            disagree += !groupMismatch(r, sr).isEmpty();
        }
        if (disagree > 0)
            m_layout.warnings << QStringLiteral("'%1' disagrees with the score on %2 of %3 sampled rows")
                                     .arg(m_layout.columns[m.group.column].name)
                                     .arg(disagree)
                                     .arg(checked);
        m.group.reason += QStringLiteral("; agrees with the score on %1 of %2 sampled rows")
                              .arg(checked - disagree)
                              .arg(checked);
    }
    if (!m.score.found())
        m_layout.warnings << QStringLiteral("no 0-10 question found");
    else if (!m.scaleWarning.isEmpty())
        m_layout.warnings << m.scaleWarning;
}

void SurveyFile::decideDateOrder(bool allowPrepass)
{
    FieldMapping &m = m_mapping;
    m.dateOrderAmbiguous = false;
    if (m_options.dateOrder != DateOrder::Auto) {
        m.dateOrder = m_options.dateOrder;
        m.dateOrderReason = QStringLiteral("set by the user");
        return;
    }
    m.dateOrder = localeDateOrder();
    if (!m.time.found()) {
        m.dateOrderReason = QStringLiteral("no time column");
        return;
    }
    const int column = m.time.column;
    qint64 dmy = 0, mdy = 0, slash = 0;
    for (const Record &r : m_sample) {
        const QByteArrayView v = r.cell(column);
        const int e = slashDateEvidence(v);
        dmy += e == 1;
        mdy += e == 2;
        slash += e != 0 || looksLikeSlashDate(v);
    }
    QString scope = QStringLiteral("sampled");
    if (slash > 0 && allowPrepass && m_sample.size() >= size_t(kSampleRecords)) {
        // Slash dates beyond the sample may decide or contradict it: read the whole column once.
        dmy = mdy = slash = 0;
        std::unique_ptr<RowSource> source = openSource();
        Record r;
        int headers = 0;
        while (source->next(r)) {
            if (headers < m_layout.headerRows) {
                if (!(headers == 0 && isBlank(r)))
                    ++headers;
                continue;
            }
            const QByteArrayView v = r.cell(column);
            const int e = slashDateEvidence(v);
            dmy += e == 1;
            mdy += e == 2;
            slash += e != 0 || looksLikeSlashDate(v);
        }
        scope = QStringLiteral("all");
    }
    const QString name = m_layout.columns[column].name;
    if (dmy > 0 && mdy == 0) {
        m.dateOrder = DateOrder::DayMonthYear;
        m.dateOrderReason =
            QStringLiteral("day first: %1 value(s) of '%2' have a first part over 12").arg(dmy).arg(name);
    } else if (mdy > 0 && dmy == 0) {
        m.dateOrder = DateOrder::MonthDayYear;
        m.dateOrderReason =
            QStringLiteral("month first: %1 value(s) of '%2' have a second part over 12").arg(mdy).arg(name);
    } else if (dmy > 0 && mdy > 0) {
        m.dateOrder = dmy >= mdy ? DateOrder::DayMonthYear : DateOrder::MonthDayYear;
        m.dateOrderAmbiguous = true;
        m.dateOrderReason = QStringLiteral("'%1' mixes day-first (%2) and month-first (%3) values; using %4")
                                .arg(name)
                                .arg(dmy)
                                .arg(mdy)
                                .arg(dateOrderName(m.dateOrder));
        m_layout.warnings << m.dateOrderReason;
    } else if (slash > 0) {
        m.dateOrderAmbiguous = true;
        m.dateOrderReason =
            QStringLiteral("ambiguous: %1 slash dates of '%2' all have both parts 12 or less; using "
                           "the system locale's order (%3), override with a date order")
                .arg(scope, name, dateOrderName(m.dateOrder));
        m_layout.warnings << m.dateOrderReason;
    } else {
        m.dateOrderReason = QStringLiteral("no day/month dates in '%1'").arg(name);
    }
}

void SurveyFile::applyOverrides(const MappingOverrides &overrides)
{
    const QStringList fields = mappableFields();
    const auto columnFor = [&](const QString &name) {
        const int c = m_layout.columnIndex(name);
        if (c < 0)
            throw Error::usage(QStringLiteral("no column named '%1'; columns are: %2")
                                   .arg(name, m_layout.columnNames().join(QStringLiteral(", "))));
        return c;
    };
    bool timeChanged = false;
    for (auto it = overrides.fields.cbegin(); it != overrides.fields.cend(); ++it) {
        const QString field = it.key().trimmed().toLower();
        if (!fields.contains(field))
            throw Error::usage(QStringLiteral("unknown field '%1'; fields are: %2")
                                   .arg(it.key(), fields.join(QStringLiteral(", "))));
        const bool none =
            it.value().isEmpty() || it.value().compare(QLatin1String("none"), Qt::CaseInsensitive) == 0;
        const FieldChoice choice{none ? -1 : columnFor(it.value()),
                                 none ? QString() : QStringLiteral("set by the user")};
        FieldMapping &m = m_mapping;
        FieldChoice *target = field == QLatin1String("score")     ? &m.score
                              : field == QLatin1String("comment") ? &m.comment
                              : field == QLatin1String("time")    ? &m.time
                              : field == QLatin1String("id")      ? &m.responseId
                              : field == QLatin1String("user")    ? &m.userId
                              : field == QLatin1String("email")   ? &m.email
                              : field == QLatin1String("name")    ? &m.name
                              : field == QLatin1String("active")  ? &m.active
                                                                  : &m.group;
        *target = choice;
        if (target == &m.score && !m.scaleWarning.isEmpty()) {
            m_layout.warnings.removeAll(m.scaleWarning);
            m.scaleWarning.clear();
        }
        if (target == &m.score && choice.found()) {
            const ColumnStats s = statsOf(m_sample, choice.column);
            if (s.scoreOk == 0) {
                m.scale = ScoreScale::Unknown;
                m.scaleWarning = QStringLiteral("'%1' has no 0-10 values in the sample").arg(it.value());
            } else if (s.scoreMax <= 5 && s.scoreMin >= 1 && s.scoreOk >= 10) {
                m.scale = ScoreScale::OneToFive;
                m.scaleWarning = QStringLiteral("'%1' looks like a 1-5 scale").arg(it.value());
            } else if (!s.scoreSeen[0] && s.scoreSeen[1] && s.scoreOk >= 30) {
                m.scale = ScoreScale::OneToTen;
                m.scaleWarning = QStringLiteral("'%1' looks like a 1-10 scale (no zeros)").arg(it.value());
            } else {
                m.scale = ScoreScale::ZeroToTen;
            }
            if (!m.scaleWarning.isEmpty())
                m_layout.warnings << m.scaleWarning;
        }
        if (target == &m.score && !choice.found())
            m.scale = ScoreScale::Unknown;
        if (target == &m.time) {
            timeChanged = true;
            if (choice.found()) {
                const ColumnStats s = statsOf(m_sample, choice.column);
                m_timeAllowsSerial = s.plainNumber > 0;
            }
        }
        if (target == &m.active && choice.found()) {
            const ColumnStats s = statsOf(m_sample, choice.column);
            m.activeKind = s.boolean * 2 >= s.nonEmpty ? ActiveKind::Boolean : ActiveKind::LastActiveDate;
            m_activeAllowsSerial = true;
        } else if (target == &m.active) {
            m.activeKind = ActiveKind::None;
        }
        // A column mapped to a field is no longer a segment.
        if (choice.found()) {
            m.segments.erase(std::remove_if(m.segments.begin(), m.segments.end(),
                                            [&](const FieldChoice &s) { return s.column == choice.column; }),
                             m.segments.end());
        }
    }
    if (!overrides.segments.isEmpty()) {
        m_mapping.segments.clear();
        for (const QString &name : overrides.segments)
            m_mapping.segments.push_back({columnFor(name), QStringLiteral("set by the user")});
    }
    if (timeChanged)
        decideDateOrder(true);
}

void SurveyFile::requireImportable() const
{
    if (!m_mapping.score.found()) {
        throw Error::badInput(
            QStringLiteral("%1: no 0-10 question found (no column has 0-10 answers under a "
                           "recommend/likely/NPS/score header, or 0-10 values spread like an NPS "
                           "question). Columns considered: %2. Map one with score=COLUMN.")
                .arg(QFileInfo(m_path).fileName(), m_mapping.consideredForScore.join(QStringLiteral("; "))));
    }
    if ((m_mapping.scale == ScoreScale::OneToTen || m_mapping.scale == ScoreScale::OneToFive) &&
        !m_options.acceptNonStandardScale) {
        throw Error::badInput(QStringLiteral("%1: %2. Confirm the scale to import it anyway.")
                                  .arg(QFileInfo(m_path).fileName(), m_mapping.scaleWarning));
    }
}

// ---- typing -------------------------------------------------------------------

ScoreResult SurveyFile::score(const Record &record) const
{
    if (!m_mapping.score.found())
        return {-1, ScoreProblem::Empty, -1};
    ScoreResult r = parseScore(record.cell(m_mapping.score.column));
    r.column = m_mapping.score.column;
    if (r.ok() && m_mapping.scale == ScoreScale::OneToFive && r.value > 5)
        r.problem = ScoreProblem::OutOfRange;
    return r;
}

QString SurveyFile::comment(const Record &record) const
{
    if (!m_mapping.comment.found())
        return {};
    const QByteArrayView cell = record.cell(m_mapping.comment.column);
    if (isMissingValue(cell))
        return {};
    return QString::fromUtf8(cell.data(), cell.size()).trimmed();
}

TimeResult SurveyFile::timeOf(const Record &record, int column) const
{
    const QTimeZone *zone = m_zoneIsUtc ? nullptr : &m_options.timeZone;
    const bool serial = column == m_mapping.time.column ? m_timeAllowsSerial : m_activeAllowsSerial;
    TimeResult r = parseTime(record.cell(column), m_mapping.dateOrder, zone, serial);
    r.column = column;
    return r;
}

TimeResult SurveyFile::time(const Record &record) const
{
    if (!m_mapping.time.found())
        return {0, TimeProblem::Empty, -1};
    return timeOf(record, m_mapping.time.column);
}

std::optional<bool> SurveyFile::active(const Record &record, const TimeResult &responseTime) const
{
    if (!m_mapping.active.found())
        return std::nullopt;
    if (m_mapping.activeKind == ActiveKind::Boolean)
        return parseBoolean(record.cell(m_mapping.active.column));
    const TimeResult last = timeOf(record, m_mapping.active.column);
    if (!last.ok() || !responseTime.ok())
        return std::nullopt;
    return responseTime.utcSeconds - last.utcSeconds <= kActiveWindowSeconds;
}

QString SurveyFile::groupMismatch(const Record &record, const ScoreResult &score) const
{
    if (!m_mapping.group.found() || !score.ok() || m_mapping.scale != ScoreScale::ZeroToTen)
        return {};
    const QByteArrayView cell = record.cell(m_mapping.group.column);
    const QByteArrayView code = trimView(cell);
    const int vendor = !m_groupCodes ? parseNpsGroup(cell)
                       : code == "1" ? 0
                       : code == "2" ? 1
                       : code == "3" ? 2
                                     : -1;
    if (vendor < 0)
        return {};
    const int ours = npsGroupOfScore(score.value);
    if (vendor == ours)
        return {};
    static const char *const names[] = {"a detractor", "a passive", "a promoter"};
    return QStringLiteral("%1 says %2 but score %3 is %4")
        .arg(m_layout.columns[m_mapping.group.column].name,
             QString::fromUtf8(cell.data(), cell.size()).trimmed())
        .arg(score.value)
        .arg(QLatin1String(names[ours]));
}

QJsonObject SurveyFile::describe() const
{
    const Layout &layout = m_layout;
    const FieldMapping &m = m_mapping;
    const auto columnName = [&](const FieldChoice &c) {
        return c.found() ? layout.columns[c.column].name : QString();
    };
    const QList<QPair<QString, const FieldChoice *>> fields = {
        {QStringLiteral("score"), &m.score}, {QStringLiteral("comment"), &m.comment},
        {QStringLiteral("time"), &m.time},   {QStringLiteral("id"), &m.responseId},
        {QStringLiteral("user"), &m.userId}, {QStringLiteral("email"), &m.email},
        {QStringLiteral("name"), &m.name},   {QStringLiteral("active"), &m.active},
        {QStringLiteral("group"), &m.group}};
    QJsonArray columns, mapping, segments, warnings;
    for (const Column &c : layout.columns)
        columns.append(QJsonObject{{QStringLiteral("name"), c.name}, {QStringLiteral("label"), c.label}});
    for (const auto &[field, choice] : fields)
        mapping.append(QJsonObject{{QStringLiteral("field"), field},
                                   {QStringLiteral("column"), columnName(*choice)},
                                   {QStringLiteral("index"), choice->column},
                                   {QStringLiteral("reason"), choice->reason}});
    for (const FieldChoice &s : m.segments)
        segments.append(QJsonObject{{QStringLiteral("column"), columnName(s)},
                                    {QStringLiteral("index"), s.column},
                                    {QStringLiteral("reason"), s.reason}});
    for (const QString &w : layout.warnings)
        warnings.append(w);
    const QString delimiter = layout.xlsx                ? QString()
                              : layout.delimiter == '\t' ? QStringLiteral("tab")
                                                         : QString(QLatin1Char(layout.delimiter));
    const char *activeKinds[] = {"none", "boolean", "last-active-date"};
    return QJsonObject{
        {QStringLiteral("file"), QFileInfo(m_path).fileName()},
        {QStringLiteral("preset"), presetName(layout.preset)},
        {QStringLiteral("confidence"), layout.confidence},
        {QStringLiteral("preset_reason"), layout.presetReason},
        {QStringLiteral("format"), layout.xlsx ? QStringLiteral("xlsx") : QStringLiteral("csv")},
        {QStringLiteral("sheet"), layout.sheetName},
        {QStringLiteral("encoding"), encodingName(layout.encoding)},
        {QStringLiteral("encoding_reason"), layout.encodingReason},
        {QStringLiteral("delimiter"), delimiter},
        {QStringLiteral("header_rows"), layout.headerRows},
        {QStringLiteral("columns"), columns},
        {QStringLiteral("mapping"), mapping},
        {QStringLiteral("segments"), segments},
        {QStringLiteral("scale"), scoreScaleName(m.scale)},
        {QStringLiteral("scale_warning"), m.scaleWarning},
        {QStringLiteral("scale_accepted"), m_options.acceptNonStandardScale},
        {QStringLiteral("active_kind"), QLatin1String(activeKinds[int(m.activeKind)])},
        {QStringLiteral("date_order"), dateOrderName(m.dateOrder)},
        {QStringLiteral("date_order_ambiguous"), m.dateOrderAmbiguous},
        {QStringLiteral("date_order_reason"), m.dateOrderReason},
        {QStringLiteral("time_zone"), QString::fromUtf8(m_options.timeZone.id())},
        {QStringLiteral("warnings"), warnings}};
}

// ---- cursor -------------------------------------------------------------------

RecordCursor SurveyFile::records() const
{
    RecordCursor cursor(openSource(), this);
    int headers = 0;
    while (headers < m_layout.headerRows && cursor.m_source->next(cursor.m_record)) {
        if (headers == 0 && isBlank(cursor.m_record))
            continue;
        ++headers;
    }
    return cursor;
}

RecordCursor::RecordCursor(std::unique_ptr<RowSource> source, const SurveyFile *file)
    : m_source(std::move(source))
    , m_file(file)
{
}

RecordCursor::RecordCursor(RecordCursor &&) noexcept = default;
RecordCursor &RecordCursor::operator=(RecordCursor &&) noexcept = default;
RecordCursor::~RecordCursor() = default;

void RecordCursor::setProgress(std::function<void(qint64, qint64)> callback, qint64 everyBytes)
{
    m_progress = std::move(callback);
    m_progressEvery = std::max<qint64>(1, everyBytes);
    m_nextProgress = 0;
}

qint64 RecordCursor::bytesRead() const
{
    return m_source->bytesRead();
}

qint64 RecordCursor::totalBytes() const
{
    return m_source->totalBytes();
}

qint64 RecordCursor::invalidBytes() const
{
    if (const auto *csv = dynamic_cast<const CsvReader *>(m_source.get()))
        return csv->invalidBytes();
    return 0;
}

bool RecordCursor::next()
{
    for (;;) {
        if (m_cancel && m_cancel->load(std::memory_order_relaxed))
            throw Error::cancelled();
        if (!m_source->next(m_record)) {
            if (m_progress)
                m_progress(m_source->bytesRead(), m_source->totalBytes());
            return false;
        }
        if (isBlank(m_record))
            continue;
        m_file->finishRecord(m_record);
        m_ragged += m_record.isRagged();
        m_excluded += !m_record.exclusion().isEmpty();
        if (m_progress && m_source->bytesRead() >= m_nextProgress) {
            m_progress(m_source->bytesRead(), m_source->totalBytes());
            m_nextProgress = m_source->bytesRead() + m_progressEvery;
        }
        return true;
    }
}

} // namespace nps

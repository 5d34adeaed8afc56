#include "readers/ValueParsers.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <cstring>

namespace nps {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

QByteArrayView trimmed(QByteArrayView v)
{
    qsizetype b = 0, e = v.size();
    while (b < e && isSpace(v[b]))
        ++b;
    while (e > b && isSpace(v[e - 1]))
        --e;
    // A UTF-8 no-break space (C2 A0) around a number is common in spreadsheets.
    return v.sliced(b, e - b);
}

// Case-insensitive ASCII equality with a lowercase literal.
bool equalsLower(QByteArrayView v, const char *lower)
{
    const size_t n = std::strlen(lower);
    if (size_t(v.size()) != n)
        return false;
    for (size_t i = 0; i < n; ++i) {
        char c = v[qsizetype(i)];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lower[i])
            return false;
    }
    return true;
}

bool startsWithLower(QByteArrayView v, const char *lower)
{
    const size_t n = std::strlen(lower);
    return size_t(v.size()) >= n && equalsLower(v.first(qsizetype(n)), lower);
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

// Reads 1..maxDigits digits at `i`.
bool readInt(QByteArrayView v, qsizetype &i, int minDigits, int maxDigits, int &out)
{
    int n = 0;
    int value = 0;
    while (i < v.size() && isDigit(v[i]) && n < maxDigits) {
        value = value * 10 + (v[i] - '0');
        ++i;
        ++n;
    }
    if (n < minDigits || (i < v.size() && isDigit(v[i])))
        return false;
    out = value;
    return true;
}

struct Clock
{
    int hour = 0, minute = 0, second = 0;
};

// "HH:MM[:SS[.fff]]" then optional AM/PM. Returns false on junk.
bool readTimeOfDay(QByteArrayView v, qsizetype &i, Clock &clock)
{
    if (!readInt(v, i, 1, 2, clock.hour) || i >= v.size() || v[i] != ':')
        return false;
    ++i;
    if (!readInt(v, i, 2, 2, clock.minute))
        return false;
    if (i < v.size() && v[i] == ':') {
        ++i;
        if (!readInt(v, i, 2, 2, clock.second))
            return false;
        if (i < v.size() && (v[i] == '.' || v[i] == ',')) {
            ++i;
            while (i < v.size() && isDigit(v[i]))
                ++i;
        }
    }
    qsizetype j = i;
    while (j < v.size() && v[j] == ' ')
        ++j;
    const QByteArrayView rest = v.sliced(j);
    const bool am = startsWithLower(rest, "am") || startsWithLower(rest, "a.m.");
    const bool pm = startsWithLower(rest, "pm") || startsWithLower(rest, "p.m.");
    if (am || pm) {
        if (clock.hour < 1 || clock.hour > 12)
            return false;
        clock.hour = clock.hour % 12 + (pm ? 12 : 0);
        i = j + (rest.size() >= 4 && rest[1] == '.' ? 4 : 2);
    }
    return clock.hour <= 23 && clock.minute <= 59 && clock.second <= 60;
}

// Optional zone at `i`: Z, ±HH, ±HH:MM, ±HHMM, " UTC", " GMT", "(UTC)". Sets hasZone.
bool readZone(QByteArrayView v, qsizetype &i, bool &hasZone, int &offsetSeconds)
{
    while (i < v.size() && v[i] == ' ')
        ++i;
    hasZone = false;
    offsetSeconds = 0;
    if (i >= v.size())
        return true;
    const QByteArrayView rest = v.sliced(i);
    if (rest == "Z" || rest == "z" || equalsLower(rest, "utc") || equalsLower(rest, "gmt") ||
        equalsLower(rest, "(utc)")) {
        hasZone = true;
        i = v.size();
        return true;
    }
    if (v[i] == '+' || v[i] == '-') {
        const int sign = v[i] == '-' ? -1 : 1;
        ++i;
        int hh = 0, mm = 0;
        const auto twoDigits = [&](int &out) {
            if (i + 1 >= v.size() || !isDigit(v[i]) || !isDigit(v[i + 1]))
                return false;
            out = (v[i] - '0') * 10 + (v[i + 1] - '0');
            i += 2;
            return true;
        };
        if (!twoDigits(hh))
            return false;
        if (i < v.size() && v[i] == ':')
            ++i;
        if (i < v.size() && !twoDigits(mm))
            return false;
        if (hh > 18 || mm > 59)
            return false;
        hasZone = true;
        offsetSeconds = sign * (hh * 3600 + mm * 60);
        return i == v.size();
    }
    return false;
}

bool finish(int y, int m, int d, const Clock &clock, bool hasZone, int offset, const QTimeZone *zone,
            TimeResult &result)
{
    if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999 || d > daysInMonth(y, m)) {
        result.problem = TimeProblem::InvalidDate;
        return false;
    }
    if (!hasZone && zone && *zone != QTimeZone::utc()) {
        const QDateTime local(QDate(y, m, d), QTime(clock.hour, clock.minute, std::min(clock.second, 59)),
                              *zone);
        result.utcSeconds = local.toSecsSinceEpoch();
        return true;
    }
    result.utcSeconds = daysFromCivil(y, unsigned(m), unsigned(d)) * 86400 + clock.hour * 3600 +
                        clock.minute * 60 + clock.second - offset;
    return true;
}

int expandYear(int y, int digits)
{
    if (digits > 2)
        return y;
    return y < 70 ? 2000 + y : 1900 + y;
}

} // namespace

bool isMissingValue(QByteArrayView raw)
{
    const QByteArrayView v = trimmed(raw);
    if (v.isEmpty())
        return true;
    static const char *const missing[] = {"na", "n/a", "#n/a", "null", "none", "-", "--", "nan", "."};
    for (const char *m : missing) {
        if (equalsLower(v, m))
            return true;
    }
    return false;
}

QString scoreScaleName(ScoreScale scale)
{
    switch (scale) {
    case ScoreScale::ZeroToTen:
        return QStringLiteral("0-10");
    case ScoreScale::OneToTen:
        return QStringLiteral("1-10");
    case ScoreScale::OneToFive:
        return QStringLiteral("1-5");
    case ScoreScale::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString ScoreResult::reason(QByteArrayView cell) const
{
    const QString text = QString::fromUtf8(cell.data(), std::min<qsizetype>(cell.size(), 60)).trimmed();
    switch (problem) {
    case ScoreProblem::None:
        return {};
    case ScoreProblem::Empty:
        return QStringLiteral("empty score (a skipped answer, not a zero)");
    case ScoreProblem::Missing:
        return QStringLiteral("score '%1' means missing").arg(text);
    case ScoreProblem::NotANumber:
        return QStringLiteral("score '%1' is not a number").arg(text);
    case ScoreProblem::NotAnInteger:
        return QStringLiteral("score '%1' is not a whole number").arg(text);
    case ScoreProblem::OutOfRange:
        return QStringLiteral("score '%1' is outside 0-10").arg(text);
    }
    return {};
}

ScoreResult parseScore(QByteArrayView raw)
{
    ScoreResult r;
    const QByteArrayView v = trimmed(raw);
    if (v.isEmpty()) {
        r.problem = ScoreProblem::Empty;
        return r;
    }
    if (isMissingValue(v)) {
        r.problem = ScoreProblem::Missing;
        return r;
    }
    qsizetype i = 0;
    if (v[0] == '-' && v.size() > 1 && isDigit(v[1])) {
        r.problem = ScoreProblem::OutOfRange;
        return r;
    }
    int value = 0;
    int digits = 0;
    while (i < v.size() && isDigit(v[i])) {
        if (digits < 6)
            value = value * 10 + (v[i] - '0');
        ++digits;
        ++i;
    }
    if (digits == 0) {
        r.problem = ScoreProblem::NotANumber;
        return r;
    }
    if (i < v.size() && (v[i] == '.' || v[i] == ',') && i + 1 < v.size() && isDigit(v[i + 1])) {
        ++i;
        bool fraction = false;
        while (i < v.size() && isDigit(v[i])) {
            fraction |= v[i] != '0';
            ++i;
        }
        if (fraction) {
            r.problem = ScoreProblem::NotAnInteger;
            return r;
        }
    }
    if (i < v.size()) {
        // A label may follow: "10 - Extremely likely", "0 (Not at all likely)", "8/10".
        qsizetype j = i;
        while (j < v.size() && v[j] == ' ')
            ++j;
        const char c = j < v.size() ? v[j] : '\0';
        const bool label = c == '-' || c == '(' || c == '=' || c == ':' || c == '/' ||
                           static_cast<unsigned char>(c) >= 0x80 || (isAsciiLetter(c) && j > i);
        if (!label) {
            r.problem = ScoreProblem::NotANumber;
            return r;
        }
    }
    if (digits > 2 || value > 10) {
        r.problem = ScoreProblem::OutOfRange;
        return r;
    }
    r.value = value;
    return r;
}

QString dateOrderName(DateOrder order)
{
    switch (order) {
    case DateOrder::DayMonthYear:
        return QStringLiteral("dmy");
    case DateOrder::MonthDayYear:
        return QStringLiteral("mdy");
    case DateOrder::YearMonthDay:
        return QStringLiteral("ymd");
    case DateOrder::Auto:
        break;
    }
    return QStringLiteral("auto");
}

bool dateOrderFromName(const QString &name, DateOrder *order)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("dmy"))
        *order = DateOrder::DayMonthYear;
    else if (n == QLatin1String("mdy"))
        *order = DateOrder::MonthDayYear;
    else if (n == QLatin1String("ymd"))
        *order = DateOrder::YearMonthDay;
    else if (n == QLatin1String("auto"))
        *order = DateOrder::Auto;
    else
        return false;
    return true;
}

DateOrder localeDateOrder()
{
    const QString format = QLocale::system().dateFormat(QLocale::ShortFormat);
    for (const QChar c : format) {
        if (c == QLatin1Char('d'))
            return DateOrder::DayMonthYear;
        if (c == QLatin1Char('M'))
            return DateOrder::MonthDayYear;
        if (c == QLatin1Char('y'))
            return DateOrder::YearMonthDay;
    }
    return DateOrder::MonthDayYear;
}

QString TimeResult::reason(QByteArrayView cell) const
{
    const QString text = QString::fromUtf8(cell.data(), std::min<qsizetype>(cell.size(), 60)).trimmed();
    switch (problem) {
    case TimeProblem::None:
        return {};
    case TimeProblem::Empty:
        return QStringLiteral("empty time");
    case TimeProblem::Unrecognised:
        return QStringLiteral("time '%1' is not a recognised date format").arg(text);
    case TimeProblem::InvalidDate:
        return QStringLiteral("time '%1' is not a valid calendar date").arg(text);
    }
    return {};
}

int slashDateEvidence(QByteArrayView raw)
{
    const QByteArrayView v = trimmed(raw);
    qsizetype i = 0;
    int a = 0, b = 0;
    if (!readInt(v, i, 1, 2, a) || i >= v.size() || (v[i] != '/' && v[i] != '.' && v[i] != '-'))
        return 0;
    const char sep = v[i++];
    if (!readInt(v, i, 1, 2, b) || i >= v.size() || v[i] != sep)
        return 0;
    if (a > 12 && b <= 12)
        return 1;
    if (b > 12 && a <= 12)
        return 2;
    return 0;
}

TimeResult parseTime(QByteArrayView raw, DateOrder order, const QTimeZone *zone, bool allowSerial)
{
    TimeResult r;
    const QByteArrayView v = trimmed(raw);
    if (v.isEmpty()) {
        r.problem = TimeProblem::Empty;
        return r;
    }
    r.problem = TimeProblem::Unrecognised;
    qsizetype lead = 0;
    while (lead < v.size() && isDigit(v[lead]))
        ++lead;
    if (lead == 0)
        return r;

    // Plain numbers: Unix seconds / milliseconds, Excel serial days.
    bool plainNumber = lead == v.size();
    if (!plainNumber && v[lead] == '.') {
        qsizetype k = lead + 1;
        while (k < v.size() && isDigit(v[k]))
            ++k;
        plainNumber = k == v.size();
    }
    if (plainNumber) {
        if (lead > 15)
            return r;
        qint64 whole = 0;
        for (qsizetype x = 0; x < lead; ++x)
            whole = whole * 10 + (v[x] - '0');
        double fraction = 0;
        if (lead < v.size()) {
            double scale = 0.1;
            for (qsizetype x = lead + 1; x < v.size() && scale > 1e-12; ++x, scale /= 10)
                fraction += (v[x] - '0') * scale;
        }
        if (lead >= 12 && lead <= 14) {
            r.utcSeconds = whole / 1000;
        } else if (lead >= 9 && lead <= 11) {
            r.utcSeconds = whole;
        } else if (allowSerial && whole >= 1 && whole <= 2958465) {
            // 1900 system: serial 1 is 1900-01-01 and Excel's phantom 1900-02-29 is
            // serial 60, so serials after it are one day ahead (epoch 1899-12-30).
            const qint64 days = whole < 60 ? whole - 1 - 25567 + 0 : whole - 25569;
            const qint64 seconds = qint64(fraction * 86400.0 + 0.5);
            r.utcSeconds = days * 86400 + seconds;
            if (!zone || *zone == QTimeZone::utc()) {
                r.problem = TimeProblem::None;
                return r;
            }
            const QDateTime utc = QDateTime::fromSecsSinceEpoch(r.utcSeconds, Qt::UTC);
            r.utcSeconds = QDateTime(utc.date(), utc.time(), *zone).toSecsSinceEpoch();
        } else {
            return r;
        }
        r.problem = TimeProblem::None;
        return r;
    }

    int y = 0, m = 0, d = 0;
    qsizetype i = 0;
    if (lead == 4 && (v[4] == '-' || v[4] == '/' || v[4] == '.')) {
        const char sep = v[4];
        i = 5;
        if (!readInt(v, i, 1, 2, m) || i >= v.size() || v[i] != sep)
            return r;
        ++i;
        if (!readInt(v, i, 1, 2, d))
            return r;
        y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
    } else if (lead <= 2 && (v[lead] == '/' || v[lead] == '.' || v[lead] == '-')) {
        const char sep = v[lead];
        int a = 0, b = 0, c = 0;
        if (!readInt(v, i, 1, 2, a))
            return r;
        ++i;
        if (!readInt(v, i, 1, 2, b) || i >= v.size() || v[i] != sep)
            return r;
        ++i;
        const qsizetype yearStart = i;
        if (!readInt(v, i, 2, 4, c) || i - yearStart == 3)
            return r;
        const int year = expandYear(c, int(i - yearStart));
        DateOrder effective = order;
        if (effective == DateOrder::Auto || effective == DateOrder::YearMonthDay)
            effective = a > 12 ? DateOrder::DayMonthYear : DateOrder::MonthDayYear;
        y = year;
        if (effective == DateOrder::DayMonthYear) {
            d = a;
            m = b;
        } else {
            m = a;
            d = b;
        }
    } else {
        return r;
    }

    Clock clock;
    bool hasZone = false;
    int offset = 0;
    if (i < v.size()) {
        if (v[i] == 'T' || v[i] == 't' || v[i] == ' ' || v[i] == ',') {
            qsizetype j = i + 1;
            while (j < v.size() && (v[j] == ' ' || v[j] == ','))
                ++j;
            if (j < v.size() && isDigit(v[j])) {
                i = j;
                if (!readTimeOfDay(v, i, clock))
                    return r;
            }
        }
        if (!readZone(v, i, hasZone, offset) || i != v.size())
            return r;
    }
    if (!finish(y, m, d, clock, hasZone, offset, zone, r))
        return r;
    r.problem = TimeProblem::None;
    return r;
}

std::optional<bool> parseBoolean(QByteArrayView raw)
{
    const QByteArrayView v = trimmed(raw);
    static const char *const yes[] = {"yes",       "y",   "true", "1",    "active",    "si",
                                      "s\xc3\xad", "oui", "ja",   "vrai", "verdadero", "x"};
    static const char *const no[] = {"no",  "n",    "false", "0",     "inactive",
                                     "non", "nein", "faux",  "falso", "not active"};
    for (const char *w : yes) {
        if (equalsLower(v, w))
            return true;
    }
    if (v == "S\xc3\x8d")
        return true;
    for (const char *w : no) {
        if (equalsLower(v, w))
            return false;
    }
    return std::nullopt;
}

int parseNpsGroup(QByteArrayView raw)
{
    const QByteArrayView v = trimmed(raw);
    if (startsWithLower(v, "promot"))
        return 2;
    if (startsWithLower(v, "pass") || startsWithLower(v, "pasiv") || startsWithLower(v, "neutr"))
        return 1;
    if (startsWithLower(v, "detract") || startsWithLower(v, "d\xc3\xa9tract") ||
        startsWithLower(v, "d\xc3\x89tract") || startsWithLower(v, "kritiker") ||
        startsWithLower(v, "detrat"))
        return 0;
    return -1;
}

} // namespace nps

#include "readers/CsvReader.h"

#include "common/Error.h"

#include <QHash>

#include <algorithm>
#include <cstring>
#include <map>

namespace nps {

namespace {

constexpr qint64 kChunk = 1 << 20;
constexpr size_t kMaxRecord = size_t(256) << 20;

// Cells per record of the first lines for one delimiter, quotes respected.
std::vector<int> countCells(QByteArrayView text, char delimiter, int maxRecords)
{
    std::vector<int> counts;
    int cells = 1;
    bool quoted = false;
    bool atFieldStart = true;
    for (qsizetype i = 0; i < text.size() && int(counts.size()) < maxRecords; ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"')
                    ++i;
                else
                    quoted = false;
            }
            continue;
        }
        if (c == '"' && atFieldStart) {
            quoted = true;
            atFieldStart = false;
        } else if (c == delimiter) {
            ++cells;
            atFieldStart = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            counts.push_back(cells);
            cells = 1;
            atFieldStart = true;
        } else {
            atFieldStart = false;
        }
    }
    return counts;
}

const char *delimiterName(char d)
{
    switch (d) {
    case ',':
        return "comma";
    case ';':
        return "semicolon";
    case '\t':
        return "tab";
    default:
        return "pipe";
    }
}

} // namespace

DelimiterGuess detectDelimiter(QByteArrayView utf8Sample)
{
    DelimiterGuess best;
    double bestScore = -1;
    for (const char d : {',', ';', '\t', '|'}) {
        const std::vector<int> counts = countCells(utf8Sample, d, 50);
        if (counts.empty())
            continue;
        std::map<int, int> frequency;
        for (const int c : counts)
            ++frequency[c];
        int mode = 1, modeCount = 0;
        for (const auto &[cells, times] : frequency) {
            if (times > modeCount || (times == modeCount && cells > mode)) {
                mode = cells;
                modeCount = times;
            }
        }
        if (mode <= 1)
            continue;
        // Consistency first; a wider split wins ties (a comma inside a
        // semicolon file splits some lines, never all of them the same way).
        // A delimiter mostly followed by a space is prose punctuation ("a, b").
        qsizetype occurrences = 0, spaced = 0;
        const qsizetype probe = std::min<qsizetype>(utf8Sample.size(), 65536);
        for (qsizetype i = 0; i < probe; ++i) {
            if (utf8Sample[i] == d) {
                ++occurrences;
                spaced += i + 1 < probe && utf8Sample[i + 1] == ' ';
            }
        }
        const double spacedRatio = occurrences ? double(spaced) / double(occurrences) : 0;
        const double score = double(modeCount) / double(counts.size()) * 1000.0 - spacedRatio * 50 +
                             std::min(mode, 999) * 0.01;
        if (score > bestScore) {
            bestScore = score;
            best.delimiter = d;
            best.reason = QStringLiteral("%1: %2 cells on %3 of the first %4 lines")
                              .arg(QLatin1String(delimiterName(d)))
                              .arg(mode)
                              .arg(modeCount)
                              .arg(counts.size());
        }
    }
    if (bestScore < 0)
        best.reason = QStringLiteral("comma (no delimiter splits the first lines; a single column)");
    return best;
}

CsvReader::CsvReader(const QString &path, const CsvOptions &options)
    : m_file(std::make_unique<QFile>(path))
    , m_options(options)
    , m_decoder(options.encoding)
{
    if (!m_file->open(QIODevice::ReadOnly))
        throw Error::badInput(QStringLiteral("%1: cannot open: %2").arg(path, m_file->errorString()));
    m_totalBytes = m_file->size();
}

CsvReader::CsvReader(const QByteArray &data, const CsvOptions &options)
    : m_memory(data)
    , m_options(options)
    , m_decoder(options.encoding)
{
    m_totalBytes = data.size();
}

CsvReader::~CsvReader() = default;

bool CsvReader::fill()
{
    if (m_eof)
        return false;
    // Grow reads with the pending record so a huge record costs linear time.
    const qint64 want = std::max<qint64>(kChunk, qint64(m_buf.size() - m_pos));
    qint64 got;
    const char *raw;
    if (m_file) {
        if (qint64(m_raw.size()) < want)
            m_raw.resize(size_t(want));
        got = m_file->read(m_raw.data(), want);
        if (got < 0)
            throw Error::badInput(
                QStringLiteral("%1: read error: %2").arg(m_file->fileName(), m_file->errorString()));
        raw = m_raw.data();
    } else {
        got = std::min<qint64>(want, m_memory.size() - m_memoryPos);
        raw = m_memory.constData() + m_memoryPos;
        m_memoryPos += got;
    }
    m_bytesRead += got;
    if (got == 0) {
        m_eof = true;
        m_decoder.finish(m_buf);
        return true;
    }
    if (m_pos > 0) {
        m_buf.erase(0, m_pos);
        m_pos = 0;
    }
    if (m_pendingSkip) {
        const qint64 skip = std::min<qint64>(got, m_options.skipBytes);
        raw += skip;
        got -= skip;
        m_options.skipBytes -= int(skip);
        m_pendingSkip = m_options.skipBytes > 0;
    }
    m_decoder.decode(raw, got, m_buf);
    return true;
}

bool CsvReader::next(Record &record)
{
    const char delim = m_options.delimiter;
    for (;;) {
        if (m_pos >= m_buf.size()) {
            if (m_eof)
                return false;
            fill();
            continue;
        }
        const char *buf = m_buf.data();
        const size_t end = m_buf.size();
        size_t i = m_pos;
        qint64 line = m_line;
        record.clear(m_line);
        bool needMore = false;
        bool done = false;
        while (!done) {
            if (i < end && buf[i] == '"') {
                record.beginCell();
                ++i;
                bool closed = false;
                while (true) {
                    const void *q = std::memchr(buf + i, '"', end - i);
                    const size_t stop = q ? size_t(static_cast<const char *>(q) - buf) : end;
                    for (size_t k = i; k < stop; ++k) {
                        if (buf[k] == '\n' || (buf[k] == '\r' && (k + 1 >= stop || buf[k + 1] != '\n')))
                            ++line;
                    }
                    record.appendToLast(buf + i, qsizetype(stop - i));
                    i = stop;
                    if (!q) {
                        needMore = !m_eof;
                        break;
                    }
                    ++i;
                    if (i < end && buf[i] == '"') {
                        record.appendToLast("\"", 1);
                        ++i;
                        continue;
                    }
                    if (i >= end && !m_eof) {
                        needMore = true;
                        break;
                    }
                    closed = true;
                    break;
                }
                if (needMore)
                    break;
                if (!closed) {
                    done = true; // unterminated quote at end of file ends the record
                    break;
                }
                // Text after the closing quote belongs to the same field.
                size_t j = i;
                while (j < end && buf[j] != delim && buf[j] != '\n' && buf[j] != '\r')
                    ++j;
                if (j > i)
                    record.appendToLast(buf + i, qsizetype(j - i));
                i = j;
            } else {
                size_t j = i;
                // Eight bytes at a time until a word holds a delimiter or a line end.
                const quint64 ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
                const quint64 d = ones * static_cast<unsigned char>(delim), lf = ones * '\n',
                              cr = ones * '\r';
                while (j + 8 <= end) {
                    quint64 w;
                    std::memcpy(&w, buf + j, 8);
                    const quint64 a = w ^ d, b = w ^ lf, c = w ^ cr;
                    if (((a - ones) & ~a & highs) | ((b - ones) & ~b & highs) | ((c - ones) & ~c & highs))
                        break;
                    j += 8;
                }
                while (j < end) {
                    const char c = buf[j];
                    if (c == delim || c == '\n' || c == '\r')
                        break;
                    ++j;
                }
                record.addCell(buf + i, qsizetype(j - i));
                i = j;
            }
            if (i >= end) {
                if (!m_eof)
                    needMore = true;
                break;
            }
            const char c = buf[i];
            if (c == delim) {
                ++i;
                if (i >= end) {
                    if (!m_eof) {
                        needMore = true;
                        break;
                    }
                    record.addCell(buf + i, 0);
                    break;
                }
                continue;
            }
            // Line end.
            ++i;
            if (c == '\r') {
                if (i >= end && !m_eof) {
                    needMore = true;
                    break;
                }
                if (i < end && buf[i] == '\n')
                    ++i;
            }
            ++line;
            done = true;
        }
        if (needMore) {
            if (m_buf.size() - m_pos > kMaxRecord)
                throw Error::badInput(
                    QStringLiteral("line %1: a record longer than 256 MiB (unbalanced quote?)").arg(m_line));
            fill();
            continue;
        }
        m_pos = i;
        m_line = line;
        return true;
    }
}

} // namespace nps

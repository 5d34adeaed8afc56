#include "readers/Encoding.h"

#include <QStringList>

#include <cstring>

namespace nps {

namespace {

// Bytes 0x80-0xFF of each 8-bit code page, generated from Python's codecs.
// Windows-1252's five unassigned bytes map to the same C1 code point.
const char16_t kCp1252[128] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
    0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
    0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6,
    0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3,
    0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0,
    0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD,
    0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA,
    0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4,
    0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
};
const char16_t kCp850[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE,
    0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
    0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA,
    0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502,
    0x2524, 0x00C1, 0x00C2, 0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510, 0x2514,
    0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550,
    0x256C, 0x00A4, 0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x0131, 0x00CD, 0x00CE, 0x00CF, 0x2518, 0x250C,
    0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580, 0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,
    0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4, 0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6,
    0x00A7, 0x00F7, 0x00B8, 0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
};
const char16_t kMixed[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE,
    0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
    0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6,
    0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3,
    0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0,
    0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD,
    0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA,
    0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4,
    0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
};
const char16_t kLatin1[128] = {
    0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F,
    0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF,
    0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF,
    0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF,
    0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF,
    0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF,
};

const char16_t *tableFor(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Windows1252:
        return kCp1252;
    case TextEncoding::Latin1:
        return kLatin1;
    case TextEncoding::Cp850:
        return kCp850;
    case TextEncoding::Latin1Cp850Mixed:
        return kMixed;
    default:
        return nullptr;
    }
}

// Length of the valid UTF-8 sequence at p (1..4), 0 when invalid, -1 when the
// sequence is cut by the end of the buffer but valid so far.
int utf8SequenceLength(const unsigned char *p, qsizetype avail)
{
    const unsigned char c = p[0];
    int len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    for (int i = 1; i < len; ++i) {
        if (i >= avail)
            return -1;
        const unsigned char b = p[i];
        if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF))
            return 0;
    }
    return len;
}

bool isLetterByte(unsigned char b)
{
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= 0xA0;
}

} // namespace

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

QString encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return QStringLiteral("utf-8");
    case TextEncoding::Utf16LE:
        return QStringLiteral("utf-16le");
    case TextEncoding::Utf16BE:
        return QStringLiteral("utf-16be");
    case TextEncoding::Windows1252:
        return QStringLiteral("windows-1252");
    case TextEncoding::Latin1:
        return QStringLiteral("latin1");
    case TextEncoding::Cp850:
        return QStringLiteral("cp850");
    case TextEncoding::Latin1Cp850Mixed:
        return QStringLiteral("latin1+cp850");
    }
    return {};
}

QStringList encodingNames()
{
    return {QStringLiteral("utf-8"),        QStringLiteral("utf-16le"), QStringLiteral("utf-16be"),
            QStringLiteral("windows-1252"), QStringLiteral("latin1"),   QStringLiteral("cp850"),
            QStringLiteral("latin1+cp850")};
}

bool encodingFromName(const QString &name, TextEncoding *encoding)
{
    const QString n = name.trimmed().toLower().remove(QLatin1Char('_'));
    static const struct
    {
        const char *name;
        TextEncoding encoding;
    } names[] = {{"utf-8", TextEncoding::Utf8},         {"utf8", TextEncoding::Utf8},
                 {"utf-16le", TextEncoding::Utf16LE},   {"utf16le", TextEncoding::Utf16LE},
                 {"utf-16", TextEncoding::Utf16LE},     {"utf-16be", TextEncoding::Utf16BE},
                 {"utf16be", TextEncoding::Utf16BE},    {"windows-1252", TextEncoding::Windows1252},
                 {"cp1252", TextEncoding::Windows1252}, {"latin1", TextEncoding::Latin1},
                 {"latin-1", TextEncoding::Latin1},     {"iso-8859-1", TextEncoding::Latin1},
                 {"iso8859-1", TextEncoding::Latin1},   {"cp850", TextEncoding::Cp850},
                 {"ibm850", TextEncoding::Cp850},       {"latin1+cp850", TextEncoding::Latin1Cp850Mixed}};
    for (const auto &entry : names) {
        if (n == QLatin1String(entry.name)) {
            *encoding = entry.encoding;
            return true;
        }
    }
    return false;
}

EncodingGuess detectEncoding(QByteArrayView sample)
{
    const auto *p = reinterpret_cast<const unsigned char *>(sample.data());
    const qsizetype n = sample.size();
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return {TextEncoding::Utf8, 3, QStringLiteral("UTF-8 byte order mark")};
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
        return {TextEncoding::Utf16LE, 2, QStringLiteral("UTF-16 little-endian byte order mark")};
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
        return {TextEncoding::Utf16BE, 2, QStringLiteral("UTF-16 big-endian byte order mark")};

    // UTF-16 without a BOM: ASCII text leaves every other byte zero.
    if (n >= 8) {
        qsizetype zeroEven = 0, zeroOdd = 0;
        const qsizetype probe = std::min<qsizetype>(n, 4096) & ~qsizetype(1);
        for (qsizetype i = 0; i < probe; i += 2) {
            zeroEven += p[i] == 0;
            zeroOdd += p[i + 1] == 0;
        }
        if (zeroOdd > probe * 4 / 10 && zeroEven < probe / 20)
            return {TextEncoding::Utf16LE, 0,
                    QStringLiteral("UTF-16 little-endian (zero high bytes, no BOM)")};
        if (zeroEven > probe * 4 / 10 && zeroOdd < probe / 20)
            return {TextEncoding::Utf16BE, 0, QStringLiteral("UTF-16 big-endian (zero high bytes, no BOM)")};
    }

    qsizetype nonAscii = 0, invalid = 0;
    for (qsizetype i = 0; i < n;) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const int len = utf8SequenceLength(p + i, n - i);
        if (len < 0)
            break; // cut by the sample's end
        if (len == 0) {
            ++invalid;
            ++i;
            continue;
        }
        ++nonAscii;
        i += len;
    }
    if (invalid == 0)
        return {TextEncoding::Utf8, 0,
                nonAscii ? QStringLiteral("valid UTF-8") : QStringLiteral("plain ASCII (read as UTF-8)")};
    if (invalid * 10 < nonAscii) {
        return {TextEncoding::Utf8, 0,
                QStringLiteral("UTF-8 with %1 stray invalid bytes (read as Windows-1252)").arg(invalid)};
    }

    // Legacy 8-bit. Bytes 0x80-0x9F decide: Latin-1 never has them as text,
    // Windows-1252 uses them for punctuation (quotes, dashes, the apostrophe in
    // "don't"), DOS code page 850 for accented letters inside words.
    qsizetype cp850Evidence = 0, cp1252Evidence = 0, latin1Letters = 0, c1 = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char b = p[i];
        if (b >= 0xC0) {
            ++latin1Letters; // accented letters of Latin-1 live in 0xC0-0xFF
            continue;
        }
        if (b < 0x80 || b >= 0xA0)
            continue;
        ++c1;
        const bool before = i > 0 && isLetterByte(p[i - 1]);
        const bool after = i + 1 < n && isLetterByte(p[i + 1]);
        const bool cp850Vowel = b == 0x82 || b == 0x83 || b == 0x85 || b == 0x87 || b == 0x88 || b == 0x8A;
        if (b == 0x92 && before && after)
            ++cp1252Evidence; // don't, l'été
        else if (before && after)
            ++cp850Evidence;
        else if (cp850Vowel && (before || after))
            ++cp850Evidence; // é at the start or end of a word
        else
            ++cp1252Evidence;
    }
    if (cp850Evidence >= 3 && cp850Evidence > 2 * cp1252Evidence) {
        if (latin1Letters * 5 >= c1)
            return {TextEncoding::Latin1Cp850Mixed, 0,
                    QStringLiteral("not UTF-8; Latin-1 accents (%1 bytes) mixed with DOS code page 850 "
                                   "letters (%2 bytes in 0x80-0x9F)")
                        .arg(latin1Letters)
                        .arg(c1)};
        return {TextEncoding::Cp850, 0,
                QStringLiteral("not UTF-8; bytes 0x80-0x9F used as letters (DOS code page 850)")};
    }
    return {TextEncoding::Windows1252, 0,
            QStringLiteral("not UTF-8 (%1 invalid bytes); read as Windows-1252").arg(invalid)};
}

TextDecoder::TextDecoder(TextEncoding encoding)
    : m_encoding(encoding)
    , m_table(tableFor(encoding))
{
}

void TextDecoder::decode(const char *data, qsizetype size, std::string &out)
{
    if (m_table) {
        out.reserve(out.size() + size_t(size) + size_t(size) / 8);
        const auto *p = reinterpret_cast<const unsigned char *>(data);
        qsizetype i = 0;
        while (i < size) {
            qsizetype j = i;
            while (j < size && p[j] < 0x80)
                ++j;
            out.append(data + i, size_t(j - i));
            if (j < size) {
                appendUtf8(out, m_table[p[j] - 0x80]);
                ++j;
            }
            i = j;
        }
        return;
    }
    if (m_encoding == TextEncoding::Utf8)
        decodeUtf8(data, size, out);
    else
        decodeUtf16(data, size, out);
}

void TextDecoder::decodeUtf8(const char *data, qsizetype size, std::string &out)
{
    if (!m_pending.empty()) {
        // Complete a sequence cut by the previous chunk, one byte at a time.
        while (size > 0 && !m_pending.empty()) {
            m_pending.push_back(*data);
            ++data;
            --size;
            const auto *p = reinterpret_cast<const unsigned char *>(m_pending.data());
            const int len = utf8SequenceLength(p, qsizetype(m_pending.size()));
            if (len > 0) {
                out.append(m_pending, 0, size_t(len));
                const std::string rest = m_pending.substr(size_t(len));
                m_pending.clear();
                if (!rest.empty())
                    decodeUtf8(rest.data(), qsizetype(rest.size()), out);
            } else if (len == 0) {
                ++m_invalid;
                appendUtf8(out, kCp1252[p[0] - 0x80]);
                const std::string rest = m_pending.substr(1);
                m_pending.clear();
                decodeUtf8(rest.data(), qsizetype(rest.size()), out);
            }
        }
        if (size == 0)
            return;
    }
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    qsizetype i = 0;
    qsizetype runStart = 0;
    while (i < size) {
        // ASCII fast path, 8 bytes at a time.
        while (i + 8 <= size) {
            quint64 word;
            std::memcpy(&word, p + i, 8);
            if (word & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        while (i < size && p[i] < 0x80)
            ++i;
        if (i >= size)
            break;
        const int len = utf8SequenceLength(p + i, size - i);
        if (len > 0) {
            i += len;
            continue;
        }
        out.append(data + runStart, size_t(i - runStart));
        if (len < 0) {
            m_pending.assign(data + i, size_t(size - i));
            return;
        }
        ++m_invalid;
        appendUtf8(out, kCp1252[p[i] - 0x80]);
        ++i;
        runStart = i;
    }
    out.append(data + runStart, size_t(size - runStart));
}

void TextDecoder::decodeUtf16(const char *data, qsizetype size, std::string &out)
{
    const bool le = m_encoding == TextEncoding::Utf16LE;
    std::string buffer;
    const char *p = data;
    qsizetype n = size;
    if (!m_pending.empty()) {
        buffer = m_pending;
        buffer.append(data, size_t(size));
        m_pending.clear();
        p = buffer.data();
        n = qsizetype(buffer.size());
    }
    out.reserve(out.size() + size_t(n) / 2);
    qsizetype i = 0;
    const auto unit = [&](qsizetype at) {
        const auto a = static_cast<unsigned char>(p[at]);
        const auto b = static_cast<unsigned char>(p[at + 1]);
        return char16_t(le ? (b << 8 | a) : (a << 8 | b));
    };
    while (i + 1 < n) {
        const char16_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 3 >= n)
                break; // need the low surrogate from the next chunk
            const char16_t lo = unit(i + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                appendUtf8(out, 0x10000 + ((char32_t(u) - 0xD800) << 10) + (lo - 0xDC00));
                i += 4;
                continue;
            }
            ++m_invalid;
            appendUtf8(out, 0xFFFD);
            i += 2;
            continue;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) {
            ++m_invalid;
            appendUtf8(out, 0xFFFD);
        } else {
            appendUtf8(out, u);
        }
        i += 2;
    }
    if (i < n)
        m_pending.assign(p + i, size_t(n - i));
}

void TextDecoder::finish(std::string &out)
{
    if (m_pending.empty())
        return;
    if (m_encoding == TextEncoding::Utf8) {
        for (const char c : m_pending) {
            ++m_invalid;
            appendUtf8(out, kCp1252[static_cast<unsigned char>(c) - 0x80]);
        }
    } else {
        ++m_invalid;
        appendUtf8(out, 0xFFFD);
    }
    m_pending.clear();
}

} // namespace nps

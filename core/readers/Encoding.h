#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <string>

namespace nps {

// The text encodings the readers understand. Everything is transcoded to UTF-8
// in bulk (one chunk at a time) before the CSV tokenizer sees it, so cells are
// always UTF-8 byte views downstream.
enum class TextEncoding {
    Utf8,
    Utf16LE,
    Utf16BE,
    Windows1252,
    Latin1,
    Cp850,
    // Mostly ISO-8859-1, with bytes 0x80-0x9F (C1 controls in Latin-1, never
    // text) taken from DOS code page 850: what a file edited on both Windows and
    // DOS tools looks like (e.g. French "é" as 0xE9 and as 0x82 in one line).
    Latin1Cp850Mixed,
};

// Stable machine name used by `--encoding` and stored with an import:
// "utf-8", "utf-16le", "utf-16be", "windows-1252", "latin1", "cp850", "latin1+cp850".
QString encodingName(TextEncoding encoding);
// Accepts the names above plus common aliases (utf8, iso-8859-1, cp1252, ibm850...).
// Returns false for an unknown name.
bool encodingFromName(const QString &name, TextEncoding *encoding);
// Every name encodingFromName() accepts as a canonical value, for usage messages.
QStringList encodingNames();

struct EncodingGuess
{
    TextEncoding encoding = TextEncoding::Utf8;
    int bomLength = 0; // bytes to skip at the start of the file
    QString reason;    // human explanation, e.g. "valid UTF-8 with a BOM"
};

// Decides the encoding from the first bytes of a file (the caller passes a
// bounded sample, typically 1 MiB). A sample cut inside a UTF-8 sequence is
// still recognised as UTF-8.
EncodingGuess detectEncoding(QByteArrayView sample);

// Streaming transcoder to UTF-8: feed raw chunks, get UTF-8 appended to `out`.
// UTF-8 input is validated; an invalid byte there is decoded as Windows-1252
// (counted in invalidBytes()) so a stray legacy byte never aborts a file.
// Incomplete multi-byte sequences at the end of a chunk are carried over.
class TextDecoder
{
public:
    explicit TextDecoder(TextEncoding encoding = TextEncoding::Utf8);

    void decode(const char *data, qsizetype size, std::string &out);
    // Call once at end of input: flushes a dangling partial sequence.
    void finish(std::string &out);

    TextEncoding encoding() const { return m_encoding; }
    qint64 invalidBytes() const { return m_invalid; }

private:
    void decodeUtf8(const char *data, qsizetype size, std::string &out);
    void decodeUtf16(const char *data, qsizetype size, std::string &out);

    TextEncoding m_encoding;
    const char16_t *m_table = nullptr; // for 8-bit encodings: byte -> code point
    std::string m_pending;             // carried partial sequence
    qint64 m_invalid = 0;
};

// Appends the UTF-8 form of one code point.
void appendUtf8(std::string &out, char32_t cp);

} // namespace nps

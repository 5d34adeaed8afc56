#pragma once

#include "readers/Encoding.h"
#include "readers/Record.h"

#include <QFile>

#include <memory>
#include <string>

namespace nps {

struct CsvOptions
{
    TextEncoding encoding = TextEncoding::Utf8;
    int skipBytes = 0;    // BOM length
    char delimiter = ','; // one of , ; \t |
};

struct DelimiterGuess
{
    char delimiter = ',';
    QString reason;
};

// Picks the delimiter that splits the sample's first lines into the most
// consistent, largest number of cells (quotes respected). `utf8Sample` is the
// decoded start of the file.
DelimiterGuess detectDelimiter(QByteArrayView utf8Sample);

// Streaming RFC 4180 reader with the usual real-world deviations: LF, CRLF and
// CR line endings (mixed too), quoted fields with embedded newlines and doubled
// quotes, stray quotes inside unquoted fields kept literally, text after a
// closing quote appended, an unterminated quote at end of file ends the field.
// Memory: one 1 MiB read buffer, one decoded buffer, and the current record
// (a single record can grow up to 256 MiB before the file is refused).
class CsvReader : public RowSource
{
public:
    // Throws nps::Error::badInput when the file cannot be opened.
    CsvReader(const QString &path, const CsvOptions &options);
    // Reads from memory (fuzzing, tests). `data` is the raw (encoded) bytes.
    CsvReader(const QByteArray &data, const CsvOptions &options);
    ~CsvReader() override;

    bool next(Record &record) override;
    qint64 bytesRead() const override { return m_bytesRead; }
    qint64 totalBytes() const override { return m_totalBytes; }
    // UTF-8 input only: invalid bytes decoded as Windows-1252 so far.
    qint64 invalidBytes() const { return m_decoder.invalidBytes(); }

private:
    bool fill(); // decodes one more chunk into m_buf; false at end of input
    bool atEnd() const { return m_pos >= m_buf.size() && m_eof; }

    std::unique_ptr<QFile> m_file;
    QByteArray m_memory;
    qint64 m_memoryPos = 0;
    CsvOptions m_options;
    TextDecoder m_decoder;
    std::string m_raw;
    std::string m_buf; // decoded UTF-8
    size_t m_pos = 0;
    bool m_eof = false;
    bool m_pendingSkip = true;
    qint64 m_line = 1;
    qint64 m_bytesRead = 0;
    qint64 m_totalBytes = 0;
};

} // namespace nps

// libFuzzer target: encoding and delimiter detection, then the streaming CSV
// reader over every encoding, typing each cell. Byte 0 picks encoding and delimiter.
#include "common/Error.h"
#include "readers/CsvReader.h"
#include "readers/Encoding.h"
#include "readers/ValueParsers.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const nps::EncodingGuess guess = nps::detectEncoding(bytes);
    static const nps::TextEncoding encodings[] = {nps::TextEncoding::Utf8,
                                                  nps::TextEncoding::Utf16LE,
                                                  nps::TextEncoding::Utf16BE,
                                                  nps::TextEncoding::Windows1252,
                                                  nps::TextEncoding::Latin1,
                                                  nps::TextEncoding::Cp850,
                                                  nps::TextEncoding::Latin1Cp850Mixed};
    static const char delimiters[] = {',', ';', '\t', '|'};
    nps::CsvOptions options;
    options.encoding = data[0] & 0x08 ? encodings[(data[0] >> 4) % 7] : guess.encoding;
    options.skipBytes = data[0] & 0x08 ? 0 : guess.bomLength;
    options.delimiter = delimiters[data[0] & 0x03];
    if (data[0] & 0x04) {
        nps::TextDecoder decoder(options.encoding);
        std::string text;
        decoder.decode(bytes.constData(), bytes.size(), text);
        decoder.finish(text);
        options.delimiter =
            nps::detectDelimiter(QByteArrayView(text.data(), qsizetype(text.size()))).delimiter;
    }
    try {
        nps::CsvReader reader(bytes, options);
        nps::Record record;
        qint64 lastLine = 0;
        while (reader.next(record)) {
            if (record.line() < lastLine)
                __builtin_trap(); // line numbers never go backwards
            lastLine = record.line();
            for (int i = 0; i < record.cellCount(); ++i) {
                const QByteArrayView cell = record.cell(i);
                (void)nps::parseScore(cell);
                (void)nps::parseTime(cell);
            }
            if (record.cellCount() > 0 &&
                QString::fromUtf8(record.cell(0).data(), record.cell(0).size()).isNull() &&
                !record.cell(0).isEmpty())
                __builtin_trap();
        }
    } catch (const nps::Error &) {
        // A clear refusal (e.g. a record over 256 MiB) is a valid outcome.
    }
    return 0;
}

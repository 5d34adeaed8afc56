// libFuzzer target: the XLSX reader (minizip container + QXmlStreamReader) on
// arbitrary bytes, written to a per-process temporary file since minizip opens paths.
#include "common/Error.h"
#include "readers/XlsxReader.h"

#include <QDir>
#include <QFile>

#include <cstddef>
#include <cstdint>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QString path =
        QDir::temp().filePath(QStringLiteral("npsdesk-fuzz-xlsx-%1.xlsx").arg(QString::number(getpid())));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    try {
        nps::XlsxReader reader(path);
        nps::Record record;
        int rows = 0;
        while (reader.next(record) && ++rows < 100000) {
            for (int i = 0; i < record.cellCount(); ++i)
                (void)record.text(i);
        }
        (void)nps::XlsxReader::sheetNames(path);
    } catch (const nps::Error &) {
        // Refusing a broken workbook with a message is the expected outcome.
    }
    return 0;
}

#pragma once

#include "readers/Record.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace nps {

// Reads one worksheet of an .xlsx workbook as records, with Debian's minizip
// (unzip API) for the container and QXmlStreamReader for the XML. The sheet XML
// is streamed from the zip entry in 64 KiB pieces (progress counts uncompressed
// sheet XML bytes); only the shared-string table
// is held in memory (it is what the cells point into). Cell typing:
// shared and inline strings as text, numbers as their shortest decimal text,
// booleans as TRUE/FALSE, and numbers whose style is a date/time format as ISO
// text "YYYY-MM-DDTHH:MM:SS" (1900 and 1904 date systems). Empty cells and
// skipped columns give empty cells; blank trailing cells are dropped.
class XlsxReader : public RowSource
{
public:
    // `sheetName` empty = first sheet. Throws nps::Error::badInput for a file that
    // is not a readable workbook or an unknown sheet (message lists the sheets).
    XlsxReader(const QString &path, const QString &sheetName = {});
    ~XlsxReader() override;

    bool next(Record &record) override;
    qint64 bytesRead() const override;
    qint64 totalBytes() const override;

    QString sheetName() const;
    static QStringList sheetNames(const QString &path);
    // True when the file starts with the zip signature "PK\3\4".
    static bool looksLikeXlsx(const QString &path);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace nps

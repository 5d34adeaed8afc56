#include "readers/XlsxReader.h"

#include "common/Error.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QVector>
#include <QXmlStreamReader>

#include <minizip/unzip.h>

#include <cmath>

namespace nps {

namespace {

constexpr qint64 kMaxPartBytes = qint64(512) << 20;

struct Zip
{
    unzFile handle = nullptr;
    ~Zip()
    {
        if (handle)
            unzClose(handle);
    }
};

// Reads a whole (small) part of the package; empty + false when missing.
bool readPart(unzFile zip, const char *name, QByteArray *out)
{
    if (unzLocateFile(zip, name, 0) != UNZ_OK)
        return false;
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
        return false;
    if (qint64(info.uncompressed_size) > kMaxPartBytes || unzOpenCurrentFile(zip) != UNZ_OK)
        return false;
    out->clear();
    char buffer[65536];
    int got;
    while ((got = unzReadCurrentFile(zip, buffer, sizeof buffer)) > 0) {
        out->append(buffer, got);
        if (out->size() > kMaxPartBytes)
            break;
    }
    unzCloseCurrentFile(zip);
    return got == 0;
}

bool isBuiltinDateFormat(int id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

bool isDateFormatCode(const QString &code)
{
    QString plain;
    bool quoted = false, bracket = false;
    for (int i = 0; i < code.size(); ++i) {
        const QChar c = code[i];
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == QLatin1Char('['))
            bracket = true;
        else if (c == QLatin1Char(']'))
            bracket = false;
        else if (c == QLatin1Char('\\'))
            ++i;
        else if (!bracket)
            plain += c.toLower();
    }
    if (plain.contains(QLatin1String("general")))
        return false;
    return plain.contains(QLatin1Char('y')) || plain.contains(QLatin1Char('d')) ||
           plain.contains(QLatin1Char('h')) ||
           (plain.contains(QLatin1Char('m')) && !plain.contains(QLatin1Char('0')) &&
            !plain.contains(QLatin1Char('#')));
}

int columnOfRef(QStringView ref)
{
    int col = 0;
    for (const QChar c : ref) {
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            col = col * 26 + (c.unicode() - 'A' + 1);
        else
            break;
        if (col > 16384)
            return -1;
    }
    return col - 1;
}

QString serialToIso(double serial, bool date1904)
{
    qint64 days = qint64(std::floor(serial));
    qint64 seconds = qint64(std::llround((serial - double(days)) * 86400.0));
    if (seconds >= 86400) {
        ++days;
        seconds -= 86400;
    }
    const qint64 epochDays = date1904 ? days - 24107 : (days < 60 ? days - 25568 : days - 25569);
    const QDate date = QDate(1970, 1, 1).addDays(epochDays);
    if (seconds == 0)
        return date.toString(Qt::ISODate);
    return QStringLiteral("%1T%2").arg(
        date.toString(Qt::ISODate), QTime(0, 0).addSecs(int(seconds)).toString(QStringLiteral("HH:mm:ss")));
}

} // namespace

struct XlsxReader::Impl
{
    Zip zip;
    QString path;
    QString sheet;
    QStringList sharedStrings;
    QVector<bool> dateStyles;
    bool date1904 = false;
    QXmlStreamReader xml;
    qint64 read = 0;
    qint64 total = 0;
    bool partOpen = false;
    bool partDone = false;
    char buffer[65536];

    bool feed()
    {
        if (partDone)
            return false;
        const int got = unzReadCurrentFile(zip.handle, buffer, sizeof buffer);
        if (got < 0)
            throw Error::badInput(QStringLiteral("%1: the workbook's sheet data is corrupt").arg(path));
        if (got == 0) {
            partDone = true;
            return false;
        }
        read += got;
        xml.addData(QByteArray(buffer, got));
        return true;
    }
};

bool XlsxReader::looksLikeXlsx(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(4) == QByteArray("PK\x03\x04", 4);
}

namespace {

struct SheetRef
{
    QString name;
    QString target; // path inside the zip
};

QVector<SheetRef> listSheets(unzFile zip, bool *date1904, const QString &path)
{
    QByteArray workbook, rels;
    if (!readPart(zip, "xl/workbook.xml", &workbook))
        throw Error::badInput(QStringLiteral("%1: not an XLSX workbook (no xl/workbook.xml)").arg(path));
    QHash<QString, QString> targets;
    if (readPart(zip, "xl/_rels/workbook.xml.rels", &rels)) {
        QXmlStreamReader xml(rels);
        while (xml.readNextStartElement() || !xml.atEnd()) {
            if (xml.isStartElement() && xml.name() == QLatin1String("Relationship")) {
                QString target = xml.attributes().value(QLatin1String("Target")).toString();
                target = target.startsWith(QLatin1Char('/')) ? target.mid(1) : QStringLiteral("xl/") + target;
                targets.insert(xml.attributes().value(QLatin1String("Id")).toString(), target);
            }
            if (xml.hasError())
                break;
            if (!xml.isStartElement())
                xml.readNext();
        }
    }
    QVector<SheetRef> sheets;
    QXmlStreamReader xml(workbook);
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("workbookPr")) {
            const auto v = xml.attributes().value(QLatin1String("date1904"));
            *date1904 = v == QLatin1String("1") || v == QLatin1String("true");
        } else if (xml.name() == QLatin1String("sheet")) {
            QString rid;
            for (const QXmlStreamAttribute &a : xml.attributes()) {
                if (a.name() == QLatin1String("id"))
                    rid = a.value().toString();
            }
            const int index = int(sheets.size()) + 1;
            sheets.push_back({xml.attributes().value(QLatin1String("name")).toString(),
                              targets.value(rid, QStringLiteral("xl/worksheets/sheet%1.xml").arg(index))});
        }
    }
    if (sheets.isEmpty())
        throw Error::badInput(QStringLiteral("%1: the workbook has no sheets").arg(path));
    return sheets;
}

unzFile openZip(const QString &path)
{
    unzFile zip = unzOpen64(QFile::encodeName(path).constData());
    if (!zip)
        throw Error::badInput(QStringLiteral("%1: cannot open as a zip/XLSX file").arg(path));
    return zip;
}

} // namespace

QStringList XlsxReader::sheetNames(const QString &path)
{
    Zip zip;
    zip.handle = openZip(path);
    bool date1904 = false;
    QStringList names;
    for (const SheetRef &s : listSheets(zip.handle, &date1904, path))
        names << s.name;
    return names;
}

XlsxReader::XlsxReader(const QString &path, const QString &sheetName)
    : d(std::make_unique<Impl>())
{
    d->path = path;
    d->zip.handle = openZip(path);
    const QVector<SheetRef> sheets = listSheets(d->zip.handle, &d->date1904, path);
    SheetRef chosen = sheets.front();
    if (!sheetName.isEmpty()) {
        bool found = false;
        QStringList names;
        for (const SheetRef &s : sheets) {
            names << s.name;
            if (s.name == sheetName) {
                chosen = s;
                found = true;
            }
        }
        if (!found)
            throw Error::usage(QStringLiteral("%1: no sheet named '%2'; sheets are: %3")
                                   .arg(path, sheetName, names.join(QStringLiteral(", "))));
    }
    d->sheet = chosen.name;

    QByteArray part;
    if (readPart(d->zip.handle, "xl/sharedStrings.xml", &part)) {
        QXmlStreamReader xml(part);
        QString current;
        bool inSi = false;
        int phonetic = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                if (xml.name() == QLatin1String("si")) {
                    inSi = true;
                    current.clear();
                } else if (xml.name() == QLatin1String("rPh")) {
                    ++phonetic;
                } else if (xml.name() == QLatin1String("t") && inSi && phonetic == 0) {
                    current += xml.readElementText();
                }
            } else if (xml.isEndElement()) {
                if (xml.name() == QLatin1String("si")) {
                    d->sharedStrings << current;
                    inSi = false;
                } else if (xml.name() == QLatin1String("rPh")) {
                    --phonetic;
                }
            }
        }
    }
    if (readPart(d->zip.handle, "xl/styles.xml", &part)) {
        QXmlStreamReader xml(part);
        QHash<int, bool> customDate;
        bool inCellXfs = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                if (xml.name() == QLatin1String("numFmt")) {
                    customDate.insert(
                        xml.attributes().value(QLatin1String("numFmtId")).toInt(),
                        isDateFormatCode(xml.attributes().value(QLatin1String("formatCode")).toString()));
                } else if (xml.name() == QLatin1String("cellXfs")) {
                    inCellXfs = true;
                } else if (xml.name() == QLatin1String("xf") && inCellXfs) {
                    const int id = xml.attributes().value(QLatin1String("numFmtId")).toInt();
                    d->dateStyles << (customDate.contains(id) ? customDate.value(id)
                                                              : isBuiltinDateFormat(id));
                }
            } else if (xml.isEndElement() && xml.name() == QLatin1String("cellXfs")) {
                inCellXfs = false;
            }
        }
    }

    const QByteArray target = chosen.target.toUtf8();
    if (unzLocateFile(d->zip.handle, target.constData(), 0) != UNZ_OK)
        throw Error::badInput(QStringLiteral("%1: sheet '%2' has no data part").arg(path, chosen.name));
    unz_file_info64 info;
    unzGetCurrentFileInfo64(d->zip.handle, &info, nullptr, 0, nullptr, 0, nullptr, 0);
    d->total = qint64(info.uncompressed_size);
    if (unzOpenCurrentFile(d->zip.handle) != UNZ_OK)
        throw Error::badInput(QStringLiteral("%1: cannot read sheet '%2'").arg(path, chosen.name));
    d->partOpen = true;
}

XlsxReader::~XlsxReader()
{
    if (d && d->partOpen)
        unzCloseCurrentFile(d->zip.handle);
}

QString XlsxReader::sheetName() const
{
    return d->sheet;
}

qint64 XlsxReader::bytesRead() const
{
    return d->read;
}

qint64 XlsxReader::totalBytes() const
{
    return d->total;
}

bool XlsxReader::next(Record &record)
{
    QXmlStreamReader &xml = d->xml;
    bool inRow = false;
    int nextColumn = 0;
    QString type;
    int style = -1;
    int cellColumn = 0;
    QString value;
    bool haveValue = false;
    int lastNonEmpty = 0;
    for (;;) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::Invalid) {
            if (xml.error() == QXmlStreamReader::PrematureEndOfDocumentError) {
                if (d->feed())
                    continue;
                if (inRow)
                    break;
                return false;
            }
            throw Error::badInput(QStringLiteral("%1: sheet '%2' XML error at line %3: %4")
                                      .arg(d->path, d->sheet)
                                      .arg(xml.lineNumber())
                                      .arg(xml.errorString()));
        }
        if (token == QXmlStreamReader::EndDocument)
            return false;
        if (token == QXmlStreamReader::StartElement) {
            const auto name = xml.name();
            if (name == QLatin1String("row")) {
                inRow = true;
                record.clear(xml.attributes().value(QLatin1String("r")).toLongLong());
                nextColumn = 0;
                lastNonEmpty = 0;
            } else if (name == QLatin1String("c") && inRow) {
                const QXmlStreamAttributes attributes = xml.attributes();
                type = attributes.value(QLatin1String("t")).toString();
                style = attributes.hasAttribute(QLatin1String("s"))
                            ? attributes.value(QLatin1String("s")).toInt()
                            : -1;
                const int ref = columnOfRef(attributes.value(QLatin1String("r")));
                cellColumn = ref >= nextColumn ? ref : nextColumn;
                value.clear();
                haveValue = false;
            } else if ((name == QLatin1String("v") || name == QLatin1String("t")) && inRow) {
                value += xml.readElementText(QXmlStreamReader::IncludeChildElements);
                haveValue = true;
            }
        } else if (token == QXmlStreamReader::EndElement) {
            const auto name = xml.name();
            if (name == QLatin1String("c") && inRow) {
                if (cellColumn > 16383)
                    continue;
                while (nextColumn < cellColumn) {
                    record.addCell("", 0);
                    ++nextColumn;
                }
                QString text;
                if (haveValue) {
                    if (type == QLatin1String("s")) {
                        text = d->sharedStrings.value(value.toInt());
                    } else if (type == QLatin1String("b")) {
                        text = value == QLatin1String("1") ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
                    } else if (type.isEmpty() || type == QLatin1String("n")) {
                        bool ok = false;
                        const double number = value.toDouble(&ok);
                        if (ok && style >= 0 && style < d->dateStyles.size() && d->dateStyles[style] &&
                            number >= 0 && number < 2958466)
                            text = serialToIso(number, d->date1904);
                        else
                            text = value;
                    } else {
                        text = value; // inlineStr, str (formula), e (error)
                    }
                }
                const QByteArray utf8 = text.toUtf8();
                record.addCell(utf8.constData(), utf8.size());
                ++nextColumn;
                if (!utf8.isEmpty())
                    lastNonEmpty = nextColumn;
            } else if (name == QLatin1String("row") && inRow) {
                break;
            }
        }
    }
    record.truncateCells(lastNonEmpty);
    return true;
}

} // namespace nps

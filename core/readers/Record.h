#pragma once

#include <QByteArrayView>
#include <QString>

#include <string>
#include <vector>

namespace nps {

// One data record of a table file, as read. Cells are UTF-8 byte views into the
// record's own storage: valid until the reader produces the next record. The
// storage is reused from record to record, so a streaming pass allocates nothing
// per cell. Use text() only for the cells you need as QString.
class Record
{
public:
    // Physical 1-based line of the file where the record starts (for XLSX: the
    // sheet row number). Quoted fields with embedded newlines make later records
    // start further down, and this number follows that.
    qint64 line() const { return m_line; }
    // Cells actually present in the file on this record.
    int cellCount() const { return int(m_cells.size()); }
    // 0-based cell; an index past cellCount() gives an empty view.
    QByteArrayView cell(int index) const
    {
        if (index < 0 || index >= int(m_cells.size()))
            return {};
        const auto &c = m_cells[size_t(index)];
        return QByteArrayView(m_data.data() + c.first, c.second);
    }
    QString text(int index) const
    {
        const QByteArrayView v = cell(index);
        return QString::fromUtf8(v.data(), v.size());
    }
    bool isEmptyCell(int index) const { return cell(index).isEmpty(); }

    // Set by SurveyFile's cursor, relative to the layout's column count:
    // fewer cells than columns, or extra non-empty cells, makes a row ragged.
    // Ragged rows are reported, never silently padded: raggedMessage() says how.
    bool isRagged() const { return !m_ragged.isEmpty(); }
    QString raggedMessage() const { return m_ragged; }
    // Non-empty when the preset says this row is not a real response (e.g. a
    // Qualtrics survey preview or spam). The importer should report it as a
    // rejected row with this reason rather than import it.
    QString exclusion() const { return m_exclusion; }

    // Building interface for the readers.
    void clear(qint64 line)
    {
        m_line = line;
        m_data.clear();
        m_cells.clear();
        m_ragged.clear();
        m_exclusion.clear();
    }
    void addCell(const char *data, qsizetype size)
    {
        m_cells.emplace_back(qsizetype(m_data.size()), size);
        m_data.append(data, size_t(size));
    }
    // Starts an empty cell that appendToLast() grows (quoted fields).
    void beginCell() { m_cells.emplace_back(qsizetype(m_data.size()), 0); }
    void appendToLast(const char *data, qsizetype size)
    {
        m_data.append(data, size_t(size));
        m_cells.back().second += size;
    }
    void setRagged(const QString &message) { m_ragged = message; }
    void setExclusion(const QString &reason) { m_exclusion = reason; }
    void truncateCells(int count)
    {
        if (count < int(m_cells.size()))
            m_cells.resize(size_t(count));
    }

private:
    qint64 m_line = 0;
    std::string m_data;
    std::vector<std::pair<qsizetype, qsizetype>> m_cells;
    QString m_ragged;
    QString m_exclusion;
};

// A source of records (CSV or XLSX sheet), read front to back once.
class RowSource
{
public:
    virtual ~RowSource() = default;
    // Fills `record` with the next record; false at end of input.
    // Throws nps::Error (BadInput) on an unreadable file.
    virtual bool next(Record &record) = 0;
    // Progress in bytes of the underlying file (compressed bytes for XLSX).
    virtual qint64 bytesRead() const = 0;
    virtual qint64 totalBytes() const = 0;
};

} // namespace nps

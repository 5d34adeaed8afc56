#include "PrefetchingReader.h"

#include <ctime>
#include <utility>

namespace nps {

namespace {
// Large enough that the two threads meet rarely, small enough that a few
// batches of rows stay well under a megabyte each.
constexpr size_t rowsPerBatch = 256;
constexpr size_t batchesAhead = 3;
} // namespace

PrefetchingReader::PrefetchingReader(ImportSource &source, ResponseInterner *interner)
    : m_source(source)
    , m_interner(interner)
    , m_thread([this] { read(); })
{
}

PrefetchingReader::~PrefetchingReader()
{
    stop();
}

void PrefetchingReader::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void PrefetchingReader::read()
{
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stopping || m_ready.size() < batchesAhead; });
            if (m_stopping)
                return;
            if (!m_spare.empty()) {
                batch = std::move(m_spare.back());
                m_spare.pop_back();
            }
        }
        batch.rows.resize(rowsPerBatch);
        size_t filled = 0;
        std::exception_ptr failure;
        try {
            while (filled < rowsPerBatch) {
                Row &row = batch.rows[filled];
                // A reused row still holds an earlier record.
                row.record.normalised = false;
                row.next = m_source.next(row.record, row.rejection);
                if (row.next == ImportSource::Next::End) {
                    batch.last = true;
                    break;
                }
                if (row.next == ImportSource::Next::Record) {
                    SurveyWriter::normalise(row.record);
                    if (m_interner)
                        m_interner->prepare(row.record, row.prepared);
                }
                ++filled;
            }
        } catch (...) {
            // The rows before the failure still come out first, as they would
            // from the source itself.
            failure = std::current_exception();
        }
        batch.rows.resize(filled);
        batch.bytesRead = m_source.bytesRead();
        const bool last = batch.last || failure;
        timespec cpu{};
        if (last)
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
        {
            const std::lock_guard lock(m_mutex);
            if (last)
                m_readingCpuMs = qint64(cpu.tv_sec) * 1000 + cpu.tv_nsec / 1000000;
            m_ready.push_back(std::move(batch));
            m_failure = failure;
        }
        m_changed.notify_all();
        if (last)
            return;
    }
}

PrefetchingReader::Row &PrefetchingReader::advance()
{
    while (m_position >= m_current.rows.size()) {
        if (m_finished || m_current.last) {
            m_finished = true;
            m_bytesRead = m_current.bytesRead;
            return m_end;
        }
        {
            std::unique_lock lock(m_mutex);
            // The rows go back whole: the reading thread overwrites them, and
            // their strings are freed there, not here.
            m_current.last = false;
            m_spare.push_back(std::move(m_current));
            m_changed.wait(lock, [this] { return !m_ready.empty() || m_failure; });
            if (m_ready.empty())
                std::rethrow_exception(m_failure);
            m_current = std::move(m_ready.front());
            m_ready.pop_front();
        }
        m_changed.notify_all();
        m_position = 0;
        m_bytesRead = m_current.bytesRead;
    }
    return m_current.rows[m_position++];
}

qint64 PrefetchingReader::readingCpuMs()
{
    const std::lock_guard lock(m_mutex);
    return m_readingCpuMs;
}

const PrefetchingReader::Row &PrefetchingReader::nextRow()
{
    return advance();
}

ImportSource::Next PrefetchingReader::next(ResponseRecord &record, Rejection &rejection)
{
    Row &row = advance();
    if (row.next == ImportSource::Next::Record)
        std::swap(record, row.record);
    else if (row.next == ImportSource::Next::Rejected)
        std::swap(rejection, row.rejection);
    return row.next;
}

} // namespace nps

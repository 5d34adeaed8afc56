#pragma once

#include "ImportSource.h"
#include "store/ResponseInterner.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace nps {

// Reads an ImportSource on a second thread, a batch of rows ahead of the
// consumer, so parsing and typing overlap the database writes. Rows come out
// in file order, exactly as source.next() would return them; an exception the
// source throws is rethrown by next(). At most a few batches are held, so
// memory does not grow with the file.
//
// With an interner, the reading thread also prepares each record for
// SurveyWriter (ResponseInterner::prepare), so the writing thread is left with
// little more than SQLite's own work.
//
// The source (and the interner) belong to the reading thread until next() has
// returned End (or this object is destroyed): only then may the caller ask the
// source for warnings().
class PrefetchingReader
{
public:
    explicit PrefetchingReader(ImportSource &source, ResponseInterner *interner = nullptr);
    ~PrefetchingReader(); // stops reading and waits for the thread
    PrefetchingReader(const PrefetchingReader &) = delete;
    PrefetchingReader &operator=(const PrefetchingReader &) = delete;

    struct Row
    {
        ImportSource::Next next = ImportSource::Next::End;
        ResponseRecord record;     // when next is Record: normalised
        PreparedResponse prepared; // when next is Record and there is an interner
        Rejection rejection;       // when next is Rejected
    };
    // The next row, valid until the following call. Its storage is reused for
    // later rows, so nothing is copied or freed on the caller's thread.
    const Row &nextRow();
    ImportSource::Next next(ResponseRecord &record, Rejection &rejection);
    // Bytes of the file behind the last row next() returned.
    qint64 bytesRead() const { return m_bytesRead; }
    // CPU time the reading thread used, once next() has returned End (for the
    // import's phase trace: which of the two threads sets the pace).
    qint64 readingCpuMs();

private:
    struct Batch
    {
        std::vector<Row> rows;
        qint64 bytesRead = 0;
        bool last = false;
    };

    void read();
    void stop();

    Row &advance();

    ImportSource &m_source;
    ResponseInterner *m_interner;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_ready;  // filled, in file order
    std::vector<Batch> m_spare; // emptied, their rows' storage reused
    std::exception_ptr m_failure;
    qint64 m_readingCpuMs = 0;
    bool m_stopping = false;
    std::thread m_thread;

    Batch m_current; // the consumer's batch
    size_t m_position = 0;
    qint64 m_bytesRead = 0;
    bool m_finished = false;
    Row m_end;
};

} // namespace nps

#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace nps {

// Calls `beat` on a thread of its own every `intervalMs` until destroyed. The
// importer's progress must keep coming while SQLite works inside a single step
// (sorting an index, writing the commit), where no callback of SQLite's runs.
class ProgressHeartbeat
{
public:
    ProgressHeartbeat(int intervalMs, std::function<void()> beat);
    ~ProgressHeartbeat();
    ProgressHeartbeat(const ProgressHeartbeat &) = delete;
    ProgressHeartbeat &operator=(const ProgressHeartbeat &) = delete;

private:
    std::function<void()> m_beat;
    std::mutex m_mutex;
    std::condition_variable m_stop;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace nps

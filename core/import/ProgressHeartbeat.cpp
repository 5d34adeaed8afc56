#include "ProgressHeartbeat.h"

#include <algorithm>
#include <chrono>

namespace nps {

ProgressHeartbeat::ProgressHeartbeat(int intervalMs, std::function<void()> beat)
    : m_beat(std::move(beat))
{
    const std::chrono::milliseconds interval(std::max(intervalMs, 1));
    // Started last, once every member it reads exists.
    m_thread = std::thread([this, interval] {
        std::unique_lock lock(m_mutex);
        while (!m_stop.wait_for(lock, interval, [this] { return m_stopping; })) {
            lock.unlock();
            m_beat();
            lock.lock();
        }
    });
}

ProgressHeartbeat::~ProgressHeartbeat()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_stop.notify_all();
    m_thread.join();
}

} // namespace nps

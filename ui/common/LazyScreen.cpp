#include "LazyScreen.h"

#include <QCoreApplication>
#include <QThread>

namespace nps::ui {

void LazyScreen::setContext(const ScreenContext &context)
{
    m_context = context;
    reloadWhenVisible();
}

void LazyScreen::reloadWhenVisible()
{
    // Hidden, a screen waits until shown: opening a large file must not queue
    // its queries ahead of the screen in view on the worker threads.
    if (isVisible())
        reload();
    else
        m_stale = true;
}

void LazyScreen::showEvent(QShowEvent *event)
{
    Screen::showEvent(event);
    if (m_stale)
        reload();
}

void LazyScreen::waitUntilLoaded()
{
    if (m_stale)
        reload();
    while (m_pending > 0) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (m_pending > 0)
            QThread::msleep(1);
    }
}

} // namespace nps::ui

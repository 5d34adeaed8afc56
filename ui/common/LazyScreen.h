#pragma once

#include "Screen.h"

namespace nps::ui {

// A screen that queries only when it is visible: a context change while it is
// hidden marks it stale, and it reloads when shown. waitUntilLoaded() runs a
// pending reload and waits until every background query it counted in
// m_pending has delivered.
class LazyScreen : public Screen
{
    Q_OBJECT

public:
    using Screen::Screen;

    void setContext(const ScreenContext &context) override;
    void waitUntilLoaded() override;

protected:
    void showEvent(QShowEvent *event) override;
    // Starts the screen's queries for m_context; clears m_stale.
    virtual void reload() = 0;
    // Reloads now if shown, else marks the screen stale: the end of setContext(),
    // also for screens that do more there first.
    void reloadWhenVisible();

    ScreenContext m_context;
    int m_pending = 0;    // background queries in flight
    bool m_stale = false; // the context changed while hidden: reload when shown
};

} // namespace nps::ui

#pragma once

#include "query/ResponseFilter.h"

#include <QWidget>

class QUndoStack;

namespace nps {
class Clock;
}

namespace nps::ui {

// What every screen shares: the open database (by path: screens run their
// queries off the GUI thread, each worker with its own connection), the filter
// bar's current filter, and the clock.
struct ScreenContext
{
    QString databasePath; // empty when no database is open
    ResponseFilter filter;
    const Clock *clock = nullptr;
    double confidence = 0.95; // of every interval and significance test shown
    // False for --screenshot runs: screens read what the user left (a search,
    // a reading position) but write nothing back.
    bool persistent = true;
};

// A page of the main window. The window calls setContext() whenever the
// database or the filter changes; a screen reloads lazily when it is shown.
class Screen : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual void setContext(const ScreenContext &context) = 0;

    // Blocks (processing events) until the data requested so far has arrived,
    // so --screenshot and tests capture a filled screen. Default: nothing pending.
    virtual void waitUntilLoaded() {}

    // Parts of the screen (tabs, views) that `--view NAME` shows directly, so
    // every one of them can be rendered with --screenshot.
    virtual QStringList partNames() const { return {}; }
    virtual void showPart(const QString &name) { Q_UNUSED(name) }

    // The screen's edits that Edit > Undo and Redo take back, if it has any.
    virtual QUndoStack *undoStack() const { return nullptr; }
    // Called by the window, whose Edit menu then owns the Undo and Redo
    // shortcuts: two actions on one shortcut would cancel each other out.
    virtual void leaveUndoShortcutsToWindow() {}

signals:
    // Ask the window to show the Comments screen with exactly this filter (drill-down).
    void openCommentsRequested(const nps::ResponseFilter &filter);
    void statusMessage(const QString &message);
    // Something in the database changed (an edit, a tag); other screens may reload.
    void dataChanged();
};

} // namespace nps::ui

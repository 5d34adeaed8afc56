#pragma once

#include <QCoreApplication>
#include <memory>

namespace nps::cli {

// A QApplication for commands that draw (chart export); chooses the offscreen
// platform when there is no display, so scripts work on a headless machine.
std::unique_ptr<QCoreApplication> createDrawingApplication(int &argc, char *argv[]);

// Opens the main window (optionally on a database, the demo, or rendering one
// view to a PNG with --screenshot) and runs the event loop.
int launchGui(int &argc, char *argv[]);

} // namespace nps::cli

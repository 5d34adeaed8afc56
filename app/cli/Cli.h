#pragma once

namespace nps::cli {

// The whole program: a subcommand runs headless on QCoreApplication; no
// subcommand (or a .npsdb path, --demo, --screenshot) opens the window.
int run(int argc, char *argv[]);

} // namespace nps::cli

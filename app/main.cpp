#include "cli/Cli.h"

int main(int argc, char *argv[])
{
    return nps::cli::run(argc, argv);
}

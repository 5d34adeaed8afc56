// libFuzzer target: the score parser and its rejection reasons.
#include "readers/ValueParsers.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView cell(reinterpret_cast<const char *>(data), qsizetype(size));
    const nps::ScoreResult r = nps::parseScore(cell);
    if (r.ok() && (r.value < 0 || r.value > 10))
        __builtin_trap();
    if (!r.ok() && r.reason(cell).isEmpty())
        __builtin_trap();
    (void)nps::parseBoolean(cell);
    const int group = nps::parseNpsGroup(cell);
    if (group < -1 || group > 2)
        __builtin_trap();
    return 0;
}

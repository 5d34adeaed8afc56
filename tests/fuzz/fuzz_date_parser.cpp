// libFuzzer target: the date/time parser in every day/month order, with and
// without Excel serials, plus the slash-date evidence used for the column order.
#include "readers/ValueParsers.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView cell(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const nps::DateOrder order : {nps::DateOrder::Auto, nps::DateOrder::DayMonthYear,
                                       nps::DateOrder::MonthDayYear, nps::DateOrder::YearMonthDay}) {
        for (const bool serial : {false, true}) {
            const nps::TimeResult r = nps::parseTime(cell, order, nullptr, serial);
            if (!r.ok() && r.reason(cell).isEmpty())
                __builtin_trap();
            // Every accepted time lies within years 1..9999 (or a Unix/serial value).
            if (r.ok() && (r.utcSeconds < -62135596800LL || r.utcSeconds > 253402300799LL + 86400))
                __builtin_trap();
        }
    }
    const int evidence = nps::slashDateEvidence(cell);
    if (evidence < 0 || evidence > 2)
        __builtin_trap();
    return 0;
}
